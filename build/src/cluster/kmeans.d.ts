/**
 * Lloyd's k-means with lazy distance matrices, as in KeOps's k-means tutorial: each step is
 * one argmin reduction of |x_i - c_j|^2, so it scales to large N and any dimension; what
 * gridCluster cannot do for D > 3 (its cells become too many and too sparse).
 */
import { Tensor } from '../tensor/tensor.js';
/** Options of `kmeans`. */
export interface KmeansOptions {
    /** Lloyd iterations, default 10 (KeOps's tutorial). */
    iterations?: number;
    /** Initial centroids [K, D]; by default the first K points, as in the tutorial. */
    init?: Tensor;
    /**
     * Stops the iterations: the promise rejects with an AbortError within a few tens of
     * milliseconds, even when `abort()` is called from a timer (the loop gives the event loop a
     * turn every 20 ms). Must be a real AbortSignal (a ValueError otherwise).
     */
    signal?: AbortSignal;
    /** Called (and awaited) after every Lloyd iteration. */
    onProgress?: (progress: KmeansProgress) => void | Promise<void>;
}
/** Reported after every Lloyd iteration. */
export interface KmeansProgress {
    /** 1-based iteration index. */
    iteration: number;
    /** options.iterations. */
    iterations: number;
    /** Points whose nearest centroid changed in this iteration (all of them in the first). */
    changed: number;
}
/** What `kmeans` resolves to. */
export interface KmeansResult {
    /** int32 [N]: the nearest centroid of each point after the last iteration. */
    readonly labels: Tensor;
    /** [K, D] in X's dtype. A centroid that loses all its points keeps its previous position. */
    readonly centroids: Tensor;
}
/**
 * Clusters the points X [N, D] around K centroids; labels feed clusterRangesCentroids and sortClusters.
 *
 * @example
 * ```ts
 * import { tensor, kmeans } from 'lazykernel';
 * const X = tensor([0, 0, 0.1, 0, 5, 5, 5.1, 5], [4, 2]);   // two groups of two points
 * const { labels, centroids } = await kmeans(X, 2, { iterations: 10 });
 * console.log(labels);    // => [0, 0, 1, 1]
 * console.log(centroids); // => [[0.05, 0], [5.05, 5]]
 * ```
 */
export declare function kmeans(X: Tensor, K: number, options?: KmeansOptions): Promise<KmeansResult>;
