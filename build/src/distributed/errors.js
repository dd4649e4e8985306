// The errors of lazykernel/distributed: both are BackendErrors (the reduction could not run
// where it was sent), so code that handles a failed backend handles a failed cluster too.
import { BackendError } from '../errors.js';
/**
 * The cluster cannot do what was asked: Redis unreachable (within 5 s of connect()), the
 * connection closed, or a shard lost. A shard that fails on its input fails the reduction with
 * that input's own typed error (ShapeError, ValueError, ...) instead.
 *
 * @example
 * ```ts
 * import { BackendError } from 'lazykernel';
 * import { connect, ClusterError } from 'lazykernel/distributed';
 * const error = await connect('redis://127.0.0.1:1').catch((e) => e);   // nothing listens there
 * console.log(error instanceof ClusterError); // => true
 * console.log(error instanceof BackendError); // => true
 * console.log(error.name); // => 'ClusterError'
 * ```
 */
export class ClusterError extends BackendError {
    static errorName = 'ClusterError';
}
/**
 * An optional peer dependency of lazykernel/distributed (bullmq, ioredis) is not installed:
 * importing lazykernel/distributed fails with it, naming the package.
 *
 * @example
 * ```ts
 * import { MissingDependencyError } from 'lazykernel/distributed';
 * const error = new MissingDependencyError('bullmq', 'lazykernel/distributed needs bullmq');
 * console.log(error.packageName); // => 'bullmq'
 * console.log(error.name); // => 'MissingDependencyError'
 * ```
 */
export class MissingDependencyError extends BackendError {
    packageName;
    static errorName = 'MissingDependencyError';
    constructor(
    /** The package to install. */
    packageName, message) {
        super(message);
        this.packageName = packageName;
    }
}
