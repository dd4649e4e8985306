/**
 * The validation error of kernel ridge regression as a differentiable function of the kernel's
 * length scale sigma and the ridge lambda, for hyperparameter tuning by L-BFGS (or Adam).
 *
 * With A = K + lambda N I, alpha = A^-1 y, residuals R = K_v alpha - y_v on the validation
 * points (K_v = K(Xval, X)) and L = mean(R^2), the adjoint W = A^-1 K_v^T G with G = dL/dR =
 * 2 R / size(R) gives, summed over the targets,
 *
 *     dL/dlambda = -N <W, alpha>,
 *     dL/dsigma  = <G, (dK_v/dsigma) alpha> - <W, (dK/dsigma) alpha>.
 *
 * The forward pass is one fit; the backward pass one more preconditioned solve (the adjoint,
 * with the fit's preconditioner) and two kernel reductions of dk/dsigma.
 */
import { Tensor } from '../tensor/tensor.js';
import { attachGrad, gradNode } from '../autograd/grad-node.js';
import { aslinearoperator } from '../linalg/linear-operator.js';
import { toBlock } from '../linalg/arrays.js';
import { DTypeError, ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { kernelFormula, kernelSigmaDerivative } from './kernel-functions.js';
import { KernelRidge } from './kernel-ridge.js';
const OPTIONS = ['kernel', 'sigma', 'lambda', 'centers', 'seed', 'tol', 'maxiter', 'backend', 'signal'];
/**
 * Fits kernel ridge regression on (X, y) and resolves to the mean squared error of its
 * predictions on (Xval, yval), a scalar float64 Tensor. Differentiable with respect to
 * `sigma` and `lambda` when they are Tensors created with `requiresGrad: true` (see the
 * file's header for the adjoint); pass `lambda: logLambda.exp()` to tune on a log scale.
 *
 * @example
 * ```ts
 * import { tensor, kernelRidgeValidationLoss, lbfgs } from 'lazykernel';
 * const f = (t: number) => Math.sin(5 * t);
 * const X = tensor(Float64Array.from({ length: 40 }, (_, k) => k / 40), [40, 1]);
 * const y = tensor(Float64Array.from(X.data, (t) => f(t) + 0.1 * Math.cos(97 * t * t)), [40]);
 * const Xv = tensor(Float64Array.from({ length: 20 }, (_, k) => (k + 0.5) / 20), [20, 1]);
 * const yv = tensor(Float64Array.from(Xv.data, f), [20]);
 * const logSigma = tensor([Math.log(0.02)], [1], { dtype: 'float64', requiresGrad: true });
 * const loss = () => kernelRidgeValidationLoss(X, y, Xv, yv, { sigma: logSigma.exp(), lambda: 1e-4, centers: 10 });
 * const before = (await loss()).item();
 * await lbfgs(loss, [logSigma], { maxIter: 4 });   // tunes log(sigma) from 0.02
 * console.log((await loss()).item() < before);   // => true
 * ```
 */
export async function kernelRidgeValidationLoss(X, y, Xval, yval, options) {
    const where = 'kernelRidgeValidationLoss';
    if (options === null || typeof options !== 'object')
        throw new ValueError(`${where}: expected options { sigma, lambda, ... }, received ${describe(options)}`);
    checkOptions(where, options, OPTIONS);
    const sigma = scalarOf(where, 'sigma', options.sigma);
    const lambda = scalarOf(where, 'lambda', options.lambda);
    const { signal, sigma: _s, lambda: _l, ...modelOptions } = options;
    const model = new KernelRidge({ tol: 1e-8, ...modelOptions, sigma, lambda });
    await model.fit(X, y, signal ? { signal } : undefined);
    if (!(yval instanceof Tensor))
        throw new DTypeError(`${where}: yval must be a Tensor, received ${describe(yval)}`);
    const targets = y.shape.length === 2 ? y.shape[1] : 1;
    const nVal = Xval instanceof Tensor ? Xval.shape[0] : 0;
    const { data: Yv, cols } = toBlock(where, 'yval', yval, nVal);
    if (cols !== targets)
        throw new ShapeError(`${where}: yval must have ${targets} column(s) like y, received shape [${yval.shape.join(', ')}]`);
    const predicted = await model.predict(Xval, signal ? { signal } : undefined);
    const R = Float64Array.from(predicted.data, (v, k) => v - Yv[k]);
    let sum = 0;
    for (const r of R)
        sum += r * r;
    const loss = new Tensor(Float64Array.of(sum / R.length), []);
    const inputs = [options.sigma, options.lambda].filter((t) => t instanceof Tensor);
    return attachGrad(loss, gradNode(where, inputs, async (gradOutput) => {
        const g = gradOutput.data[0];
        const n = X.shape[0];
        const alpha = model.alpha.data;
        const G = R.map((r) => (2 * r) / R.length);
        const reduce = (K, V) => aslinearoperator(K, options.backend !== undefined ? { backend: options.backend } : {}).apply(V, targets, signal);
        const XvTyped = Xval.dtype === X.dtype ? Xval : new Tensor(X.dtype === 'float32' ? Float32Array.from(Xval.data) : Float64Array.from(Xval.data), Xval.shape);
        const KvTG = await reduce(kernelFormula(model.kernel, sigma, X, XvTyped), G); // K_v^T G, [N, E]
        const W = (await model.solve(new Tensor(KvTG, targets === 1 ? [n] : [n, targets]), signal ? { signal } : undefined)).x.data;
        const dKvAlpha = await reduce(kernelSigmaDerivative(model.kernel, sigma, XvTyped, X), alpha);
        const dKAlpha = await reduce(kernelSigmaDerivative(model.kernel, sigma, X, X), alpha);
        const dLambda = -n * dotOf(W, alpha);
        const dSigma = dotOf(G, dKvAlpha) - dotOf(W, dKAlpha);
        const gradOf = (t, d) => (t instanceof Tensor ? new Tensor(t.dtype === 'float32' ? Float32Array.of(g * d) : Float64Array.of(g * d), t.shape) : null);
        return [options.sigma, options.lambda].filter((t) => t instanceof Tensor).map((t) => gradOf(t, t === options.sigma ? dSigma : dLambda));
    }));
}
/** The value of a number or one-element Tensor option. */
function scalarOf(where, name, value) {
    if (typeof value === 'number')
        return value;
    if (value instanceof Tensor && value.data.length === 1 && value.dtype !== 'int32')
        return value.data[0];
    throw new ValueError(`${where}: options.${name} must be a number or a one-element float Tensor, received ${describe(value)}`);
}
function dotOf(a, b) {
    let s = 0;
    for (let k = 0; k < a.length; k++)
        s += a[k] * b[k];
    return s;
}
