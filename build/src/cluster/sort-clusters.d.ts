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
 */
export declare function sortClusters<T extends Tensor | readonly Tensor[]>(X: T, labels: Tensor | Int32Array): SortedClusters<T>;
