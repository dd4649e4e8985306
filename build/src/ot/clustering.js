/**
 * What the multiscale backend adds to the block-sparse helpers of src/cluster: compact labels
 * from user-given ones, and a differentiable row gather (sorting the weights and points by
 * cluster must keep their gradients).
 */
import { attachGrad, gradNode } from '../autograd/grad-node.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
/** Labels given by the user (any numeric tensor) as contiguous integers 0..C-1, in sorted order. */
export function relabel(labels) {
    const values = Array.from(labels.data);
    const unique = [...new Set(values)].sort((p, q) => p - q);
    const index = new Map();
    unique.forEach((v, k) => index.set(v, k));
    return Int32Array.from(values, (v) => index.get(v));
}
/** Rows `perm` of t (differentiable: the gradient is scattered back). */
export function gatherRows(t, perm) {
    const rows = t.shape[0];
    const width = t.size / Math.max(1, rows);
    const out = allocateData(t.dtype, t.size);
    const d = t.data;
    for (let r = 0; r < perm.length; r++)
        for (let k = 0; k < width; k++)
            out[r * width + k] = d[perm[r] * width + k];
    const result = new Tensor(out, t.shape);
    return attachGrad(result, gradNode('GatherRowsBackward', [t], (g) => {
        const gi = allocateData(t.dtype, t.size);
        for (let r = 0; r < perm.length; r++)
            for (let k = 0; k < width; k++)
                gi[perm[r] * width + k] = g.data[r * width + k];
        return [new Tensor(gi, t.shape)];
    }, []));
}
/** The inverse permutation, to put sorted values back in the input order. */
export function inversePermutation(perm) {
    const inv = new Int32Array(perm.length);
    perm.forEach((p, r) => { inv[p] = r; });
    return inv;
}
