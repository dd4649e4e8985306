import type { Tensor } from '../tensor/tensor.js';
import { Optimizer } from './optimizer.js';
/** Options of `SGD`; defaults are PyTorch's. */
export interface SGDOptions {
    /** Learning rate (default 1e-3). */
    lr?: number;
    /** Momentum factor (default 0). */
    momentum?: number;
    /** Dampening of the momentum (default 0). */
    dampening?: number;
    /** Nesterov momentum; needs momentum > 0 and dampening 0 (default false). */
    nesterov?: boolean;
    /** L2 penalty added to the gradient (default 0). */
    weightDecay?: number;
    /** Maximise instead of minimise (default false). */
    maximize?: boolean;
}
/**
 * SGD exactly as torch.optim.SGD computes it:
 * g = grad + weightDecay * p; b = momentum * b + (1 - dampening) * g (b = g on the first step);
 * g = nesterov ? g + momentum * b : b; p -= lr * g.
 *
 * @example
 * ```ts
 * import { tensor, SGD } from 'lazykernel';
 * const w = tensor([1, -2], [2], { requiresGrad: true });
 * const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
 * for (let step = 0; step < 100; step++) {
 *   opt.zeroGrad();
 *   await w.square().sum().backward();   // minimise |w|^2
 *   opt.step();
 * }
 * console.log(w.data.every((v) => Math.abs(v) < 0.1)); // => true
 * ```
 */
export declare class SGD extends Optimizer {
    lr: number;
    readonly momentum: number;
    readonly dampening: number;
    readonly nesterov: boolean;
    readonly weightDecay: number;
    readonly maximize: boolean;
    private readonly buffers;
    constructor(params: readonly Tensor[], options?: SGDOptions);
    /**
     * One update of every parameter that has a gradient.
     *
     * @example
     * ```ts
     * import { tensor, SGD } from 'lazykernel';
     * const w = tensor([1, 2], [2], { requiresGrad: true });
     * const opt = new SGD([w], { lr: 0.5 });
     * await w.sum().backward();   // gradient [1, 1]
     * opt.step();                 // w -= 0.5 * grad
     * console.log(w.data);        // => [0.5, 1.5]
     * ```
     */
    step(): void;
}
