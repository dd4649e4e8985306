/**
 * lobpcg: Locally Optimal Block Preconditioned Conjugate Gradient, like
 * scipy.sparse.linalg.lobpcg, for a few extreme eigenpairs of a symmetric operator. Each
 * iteration applies the operator once to a block (the preconditioned residuals W of the
 * unconverged columns: one reduction for a kernel operator), then does Rayleigh-Ritz on the
 * span of [X, W, P], P being the previous step's directions. The images A X and A P are
 * carried along as linear combinations, so that one application per iteration suffices; the
 * returned pairs are checked by one more application of A (their true residuals).
 * Everything is float64 on the host, whatever the operator's dtype.
 */
import { Tensor } from '../tensor/tensor.js';
import type { LinearOperator } from './linear-operator.js';
import { type Preconditioner } from './columns.js';
/** Options of `lobpcg`; names as scipy's. */
export interface LobpcgOptions {
    /** Largest eigenvalues (default true, as scipy) or smallest. */
    largest?: boolean;
    /** Absolute tolerance on each residual norm ||A x - lambda x||; default sqrt(1e-15) N (scipy's). */
    tol?: number;
    /** Iteration limit, default 20 (scipy's). */
    maxiter?: number;
    /** Preconditioner approximating A^-1 (or (A - lambda I)^-1 near the wanted lambda), symmetric positive definite. */
    M?: Preconditioner;
    /** Constraints: a Tensor [N, c]; the iterates stay orthogonal to its columns (typically eigenvectors already found). */
    Y?: Tensor;
    signal?: AbortSignal;
    onProgress?: (progress: LobpcgProgress) => void;
}
/** Progress of lobpcg, reported once per iteration. */
export interface LobpcgProgress {
    readonly iteration: number;
    /** Columns whose residual met the tolerance. */
    readonly converged: number;
    /** Current eigenvalue approximations, ascending. */
    readonly values: Float64Array;
    /** Their residual norms ||A x - lambda x||, same order. */
    readonly residuals: Float64Array;
}
/** What lobpcg resolves to. */
export interface LobpcgResult {
    /** The k eigenvalues, ascending (scipy returns them descending with largest: true). */
    readonly values: Float64Array;
    /** Eigenvectors as the columns of a Tensor [N, k] (operator's dtype), matching `values`. */
    readonly vectors: Tensor;
    /** True residual norms ||A x - lambda x|| of the returned pairs, from one more application of A. */
    readonly residuals: Float64Array;
    /** Iterations run. */
    readonly iterations: number;
    /** True when every residual met the tolerance (scipy only warns otherwise; so does this, through this flag). */
    readonly converged: boolean;
}
/**
 * The k = X0.shape[1] largest (or smallest, `largest: false`) eigenvalues of a symmetric
 * operator A, ascending, with eigenvectors, by LOBPCG from the starting block X0 [N, k].
 * Like scipy, not converging within `maxiter` is not an error: `converged` is then false.
 * Throws a ValueError when A or M returns NaN or Inf.
 *
 * @example
 * ```ts
 * import { tensor, diags, lobpcg } from 'lazykernel';
 * const A = diags(Array.from({ length: 100 }, (_, i) => i + 1));     // eigenvalues 1..100
 * const X0 = tensor(Float64Array.from({ length: 200 }, (_, i) => Math.sin(i + 1)), [100, 2]);
 * const { values, converged } = await lobpcg(A, X0, { largest: false, tol: 1e-6, maxiter: 200 });
 * console.log(converged);                           // => true
 * console.log(Array.from(values, Math.round));      // => [1, 2]
 * ```
 */
export declare function lobpcg(op: LinearOperator, X0: Tensor, options?: LobpcgOptions): Promise<LobpcgResult>;
