import { Tensor } from '../tensor.js';
/** The matrix product a @ b (numpy / PyTorch `matmul`). */
export declare function matmul(a: Tensor, b: Tensor): Tensor;
