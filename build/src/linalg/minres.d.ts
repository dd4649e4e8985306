import { type VectorLike } from './arrays.js';
import type { LinearOperator } from './linear-operator.js';
import { type Preconditioner, type SolveResult, type SolverProgress } from './columns.js';
/** Options of `minres`. */
export interface MinresOptions {
    /** Solves (A - shift I) x = b. Default 0. */
    shift?: number;
    /** Relative tolerance on the (preconditioned) residual norm, default 1e-5. */
    tol?: number;
    /** Iteration limit, default 5 N (scipy's). */
    maxiter?: number;
    x0?: VectorLike;
    /** Symmetric positive definite preconditioner approximating (A - shift I)^-1 in magnitude. */
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
 * Solves (A - shift I) x = b for a symmetric operator A, b of shape [N] or [N, k]. Resolves to
 * `{ x, iterations, converged, residual, residuals, reason, message }` like `cg`; `reason` is
 * 'converged', 'maxiter' or 'indefinite preconditioner'. Throws a ValueError when A is not
 * symmetric (see `checkSymmetric`) or returns NaN or Inf.
 *
 * @example
 * ```ts
 * import { diags, minres } from 'lazykernel';
 * const A = diags([1, -2, 4]);                        // symmetric, indefinite: cg would not do
 * const { x, converged } = await minres(A, [1, 1, 1], { tol: 1e-10 });
 * console.log(converged); // => true
 * console.log(x);         // => [1.000, -0.500, 0.250]
 * ```
 */
export declare function minres(op: LinearOperator, b: VectorLike, options?: MinresOptions): Promise<SolveResult>;
