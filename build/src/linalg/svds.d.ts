/**
 * svds: a few singular triplets of any operator, square or rectangular, like
 * scipy.sparse.linalg.svds. As scipy's default ('arpack'), the symmetric eigenproblem of the
 * smaller normal operator (A^T A when M <= N, else A A^T) is solved, by eigsh or, with
 * `solver: 'lobpcg'`, by lobpcg; the other side's vectors follow from one application of A
 * (or A^T), and the singular values are taken as ||A v|| rather than sqrt(lambda), which keeps
 * small ones accurate. Nothing N x M is formed.
 */
import { Tensor } from '../tensor/tensor.js';
import { LinearOperator } from './linear-operator.js';
import { type VectorLike } from './arrays.js';
import { type EigshProgress } from './eigsh.js';
/** Options of `svds`; names as scipy's. */
export interface SvdsOptions {
    /** Number of singular triplets, 1 <= k < min(N, M). Default 6. */
    k?: number;
    /** 'LM' (default): the largest singular values; 'SM': the smallest. */
    which?: 'LM' | 'SM';
    /** Relative accuracy of the eigenvalues of the normal operator (see eigsh); default eigsh's. */
    tol?: number;
    /** eigsh's restart limit, or lobpcg's iteration limit. */
    maxiter?: number;
    /** eigsh's basis size (arpack). */
    ncv?: number;
    /** Starting vector of length min(N, M) (arpack), seeded random by default. */
    v0?: VectorLike;
    /** Seed of the default starting vectors (default 0). */
    seed?: number;
    /** 'arpack' (default, as scipy: eigsh on the normal operator) or 'lobpcg'. */
    solver?: 'arpack' | 'lobpcg';
    /** true (default), false (U and Vt null), 'u' or 'vh' (only that side). */
    returnSingularVectors?: boolean | 'u' | 'vh';
    signal?: AbortSignal;
    /** The eigensolver's progress on the normal operator (eigsh's object; lobpcg's with that solver). */
    onProgress?: (progress: EigshProgress | {
        iteration: number;
        converged: number;
        values: Float64Array;
        residuals: Float64Array;
    }) => void;
}
/** What svds resolves to. */
export interface SvdsResult {
    /** Left singular vectors as columns, Tensor [N, k] (operator's dtype); null when not asked for. */
    readonly U: Tensor | null;
    /** Singular values, descending. */
    readonly s: Float64Array;
    /** Right singular vectors as rows, Tensor [k, M]; null when not asked for. */
    readonly Vt: Tensor | null;
    /** Iterations of the eigensolver (eigsh's restarts, or lobpcg's iterations). */
    readonly iterations: number;
}
/**
 * The k largest (or smallest) singular values of an operator A [N, M], descending, with the
 * singular vectors: A Vt^T = U diag(s). A must have a transpose (every LazyTensor and Tensor
 * operator has one; a callback operator needs rmatvec). Throws eigsh's ConvergenceError when
 * the eigensolver does not converge.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, svds } from 'lazykernel';
 * // [[3, 0], [0, 2], [0, 0]]: singular values 3 and 2
 * const A = aslinearoperator(tensor([3, 0, 0, 2, 0, 0], [3, 2], { dtype: 'float64' }));
 * const { U, s, Vt } = await svds(A, { k: 1 });
 * console.log(s);          // => [3]
 * console.log(U?.shape);   // => [3, 1]
 * console.log(Vt?.shape);  // => [1, 2]
 * ```
 */
export declare function svds(op: LinearOperator, options?: SvdsOptions): Promise<SvdsResult>;
