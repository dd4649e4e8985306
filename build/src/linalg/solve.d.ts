/**
 * KernelSolve: (alpha I + K) x = b for a symmetric positive (semi-)definite kernel K, by
 * conjugate gradients as in KeOps, where every iteration is one kernel reduction whatever
 * the number of columns of b. LazyTensor.solve(b, options) calls this.
 */
import { Tensor } from '../tensor/tensor.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import type { Backend } from '../api/reduce.js';
import type { RangesTuple } from '../api/ranges.js';
import type { Preconditioner, SolveResult, SolverProgress } from './columns.js';
import type { VectorLike } from './arrays.js';
/** Options of `kernelSolve` (and of LazyTensor.solve). */
export interface KernelSolveOptions {
    /** Ridge term: solves (alpha I + K) x = b. Default 1e-10, as pykeops. */
    alpha?: number;
    /** Relative residual tolerance of CG, default 1e-6. */
    tol?: number;
    /** Absolute tolerance, default 0. */
    atol?: number;
    /** CG iteration limit, default 10 N. */
    maxiter?: number;
    x0?: VectorLike;
    /** Preconditioner approximating (alpha I + K)^-1. */
    M?: Preconditioner;
    /** Reduction backend. */
    backend?: Backend;
    /** Block-sparse ranges of K (KeOps 6-tuple). */
    ranges?: RangesTuple;
    /** Probe K for symmetry before CG (one extra reduction of 2 columns); default true, as cg's. */
    checkSymmetric?: boolean;
    signal?: AbortSignal;
    onProgress?: (progress: SolverProgress) => void;
}
/**
 * Solves (alpha I + K) x = b for a square, scalar-valued kernel LazyTensor K [N, N] and b a
 * Tensor [N] or [N, D] (or the i-variable Vi(b) itself, as in pykeops). Resolves to cg's
 * result: `x` shaped like b, `iterations`, `converged`, `residual`, `residuals`.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, kernelSolve } from 'lazykernel';
 * // Kernel ridge regression weights: (alpha I + K) w = y.
 * const X = tensor(Float64Array.from({ length: 30 }, (_, k) => k / 10), [30, 1]);
 * const y = tensor(Float64Array.from({ length: 30 }, (_, k) => Math.sin(k / 10)), [30]);
 * const K = Vi(X).sqdist(Vj(X)).mul(-2).exp();
 * const { x: w, converged } = await kernelSolve(K, y, { alpha: 0.01 });   // also K.solve(y, { alpha: 0.01 })
 * console.log(converged); // => true
 * console.log(w.shape);   // => [30]
 * ```
 */
export declare function kernelSolve(K: LazyTensor, b: Tensor | LazyTensor, options?: KernelSolveOptions): Promise<SolveResult>;
