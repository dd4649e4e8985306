import { Tensor } from '../tensor/tensor.js';
/**
 * C [B, N, M], h [B, M] -> [B, N]. With a graph to record (C requires grad), host tensor ops
 * that autograd differentiates; otherwise two fused passes over C (max, then sum).
 */
export declare function softminTensorized(eps: number, C: Tensor, h: Tensor, signal?: AbortSignal): Tensor;
