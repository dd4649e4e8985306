/**
 * The kernels KernelRidge offers, each written once as a LazyTensor formula of r = |x - y|:
 * every product with K (matvecs, K_nm blocks, predictions) is a reduction of one of these.
 */
import type { Tensor } from '../tensor/tensor.js';
import { Vi, Vj } from '../api/variables.js';
import type { LazyTensor } from '../api/lazy-tensor.js';

/** The kernel names KernelRidge accepts. */
export type KernelName = 'gaussian' | 'laplacian' | 'matern32' | 'matern52';

export const KERNEL_NAMES: readonly KernelName[] = ['gaussian', 'laplacian', 'matern32', 'matern52'];

/**
 * k(a_i, b_j) as a LazyTensor [n, m] for points A [n, D] (the i side) and B [m, D] (the j side):
 * gaussian exp(-r^2 / (2 sigma^2)), laplacian exp(-r / sigma), matern32 (1 + t) exp(-t) with
 * t = sqrt(3) r / sigma, matern52 (1 + t + t^2 / 3) exp(-t) with t = sqrt(5) r / sigma.
 * All equal 1 at r = 0.
 */
export function kernelFormula(kernel: KernelName, sigma: number, A: Tensor, B: Tensor): LazyTensor {
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
