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
    signal?: AbortSignal;
    onProgress?: (progress: SolverProgress) => void;
}
/**
 * Solves (A - shift I) x = b for a symmetric operator A, b of shape [N] or [N, k]. Resolves to
 * `{ x, iterations, converged, residual, residuals }` like `cg`.
 */
export declare function minres(op: LinearOperator, b: VectorLike, options?: MinresOptions): Promise<SolveResult>;
