import { Tensor } from '../tensor.js';
/**
 * The same elements in a new shape (one dimension may be -1). Like PyTorch's `view`, the
 * result shares `data` and the version counter with `x`.
 */
export declare function reshape(a: Tensor, shape: readonly number[]): Tensor;
/** Swaps two axes (by default the last two), copying into row-major order. */
export declare function transpose(a: Tensor, axis0?: number, axis1?: number): Tensor;
/** `length` consecutive entries along `axis` starting at `start` (PyTorch's narrow), as a copy. */
export declare function narrow(a: Tensor, axis: number, start: number, length: number): Tensor;
/** The slice at `index` along `axis`, with that axis removed (x[:, index] for axis 1). */
export declare function select(a: Tensor, axis: number, index: number): Tensor;
