/** sort_clusters: points reordered so that every cluster is contiguous, as in pykeops. */
import { Tensor } from '../tensor/tensor.js';
/** What `sortClusters` returns; `sorted` has the structure of the input (one Tensor or a list). */
export interface SortedClusters<T extends Tensor | readonly Tensor[]> {
    readonly sorted: T;
    /** The labels in ascending order (int32 [N]). */
    readonly labels: Tensor;
    /** int32 [N]: sorted row r is input row perm[r], so results computed on sorted points map back. */
    readonly perm: Tensor;
}
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
export declare function sortClusters<T extends Tensor | readonly Tensor[]>(X: T, labels: Tensor | Int32Array): SortedClusters<T>;
