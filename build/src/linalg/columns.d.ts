/**
 * What the column-wise Krylov solvers (cg, minres) share: their argument checks, the
 * preconditioner, and one operator application for every still-active column at once, so
 * that a kernel operator runs one reduction per iteration however many right-hand sides.
 */
import { Tensor } from '../tensor/tensor.js';
import { LinearOperator } from './linear-operator.js';
import { type FloatDType, type VectorLike } from './arrays.js';
/** A preconditioner: an operator approximating A^-1, or a function r -> M r on Tensors [N]. */
export type Preconditioner = LinearOperator | ((r: Tensor) => VectorLike | Promise<VectorLike>);
/** Progress of cg and minres, reported once per iteration. */
export interface SolverProgress {
    readonly iteration: number;
    /** Largest relative residual ||r|| / ||b|| over the columns still iterating. */
    readonly residual: number;
    /** Columns that met the tolerance so far. */
    readonly converged: number;
    readonly columns: number;
}
/**
 * Why cg or minres stopped: every column met the tolerance; the iteration limit; (cg) a
 * direction with p^T A p <= 0, so A is not positive definite; (minres) r^T M r < 0, so the
 * preconditioner is not positive definite; (bicgstab) a recurrence coefficient vanished.
 */
export type SolveReason = 'converged' | 'maxiter' | 'non-positive curvature' | 'indefinite preconditioner' | 'breakdown';
/** What cg and minres resolve to. */
export interface SolveResult {
    /** The solution, with the shape of b ([N] or [N, k]). */
    readonly x: Tensor;
    /** Iterations of the slowest column. */
    readonly iterations: number;
    /** True when every column met the tolerance. */
    readonly converged: boolean;
    /** Largest final relative residual ||b - A x|| / ||b|| (from the recurrence), over the columns. */
    readonly residual: number;
    /** Final relative residual of each column. */
    readonly residuals: Float64Array;
    /** Why the solve stopped; with several columns, the column that fared worst decides. */
    readonly reason: SolveReason;
    /** The reason in a sentence, with what to do about it. */
    readonly message: string;
}
/** Checks a square operator argument. */
export declare function squareOperator(where: string, op: unknown): LinearOperator;
/** The right-hand side as float64 columns, checked for shape and finiteness. */
export declare function rightHandSide(where: string, b: unknown, n: number): {
    columns: Float64Array[];
    shape: number[];
    dtype: FloatDType | undefined;
};
/** The initial guess as columns matching b, or zeros. */
export declare function initialGuess(where: string, x0: unknown, n: number, cols: number): Float64Array[] | null;
/** op applied to several columns through one call of op.apply. */
export declare function applyColumns(op: LinearOperator, columns: readonly Float64Array[], signal: AbortSignal | undefined): Promise<Float64Array[]>;
/** The preconditioner as a column map (the identity when absent); `name` is how messages call it. */
export declare function preconditioner(where: string, M: unknown, n: number, dtype: FloatDType, name?: string): ((cols: Float64Array[], signal: AbortSignal | undefined) => Promise<Float64Array[]>) | null;
/** The solution columns as a Tensor shaped like b. */
export declare function solutionTensor(columns: readonly Float64Array[], shape: readonly number[], dtype: FloatDType): Tensor;
/** The dtype of a solution: float64 when the operator or b fixes float64, like numpy's result_type. */
export declare function solutionDType(op: LinearOperator, bDType: FloatDType | undefined): FloatDType;
/** What the Krylov solvers for A x = b (cg, gmres, bicgstab) share, validated in one place. */
export interface KrylovProblem {
    A: LinearOperator;
    n: number;
    /** b's columns, and b's shape and dtype. */
    B: Float64Array[];
    shape: number[];
    dtype: FloatDType | undefined;
    tol: number;
    atol: number;
    maxiter: number;
    signal: AbortSignal | undefined;
    onProgress: ((p: SolverProgress) => void) | undefined;
}
/**
 * The square operator, the right-hand side and the common options of a Krylov solve, with
 * scipy's defaults (tol 1e-5, atol 0, maxiter 10 N): a typed error naming the bad one.
 */
export declare function krylovProblem(where: string, op: LinearOperator, b: VectorLike, options: {
    tol?: number;
    atol?: number;
    maxiter?: number;
    signal?: AbortSignal;
    onProgress?: unknown;
} | undefined): KrylovProblem;
