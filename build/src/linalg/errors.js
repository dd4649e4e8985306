import { LazyKernelError } from '../errors.js';
/**
 * An iterative solver stopped (iteration limit, or an inner solve that failed) before every
 * requested quantity met its tolerance. `partial` carries what was computed so far, the
 * way scipy's ArpackNoConvergence carries `eigenvalues` and `eigenvectors`.
 *
 * @example
 * ```ts
 * import { diags, eigsh, ConvergenceError, type EigshPartial } from 'lazykernel';
 * const A = diags(Array.from({ length: 100 }, (_, k) => k + 1));
 * const error = await eigsh(A, { k: 3, which: 'SM', ncv: 7, maxiter: 1 }).catch((e) => e);   // far too few restarts
 * console.log(error instanceof ConvergenceError);                   // => true
 * console.log((error.partial as EigshPartial).values.length);       // => 3
 * ```
 */
export class ConvergenceError extends LazyKernelError {
    partial;
    static errorName = 'ConvergenceError';
    constructor(message, partial) {
        super(message);
        this.partial = partial;
    }
}
