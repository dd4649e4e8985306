// LazyTensor.solve delegates to linalg's kernelSolve, which builds on LazyTensor (linalg sits
// above the API). So that the API imports nothing from linalg, linalg/solve.ts registers its
// kernelSolve here when the package loads (package.json's sideEffects keeps it in bundles).
import type { Tensor } from '../tensor/tensor.js';
import type { KernelSolveOptions } from '../linalg/solve.js';
import type { SolveResult } from '../linalg/columns.js';
import type { LazyTensor } from './lazy-tensor.js';
import { BackendError } from '../errors.js';

export type KernelSolver = (K: LazyTensor, b: Tensor | LazyTensor, options?: KernelSolveOptions) => Promise<SolveResult>;

let solver: KernelSolver | null = null;

/** Called once by linalg/solve.ts as it loads. */
export function registerKernelSolve(solve: KernelSolver): void {
  solver = solve;
}

/** The registered kernelSolve (a BackendError if the linear algebra module was never loaded). */
export function kernelSolver(): KernelSolver {
  if (!solver) {
    throw new BackendError("LazyTensor.solve: the linear algebra module (linalg/solve) was not loaded; import the package ('lazykernel'), which loads it, rather than its internal files");
  }
  return solver;
}
