// What travels through the queue: one job per shard, as plain data (the plan's JSON, its
// inputs by content hash, the shard's rows), its result in Redis under keys named by the job,
// and a failure's typed error as JSON, so that the caller sees the worker's error class.
import { AbortError, BackendError, DTypeError, MemoryLimitError, ShapeError, ValueError } from '../errors.js';
import { ClusterError } from './errors.js';
/** The BullMQ queue the shards go through. */
export const QUEUE_NAME = 'lazykernel-shards';
/** Version of the job format: a worker refuses others with a ClusterError. */
export const SHARD_FORMAT_VERSION = 1;
/** Seconds a shard's result stays in Redis when its caller is gone. */
export const RESULT_TTL_SECONDS = 3600;
export const resultKey = (jobId, part) => `lazykernel:result:${jobId}:${part}`;
/** Set when a reduction is aborted: workers skip its shards and stop the one they run. */
export const cancelKey = (reduction) => `lazykernel:cancel:${reduction}`;
const ERRORS = {
    ShapeError, DTypeError, ValueError, BackendError, MemoryLimitError, AbortError, ClusterError,
};
/** A worker's error as a job's failure reason: JSON naming its class. */
export function encodeFailure(e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return JSON.stringify({ lazykernel: true, name: error.name, message: error.message });
}
/**
 * A job's failure reason as the error to throw: the worker's own typed error where it sent
 * one, else a ClusterError quoting BullMQ's reason (a shard stalled too often, say).
 */
export function decodeFailure(reason, shard) {
    try {
        const parsed = JSON.parse(reason);
        if (parsed && parsed.lazykernel === true && typeof parsed.message === 'string') {
            const Ctor = ERRORS[parsed.name ?? ''] ?? ClusterError;
            return new Ctor(parsed.message);
        }
    }
    catch {
        // Not ours: BullMQ's own reason.
    }
    return new ClusterError(`${shard} failed on the cluster: ${reason}`);
}
