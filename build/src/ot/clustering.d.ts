import { Tensor } from '../tensor/tensor.js';
import type { RangesTuple } from '../api/ranges.js';
/**
 * Voxel labels of the rows of x [N, D] for cubic cells of side `size` (KeOps's `grid_cluster`):
 * contiguous integers 0..C-1 in the order of the cells' codes.
 */
export declare function gridCluster(x: Tensor, size: number): Int32Array;
/** Labels given by the user (any numeric tensor) as contiguous integers 0..C-1, in sorted order. */
export declare function relabel(labels: Tensor): Int32Array;
/** The permutation sorting the labels (stable), as an Int32Array of indices. */
export declare function sortPermutation(labels: Int32Array): Int32Array;
/**
 * Ranges [start, end) of every cluster in the sorted order, weighted centroids [C, D] and
 * cluster weights [C] (KeOps's `cluster_ranges_centroids`). A cluster without mass keeps the
 * plain mean of its points as centroid (KeOps would divide 0 by 0).
 */
export declare function clusterRangesCentroids(x: Tensor, labels: Int32Array, weights: Tensor): {
    ranges: Int32Array;
    centroids: Tensor;
    clusterWeights: Tensor;
};
/** Rows `perm` of t (differentiable: the gradient is scattered back). */
export declare function gatherRows(t: Tensor, perm: Int32Array): Tensor;
/** A boolean matrix [rows, cols] stored one bit per entry. */
export declare class BitMatrix {
    readonly rows: number;
    readonly cols: number;
    readonly bits: Uint32Array;
    constructor(rows: number, cols: number);
    set(i: number, j: number): void;
    get(i: number, j: number): boolean;
}
/**
 * KeOps's `from_matrix`: the 6-tuple [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI]
 * of the block-sparse reduction that keeps the cluster pairs (i, j) with keep(i, j).
 */
export declare function fromMatrix(rangesI: Int32Array, rangesJ: Int32Array, keep: BitMatrix): RangesTuple;
/** KeOps's `swap_axes`: the same block-sparsity for the transposed reduction. */
export declare function swapAxes(r: RangesTuple): RangesTuple;
