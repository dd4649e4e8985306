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
export declare function isGradEnabled(): boolean;
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
export declare function noGrad<T>(fn: () => T): T;
