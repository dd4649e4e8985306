import { Tensor } from '../tensor.js';
import { type Operand } from './operands.js';
/** a + b. */
export declare function add(a: Operand, b: Operand): Tensor;
/** a - b. */
export declare function sub(a: Operand, b: Operand): Tensor;
/** a * b. */
export declare function mul(a: Operand, b: Operand): Tensor;
/** a / b. */
export declare function div(a: Operand, b: Operand): Tensor;
/** -x. */
export declare function neg(a: Tensor): Tensor;
/** e^x. */
export declare function exp(a: Tensor): Tensor;
/** Natural logarithm. */
export declare function log(a: Tensor): Tensor;
/** Square root. */
export declare function sqrt(a: Tensor): Tensor;
/** |x|; its gradient is sign(x), 0 at 0 like PyTorch. */
export declare function abs(a: Tensor): Tensor;
/** x * x. */
export declare function square(a: Tensor): Tensor;
/**
 * a ** b. A number exponent differentiates the base only; a tensor exponent also gets
 * out * log(a), taken as 0 where a = 0 and b >= 0 (PyTorch's convention).
 */
export declare function pow(a: Operand, b: Operand): Tensor;
/** Element-wise maximum (NaN wins); tied elements share the gradient equally. */
export declare function maximum(a: Operand, b: Operand): Tensor;
/** Element-wise minimum (NaN wins); tied elements share the gradient equally. */
export declare function minimum(a: Operand, b: Operand): Tensor;
/**
 * Clamps into [min, max] (either bound may be omitted with null/undefined). The gradient
 * passes where min <= x <= max, as in PyTorch.
 */
export declare function clamp(a: Tensor, min?: number | null, max?: number | null): Tensor;
/** A copy with its own data; gradients flow through it unchanged. */
export declare function clone(a: Tensor): Tensor;
