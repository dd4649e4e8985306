/**
 * Kernel ridge regression and Gaussian-process regression, sklearn-style (`fit`, `predict`),
 * solved at scale as Falkon does: conjugate gradients preconditioned by a Nystrom
 * approximation on m << N centres, every product with the kernel a lazy reduction.
 *
 * The system is the full one, (K + lambda N I) alpha = y with K [N, N] = k(x_i, x_j), so that
 * predictions f(x) = sum_i k(x, x_i) alpha_i are those of exact kernel ridge regression (the
 * minimiser of (1/N) sum (f(x_i) - y_i)^2 + lambda ||f||^2), not of Falkon's Nystrom-restricted
 * model (alpha supported on the centres only). The centres serve the preconditioner alone
 * (src/models/nystrom-preconditioner.ts has its math); `centers: 0` runs plain CG on the same
 * system, for comparison. The price: every CG iteration is one N x N kernel reduction, where
 * Falkon's is two of N x m.
 *
 * As a Gaussian process with prior covariance k (unit amplitude) and noise variance lambda N,
 * `predict` is the posterior mean and `predictVariance` the posterior variance of f(x*):
 * k(x*, x*) - k*^T (K + lambda N I)^-1 k*, one preconditioned multi-column CG per block of new
 * points (k* = K(X, x*) for the block as columns).
 *
 * Kernel reductions run in the training points' dtype (float32 is fast); CG's vectors, the
 * preconditioner and the m x m Cholesky factor are float64.
 */
import { Tensor } from '../tensor/tensor.js';
import type { Backend } from '../api/reduce.js';
import type { SolveResult, SolverProgress } from '../linalg/columns.js';
import { type KernelName } from './kernel-functions.js';
/** Options of `new KernelRidge`. */
export interface KernelRidgeOptions {
    /** 'gaussian' (default), 'laplacian', 'matern32' or 'matern52'. */
    kernel?: KernelName;
    /** Length scale, > 0. */
    sigma: number;
    /** Ridge parameter, >= 0: the system is (K + lambda N I) alpha = y. */
    lambda: number;
    /** Nystrom centres of the preconditioner; 0 runs plain CG. Default min(1000, N) (0 when lambda is 0). */
    centers?: number;
    /** Seed of the centres' uniform random choice, default 0. */
    seed?: number;
    /** CG's relative residual tolerance ||y - (K + lambda N I) alpha|| / ||y||, default 1e-6. */
    tol?: number;
    /** CG iteration limit, default 2000. */
    maxiter?: number;
    /** Backend of the kernel reductions (default 'auto'). */
    backend?: Backend;
}
/** Options of `fit` and `predictVariance`. */
export interface KernelRidgeFitOptions {
    signal?: AbortSignal;
    /** Called once per CG iteration (with several targets, the slowest column's residual). */
    onProgress?: (progress: SolverProgress) => void;
}
/** Options of `predict`. */
export interface KernelRidgePredictOptions {
    signal?: AbortSignal;
}
/**
 * Kernel ridge regression (equivalently, the Gaussian-process posterior mean) solved by
 * Nystrom-preconditioned conjugate gradients, in the manner of Falkon: `fit(X, y)` solves
 * (K + lambda N I) alpha = y, `predict(Xnew)` returns K(Xnew, X) alpha.
 *
 * @example
 * ```ts
 * import { tensor, KernelRidge } from 'lazykernel';
 * const N = 200;
 * const X = tensor(Float64Array.from({ length: N }, (_, k) => k / N), [N, 1]);
 * const y = tensor(Float64Array.from({ length: N }, (_, k) => Math.sin(6 * k / N)), [N]);
 * const model = new KernelRidge({ kernel: 'gaussian', sigma: 0.1, lambda: 1e-6, centers: 50 });
 * await model.fit(X, y);
 * console.log([model.converged, model.iterations < 50]);         // => [true, true]
 * const f = await model.predict(tensor([0.25], [1, 1], { dtype: 'float64' }));
 * console.log(Math.abs(f.data[0] - Math.sin(1.5)) < 1e-3);      // => true
 * ```
 */
export declare class KernelRidge {
    readonly kernel: KernelName;
    readonly sigma: number;
    readonly lambda: number;
    readonly seed: number;
    readonly tol: number;
    readonly maxiter: number;
    readonly backend: Backend | undefined;
    private readonly requestedCenters;
    private fitted;
    /** CG iterations of the last fit. */
    iterations: number;
    /** Whether the last fit met the tolerance. */
    converged: boolean;
    /** Final relative residual of the last fit (largest over the targets). */
    residual: number;
    /** How the last fit's CG stopped, in a sentence. */
    message: string;
    /** Row indices (sorted) of the last fit's Nystrom centres; empty for plain CG. */
    centerIndices: Int32Array;
    constructor(options: KernelRidgeOptions);
    /**
     * Solves (K + lambda N I) alpha = y for X [N, D] and y [N] or [N, E] (E targets at once, one
     * reduction per iteration for all of them). Resolves to the model; `iterations`,
     * `converged`, `residual` and `message` describe the solve (not converging is reported
     * there, as by cg, not thrown).
     *
     * @example
     * ```ts
     * import { tensor, KernelRidge } from 'lazykernel';
     * const X = tensor(Float64Array.from({ length: 100 }, (_, k) => k / 100), [100, 1]);
     * const Y = tensor(Float64Array.from({ length: 200 }, (_, k) => (k % 2 ? Math.cos(k / 50) : Math.sin(k / 50))), [100, 2]);
     * const model = await new KernelRidge({ kernel: 'matern52', sigma: 0.2, lambda: 1e-4, centers: 30 }).fit(X, Y);
     * console.log(model.converged);                                     // => true
     * console.log((await model.predict(X)).shape);                      // => [100, 2]
     * ```
     */
    fit(X: Tensor, y: Tensor, options?: KernelRidgeFitOptions): Promise<this>;
    /**
     * The dual coefficients alpha of the last fit: a Tensor [N] or [N, E], like y.
     *
     * @example
     * ```ts
     * import { tensor, KernelRidge } from 'lazykernel';
     * const X = tensor([0, 0.5, 1], [3, 1], { dtype: 'float64' });
     * const model = await new KernelRidge({ sigma: 0.5, lambda: 0.1, centers: 0 }).fit(X, tensor([1, 2, 3], [3], { dtype: 'float64' }));
     * console.log(model.alpha.shape);   // => [3]
     * ```
     */
    get alpha(): Tensor;
    /**
     * The predictions K(Xnew, X) alpha: a Tensor [Nnew] or [Nnew, E], like y, in X's dtype. Xnew
     * is converted to the training points' dtype.
     *
     * @example
     * ```ts
     * import { tensor, KernelRidge } from 'lazykernel';
     * const X = tensor(Float64Array.from({ length: 50 }, (_, k) => k / 50), [50, 1]);
     * const model = await new KernelRidge({ sigma: 0.2, lambda: 1e-6, centers: 20 }).fit(X, tensor(X.data.map((v) => 2 * v), [50]));
     * const f = await model.predict(tensor([0.5], [1, 1], { dtype: 'float64' }));
     * console.log(Math.abs(f.data[0] - 1) < 1e-3);   // => true
     * ```
     */
    predict(Xnew: Tensor, options?: KernelRidgePredictOptions): Promise<Tensor>;
    /**
     * The Gaussian-process posterior variance at Xnew [Nnew, D] (prior covariance k, noise
     * variance lambda N): 1 - k*^T (K + lambda N I)^-1 k* per point (clamped at 0 against rounding), a float64 Tensor [Nnew].
     * Each block of 32 points is one preconditioned CG solve with 32 columns (k* = K(X, x*)), to
     * the model's tol; it costs about as much as a fit per block.
     *
     * @example
     * ```ts
     * import { tensor, KernelRidge } from 'lazykernel';
     * const X = tensor(Float64Array.from({ length: 40 }, (_, k) => k / 40), [40, 1]);
     * const model = await new KernelRidge({ sigma: 0.1, lambda: 1e-3, centers: 20 }).fit(X, tensor(X.data.map(Math.sin), [40]));
     * const v = await model.predictVariance(tensor([0.5, 3], [2, 1], { dtype: 'float64' }));
     * // Small near the data, back to the prior's 1 far away:
     * console.log([v.data[0] < 0.05, v.data[1] > 0.99]);   // => [true, true]
     * ```
     */
    predictVariance(Xnew: Tensor, options?: KernelRidgeFitOptions): Promise<Tensor>;
    /**
     * Solves (K + lambda N I) W = B with the fitted model's system and preconditioner, for B a
     * Tensor [N] or [N, k]: the solve behind GP quantities such as variances and the adjoint of a
     * validation loss. Resolves to cg's result (`x` shaped like B).
     *
     * @example
     * ```ts
     * import { tensor, KernelRidge } from 'lazykernel';
     * const X = tensor(Float64Array.from({ length: 60 }, (_, k) => k / 60), [60, 1]);
     * const y = tensor(X.data.map(Math.cos), [60]);
     * const model = await new KernelRidge({ sigma: 0.2, lambda: 1e-5, centers: 20, tol: 1e-10 }).fit(X, y);
     * const { x } = await model.solve(y);              // the same system again: alpha
     * console.log(Math.abs(x.data[7] - model.alpha.data[7]) < 1e-6 * Math.abs(model.alpha.data[7]) + 1e-9);   // => true
     * ```
     */
    solve(B: Tensor, options?: KernelRidgeFitOptions): Promise<SolveResult>;
    private requireFitted;
    /** Xnew checked against the training points and converted to their dtype. */
    private newPoints;
}
