import { type VectorLike } from './arrays.js';
import type { LinearOperator } from './linear-operator.js';
import { type Preconditioner, type SolveResult, type SolverProgress } from './columns.js';
/** Options of `cg`. */
export interface CgOptions {
    /** Relative tolerance: a column stops when ||b - A x|| <= max(tol ||b||, atol). Default 1e-5 (scipy's rtol). */
    tol?: number;
    /** Absolute tolerance, default 0. */
    atol?: number;
    /** Iteration limit, default 10 N (scipy's). */
    maxiter?: number;
    /** Initial guess, shaped like b. */
    x0?: VectorLike;
    /** Preconditioner approximating A^-1 (symmetric positive definite). */
    M?: Preconditioner;
    /**
     * Probe A for symmetry before iterating (one application of A to 2 vectors) and throw a
     * ValueError when it is not symmetric. Default true; false skips the probe.
     */
    checkSymmetric?: boolean;
    signal?: AbortSignal;
    onProgress?: (progress: SolverProgress) => void;
}
/**
 * Solves A x = b for a symmetric positive definite operator A and b of shape [N] or [N, k].
 * Resolves to `{ x, iterations, converged, residual, residuals, reason, message }`: `x` has
 * b's shape; not converging is reported through `converged` and `reason` ('maxiter', or
 * 'non-positive curvature' when A is not positive definite), as scipy's `info`, not thrown.
 * Throws a ValueError when A is not symmetric (see `checkSymmetric`) or returns NaN or Inf.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, aslinearoperator, identity, cg } from 'lazykernel';
 * const X = tensor(Float64Array.from({ length: 20 }, (_, k) => k / 4), [20, 1]);
 * const A = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp()).add(identity(20));   // K + I: positive definite
 * const b = new Float64Array(20).fill(1);
 * const { x, converged, iterations } = await cg(A, b, { tol: 1e-8 });
 * console.log(converged);                                       // => true
 * const r = (await A.matvec(x)).sub(tensor(b)).abs().max().item();
 * console.log(r < 1e-6);                                        // => true
 * ```
 */
export declare function cg(op: LinearOperator, b: VectorLike, options?: CgOptions): Promise<SolveResult>;
