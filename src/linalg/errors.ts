import { LazyKernelError } from '../errors.js';

/**
 * An iterative solver stopped (iteration limit, or an inner solve that failed) before every
 * requested quantity met its tolerance. `partial` carries what was computed so far, the
 * way scipy's ArpackNoConvergence carries `eigenvalues` and `eigenvectors`.
 */
export class ConvergenceError<P = unknown> extends LazyKernelError {
  static override readonly errorName = 'ConvergenceError';

  constructor(message: string, readonly partial: P) {
    super(message);
  }
}
