/**
 * KeOps's block-sparse `ranges` 6-tuple on the host: built from a cluster-to-cluster mask
 * (from_matrix), swapped between axes (swap_axes) and validated.
 */
import { Tensor } from '../tensor/tensor.js';
import { type RangesTuple } from '../api/ranges.js';
/** [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI], each an int32 Tensor. */
export type BlockRanges = readonly [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
/** A cluster-to-cluster mask: a Tensor [Ci, Cj] (non-zero keeps), a Uint8Array of Ci * Cj entries, or nested booleans. */
export type KeepMask = Tensor | Uint8Array | readonly (readonly boolean[])[];
/**
 * Turns cluster ranges (int32 [Ci, 2] and [Cj, 2]) and a mask `keep` [Ci, Cj] into KeOps's
 * 6-tuple: reductions then only visit the pairs of points whose clusters are kept.
 * Like pykeops's from_matrix, redrangesJ lists, cluster of i after cluster of i, the j-ranges
 * kept for it (ascending), slicesI their running counts; the last three mirror them for axis 0.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, gridCluster, clusterRangesCentroids, sortClusters, fromMatrix } from 'lazykernel';
 * const X = tensor([0.1, 2.2, 0.3, 2.4, 5.0], [5, 1]);
 * const labels = gridCluster(X, 1);
 * const { ranges } = clusterRangesCentroids(X, labels);
 * const { sorted: Xs } = sortClusters(X, labels);
 * // clusters 0 and 1 interact (and each with itself); cluster 2 only with itself
 * const keep = Uint8Array.of(1, 1, 0, 1, 1, 0, 0, 0, 1);
 * const r = fromMatrix(ranges, ranges, keep);
 * const K = Vi(Xs).sqdist(Vj(Xs)).neg().exp();
 * console.log(await K.sum(1, { ranges: r })); // => [[1.978], [2.000], [2.000], [1.978], [1]]
 * ```
 */
export declare function fromMatrix(rangesI: Tensor | Int32Array, rangesJ: Tensor | Int32Array, keep: KeepMask): BlockRanges;
/**
 * The ranges of the transposed reduction: the i and j halves of the 6-tuple exchanged (pykeops's swap_axes).
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, gridCluster, clusterRangesCentroids, sortClusters, fromMatrix, swapAxes } from 'lazykernel';
 * const X = tensor([0.1, 2.2, 0.3, 2.4, 5.0], [5, 1]);
 * const labels = gridCluster(X, 1);
 * const { ranges } = clusterRangesCentroids(X, labels);
 * const { sorted: Xs } = sortClusters(X, labels);
 * // clusters 0 and 1 interact (and each with itself); cluster 2 only with itself
 * const keep = Uint8Array.of(1, 1, 0, 1, 1, 0, 0, 0, 1);
 * const r = fromMatrix(ranges, ranges, keep);
 * // The same pairs with the roles of i and j exchanged (pykeops's swap_axes).
 * const Kt = Vi(Xs).sqdist(Vj(Xs)).neg().exp();
 * console.log((await Kt.sum(0, { ranges: swapAxes(r) })).shape); // => [5, 1]
 * console.log(swapAxes(r)[0]);                                   // => [[0, 2], [2, 4], [4, 5]]
 * ```
 */
export declare function swapAxes<R extends RangesTuple | null | undefined>(ranges: R): R;
/**
 * Checks a 6-tuple for reductions with nI rows on the i axis and nJ on the j axis, for both
 * axes: int32 data, shapes, ranges inside the axes, slices non-decreasing and in bounds,
 * clusters that do not share rows, and no column range reduced twice for one cluster.
 * Throws ShapeError, DTypeError or ValueError naming the faulty array.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, gridCluster, clusterRangesCentroids, sortClusters, fromMatrix, validateRanges } from 'lazykernel';
 * const X = tensor([0.1, 2.2, 0.3, 2.4, 5.0], [5, 1]);
 * const labels = gridCluster(X, 1);
 * const { ranges } = clusterRangesCentroids(X, labels);
 * const { sorted: Xs } = sortClusters(X, labels);
 * // clusters 0 and 1 interact (and each with itself); cluster 2 only with itself
 * const keep = Uint8Array.of(1, 1, 0, 1, 1, 0, 0, 0, 1);
 * const r = fromMatrix(ranges, ranges, keep);
 * validateRanges(r, 5, 5);   // fine for 5 rows on each axis
 * let error;
 * try {
 *   validateRanges(r, 4, 5); // the ranges reach row 5 of the i axis
 * } catch (e) {
 *   error = e;
 * }
 * console.log((error as Error).name); // => 'ValueError'
 * ```
 */
export declare function validateRanges(ranges: unknown, nI: number, nJ: number): void;
