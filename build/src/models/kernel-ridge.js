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
import { checkBackend } from '../api/reduce.js';
import { DTypeError, ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { checkSignal, throwIfAborted } from '../abort.js';
import { aslinearoperator, identity } from '../linalg/linear-operator.js';
import { cg } from '../linalg/cg.js';
import { checkFinite, tensorOf, toBlock } from '../linalg/arrays.js';
import { KERNEL_NAMES, kernelFormula } from './kernel-functions.js';
import { nystromPreconditioner } from './nystrom-preconditioner.js';
import { randomSubset } from './random-subset.js';
const MODEL_OPTIONS = ['kernel', 'sigma', 'lambda', 'centers', 'seed', 'tol', 'maxiter', 'backend'];
const FIT_OPTIONS = ['signal', 'onProgress'];
const DEFAULT_CENTERS = 1000;
/** New points per CG solve of predictVariance: one multi-column solve per block. */
const VARIANCE_BLOCK = 32;
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
export class KernelRidge {
    kernel;
    sigma;
    lambda;
    seed;
    tol;
    maxiter;
    backend;
    requestedCenters;
    fitted = null;
    /** CG iterations of the last fit. */
    iterations = 0;
    /** Whether the last fit met the tolerance. */
    converged = false;
    /** Final relative residual of the last fit (largest over the targets). */
    residual = NaN;
    /** How the last fit's CG stopped, in a sentence. */
    message = '';
    /** Row indices (sorted) of the last fit's Nystrom centres; empty for plain CG. */
    centerIndices = new Int32Array(0);
    constructor(options) {
        const where = 'KernelRidge';
        if (options === null || typeof options !== 'object')
            throw new ValueError(`${where}: expected options { sigma, lambda, kernel?, centers? }, received ${describe(options)}`);
        checkOptions(where, options, MODEL_OPTIONS);
        const kernel = options.kernel ?? 'gaussian';
        if (!KERNEL_NAMES.includes(kernel))
            throw new ValueError(`${where}: options.kernel must be one of ${KERNEL_NAMES.map((k) => `'${k}'`).join(', ')}, received ${describe(kernel)}`);
        this.kernel = kernel;
        this.sigma = finite(where, 'sigma', options.sigma, (v) => v > 0, 'a finite number > 0');
        this.lambda = finite(where, 'lambda', options.lambda, (v) => v >= 0, 'a finite number >= 0');
        if (options.centers !== undefined && !(Number.isInteger(options.centers) && options.centers >= 0)) {
            throw new ValueError(`${where}: options.centers must be a non-negative integer, received ${describe(options.centers)}`);
        }
        if (options.centers !== undefined && options.centers > 0 && this.lambda === 0) {
            throw new ValueError(`${where}: the Nystrom preconditioner needs options.lambda > 0 (it inverts K_nystrom + lambda N I); pass centers: 0 for plain CG with lambda = 0`);
        }
        this.requestedCenters = options.centers;
        this.seed = options.seed === undefined ? 0 : finite(where, 'seed', options.seed, Number.isInteger, 'an integer');
        this.tol = options.tol === undefined ? 1e-6 : finite(where, 'tol', options.tol, (v) => v > 0, 'a finite number > 0');
        this.maxiter = options.maxiter === undefined ? 2000 : finite(where, 'maxiter', options.maxiter, (v) => Number.isInteger(v) && v >= 1, 'a positive integer');
        checkBackend(where, options.backend);
        this.backend = options.backend;
    }
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
    async fit(X, y, options) {
        const where = 'KernelRidge.fit';
        checkOptions(where, options, FIT_OPTIONS);
        const signal = checkSignal(where, options?.signal);
        const onProgress = options?.onProgress;
        if (onProgress !== undefined && typeof onProgress !== 'function')
            throw new ValueError(`${where}: options.onProgress must be a function, received ${describe(onProgress)}`);
        const [n] = pointsShape(where, 'X', X);
        checkFinite(where, 'X', X.data);
        if (!(y instanceof Tensor))
            throw new DTypeError(`${where}: y must be a Tensor [N] or [N, E], received ${describe(y)}`);
        const { data: Y, cols: targets } = toBlock(where, 'y', y, n);
        checkFinite(where, 'y', Y);
        // lambda = 0 leaves nothing for the preconditioner to invert: plain CG unless centres were asked for (refused above).
        const m = this.requestedCenters ?? (this.lambda > 0 ? Math.min(DEFAULT_CENTERS, n) : 0);
        if (m > n)
            throw new ValueError(`${where}: options.centers (${m}) must be at most the number of training points N = ${n}`);
        throwIfAborted(where, signal);
        this.fitted = null;
        const mu = this.lambda * n;
        const opOptions = this.backend !== undefined ? { backend: this.backend } : {};
        const K = aslinearoperator(kernelFormula(this.kernel, this.sigma, X, X), opOptions);
        const system = mu === 0 ? K : K.add(identity(n).mul(mu));
        this.centerIndices = m > 0 ? randomSubset(n, m, this.seed) : new Int32Array(0);
        const preconditioner = m > 0
            ? (await nystromPreconditioner(where, {
                kernel: this.kernel, sigma: this.sigma, X: asFloat64(X), centres: this.centerIndices, mu, backend: this.backend,
            }, signal)).operator
            : undefined;
        const result = await cg(system, y, {
            tol: this.tol,
            maxiter: this.maxiter,
            checkSymmetric: false, // symmetric by construction; the probe would cost a matvec
            ...(preconditioner && { M: preconditioner }),
            ...(signal && { signal }),
            ...(onProgress && { onProgress }),
        });
        this.iterations = result.iterations;
        this.converged = result.converged;
        this.residual = result.residual;
        this.message = result.message;
        this.fitted = { X, alpha: Float64Array.from(result.x.data), targets, vectorTarget: y.shape.length === 1, preconditioner, system };
        return this;
    }
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
    get alpha() {
        const f = this.requireFitted('KernelRidge.alpha');
        return new Tensor(Float64Array.from(f.alpha), f.vectorTarget ? [f.alpha.length] : [f.alpha.length / f.targets, f.targets]);
    }
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
    async predict(Xnew, options) {
        const where = 'KernelRidge.predict';
        checkOptions(where, options, ['signal']);
        const signal = checkSignal(where, options?.signal);
        const f = this.requireFitted(where);
        const Z = this.newPoints(where, Xnew, f);
        const nNew = Z.shape[0];
        const op = aslinearoperator(kernelFormula(this.kernel, this.sigma, Z, f.X), this.backend !== undefined ? { backend: this.backend } : {});
        const out = await op.apply(f.alpha, f.targets, signal);
        return tensorOf(out, f.vectorTarget ? [nNew] : [nNew, f.targets], dtypeOf(f.X));
    }
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
    async predictVariance(Xnew, options) {
        const where = 'KernelRidge.predictVariance';
        checkOptions(where, options, FIT_OPTIONS);
        const signal = checkSignal(where, options?.signal);
        const f = this.requireFitted(where);
        const Z = this.newPoints(where, Xnew, f);
        const [nNew, d] = Z.shape;
        const n = f.X.shape[0];
        const dtype = dtypeOf(f.X);
        const out = new Float64Array(nNew);
        const opOptions = this.backend !== undefined ? { backend: this.backend } : {};
        for (let start = 0; start < nNew; start += VARIANCE_BLOCK) {
            throwIfAborted(where, signal);
            const b = Math.min(VARIANCE_BLOCK, nNew - start);
            const block = tensorOf(Float64Array.from(Z.data.subarray(start * d, (start + b) * d)), [b, d], dtype);
            const eye = new Float64Array(b * b);
            for (let c = 0; c < b; c++)
                eye[c * b + c] = 1;
            const kStar = await aslinearoperator(kernelFormula(this.kernel, this.sigma, f.X, block), opOptions).apply(eye, b, signal); // [N, b]
            const solved = await this.solve(new Tensor(kStar, [n, b]), options);
            const v = solved.x.data;
            for (let c = 0; c < b; c++) {
                let quad = 0;
                for (let i = 0; i < n; i++)
                    quad += kStar[i * b + c] * v[i * b + c];
                out[start + c] = Math.max(0, 1 - quad);
            }
        }
        return new Tensor(out, [nNew]);
    }
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
    async solve(B, options) {
        const where = 'KernelRidge.solve';
        checkOptions(where, options, FIT_OPTIONS);
        const signal = checkSignal(where, options?.signal);
        const f = this.requireFitted(where);
        return cg(f.system, B, {
            tol: this.tol,
            maxiter: this.maxiter,
            checkSymmetric: false,
            ...(f.preconditioner && { M: f.preconditioner }),
            ...(signal && { signal }),
            ...(options?.onProgress && { onProgress: options.onProgress }),
        });
    }
    requireFitted(where) {
        if (!this.fitted)
            throw new ValueError(`${where}: the model is not fitted; call and await fit(X, y) first`);
        return this.fitted;
    }
    /** Xnew checked against the training points and converted to their dtype. */
    newPoints(where, Xnew, f) {
        const [, d] = pointsShape(where, 'Xnew', Xnew);
        const dTrain = f.X.shape[1];
        if (d !== dTrain)
            throw new ShapeError(`${where}: Xnew must have ${dTrain} columns like the training points X, received shape [${Xnew.shape.join(', ')}]`);
        checkFinite(where, 'Xnew', Xnew.data);
        return Xnew.dtype === f.X.dtype ? Xnew : tensorOf(Float64Array.from(Xnew.data), Xnew.shape, dtypeOf(f.X));
    }
}
/** A points Tensor [N, D] of float32 or float64, N, D >= 1. */
function pointsShape(where, name, X) {
    if (!(X instanceof Tensor))
        throw new DTypeError(`${where}: ${name} must be a Tensor [N, D], received ${describe(X)}`);
    if (X.dtype !== 'float32' && X.dtype !== 'float64')
        throw new DTypeError(`${where}: ${name} must be float32 or float64, received ${X.dtype}`);
    if (X.shape.length !== 2 || X.shape[0] < 1 || X.shape[1] < 1)
        throw new ShapeError(`${where}: ${name} must have shape [N, D], received shape [${X.shape.join(', ')}]`);
    return [X.shape[0], X.shape[1]];
}
function finite(where, name, value, ok, expected) {
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value))
        throw new ValueError(`${where}: options.${name} must be ${expected}, received ${describe(value)}`);
    return value;
}
function dtypeOf(X) {
    return X.dtype === 'float32' ? 'float32' : 'float64';
}
/** X as float64 (a copy when float32): the preconditioner's dtype. */
function asFloat64(X) {
    return X.dtype === 'float64' ? X : new Tensor(Float64Array.from(X.data), X.shape);
}
