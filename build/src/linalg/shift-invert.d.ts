import { type LinearOperator } from './linear-operator.js';
import { type Preconditioner } from './columns.js';
/** How shift-invert applies (A - sigma I)^-1 (and the generalised problem M^-1). */
export interface InnerSolverOptions {
    /** 'minres' (default; any sigma) or 'cg' (when A - sigma I is positive definite). */
    method?: 'minres' | 'cg';
    /** Relative tolerance of each solve, default eigsh's tol / 100. */
    tol?: number;
    /** Iteration limit of each solve, default 10 N. */
    maxiter?: number;
    /** Preconditioner for A - sigma I. */
    M?: Preconditioner;
}
/** options.solver, resolved. */
export interface InnerSolver {
    method: 'minres' | 'cg';
    tol: number;
    maxiter: number;
    M: Preconditioner | undefined;
}
/** options.solver checked, with its defaults filled in (tol: the outer tol / 100; maxiter: 10 N). */
export declare function innerSolverOptions(where: string, opts: unknown, A: LinearOperator, outerTol: number): InnerSolver;
/**
 * X -> (A - sigma I)^-1 X column by column (all columns in one solve call), with the number
 * of inner operator applications. A failed inner solve raises a ConvergenceError.
 */
export declare function shiftInvert(where: string, A: LinearOperator, sigma: number, solver: InnerSolver, B?: LinearOperator): (cols: Float64Array[], signal: AbortSignal | undefined) => Promise<{
    result: Float64Array<ArrayBufferLike>[];
    inner: number;
}>;
