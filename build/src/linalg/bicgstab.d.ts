import { type VectorLike } from './arrays.js';
import type { LinearOperator } from './linear-operator.js';
import { type Preconditioner, type SolveResult, type SolverProgress } from './columns.js';
/** Options of `bicgstab`. */
export interface BicgstabOptions {
    /** Relative tolerance: a column stops when ||b - A x|| <= max(tol ||b||, atol). Default 1e-5 (scipy's rtol). */
    tol?: number;
    /** Absolute tolerance, default 0. */
    atol?: number;
    /** Iteration limit, default 10 N (scipy's). */
    maxiter?: number;
    /** Initial guess, shaped like b. */
    x0?: VectorLike;
    /** Preconditioner approximating A^-1, applied on the right. */
    M?: Preconditioner;
    signal?: AbortSignal;
    onProgress?: (progress: SolverProgress) => void;
}
/**
 * Solves A x = b for a square operator A (symmetric or not) and b of shape [N] or [N, k].
 * Resolves to `{ x, iterations, converged, residual, residuals, reason, message }` like `cg`;
 * `reason` is 'converged', 'maxiter' or 'breakdown' (a recurrence coefficient vanished: rerun
 * with another x0, or use gmres). Not converging is reported, not thrown; NaN or Inf from A is
 * a ValueError.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, bicgstab } from 'lazykernel';
 * const A = aslinearoperator(tensor([4, 1, 0, -2, 3, 1, 0, 1, 2], [3, 3], { dtype: 'float64' }));   // not symmetric
 * const { x, converged } = await bicgstab(A, [1, 2, 3], { tol: 1e-10 });
 * console.log(converged); // => true
 * const r = (await A.matvec(x)).sub(tensor([1, 2, 3], [3], { dtype: 'float64' })).abs().max().item();
 * console.log(r < 1e-9);  // => true
 * ```
 */
export declare function bicgstab(op: LinearOperator, b: VectorLike, options?: BicgstabOptions): Promise<SolveResult>;
