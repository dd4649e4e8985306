import { Tensor } from '../tensor/tensor.js';
import { LazyTensor } from './lazy-tensor.js';
/** An i-indexed variable: row i of X, a [N, D] Tensor. */
export declare function Vi(X: Tensor): LazyTensor;
/** A j-indexed variable: row j of Y, a [M, D] Tensor. */
export declare function Vj(Y: Tensor): LazyTensor;
/**
 * A parameter: the same vector for every (i, j). A number or number array adopts the dtype of
 * the formula; a Tensor of shape [D] keeps its own (and must match the formula's).
 */
export declare function Pm(value: number | readonly number[] | Tensor): LazyTensor;
