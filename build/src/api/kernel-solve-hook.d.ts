import type { Tensor } from '../tensor/tensor.js';
import type { KernelSolveOptions } from '../linalg/solve.js';
import type { SolveResult } from '../linalg/columns.js';
import type { LazyTensor } from './lazy-tensor.js';
export type KernelSolver = (K: LazyTensor, b: Tensor | LazyTensor, options?: KernelSolveOptions) => Promise<SolveResult>;
/** Called once by linalg/solve.ts as it loads. */
export declare function registerKernelSolve(solve: KernelSolver): void;
/** The registered kernelSolve (a BackendError if the linear algebra module was never loaded). */
export declare function kernelSolver(): KernelSolver;
