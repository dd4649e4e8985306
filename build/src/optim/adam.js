/** Adam and AMSGrad (PyTorch's torch.optim.Adam, L2 weight decay added to the gradient). */
import { ValueError, checkOptions, describe } from '../errors.js';
import { Optimizer, checkBoolean, checkNumber } from './optimizer.js';
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
export class Adam extends Optimizer {
    lr;
    betas;
    eps;
    weightDecay;
    amsgrad;
    maximize;
    state = new Map();
    constructor(params, options = {}) {
        checkOptions('Adam', options, ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad', 'maximize']);
        super('Adam', params);
        this.lr = checkNumber('Adam', 'options.lr', options.lr ?? 1e-3, 0);
        const betas = options.betas ?? [0.9, 0.999];
        if (!Array.isArray(betas) || betas.length !== 2)
            throw new ValueError(`Adam: options.betas must be a pair of numbers, received ${describe(betas)}`);
        this.betas = [checkNumber('Adam', 'options.betas[0]', betas[0], 0, 1, true), checkNumber('Adam', 'options.betas[1]', betas[1], 0, 1, true)];
        this.eps = checkNumber('Adam', 'options.eps', options.eps ?? 1e-8, 0);
        this.weightDecay = checkNumber('Adam', 'options.weightDecay', options.weightDecay ?? 0, 0);
        this.amsgrad = checkBoolean('Adam', 'options.amsgrad', options.amsgrad ?? false);
        this.maximize = checkBoolean('Adam', 'options.maximize', options.maximize ?? false);
    }
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
    step() {
        const { lr, eps, weightDecay, amsgrad, maximize } = this;
        const [beta1, beta2] = this.betas;
        for (const p of this.params) {
            if (p.grad === null)
                continue;
            let s = this.state.get(p);
            if (s === undefined) {
                s = { step: 0, expAvg: new Float64Array(p.size), expAvgSq: new Float64Array(p.size), maxExpAvgSq: amsgrad ? new Float64Array(p.size) : null };
                this.state.set(p, s);
            }
            s.step++;
            const stepSize = lr / (1 - beta1 ** s.step);
            const bias2Sqrt = Math.sqrt(1 - beta2 ** s.step);
            const x = p.data;
            const grad = p.grad.data;
            const { expAvg: m, expAvgSq: v, maxExpAvgSq: vmax } = s;
            for (let k = 0; k < x.length; k++) {
                let g = maximize ? -grad[k] : grad[k];
                if (weightDecay !== 0)
                    g += weightDecay * x[k];
                m[k] = beta1 * m[k] + (1 - beta1) * g;
                v[k] = beta2 * v[k] + (1 - beta2) * g * g;
                let second = v[k];
                if (vmax !== null) {
                    if (second > vmax[k])
                        vmax[k] = second;
                    second = vmax[k];
                }
                x[k] = x[k] - stepSize * (m[k] / (Math.sqrt(second) / bias2Sqrt + eps));
            }
            p.markChanged();
        }
    }
}
