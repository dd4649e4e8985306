/**
 * The Nystrom preconditioner of the full kernel ridge system (K + mu I) alpha = y, mu = lambda N.
 *
 * With m centres C (rows of X), K ~ K_nm K_mm^-1 K_mn, and P = K_nm K_mm^-1 K_mn + mu I is
 * inverted by Woodbury:
 *
 *     P^-1 = (I - K_nm H^-1 K_mn) / mu,    H = mu K_mm + K_mn K_nm    (m x m, Cholesky H = L L^T).
 *
 * Only H is factored, never K_mm alone (which is numerically singular for smooth kernels): H is
 * mu K_mm plus a Gram matrix and stays positive definite. Since K - K_nm K_mm^-1 K_mn is positive
 * semi-definite, the eigenvalues of P^-1 (K + mu I) lie in [1, 1 + ||K - K_nystrom|| / mu].
 *
 * Falkon (Rudi, Carratino, Rosasco 2017, Algorithm 1) replaces K_mn K_nm by (N / m) K_mm^2,
 * so that H / N = T^T (T T^T / m + lambda I) T with T = chol(K_mm): two m x m Cholesky factors
 * and no pass over the data. That is right for Falkon's own problem (alpha restricted to the
 * centres), but here it would make P^-1 indefinite wherever (N / m) K_mm^2 underestimates
 * K_mn K_nm (CG then breaks down), so the exact K_mn K_nm is formed once: N m^2 / 2
 * multiply-adds, its lower triangle only. On the wasm engine (the default backend) that is a
 * dense float64 SYRK over blocks of rows of X on the pool's threads (src/engine/kernel-gram.ts,
 * 4-6 times the rate of the same products as reductions); with another backend, or where that
 * path is unavailable, it is formed in blocks of 64 centres through kernel reductions. At
 * N = 10^5, m = 1000 the set-up costs less than one N x N float32 product (bench/RESULTS.md).
 *
 * Everything here runs in float64 (the data converted once): with lambda = 1e-6 the Woodbury
 * difference I - K_nm H^-1 K_mn cancels most of r, and float32 products would leave errors of
 * eps32 ||K|| / mu in P^-1 r. Each application costs two reductions of N x m pairs.
 */
import { Tensor } from '../tensor/tensor.js';
import type { Backend } from '../api/reduce.js';
import { LinearOperator } from '../linalg/linear-operator.js';
import { type KernelName } from './kernel-functions.js';
/** What nystromPreconditioner needs. */
export interface NystromSpec {
    readonly kernel: KernelName;
    readonly sigma: number;
    /** The training points, float64 [N, D]. */
    readonly X: Tensor;
    /** Row indices of the centres in X. */
    readonly centres: Int32Array;
    /** The ridge term of the full system, lambda N. */
    readonly mu: number;
    readonly backend: Backend | undefined;
}
/** P^-1 as a float64 LinearOperator [N, N], and the jitter that was added to H's diagonal. */
export interface NystromPreconditioner {
    readonly operator: LinearOperator;
    readonly jitter: number;
}
/** Builds P^-1 = (I - K_nm H^-1 K_mn) / mu; see the file's header. */
export declare function nystromPreconditioner(where: string, spec: NystromSpec, signal: AbortSignal | undefined): Promise<NystromPreconditioner>;
/**
 * H = mu K_mm + K_mn K_nm, float64 row-major [m, m]: by the wasm engine's dense kernels when the
 * backend allows wasm and that path is available, otherwise by kernel reductions.
 */
export declare function nystromMatrix(where: string, spec: NystromSpec, signal: AbortSignal | undefined): Promise<Float64Array>;
/**
 * H by reductions: per block of 64 centres, F = K(X, C_block) [N, 64] (the kernel times an
 * identity), then the block's column of K_mn K_nm from the block's diagonal down as
 * K(C_tail, X) F. Exported for the tests and bench/kernel-ridge-setup.mjs (the two paths side by side).
 */
export declare function nystromMatrixByReductions(where: string, spec: NystromSpec, signal: AbortSignal | undefined): Promise<Float64Array>;
