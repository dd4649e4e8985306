import { Tensor, type DType } from '../tensor/tensor.js';
/**
 * `t` itself when it already has `dtype`, else a converted copy. The copy is differentiable
 * (its gradient is converted back to `t`'s dtype), so that a gradient computed with
 * backward({ createGraph: true }) keeps its graph across a change of dtype (the oracle
 * backend returns float64 values for float32 inputs).
 */
export declare function castTo(t: Tensor, dtype: DType): Tensor;
