/** Stochastic gradient descent with momentum, dampening, Nesterov and weight decay (PyTorch's SGD). */
import { ValueError, checkOptions } from '../errors.js';
import { Optimizer, checkBoolean, checkNumber } from './optimizer.js';
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
export class SGD extends Optimizer {
    lr;
    momentum;
    dampening;
    nesterov;
    weightDecay;
    maximize;
    buffers = new Map();
    constructor(params, options = {}) {
        checkOptions('SGD', options, ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize']);
        super('SGD', params);
        this.lr = checkNumber('SGD', 'options.lr', options.lr ?? 1e-3, 0);
        this.momentum = checkNumber('SGD', 'options.momentum', options.momentum ?? 0, 0);
        this.dampening = checkNumber('SGD', 'options.dampening', options.dampening ?? 0, -Infinity);
        this.nesterov = checkBoolean('SGD', 'options.nesterov', options.nesterov ?? false);
        this.weightDecay = checkNumber('SGD', 'options.weightDecay', options.weightDecay ?? 0, 0);
        this.maximize = checkBoolean('SGD', 'options.maximize', options.maximize ?? false);
        if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
            throw new ValueError(`SGD: nesterov needs momentum > 0 and dampening 0, received momentum ${this.momentum} and dampening ${this.dampening}`);
        }
    }
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
    step() {
        const { lr, momentum, dampening, nesterov, weightDecay, maximize } = this;
        for (const p of this.params) {
            if (p.grad === null)
                continue;
            const x = p.data;
            const grad = p.grad.data;
            let buf = this.buffers.get(p);
            const first = buf === undefined;
            if (momentum !== 0 && buf === undefined) {
                buf = new Float64Array(x.length);
                this.buffers.set(p, buf);
            }
            for (let k = 0; k < x.length; k++) {
                let g = maximize ? -grad[k] : grad[k];
                if (weightDecay !== 0)
                    g += weightDecay * x[k];
                if (momentum !== 0) {
                    const b = first ? g : momentum * buf[k] + (1 - dampening) * g;
                    buf[k] = b;
                    g = nesterov ? g + momentum * b : b;
                }
                x[k] = x[k] - lr * g;
            }
            p.markChanged();
        }
    }
}
