import { Tensor } from '../tensor/tensor.js';
import { LazyTensor } from './lazy-tensor.js';
/**
 * An i-indexed variable: row i of X, a [N, D] Tensor ([...batch, N, D]: one point cloud per batch index).
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj } from 'lazykernel';
 * const X = tensor(new Float32Array([0, 0, 1, 0, 0, 1]), [3, 2]);   // N = 3 points in 2-D
 * const x = Vi(X);                        // pykeops: LazyTensor(X[:, None, :])
 * console.log(x.dim);                     // => 2
 * console.log(await x.sqdist(Vj(X)).min(1)); // => [[0], [0], [0]]
 * ```
 */
export declare function Vi(X: Tensor): LazyTensor;
/**
 * A j-indexed variable: row j of Y, a [M, D] Tensor ([...batch, M, D]: one point cloud per batch index).
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj } from 'lazykernel';
 * const X = tensor([0, 1, 2], [3, 1]);
 * const Y = tensor([0, 2], [2, 1]);       // M = 2
 * const y = Vj(Y);                        // pykeops: LazyTensor(Y[None, :, :])
 * console.log(await Vi(X).sqdist(y).argmin(1)); // => [[0], [0], [1]]
 * ```
 */
export declare function Vj(Y: Tensor): LazyTensor;
/**
 * A parameter: the same vector for every (i, j). A number or number array adopts the dtype of
 * the formula; a Tensor of shape [D] keeps its own (and must match the formula's). A Tensor
 * [...batch, D] holds one parameter vector per batch index ([1, D] is read as [D]).
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, Pm } from 'lazykernel';
 * const X = tensor([0, 1, 2], [3, 1]);
 * const sigma = 0.5;
 * const gamma = Pm(1 / (2 * sigma ** 2));                  // one scalar for every (i, j)
 * const K = Vi(X).sqdist(Vj(X)).mul(gamma).neg().exp();    // exp(-|x_i - x_j|^2 / (2 sigma^2))
 * console.log(await K.sum(1)); // => [[1.13567], [1.27067], [1.13567]]
 * ```
 */
export declare function Pm(value: number | readonly number[] | Tensor): LazyTensor;
