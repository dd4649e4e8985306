/**
 * The kernels KernelRidge offers, each written once as a LazyTensor formula of r = |x - y|:
 * every product with K (matvecs, K_nm blocks, predictions) is a reduction of one of these.
 */
import type { Tensor } from '../tensor/tensor.js';
import type { LazyTensor } from '../api/lazy-tensor.js';
/** The kernel names KernelRidge accepts. */
export type KernelName = 'gaussian' | 'laplacian' | 'matern32' | 'matern52';
export declare const KERNEL_NAMES: readonly KernelName[];
/**
 * k(a_i, b_j) as a LazyTensor [n, m] for points A [n, D] (the i side) and B [m, D] (the j side):
 * gaussian exp(-r^2 / (2 sigma^2)), laplacian exp(-r / sigma), matern32 (1 + t) exp(-t) with
 * t = sqrt(3) r / sigma, matern52 (1 + t + t^2 / 3) exp(-t) with t = sqrt(5) r / sigma.
 * All equal 1 at r = 0.
 */
export declare function kernelFormula(kernel: KernelName, sigma: number, A: Tensor, B: Tensor): LazyTensor;
/**
 * dk/dsigma (a_i, b_j) as a LazyTensor [n, m], for the gradient of a validation loss with
 * respect to the length scale: gaussian k r^2 / sigma^3, laplacian k r / sigma^2, matern32
 * t^2 exp(-t) / sigma, matern52 t^2 (1 + t) exp(-t) / (3 sigma), with t as in kernelFormula.
 */
export declare function kernelSigmaDerivative(kernel: KernelName, sigma: number, A: Tensor, B: Tensor): LazyTensor;
