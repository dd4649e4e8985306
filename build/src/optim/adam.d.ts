import type { Tensor } from '../tensor/tensor.js';
import { Optimizer } from './optimizer.js';
/** Options of `Adam`; defaults are PyTorch's. */
export interface AdamOptions {
    /** Learning rate (default 1e-3). */
    lr?: number;
    /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
    betas?: readonly [number, number];
    /** Added to the denominator for stability (default 1e-8). */
    eps?: number;
    /** L2 penalty added to the gradient (default 0). */
    weightDecay?: number;
    /** Use the running maximum of the second moment (AMSGrad, default false). */
    amsgrad?: boolean;
    /** Maximise instead of minimise (default false). */
    maximize?: boolean;
}
/**
 * Adam exactly as torch.optim.Adam computes it (single-tensor path):
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; vmax = max(vmax, v) with amsgrad;
 * p -= lr / (1 - b1^t) * m / (sqrt(v or vmax) / sqrt(1 - b2^t) + eps).
 * The moments are kept in float64.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, Adam } from 'lazykernel';
 * // Fit a Gaussian bump's centre c to points x by maximising sum_i exp(-|x_i - c|^2).
 * const X = tensor([0.9, 1.0, 1.1], [3, 1]);
 * const c = tensor([0], [1, 1], { requiresGrad: true });
 * const opt = new Adam([c], { lr: 0.1 });
 * for (let step = 0; step < 100; step++) {
 *   opt.zeroGrad();
 *   const fit = await Vi(X).sqdist(Vj(c)).neg().exp().sum(0);   // Tensor [1, 1]
 *   await fit.neg().sum().backward();
 *   opt.step();
 * }
 * console.log(c.data); // => [1.0]
 * ```
 */
export declare class Adam extends Optimizer {
    lr: number;
    readonly betas: readonly [number, number];
    readonly eps: number;
    readonly weightDecay: number;
    readonly amsgrad: boolean;
    readonly maximize: boolean;
    private readonly state;
    constructor(params: readonly Tensor[], options?: AdamOptions);
    /**
     * One update of every parameter that has a gradient.
     *
     * @example
     * ```ts
     * import { tensor, Adam } from 'lazykernel';
     * const w = tensor([1, 2], [2], { requiresGrad: true });
     * const opt = new Adam([w], { lr: 0.1 });
     * await w.square().sum().backward();
     * opt.step();                 // the first Adam step moves each entry by about lr
     * console.log(w.data);        // => [0.9, 1.9]
     * ```
     */
    step(): void;
}
