/**
 * Measure weights: uniform defaults, checks (GeomLoss has none: a negative, NaN or all-zero
 * weight vector silently gives garbage there) and GeomLoss's clamped log-weights.
 */
import { ValueError } from '../errors.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
/** Uniform weights 1/N for points [N, D] (shape [N]) or [B, N, D] (shape [B, N]), in x's dtype. */
export function uniformWeights(x) {
    const N = x.shape[x.shape.length - 2];
    const shape = x.shape.slice(0, -1);
    const data = allocateData(x.dtype, shape.reduce((a, b) => a * b, 1));
    data.fill(1 / N);
    return new Tensor(data, shape);
}
/**
 * Checks weights [B, N] (or [N]): finite, non-negative, with a positive total mass per batch
 * element. Returns the total masses.
 */
export function checkWeights(a, which, B, where = 'samplesLoss') {
    const N = a.size / Math.max(1, B);
    const masses = new Float64Array(Math.max(1, B));
    const d = a.data;
    for (let b = 0; b < masses.length; b++) {
        let m = 0;
        for (let k = 0; k < N; k++) {
            const v = d[b * N + k];
            if (!(v >= 0) || v === Infinity) {
                throw new ValueError(`${where}: the weights ${which} must be finite and non-negative, found ${v} at index ${b * N + k}`);
            }
            m += v;
        }
        if (!(m > 0))
            throw new ValueError(`${where}: the weights ${which} have a total mass of 0${B > 0 ? ` (batch element ${b})` : ''}; a measure needs a positive mass`);
        masses[b] = m;
    }
    return masses;
}
/**
 * log(a) with -100000 where a <= 0, like GeomLoss's `log_weights`; never part of a graph
 * (the Sinkhorn loop uses the log-weights as constants).
 */
export function logWeights(a) {
    const out = allocateData(a.dtype, a.size);
    const d = a.data;
    for (let k = 0; k < d.length; k++)
        out[k] = d[k] > 0 ? Math.log(d[k]) : -100000;
    return new Tensor(out, a.shape);
}
