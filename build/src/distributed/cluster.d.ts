import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ReductionCluster } from '../api/cluster-option.js';
import type { PlanOutput } from '../dispatch/dispatcher.js';
import type { ReductionPlan } from '../plan/reduction-plan.js';
import { type Peers } from './peers.js';
/** Progress of one reduction: shards finished out of its total. */
export interface ClusterProgress {
    readonly done: number;
    readonly total: number;
}
export interface ConnectOptions {
    /** Milliseconds to wait for Redis to answer before a ClusterError (default 4000: connect() fails within 5 s). */
    timeoutMs?: number;
    /**
     * Shards per reduction; by default enough to keep every worker busy (SHARDS_PER_WORKER each)
     * while each holds at least MIN_SHARD_WORK pair-instructions.
     */
    shards?: number;
    /** Called each time a shard finishes. */
    onProgress?: (progress: ClusterProgress) => void;
}
/** Resolves when Redis at `url` answers PING; a ClusterError after `timeoutMs` or on refusal. */
export declare function probeRedis(peers: Peers, url: string, timeoutMs: number, where?: string): Promise<void>;
/**
 * Connects to the Redis at `url` that lazykernel workers serve (`npx lazykernel-worker --redis
 * URL`): a ClusterError within 5 s when it does not answer, a MissingDependencyError when bullmq
 * or ioredis is not installed.
 *
 * @example
 * ```ts
 * import { connect, ClusterError } from 'lazykernel/distributed';
 * // Nothing listens on port 1: the connection is refused at once.
 * const error = await connect('redis://127.0.0.1:1').catch((e) => e);
 * console.log(error instanceof ClusterError); // => true
 * ```
 *
 * @example
 * ```ts
 * // doc-example: skip needs a Redis server with lazykernel workers (test/distributed.test.mjs starts both)
 * import { tensor, Vi, Vj } from 'lazykernel';
 * import { connect } from 'lazykernel/distributed';
 * const cluster = await connect('redis://127.0.0.1:6379', { onProgress: ({ done, total }) => console.log(`${done}/${total}`) });
 * const X = tensor(new Float32Array(3000).map(Math.random), [1000, 3]);
 * const out = await Vi(X).sqdist(Vj(X)).neg().exp().sum(1, { cluster });   // bitwise the local result
 * await cluster.close();
 * ```
 */
export declare function connect(url: string, options?: ConnectOptions): Promise<Cluster>;
/**
 * A connection to a lazykernel cluster (from connect()): pass it as `{ cluster }` to reductions
 * and to aslinearoperator.
 *
 * @example
 * ```ts
 * // doc-example: skip needs a Redis server with lazykernel workers (test/distributed.test.mjs starts both)
 * import { tensor, Vi, Vj, aslinearoperator, eigsh } from 'lazykernel';
 * import { connect } from 'lazykernel/distributed';
 * const cluster = await connect('redis://127.0.0.1:6379');
 * const X = tensor(new Float64Array(3000).map(Math.random), [1000, 3]);
 * const K = Vi(X).sqdist(Vj(X)).mul(-10).exp();
 * const { values } = await eigsh(aslinearoperator(K, { cluster }), { k: 3 });  // X goes up once
 * console.log(cluster.stats);   // { reductions, shards, uploadedBytes }
 * await cluster.close();
 * ```
 */
export declare class Cluster implements ReductionCluster {
    readonly url: string;
    private readonly connections;
    private readonly queue;
    private readonly events;
    private readonly options;
    /** Reductions run, shards queued, input bytes uploaded (inputs Redis already had cost none). */
    readonly stats: {
        reductions: number;
        shards: number;
        uploadedBytes: number;
    };
    private readonly pending;
    private poller;
    private closed;
    private readonly redis;
    constructor(url: string, connections: readonly [Redis, Redis], queue: Queue, events: QueueEvents, options: ConnectOptions);
    /**
     * The Redis connection's state ('ready' when usable; 'reconnecting', 'end', ... otherwise).
     *
     * @example
     * ```ts
     * // doc-example: skip needs a Redis server with lazykernel workers (test/distributed.test.mjs starts both)
     * import { connect } from 'lazykernel/distributed';
     * const cluster = await connect('redis://127.0.0.1:6379');
     * console.log(cluster.connectionStatus); // => 'ready'
     * await cluster.close();
     * ```
     */
    get connectionStatus(): string;
    /**
     * Number of workers serving the queue now.
     *
     * @example
     * ```ts
     * // doc-example: skip needs a Redis server with lazykernel workers (test/distributed.test.mjs starts both)
     * import { connect } from 'lazykernel/distributed';
     * const cluster = await connect('redis://127.0.0.1:6379');
     * console.log(await cluster.workers());   // e.g. 3
     * await cluster.close();
     * ```
     */
    workers(): Promise<number>;
    /**
     * Shards queued or running now (of every caller of this queue).
     *
     * @example
     * ```ts
     * // doc-example: skip needs a Redis server with lazykernel workers (test/distributed.test.mjs starts both)
     * import { connect } from 'lazykernel/distributed';
     * const cluster = await connect('redis://127.0.0.1:6379');
     * console.log(await cluster.outstanding());   // 0 when the workers are idle
     * await cluster.close();
     * ```
     */
    outstanding(): Promise<number>;
    /**
     * Runs a validated plan on the cluster's workers; the same outputs as the local runPlan. The
     * reductions call it for `{ cluster }`: users pass the cluster, not plans.
     *
     * @example
     * ```ts
     * // doc-example: skip needs a Redis server with lazykernel workers (test/distributed.test.mjs starts both)
     * import { tensor, Vi, Vj } from 'lazykernel';
     * import { connect } from 'lazykernel/distributed';
     * const cluster = await connect('redis://127.0.0.1:6379');
     * const X = tensor([0, 1, 2], [3, 1]);
     * console.log(await Vi(X).sqdist(Vj(X)).min(1, { cluster }));   // runPlan underneath
     * await cluster.close();
     * ```
     */
    runPlan(plan: ReductionPlan, signal?: AbortSignal): Promise<PlanOutput>;
    /**
     * Stops listening and closes the connections; later reductions get a ClusterError.
     *
     * @example
     * ```ts
     * // doc-example: skip needs a Redis server with lazykernel workers (test/distributed.test.mjs starts both)
     * import { connect } from 'lazykernel/distributed';
     * const cluster = await connect('redis://127.0.0.1:6379');
     * await cluster.close();
     * ```
     */
    close(): Promise<void>;
    private shardCount;
    /** Reads a finished shard's rows from Redis into the output, then deletes them there. */
    private collect;
    /** Marks a reduction cancelled (workers skip or stop its shards) and removes its waiting jobs. */
    private cancel;
    /** Looks the outstanding shards up now and then: a QueueEvents stream can miss an event when it reconnects. */
    private startPolling;
    private stopPollingIfIdle;
}
