import { LazyKernelError } from '../errors.js';
import type { InputRef } from './input-store.js';
/** The BullMQ queue the shards go through. */
export declare const QUEUE_NAME = "lazykernel-shards";
/** Version of the job format: a worker refuses others with a ClusterError. */
export declare const SHARD_FORMAT_VERSION = 1;
/** Seconds a shard's result stays in Redis when its caller is gone. */
export declare const RESULT_TTL_SECONDS = 3600;
/** One shard: output rows [rowStart, rowEnd) of an encoded plan. */
export interface ShardJob {
    readonly version: typeof SHARD_FORMAT_VERSION;
    /** The reduction the shard belongs to (its cancel key is named by it). */
    readonly reduction: string;
    /** encodePlan's JSON of the whole plan. */
    readonly plan: string;
    /** encodePlan's buffers, by content. */
    readonly inputs: readonly InputRef[];
    readonly rowStart: number;
    readonly rowEnd: number;
}
/** What a worker returns for a shard (its arrays are in Redis, at resultKey). */
export interface ShardDone {
    readonly values: boolean;
    readonly indices: boolean;
}
export declare const resultKey: (jobId: string, part: "values" | "indices") => string;
/** Set when a reduction is aborted: workers skip its shards and stop the one they run. */
export declare const cancelKey: (reduction: string) => string;
/** A worker's error as a job's failure reason: JSON naming its class. */
export declare function encodeFailure(e: unknown): string;
/**
 * A job's failure reason as the error to throw: the worker's own typed error where it sent
 * one, else a ClusterError quoting BullMQ's reason (a shard stalled too often, say).
 */
export declare function decodeFailure(reason: string, shard: string): LazyKernelError;
