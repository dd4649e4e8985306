import { type VectorLike } from './arrays.js';
import type { LinearOperator } from './linear-operator.js';
import { type Preconditioner, type SolveResult, type SolverProgress } from './columns.js';
/** Options of `gmres`. */
export interface GmresOptions {
    /** Relative tolerance: a column stops when ||b - A x|| <= max(tol ||b||, atol). Default 1e-5 (scipy's rtol). */
    tol?: number;
    /** Absolute tolerance, default 0. */
    atol?: number;
    /** Krylov dimension between restarts, default 20 (scipy's); capped at N. */
    restart?: number;
    /** Limit on restart cycles (scipy's maxiter), default 10 N. */
    maxiter?: number;
    /** Initial guess, shaped like b. */
    x0?: VectorLike;
    /** Right preconditioner approximating A^-1: the solver works with A M and returns x = M y. */
    M?: Preconditioner;
    signal?: AbortSignal;
    /** Called after every Arnoldi step with the residual estimate of the least-squares problem. */
    onProgress?: (progress: SolverProgress) => void;
}
/**
 * Solves A x = b for a square operator A (symmetric or not) and b of shape [N] or [N, k], by
 * GMRES restarted every `restart` steps. Resolves to `{ x, iterations, converged, residual,
 * residuals, reason, message }` like `cg`: `iterations` counts Arnoldi steps (operator
 * applications) of the slowest column, `residual` is the true relative residual
 * ||b - A x|| / ||b|| computed at the last restart. Not converging is reported
 * (`converged: false`, `reason: 'maxiter'`), not thrown; NaN or Inf from A is a ValueError.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, gmres } from 'lazykernel';
 * const A = aslinearoperator(tensor([4, 1, 0, -2, 3, 1, 0, 1, 2], [3, 3], { dtype: 'float64' }));   // not symmetric
 * const { x, converged } = await gmres(A, [1, 2, 3], { tol: 1e-10 });
 * console.log(converged); // => true
 * const r = (await A.matvec(x)).sub(tensor([1, 2, 3], [3], { dtype: 'float64' })).abs().max().item();
 * console.log(r < 1e-9);  // => true
 * ```
 */
export declare function gmres(op: LinearOperator, b: VectorLike, options?: GmresOptions): Promise<SolveResult>;
