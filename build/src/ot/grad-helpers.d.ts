import { Tensor } from '../tensor/tensor.js';
/**
 * sqrt(max(x, 0)) whose gradient is 0 where the result is 0 (GeomLoss's `sqrt_0`): distances
 * between coincident points have a zero (sub)gradient instead of NaN.
 */
export declare function sqrt0(x: Tensor): Tensor;
/** The identity whose backward doubles the gradient (GeomLoss's `double_grad`). */
export declare function doubleGrad(x: Tensor): Tensor;
/**
 * A tensor holding `value` whose gradient flows into `graph` unchanged: `value` as the
 * forward result, `graph` for the backward pass (both of one shape).
 */
export declare function withValue(graph: Tensor, value: Tensor | number): Tensor;
/** Stacks tensors of one shape along a new first axis (differentiable). */
export declare function stack(parts: readonly Tensor[]): Tensor;
/** `t` converted to `dtype` (differentiable; the same tensor when it already has it). */
export declare function castTo(t: Tensor, dtype: 'float32' | 'float64'): Tensor;
