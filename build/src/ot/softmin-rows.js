/**
 * Terms below e^-60 of a row's largest (which contributes 1) cannot change the float64 sum of
 * fewer than 10^10 terms: their exp is skipped (most of them at small temperatures).
 */
export const SOFTMIN_FLOOR = 60;
let values = new Float64Array(64);
/** Writes f_r into out[r] for r in [r0, r1). */
export function softminRowsHost(eps, inv, c, h, N, M, r0, r1, out) {
    if (values.length < M)
        values = new Float64Array(M);
    const v = values;
    for (let r = r0; r < r1; r++) {
        const hOff = Math.floor(r / N) * M;
        const cOff = r * M;
        let m = -Infinity;
        for (let j = 0; j < M; j++) {
            const vj = h[hOff + j] - c[cOff + j] * inv;
            v[j] = vj;
            if (vj > m)
                m = vj;
        }
        if (m === -Infinity) {
            out[r] = Infinity;
            continue;
        }
        const floor = m - SOFTMIN_FLOOR;
        let s = 0;
        for (let j = 0; j < M; j++) {
            const vj = v[j];
            if (vj > floor)
                s += Math.exp(vj - m);
        }
        out[r] = -eps * (m + Math.log(s));
    }
}
