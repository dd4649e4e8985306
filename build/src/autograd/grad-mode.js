import { ValueError, describe } from '../errors.js';
/**
 * Grad mode: whether host ops record a backward graph. A counter rather than a flag, so
 * nested and interleaved `noGrad` scopes each restore exactly what they took.
 */
let disabledDepth = 0;
/**
 * True when host ops record the graph `backward()` walks (the default).
 *
 * @example
 * ```ts
 * import { isGradEnabled, noGrad } from 'lazykernel';
 * console.log(isGradEnabled());                 // => true
 * console.log(noGrad(() => isGradEnabled()));   // => false
 * ```
 */
export function isGradEnabled() {
    return disabledDepth === 0;
}
function isThenable(value) {
    return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof value.then === 'function';
}
/**
 * Runs `fn` without recording gradients, like PyTorch's `torch.no_grad()`.
 * For an async `fn` the scope lasts until its promise settles. JavaScript has no portable
 * async-local state, so other code that runs while such a promise is pending also records
 * no graph: await the scope before starting unrelated forward passes.
 *
 * @example
 * ```ts
 * import { tensor, noGrad } from 'lazykernel';
 * const w = tensor([1, 2], [2], { requiresGrad: true });
 * const y = noGrad(() => w.mul(2));   // like torch.no_grad(): no graph recorded
 * console.log(y.requiresGrad);        // => false
 * ```
 */
export function noGrad(fn) {
    if (typeof fn !== 'function')
        throw new ValueError(`noGrad: fn must be a function to run without recording gradients, received ${describe(fn)}`);
    disabledDepth++;
    let result;
    try {
        result = fn();
    }
    catch (error) {
        disabledDepth--;
        throw error;
    }
    if (isThenable(result)) {
        return Promise.resolve(result).then((value) => {
            disabledDepth--;
            return value;
        }, (error) => {
            disabledDepth--;
            throw error;
        });
    }
    disabledDepth--;
    return result;
}
