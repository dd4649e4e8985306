import { ShapeError } from '../errors.js';
/**
 * The layout of a variable's tensor: Vi / Vj take [N], [N, D] or [...batch, N, D]; Pm takes [D]
 * or [...batch, D], where [1, D] is read as [D] (as before batches existed).
 */
export function varLayout(shape, category) {
    if (category === 'p') {
        if (shape.length <= 1 || (shape.length === 2 && shape[0] === 1))
            return { batchShape: [], rows: 1, dim: shape.reduce((a, b) => a * b, 1) };
        return { batchShape: shape.slice(0, -1), rows: 1, dim: shape[shape.length - 1] };
    }
    if (shape.length === 1)
        return { batchShape: [], rows: shape[0], dim: 1 };
    return { batchShape: shape.slice(0, -2), rows: shape[shape.length - 2], dim: shape[shape.length - 1] };
}
/** The layout of a variable leaf's tensor. */
export function tensorLayout(t, category) {
    return varLayout(t.shape, category);
}
const fmt = (s) => `[${s.join(', ')}]`;
/**
 * The batch shape of a reduction: the numpy broadcast of its inputs' batch shapes, or a
 * ShapeError naming both inputs' shapes at the first pair that does not broadcast.
 */
export function broadcastBatchShapes(where, inputs) {
    let out = [];
    let from = null;
    for (const input of inputs) {
        const b = input.batchShape;
        const n = Math.max(out.length, b.length);
        const next = new Array(n);
        for (let k = 0; k < n; k++) {
            const da = out[out.length - n + k] ?? 1;
            const db = b[b.length - n + k] ?? 1;
            if (da !== db && da !== 1 && db !== 1) {
                const name = (c) => (c === 'i' ? 'Vi' : c === 'j' ? 'Vj' : 'Pm');
                throw new ShapeError(`${where}: batch axes do not broadcast: ${name(from.category)} of shape ${fmt(from.shape)} (batch ${fmt(out)}) and ${name(input.category)} of shape ${fmt(input.shape)} `
                    + `(batch ${fmt(b)}) differ at batch axis ${k - n} (${da} vs ${db}); batch axes must be equal or 1, aligned on the right as in numpy`);
            }
            next[k] = da === 1 ? db : da;
        }
        if (b.length > 0 && (from === null || next.some((d, k) => d !== out[k]) || next.length !== out.length))
            from = input;
        out = next;
    }
    return out;
}
/** Number of batches of a batch shape (1 when it is empty). */
export function batchCount(batchShape) {
    return batchShape.reduce((a, b) => a * b, 1);
}
/**
 * For each batch index b of `batchShape` (row-major), the slice of an input of batch shape
 * `own` that batch reads: the input's own coordinates, 0 on its axes of size 1 and on the
 * axes it lacks. These are the broadcast strides, applied once per batch.
 */
export function batchSlices(own, batchShape) {
    const n = batchShape.length;
    const B = batchCount(batchShape);
    // Stride of each output batch axis in the input's slices (0 where it broadcasts).
    const strides = new Array(n).fill(0);
    let s = 1;
    for (let k = own.length - 1; k >= 0; k--) {
        const axis = n - own.length + k;
        strides[axis] = own[k] === 1 ? 0 : s;
        s *= own[k];
    }
    const slices = new Int32Array(B);
    const coord = new Array(n).fill(0);
    let at = 0;
    for (let b = 0; b < B; b++) {
        slices[b] = at;
        // Row-major increment of the batch coordinate, moving `at` by the strides.
        for (let k = n - 1; k >= 0; k--) {
            coord[k]++;
            at += strides[k];
            if (coord[k] < batchShape[k])
                break;
            at -= strides[k] * coord[k];
            coord[k] = 0;
        }
    }
    return slices;
}
/**
 * A LazyTensor's shape from its variables: [...batch, N, M] (then D when dim > 1), the batch
 * axes broadcast (a ShapeError when they do not); an axis without variables is reported as 1.
 */
export function lazyShape(vars, dim) {
    const leaves = vars.filter((v) => v.tensor && v.category).map((v) => ({ shape: v.tensor.shape, category: v.category, ...tensorLayout(v.tensor, v.category) }));
    const rows = (cat) => leaves.find((v) => v.category === cat)?.rows ?? 1;
    const batch = broadcastBatchShapes('LazyTensor shape', leaves);
    return dim === 1 ? [...batch, rows('i'), rows('j')] : [...batch, rows('i'), rows('j'), dim];
}
