/**
 * Ranges and centroids of labelled clusters, as pykeops.torch.cluster's cluster_ranges,
 * cluster_centroids and cluster_ranges_centroids: the per-cluster description that
 * fromMatrix turns into block-sparse ranges.
 */
import { Tensor } from '../tensor/tensor.js';
/** Options of `clusterRangesCentroids`. */
export interface ClusterRangesCentroidsOptions {
    /** Positive weight of each point (Tensor [N] or numbers); centroids become weighted barycenters. */
    weights?: Tensor | Float32Array | Float64Array | readonly number[];
    /** Weights are clamped to at least this value, for stability (pykeops's min_weight). Default 1e-9. */
    minWeight?: number;
}
/** What `clusterRangesCentroids` returns. */
export interface ClusterRangesCentroids {
    /** int32 [C, 2]: cluster k is rows [ranges[k, 0], ranges[k, 1]) of the points sorted by sortClusters. */
    readonly ranges: Tensor;
    /** [C, D] barycenters, in X's dtype (NaN for an empty label, as in pykeops). */
    readonly centroids: Tensor;
    /** [C] total weight (the point count without weights), in X's dtype. */
    readonly weights: Tensor;
}
/**
 * The [start, end) ranges (int32 [C, 2]) that labels 0..C-1 occupy once the points are
 * sorted by label (sortClusters), C being the largest label + 1.
 *
 * @example
 * ```ts
 * import { tensor, clusterRanges } from 'lazykernel';
 * const labels = tensor(new Int32Array([0, 1, 0, 1, 2]));
 * console.log(clusterRanges(labels)); // => [[0, 2], [2, 4], [4, 5]]
 * ```
 */
export declare function clusterRanges(labels: Tensor | Int32Array): Tensor;
/**
 * Ranges, centroids and total weights of the clusters given by `labels` (int32 [N], values
 * 0..C-1) on the points X [N, D], like pykeops's cluster_ranges_centroids.
 *
 * @example
 * ```ts
 * import { tensor, gridCluster, clusterRangesCentroids } from 'lazykernel';
 * const X = tensor([0.1, 2.2, 0.3, 2.4, 5.0], [5, 1]);
 * const { ranges, centroids, weights } = clusterRangesCentroids(X, gridCluster(X, 1));
 * console.log(ranges);    // => [[0, 2], [2, 4], [4, 5]]
 * console.log(centroids); // => [[0.2], [2.3], [5.0]]
 * console.log(weights);   // => [2, 2, 1]
 * ```
 */
export declare function clusterRangesCentroids(X: Tensor, labels: Tensor | Int32Array, options?: ClusterRangesCentroidsOptions): ClusterRangesCentroids;
