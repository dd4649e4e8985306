import { Tensor } from '../tensor/tensor.js';
/** Uniform weights 1/N for points [N, D] (shape [N]) or [B, N, D] (shape [B, N]), in x's dtype. */
export declare function uniformWeights(x: Tensor): Tensor;
/**
 * Checks weights [B, N] (or [N]): finite, non-negative, with a positive total mass per batch
 * element. Returns the total masses.
 */
export declare function checkWeights(a: Tensor, which: string, B: number, where?: string): Float64Array;
/**
 * log(a) with -100000 where a <= 0, like GeomLoss's `log_weights`; never part of a graph
 * (the Sinkhorn loop uses the log-weights as constants).
 */
export declare function logWeights(a: Tensor): Tensor;
