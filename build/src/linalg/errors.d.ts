import { LazyKernelError } from '../errors.js';
/**
 * An iterative solver stopped (iteration limit, or an inner solve that failed) before every
 * requested quantity met its tolerance. `partial` carries what was computed so far, the
 * way scipy's ArpackNoConvergence carries `eigenvalues` and `eigenvectors`.
 */
export declare class ConvergenceError<P = unknown> extends LazyKernelError {
    readonly partial: P;
    static readonly errorName = "ConvergenceError";
    constructor(message: string, partial: P);
}
