/**
 * The soft C-transform on dense batched cost matrices (GeomLoss's `softmin_tensorized`):
 * f[b, i] = -eps log sum_j exp(h[b, j] - C[b, i, j] / eps).
 */
import { isGradEnabled } from '../autograd/grad-mode.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { AbortError } from '../errors.js';
/**
 * C [B, N, M], h [B, M] -> [B, N]. With a graph to record (C requires grad), host tensor ops
 * that autograd differentiates; otherwise two fused passes over C (max, then sum).
 */
export function softminTensorized(eps, C, h, signal) {
    const [B, N, M] = C.shape;
    if (signal?.aborted)
        throw new AbortError('samplesLoss: aborted');
    if (C.requiresGrad && isGradEnabled()) {
        return h.reshape([B, 1, M]).sub(C.div(eps)).logsumexp(2).mul(-eps);
    }
    const c = C.data;
    const hd = h.data;
    const out = allocateData(C.dtype === 'float64' || h.dtype === 'float64' ? 'float64' : 'float32', B * N);
    const inv = 1 / eps;
    for (let b = 0; b < B; b++) {
        const hOff = b * M;
        for (let i = 0; i < N; i++) {
            const cOff = (b * N + i) * M;
            let m = -Infinity;
            for (let j = 0; j < M; j++) {
                const v = hd[hOff + j] - c[cOff + j] * inv;
                if (v > m)
                    m = v;
            }
            if (m === -Infinity || m !== m) {
                out[b * N + i] = m === -Infinity ? Infinity : NaN;
                continue;
            }
            // Terms below e^-60 of the largest one (which contributes 1) cannot change the float64
            // sum of fewer than 10^10 terms: skip their exp (most of them at small temperatures).
            const floor = m - 60;
            let s = 0;
            for (let j = 0; j < M; j++) {
                const v = hd[hOff + j] - c[cOff + j] * inv;
                if (v > floor)
                    s += Math.exp(v - m);
            }
            out[b * N + i] = -eps * (m + Math.log(s));
        }
    }
    return new Tensor(out, [B, N]);
}
