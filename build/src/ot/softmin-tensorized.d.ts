import { Tensor } from '../tensor/tensor.js';
import { Yielder } from '../abort.js';
/**
 * C [B, N, M], h [B, M] -> [B, N], in two fused passes over C (max, then sum) that give the
 * event loop a turn through `yielder` every 20 ms (one call on 5000^2 pairs takes longer than
 * that) and stop with an AbortError when its signal fires. Differentiable in C and h (the last,
 * differentiable Sinkhorn step): the backward is one more pass, where broadcasting host ops
 * would hold the calling thread for seconds at that size.
 */
export declare function softminTensorized(eps: number, C: Tensor, h: Tensor, yielder: Yielder): Promise<Tensor>;
