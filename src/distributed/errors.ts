// The errors of lazykernel/distributed: both are BackendErrors (the reduction could not run
// where it was sent), so code that handles a failed backend handles a failed cluster too.
import { BackendError } from '../errors.js';

/**
 * The cluster cannot do what was asked: Redis unreachable (within 5 s of connect()), the
 * connection closed, or a shard lost. A shard that fails on its input fails the reduction with
 * that input's own typed error (ShapeError, ValueError, ...) instead.
 */
export class ClusterError extends BackendError {
  static override readonly errorName: string = 'ClusterError';
}

/** An optional peer dependency of lazykernel/distributed (bullmq, ioredis) is not installed. */
export class MissingDependencyError extends BackendError {
  static override readonly errorName: string = 'MissingDependencyError';

  constructor(
    /** The package to install. */
    readonly packageName: string,
    message: string,
  ) {
    super(message);
  }
}
