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
import type { Backend } from '../api/reduce.js';
import { type KernelName } from './kernel-functions.js';
/** Options of `kernelRidgeValidationLoss`. */
export interface ValidationLossOptions {
    kernel?: KernelName;
    /** Length scale: a number, or a Tensor of one element (requiresGrad for its gradient). */
    sigma: number | Tensor;
    /** Ridge parameter: a number or a one-element Tensor. */
    lambda: number | Tensor;
    centers?: number;
    seed?: number;
    /** Tolerance of both solves (the fit and, in backward, the adjoint); default 1e-8. */
    tol?: number;
    maxiter?: number;
    backend?: Backend;
    signal?: AbortSignal;
}
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
export declare function kernelRidgeValidationLoss(X: Tensor, y: Tensor, Xval: Tensor, yval: Tensor, options: ValidationLossOptions): Promise<Tensor>;
