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
 */
export declare function gridCluster(X: Tensor, eps: number | readonly number[] | Tensor): Tensor;
