/**
 * What every optimiser shares: a list of leaf tensors that require grad, updated in place
 * (their `data` written and `markChanged()` called, so cached device copies are refreshed).
 */
import { ValueError, describe } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
/** Checks an optimiser's parameter list: leaf float tensors that require grad, each once. */
export function checkParams(where, params) {
    if (!Array.isArray(params) || params.length === 0) {
        throw new ValueError(`${where}: params must be a non-empty array of Tensors, received ${describe(params)}`);
    }
    const seen = new Set();
    return params.map((p, k) => {
        if (!(p instanceof Tensor))
            throw new ValueError(`${where}: params[${k}] must be a Tensor, received ${describe(p)}`);
        if (!p.requiresGrad) {
            throw new ValueError(`${where}: params[${k}] (${p.toString()}) does not require grad; create it with { requiresGrad: true } or call requiresGrad_()`);
        }
        if (!p.isLeaf)
            throw new ValueError(`${where}: params[${k}] (${p.toString()}) is not a leaf tensor; optimise the tensor it was computed from`);
        if (seen.has(p))
            throw new ValueError(`${where}: params[${k}] appears more than once in params`);
        seen.add(p);
        return p;
    });
}
/** A number option in [min, max] (ends inclusive unless `openMax`), or a ValueError naming it. */
export function checkNumber(where, name, value, min, max = Infinity, openMax = false) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (openMax && value === max)) {
        const range = `${min === -Infinity ? '(-inf' : `[${min}`}, ${max === Infinity ? 'inf)' : `${max}${openMax ? ')' : ']'}`}`;
        throw new ValueError(`${where}: ${name} must be a number in ${range}, received ${describe(value)}`);
    }
    return value;
}
/** A boolean option, or a ValueError naming it. */
export function checkBoolean(where, name, value) {
    if (typeof value !== 'boolean')
        throw new ValueError(`${where}: ${name} must be a boolean, received ${describe(value)}`);
    return value;
}
/** Base class of the step-wise optimisers (SGD, Adam). */
export class Optimizer {
    /** The tensors this optimiser updates, in the order given. */
    params;
    constructor(where, params) {
        this.params = checkParams(where, params);
    }
    /**
     * Drops every parameter's gradient (`grad = null`), like PyTorch's zero_grad().
     *
     * @example
     * ```ts
     * import { tensor, Adam } from 'lazykernel';
     * const w = tensor([1, 2], [2], { requiresGrad: true });
     * const opt = new Adam([w], { lr: 0.1 });
     * await w.sum().backward();
     * opt.step();
     * opt.zeroGrad();             // before the next backward, or the gradients add up
     * console.log(w.grad);        // => null
     * ```
     */
    zeroGrad() {
        for (const p of this.params)
            p.grad = null;
    }
}
