import { InputCache } from './input-store.js';
export interface WorkerOptions {
    /** Redis URL, e.g. 'redis://127.0.0.1:6379'. */
    redis: string;
    /** Engine threads (configure({ threads })); default: every core. */
    threads?: number;
    /**
     * Milliseconds a shard stays locked without a renewal before BullMQ takes it for stalled and
     * gives it to another worker (BullMQ's lockDuration; default 30000). A worker renews it every
     * half of that while it runs.
     */
    lockMs?: number;
    /** Called with one line per event (shard done, failed), for a log. */
    log?: (line: string) => void;
}
/** A started worker: its stats, and close() to stop taking shards. */
export interface ShardWorker {
    readonly stats: {
        shards: number;
        failed: number;
        cache: InputCache['stats'];
    };
    close(): Promise<void>;
}
/**
 * Starts serving shards from the Redis at `options.redis`; resolves once the worker listens,
 * rejects with a ClusterError within 5 s when Redis does not answer.
 * The `lazykernel-worker` command calls it; call it to serve from a process of your own.
 *
 * @example
 * ```ts
 * // doc-example: skip needs a Redis server with lazykernel workers (test/distributed.test.mjs starts both)
 * import { serveShards } from 'lazykernel/distributed';
 * const worker = await serveShards({ redis: 'redis://127.0.0.1:6379', threads: 2, log: console.log });
 * // ... later
 * console.log(worker.stats);   // { shards, failed, cache: { fetched, hits, fetchedBytes } }
 * await worker.close();
 * ```
 */
export declare function serveShards(options: WorkerOptions): Promise<ShardWorker>;
