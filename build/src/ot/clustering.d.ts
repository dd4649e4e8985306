import { Tensor } from '../tensor/tensor.js';
/** Labels given by the user (any numeric tensor) as contiguous integers 0..C-1, in sorted order. */
export declare function relabel(labels: Tensor): Int32Array;
/** Rows `perm` of t (differentiable: the gradient is scattered back). */
export declare function gatherRows(t: Tensor, perm: Int32Array): Tensor;
/** The inverse permutation, to put sorted values back in the input order. */
export declare function inversePermutation(perm: Int32Array): Int32Array;
