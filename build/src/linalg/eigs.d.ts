/**
 * eigs: a few eigenpairs of a general (non-symmetric) square operator, like
 * scipy.sparse.linalg.eigs. Complex eigenvalues and eigenvectors come back as real and
 * imaginary parts, since every operator here is real.
 *
 * The method is restarted Arnoldi in Krylov-Schur form (Stewart's equivalent of ARPACK's
 * implicit restarts): a basis V with A V = V H + f e^T, H the projected (Hessenberg, after a
 * restart general) matrix. When V is full, H's eigenvalues (Francis double-shift QR,
 * francis-qr.ts) are the Ritz values; the wanted ones and about half the others are kept by
 * restricting the basis to their invariant subspace of H (spanned by the real and imaginary
 * parts of their eigenvectors, so conjugate pairs stay together and the arithmetic stays
 * real), and the residual f continues it. All of it runs in float64 on the host; the pairs
 * are returned only after one more application of A confirms their true residuals.
 */
import { Tensor } from '../tensor/tensor.js';
import type { LinearOperator } from './linear-operator.js';
import { type VectorLike } from './arrays.js';
/** Which eigenvalues: largest / smallest magnitude, real part, imaginary part (in magnitude, as ARPACK). */
export type EigsWhich = 'LM' | 'SM' | 'LR' | 'SR' | 'LI' | 'SI';
/** Options of `eigs`; names as scipy's. */
export interface EigsOptions {
    /** Number of eigenpairs, 1 <= k < N - 1. Default 6. */
    k?: number;
    /** Default 'LM'. */
    which?: EigsWhich;
    /** Size of the Krylov basis before a restart (scipy's ncv), k + 2 <= ncv <= N; default min(N, max(2k + 1, 20)). */
    ncv?: number;
    /**
     * Relative accuracy: a Ritz pair is converged when ||A x - theta x|| <= tol |theta| + floor,
     * the floor being ||H|| times 1e3 float64 epsilons (or float32's rounding unit for float32
     * operators). Default 1e-8 (float64 operators) or 1e-6 (float32).
     */
    tol?: number;
    /** Restart limit (scipy's maxiter), default 10 N. */
    maxiter?: number;
    /** Starting vector [N]; seeded random by default, so results repeat. */
    v0?: VectorLike;
    /** Seed of the default starting vector (default 0). */
    seed?: number;
    /** Default true; false returns `vectors: null`. */
    returnEigenvectors?: boolean;
    signal?: AbortSignal;
    onProgress?: (progress: EigsProgress) => void;
}
/** Complex numbers as parallel real and imaginary parts. */
export interface ComplexArray {
    readonly re: Float64Array;
    readonly im: Float64Array;
}
/** Progress of eigs, reported after every filling of the basis. */
export interface EigsProgress {
    readonly restarts: number;
    /** Vectors the operator was applied to so far. */
    readonly matvecs: number;
    /** Wanted Ritz pairs that met the tolerance. */
    readonly converged: number;
    /** Current approximations of the wanted eigenvalues, in `which` order. */
    readonly values: ComplexArray;
    /** Their residual norms as the Arnoldi relation estimates them. */
    readonly residuals: Float64Array;
}
/** What eigs resolves to. */
export interface EigsResult {
    /**
     * The k eigenvalues, wanted first ('LM': largest magnitude first, 'SR': smallest real part
     * first, ...), a conjugate pair adjacent with the positive imaginary part first; when the
     * k-th wanted value is the first of a pair, its conjugate (the (k+1)-th) is left out.
     */
    readonly values: ComplexArray;
    /** Unit-norm eigenvectors as columns, real and imaginary parts, Tensors [N, k] (operator's dtype); null with returnEigenvectors: false. */
    readonly vectors: {
        readonly re: Tensor;
        readonly im: Tensor;
    } | null;
    /** True residual norms ||A x - lambda x|| of the returned pairs (x as returned), from one more application of A. */
    readonly residuals: Float64Array;
    /** Restarts (scipy's iterations). */
    readonly iterations: number;
    /** Vectors the operator was applied to (the final residual check included). */
    readonly matvecs: number;
}
/** What ConvergenceError.partial holds when eigs runs out of restarts. */
export interface EigsPartial extends EigsResult {
    /** How many of the returned pairs met the tolerance. */
    readonly converged: number;
}
/**
 * The k eigenvalues of a square operator selected by `which` (in that order) and their
 * eigenvectors, by restarted Arnoldi. A need not be symmetric; for a symmetric one eigsh is
 * cheaper. Throws ConvergenceError (with `partial`) when `maxiter` restarts are not enough or
 * when the true residuals disagree with the Arnoldi ones; a ValueError when A returns NaN or Inf.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, eigs } from 'lazykernel';
 * // A rotation by 90 degrees scaled by 2 in the first plane, and 1, 0.5 on the diagonal: eigenvalues +-2i, 1, 0.5
 * const A = aslinearoperator(tensor([0, -2, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0.5], [4, 4], { dtype: 'float64' }));
 * const { values, vectors } = await eigs(A, { k: 2, which: 'LM' });
 * console.log(values.re);           // => [0, 0]
 * console.log(values.im);           // => [2, -2]
 * console.log(vectors?.re.shape);   // => [4, 2]
 * ```
 */
export declare function eigs(op: LinearOperator, options?: EigsOptions): Promise<EigsResult>;
