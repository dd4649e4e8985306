import { Tensor } from '../tensor/tensor.js';
/** Progress reported after every accepted iteration. */
export interface LbfgsProgress {
    iteration: number;
    loss: number;
    /** Infinity norm of the gradient (scipy's projected gradient, without bounds). */
    gradNorm: number;
}
/** Options of `lbfgs`. */
export interface LbfgsOptions {
    /** Maximum number of iterations (default 15000, scipy's maxiter). */
    maxIter?: number;
    /** Maximum number of closure evaluations (default 15000, scipy's maxfun). */
    maxEval?: number;
    /** Sets both `gtol` and `ftol`, like scipy.optimize.minimize's `tol`. */
    tol?: number;
    /** Stop when the gradient's infinity norm is <= gtol (default 1e-5). */
    gtol?: number;
    /** Stop when (f_prev - f) / max(|f_prev|, |f|, 1) <= ftol (default 2.220446049250313e-9 = factr 1e7 * eps). */
    ftol?: number;
    /** Number of correction pairs kept (default 10, scipy's maxcor). */
    historySize?: number;
    /** Closure evaluations allowed per line search, beyond the first (default 25). */
    maxLineSearch?: number;
    /**
     * Rejects with an AbortError when fired; parameters keep the last accepted iterate. Honoured
     * within a few tens of milliseconds (plus one closure evaluation), even when `abort()` is
     * called from a timer: the loop gives the event loop a turn every 20 ms. Must be a real
     * AbortSignal (a ValueError otherwise).
     */
    signal?: AbortSignal;
    /** Called (and awaited) after every accepted iteration. */
    onProgress?: (progress: LbfgsProgress) => void | Promise<void>;
}
/** How `lbfgs` ended. */
export interface LbfgsResult {
    /** The objective at the final parameters. */
    loss: number;
    iterations: number;
    /** Closure evaluations, line searches included. */
    evaluations: number;
    /** True when a tolerance was met (not when a limit or a failed line search stopped it). */
    converged: boolean;
    /** scipy's wording: 'CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL', ... */
    message: string;
    /** Infinity norm of the final gradient. */
    gradNorm: number;
}
/**
 * Minimises the scalar returned by `closure` over `params` with L-BFGS. Each evaluation
 * zeroes the gradients, awaits the closure, then awaits `backward()` on its result; the
 * parameters are updated in place and, on return, hold the best iterate with `.grad` set to
 * the gradient there. On abort or error they are restored to the last accepted iterate.
 *
 * @example
 * ```ts
 * import { tensor, lbfgs } from 'lazykernel';
 * // Rosenbrock's function, minimum at (1, 1).
 * const z = tensor([-1, 1], [2], { dtype: 'float64', requiresGrad: true });
 * const closure = () => {
 *   const [x, y] = [z.select(0, 0), z.select(0, 1)];
 *   return x.sub(1).square().add(y.sub(x.square()).square().mul(100));
 * };
 * const result = await lbfgs(closure, [z], { maxIter: 200 });
 * console.log(result.converged); // => true
 * console.log(z.data);           // => [1.000, 1.000]
 * ```
 */
export declare function lbfgs(closure: () => Promise<Tensor> | Tensor, params: readonly Tensor[], options?: LbfgsOptions): Promise<LbfgsResult>;
