/**
 * lazykernel: KeOps-style lazy kernel tensors for JavaScript.
 * Build formulas with Vi, Vj and Pm, reduce them over i or j without materialising the matrix.
 */
export { Tensor, tensor, zeros, type DType, type TensorOptions } from './tensor/tensor.js';
export { LazyTensor } from './api/lazy-tensor.js';
export { Vi, Vj, Pm } from './api/variables.js';
export type { ReduceOptions, LogSumExpOptions, Backend } from './api/reduce.js';
export { configure, engineInfo, shutdown, type ConfigureOptions, type EngineInfo } from './api/engine.js';
export { LazyKernelError, ShapeError, DTypeError, ValueError, BackendError, AbortError } from './errors.js';
