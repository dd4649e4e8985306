import { Vi, Vj } from '../api/variables.js';
export const KERNEL_NAMES = ['gaussian', 'laplacian', 'matern32', 'matern52'];
/**
 * k(a_i, b_j) as a LazyTensor [n, m] for points A [n, D] (the i side) and B [m, D] (the j side):
 * gaussian exp(-r^2 / (2 sigma^2)), laplacian exp(-r / sigma), matern32 (1 + t) exp(-t) with
 * t = sqrt(3) r / sigma, matern52 (1 + t + t^2 / 3) exp(-t) with t = sqrt(5) r / sigma.
 * All equal 1 at r = 0.
 */
export function kernelFormula(kernel, sigma, A, B) {
    const r2 = Vi(A).sqdist(Vj(B));
    switch (kernel) {
        case 'gaussian':
            return r2.mul(-1 / (2 * sigma * sigma)).exp();
        case 'laplacian':
            return r2.sqrt().mul(-1 / sigma).exp();
        case 'matern32': {
            const t = r2.sqrt().mul(Math.sqrt(3) / sigma);
            return t.add(1).mul(t.neg().exp());
        }
        case 'matern52': {
            const t = r2.sqrt().mul(Math.sqrt(5) / sigma);
            return t.add(1).add(t.square().div(3)).mul(t.neg().exp());
        }
    }
}
/**
 * dk/dsigma (a_i, b_j) as a LazyTensor [n, m], for the gradient of a validation loss with
 * respect to the length scale: gaussian k r^2 / sigma^3, laplacian k r / sigma^2, matern32
 * t^2 exp(-t) / sigma, matern52 t^2 (1 + t) exp(-t) / (3 sigma), with t as in kernelFormula.
 */
export function kernelSigmaDerivative(kernel, sigma, A, B) {
    const r2 = Vi(A).sqdist(Vj(B));
    switch (kernel) {
        case 'gaussian':
            return r2.mul(-1 / (2 * sigma * sigma)).exp().mul(r2).mul(1 / sigma ** 3);
        case 'laplacian': {
            const r = r2.sqrt();
            return r.mul(-1 / sigma).exp().mul(r).mul(1 / sigma ** 2);
        }
        case 'matern32': {
            const t = r2.sqrt().mul(Math.sqrt(3) / sigma);
            return t.square().mul(t.neg().exp()).mul(1 / sigma);
        }
        case 'matern52': {
            const t = r2.sqrt().mul(Math.sqrt(5) / sigma);
            return t.square().mul(t.add(1)).mul(t.neg().exp()).mul(1 / (3 * sigma));
        }
    }
}
