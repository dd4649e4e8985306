/** sort_clusters: points reordered so that every cluster is contiguous, as in pykeops. */
import { Tensor, allocateData } from '../tensor/tensor.js';
import { DTypeError, ShapeError, describe } from '../errors.js';
import { labelVector } from './points.js';
/**
 * Sorts the rows of X (a Tensor [N, ...], or a list of them) by label, stably (points of one
 * label keep their order), so that cluster k occupies clusterRanges(labels)[k].
 *
 * @example
 * ```ts
 * import { tensor, gridCluster, sortClusters } from 'lazykernel';
 * const X = tensor([0.1, 2.2, 0.3, 2.4, 5.0], [5, 1]);
 * const { sorted, labels, perm } = sortClusters(X, gridCluster(X, 1));
 * console.log(sorted); // => [[0.1], [0.3], [2.2], [2.4], [5.0]]
 * console.log(labels); // => [0, 0, 1, 1, 2]
 * console.log(perm);   // => [0, 2, 1, 3, 4]
 * ```
 */
export function sortClusters(X, labels) {
    const where = 'sortClusters';
    const list = X instanceof Tensor ? [X] : Array.isArray(X) ? X : [];
    if (list.length === 0 || !list.every((t) => t instanceof Tensor)) {
        throw new DTypeError(`${where}: X must be a Tensor [N, D] or a non-empty list of Tensors, received ${describe(X)}`);
    }
    const n = list[0].shape[0];
    for (const t of list) {
        if (t.shape.length === 0 || t.shape[0] !== n)
            throw new ShapeError(`${where}: every tensor of X must have ${n} rows, received shape [${t.shape.join(', ')}]`);
    }
    const { data: lab, classes } = labelVector(where, labels, n ?? 0);
    // Counting sort: stable and linear.
    const start = new Int32Array(classes + 1);
    for (let i = 0; i < lab.length; i++)
        start[lab[i] + 1]++;
    for (let l = 0; l < classes; l++)
        start[l + 1] += start[l];
    const perm = new Int32Array(lab.length);
    const sortedLabels = new Int32Array(lab.length);
    for (let i = 0; i < lab.length; i++) {
        const r = start[lab[i]]++;
        perm[r] = i;
        sortedLabels[r] = lab[i];
    }
    const sorted = list.map((t) => {
        const width = t.size / Math.max(1, t.shape[0]);
        const out = allocateData(t.dtype, t.size);
        for (let r = 0; r < perm.length; r++)
            out.set(t.data.subarray(perm[r] * width, (perm[r] + 1) * width), r * width);
        return new Tensor(out, t.shape);
    });
    return {
        sorted: (X instanceof Tensor ? sorted[0] : sorted),
        labels: new Tensor(sortedLabels, [lab.length]),
        perm: new Tensor(perm, [lab.length]),
    };
}
