import { Tensor } from '../tensor.js';
import { type Axis, type TensorReduceOptions } from './reduce.js';
/** exp(x) / sum(exp(x)) along `axis` (default the last). */
export declare function softmax(a: Tensor, axis?: number): Tensor;
/** x - log(sum(exp(x))) along `axis` (default the last). */
export declare function logSoftmax(a: Tensor, axis?: number): Tensor;
/** log(sum(exp(x))) over `axis` (all axes by default), without overflow. */
export declare function logsumexp(a: Tensor, axis?: Axis, options?: TensorReduceOptions): Tensor;
