/**
 * The soft C-transform on dense batched cost matrices (GeomLoss's `softmin_tensorized`):
 * f[b, i] = -eps log sum_j exp(h[b, j] - C[b, i, j] / eps).
 */
import { attachGrad, gradNode } from '../autograd/grad-node.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { Yielder } from '../abort.js';
import { denseSoftminKernel } from '../dispatch/dense-softmin.js';
import { softminRowsHost } from './softmin-rows.js';
const isFloat = (a) => a instanceof Float32Array || a instanceof Float64Array;
/** Pairs (i, j) the dense pass covers between two looks at the clock (about a millisecond). */
const PAIRS_PER_TICK = 1 << 18;
/**
 * C [B, N, M], h [B, M] -> [B, N], in two fused passes over C (max, then sum) that give the
 * event loop a turn through `yielder` every 20 ms (one call on 5000^2 pairs takes longer than
 * that) and stop with an AbortError when its signal fires. Differentiable in C and h (the last,
 * differentiable Sinkhorn step): the backward is one more pass, where broadcasting host ops
 * would hold the calling thread for seconds at that size.
 */
export async function softminTensorized(eps, C, h, yielder) {
    const [B, N, M] = C.shape;
    await yielder.tick();
    const c = C.data;
    const hd = h.data;
    const out = allocateData(C.dtype === 'float64' || h.dtype === 'float64' ? 'float64' : 'float32', B * N);
    const inv = 1 / eps;
    // The engine's SIMD kernel where it runs (float C and h), the host's loops otherwise: the
    // same values within float64 rounding.
    const kernel = isFloat(c) && isFloat(hd) ? await denseSoftminKernel() : null;
    // Each block of rows runs synchronously: an await per row (or per call of a loop making
    // thousands of small ones) costs more than the rows themselves at N = M = 50.
    const rowsPerBlock = Math.max(1, Math.floor(PAIRS_PER_TICK / Math.max(M, 1)));
    for (let r0 = 0; r0 < B * N; r0 += rowsPerBlock) {
        if (r0 > 0)
            await yielder.tick();
        const r1 = Math.min(B * N, r0 + rowsPerBlock);
        if (kernel)
            kernel.rows(eps, inv, c, hd, N, M, r0, r1, out);
        else
            softminRowsHost(eps, inv, c, hd, N, M, r0, r1, out);
    }
    const result = new Tensor(out, [B, N]);
    return attachGrad(result, gradNode('SoftminBackward', [C, h], async (g) => {
        // df_i / dC_ij = P_ij and df_i / dh_j = -eps P_ij, with P_ij = exp(h_j - C_ij / eps + f_i / eps)
        // the softmax weights of row i.
        const gd = g.data;
        const gC = C.requiresGrad ? allocateData(C.dtype, B * N * M) : null;
        const gh = h.requiresGrad ? new Float64Array(B * M) : null;
        const ticks = new Yielder('samplesLoss (gradient)', undefined);
        let done = 0;
        for (let b = 0; b < B; b++) {
            for (let i = 0; i < N; i++) {
                done += M;
                if (done >= PAIRS_PER_TICK) {
                    done = 0;
                    await ticks.tick();
                }
                const f = out[b * N + i];
                const gi = gd[b * N + i];
                if (f === Infinity || gi === 0)
                    continue; // no mass in the row (P = 0), or no gradient
                const shift = f * inv;
                const cOff = (b * N + i) * M;
                for (let j = 0; j < M; j++) {
                    const w = gi * Math.exp(hd[b * M + j] - c[cOff + j] * inv + shift);
                    if (gC)
                        gC[cOff + j] = w;
                    if (gh)
                        gh[b * M + j] -= eps * w;
                }
            }
        }
        let ghT = null;
        if (gh) {
            const typed = allocateData(h.dtype, gh.length);
            typed.set(gh);
            ghT = new Tensor(typed, h.shape);
        }
        return [gC && new Tensor(gC, C.shape), ghT];
    }, [C, h, result]));
}
