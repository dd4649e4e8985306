/**
 * grid_cluster: points binned into cubic voxels, as in pykeops.torch.cluster. The simplest
 * way to make the clusters that block-sparse reductions skip between.
 */
import { Tensor } from '../tensor/tensor.js';
/**
 * Voxel labels of the points X [N, D]: two points share a label when they fall in the same
 * cell of size `eps` (a number, or one size per coordinate), counting cells from the
 * smallest coordinates. Labels are compact, 0..C-1 for the C non-empty cells, numbered in
 * lexicographic order of the cells' coordinates (pykeops's order, without its limit of 1024
 * cells per axis and of D <= 3). Returns an int32 Tensor [N].
 *
 * @example
 * ```ts
 * import { tensor, gridCluster } from 'lazykernel';
 * const X = tensor([0.1, 2.2, 0.3, 2.4, 5.0], [5, 1]);
 * const labels = gridCluster(X, 1);   // cells of size 1, from the smallest coordinate
 * console.log(labels);                // => [0, 1, 0, 1, 2]
 * ```
 */
export declare function gridCluster(X: Tensor, eps: number | readonly number[] | Tensor): Tensor;
