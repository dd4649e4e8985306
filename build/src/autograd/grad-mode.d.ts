/** True when host ops record the graph `backward()` walks (the default). */
export declare function isGradEnabled(): boolean;
/**
 * Runs `fn` without recording gradients, like PyTorch's `torch.no_grad()`.
 * For an async `fn` the scope lasts until its promise settles. JavaScript has no portable
 * async-local state, so other code that runs while such a promise is pending also records
 * no graph: await the scope before starting unrelated forward passes.
 */
export declare function noGrad<T>(fn: () => T): T;
