/**
 * eigsh: a few eigenpairs of a symmetric operator, like scipy.sparse.linalg.eigsh.
 *
 * The method is (block) Lanczos with full reorthogonalisation and thick restarts, in the
 * Krylov-Schur form: a basis V with A V = V H + F E^T, H the projected matrix. Each step
 * applies the operator to a block of b vectors (b = 1 is plain Lanczos; kernel operators use
 * b > 1, since a block costs about one reduction), orthogonalises against V twice, and adds
 * the coefficients to H. When V is full, H's eigenpairs (our own dense solver) give Ritz
 * pairs; the wanted ones and some more are kept, the rest discarded, and the residual block
 * F continues the basis. Everything runs in float64 on the host, whatever the operator dtype.
 *
 * With `sigma`, the Krylov method runs on (A - sigma I)^-1 (scipy's shift-invert, mode
 * 'normal'), each application being an inner MINRES (or CG) solve: `which` then selects
 * among nu = 1 / (lambda - sigma), so the default 'LM' finds the eigenvalues nearest sigma.
 *
 * All of this assumes A symmetric, so a probe checks it first (see symmetry.ts), and the pairs
 * are returned only after one more application of A confirms their true residuals.
 */
import type { Tensor } from '../tensor/tensor.js';
import type { LinearOperator } from './linear-operator.js';
import { type VectorLike } from './arrays.js';
import { type Which } from './which.js';
import { type InnerSolverOptions } from './shift-invert.js';
import { type Preconditioner } from './columns.js';
export type { Which };
export type { InnerSolverOptions };
/** Options of `eigsh`; names as scipy's. */
export interface EigshOptions {
    /** Number of eigenpairs, 1 <= k < N. Default 6. */
    k?: number;
    /** Default 'LM'. With sigma, applies to 1 / (lambda - sigma). 'BE': half from each end of the spectrum (one more from the top when k is odd). */
    which?: Which;
    /** Size of the Krylov basis before a restart (scipy's ncv); default max(2k + 1, 30) for single vectors. */
    ncv?: number;
    /**
     * Relative accuracy: a Ritz pair is converged when ||A x - theta x|| <= tol * |theta| + floor,
     * the floor (for eigenvalues near zero) being ||A|| times the operator dtype's rounding
     * unit (float32), or 1e3 float64 epsilons. Default 1e-8 (float64 operators) or 1e-6 (float32).
     */
    tol?: number;
    /** Restart limit (scipy's maxiter), default 10 N. */
    maxiter?: number;
    /** Starting vector [N] (or block [N, b]); seeded random by default, so results repeat. */
    v0?: VectorLike;
    /** Seed of the default starting vectors (default 0). */
    seed?: number;
    /** Default true; false returns `vectors: null`. */
    returnEigenvectors?: boolean;
    /** Shift-invert around sigma. */
    sigma?: number;
    /** Inner solver of shift-invert. */
    solver?: InnerSolverOptions;
    /** Vectors pushed through the operator at once (block Lanczos, one reduction per block for kernel operators); default 1. */
    blockSize?: number;
    /**
     * Probe A for symmetry before iterating (one application of A to 2 vectors) and throw a
     * ValueError when it is not symmetric. Default true; false skips the probe (the final check
     * of the true residuals still catches a non-symmetric A, after the iteration).
     */
    checkSymmetric?: boolean;
    /**
     * The generalised problem A v = lambda M v, M symmetric positive definite (scipy's M): Lanczos
     * in the M inner product on M^-1 A, or with sigma on (A - sigma M)^-1 M. The vectors come
     * back M-orthonormal. Single-vector Lanczos (blockSize 1).
     */
    M?: LinearOperator;
    /** M^-1 as an operator or a function r -> M^-1 r (scipy's Minv); by default inner CG solves with M (options.solver's tol and maxiter). Not with sigma. */
    Minv?: Preconditioner;
    signal?: AbortSignal;
    onProgress?: (progress: EigshProgress) => void;
}
/** Progress of eigsh, reported after every Lanczos step. */
export interface EigshProgress {
    /** Lanczos steps (operator applications to a block) so far. */
    readonly iteration: number;
    /** Thick restarts so far. */
    readonly restarts: number;
    /** Vectors the operator was applied to so far (inner solves included with sigma). */
    readonly matvecs: number;
    /** Wanted Ritz pairs that met the tolerance. */
    readonly converged: number;
    /** Current approximations of the wanted eigenvalues, ascending. */
    readonly values: Float64Array;
    /** Residual norms ||A x - theta x|| of those as the Krylov relation estimates them (of the shift-inverted operator with sigma), in the same order. */
    readonly residuals: Float64Array;
}
/** What eigsh resolves to. */
export interface EigshResult {
    /** The k eigenvalues, ascending (like scipy's). */
    readonly values: Float64Array;
    /** Eigenvectors as the columns of a Tensor [N, k] (operator's dtype), matching `values`; null with returnEigenvectors: false. */
    readonly vectors: Tensor | null;
    /** True residual norms ||A x - lambda x|| of the returned pairs (x as returned, in the operator's dtype), from one more application of A. */
    readonly residuals: Float64Array;
    /** Thick restarts (scipy's iterations). */
    readonly iterations: number;
    /** Vectors the operator was applied to (inner solves, the symmetry probe and the final residual check included). */
    readonly matvecs: number;
}
/** What ConvergenceError.partial holds when eigsh runs out of iterations. */
export interface EigshPartial extends EigshResult {
    /** How many of the returned pairs met the tolerance. */
    readonly converged: number;
}
/**
 * The k eigenvalues (ascending) and eigenvectors of a symmetric operator selected by `which`,
 * by Lanczos with thick restarts. Throws ConvergenceError (with `partial`) when `maxiter`
 * restarts are not enough or when the true residuals of the converged pairs disagree with
 * the Lanczos ones; a ValueError when A is not symmetric (see `checkSymmetric`) or returns
 * NaN or Inf.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, aslinearoperator, eigsh } from 'lazykernel';
 * const X = tensor(Float64Array.from({ length: 40 }, (_, k) => k / 8), [40, 1]);
 * const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());
 * const { values, vectors } = await eigsh(K, { k: 3, which: 'LM' });   // values ascending, like scipy
 * console.log(values.length);     // => 3
 * console.log(vectors?.shape);    // => [40, 3]
 * console.log(values[2] > values[1] && values[1] > values[0]); // => true
 * ```
 */
export declare function eigsh(op: LinearOperator, options?: EigshOptions): Promise<EigshResult>;
