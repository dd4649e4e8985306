// The client side of a cluster: connect() checks that Redis answers (a ClusterError within
// 5 s otherwise), and a Cluster runs a reduction plan by uploading its inputs by content,
// queueing one BullMQ job per block of output rows, and placing each shard's rows into the
// output as QueueEvents reports them done. It is the ReductionCluster the core's `cluster`
// option takes: `await K.sum(1, { cluster })`, `aslinearoperator(K, { cluster })`.
import { randomUUID } from 'node:crypto';
import { Tensor } from '../tensor/tensor.js';
import { AbortError, ValueError, checkOptions, describe } from '../errors.js';
import { checkSignal } from '../abort.js';
import { encodePlan } from '../plan/plan-codec.js';
import { planOutputs } from '../plan/lower-plan.js';
import { outputRows, placeShardRows, rowShardable, rowShards } from '../plan/plan-shards.js';
import { ClusterError } from './errors.js';
import { loadPeers } from './peers.js';
import { uploadInputs } from './input-store.js';
import { QUEUE_NAME, SHARD_FORMAT_VERSION, cancelKey, decodeFailure, resultKey } from './shard-job.js';
/** Shards per live worker: a few, so that a fast worker takes more and a slow one delays less. */
const SHARDS_PER_WORKER = 4;
/** Least work worth a shard (pair-instructions): ~0.05 s on one core, against a few ms of queue. */
const MIN_SHARD_WORK = 5e7;
/** How often outstanding shards are looked up directly, in case an event was missed. */
const POLL_MS = 1000;
/** A typed array of `type` holding a copy of `bytes` (Redis's buffers are not aligned). */
function arrayOf(bytes, type) {
    const Ctor = type === 'float32' ? Float32Array : type === 'float64' ? Float64Array : Int32Array;
    const out = new Ctor(bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
    new Uint8Array(out.buffer).set(bytes);
    return out;
}
/** A Redis-URL check: a ValueError naming connect's argument. */
function checkUrl(url) {
    if (typeof url !== 'string' || !/^rediss?:\/\//.test(url)) {
        throw new ValueError(`connect: url must be a Redis URL such as 'redis://127.0.0.1:6379', received ${describe(url)}`);
    }
    return url;
}
/** Resolves when Redis at `url` answers PING; a ClusterError after `timeoutMs` or on refusal. */
export async function probeRedis(peers, url, timeoutMs, where = 'connect') {
    const client = new peers.Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    let lastError = null;
    client.on('error', (e) => { lastError = e; }); // reported through the promise below
    let timer;
    const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
        await Promise.race([client.connect().then(() => client.ping()), late]);
    }
    catch (e) {
        // ioredis rejects with 'Connection is closed.'; the socket's error says why.
        const reason = lastError?.message ?? e.message;
        throw new ClusterError(`${where}: Redis at ${url} is unreachable (${reason}); start redis-server there, or check the URL`);
    }
    finally {
        clearTimeout(timer);
        client.disconnect();
    }
}
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
export async function connect(url, options = {}) {
    checkUrl(url);
    checkOptions('connect', options, ['timeoutMs', 'shards', 'onProgress']);
    const timeoutMs = options.timeoutMs ?? 4000;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0))
        throw new ValueError(`connect: options.timeoutMs must be a positive number of milliseconds, received ${describe(options.timeoutMs)}`);
    if (options.shards !== undefined && (!Number.isSafeInteger(options.shards) || options.shards < 1)) {
        throw new ValueError(`connect: options.shards must be a positive integer, received ${describe(options.shards)}`);
    }
    if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
        throw new ValueError(`connect: options.onProgress must be a function, received ${describe(options.onProgress)}`);
    }
    const peers = await loadPeers();
    await probeRedis(peers, url, timeoutMs);
    const redis = new peers.Redis(url, { maxRetriesPerRequest: null });
    redis.on('error', () => { }); // ioredis reconnects by itself; a reduction waits or times out
    const queue = new peers.bullmq.Queue(QUEUE_NAME, { connection: redis });
    // BullMQ leaves connections it was given open: close() disconnects both.
    const blocking = redis.duplicate();
    blocking.on('error', () => { });
    const events = new peers.bullmq.QueueEvents(QUEUE_NAME, { connection: blocking });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new Cluster(url, [redis, blocking], queue, events, options);
}
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
export class Cluster {
    url;
    connections;
    queue;
    events;
    options;
    /** Reductions run, shards queued, input bytes uploaded (inputs Redis already had cost none). */
    stats = { reductions: 0, shards: 0, uploadedBytes: 0 };
    pending = new Map();
    poller = null;
    closed = false;
    redis;
    constructor(url, connections, queue, events, options) {
        this.url = url;
        this.connections = connections;
        this.queue = queue;
        this.events = events;
        this.options = options;
        this.redis = connections[0];
        // BullMQ reports lost connections as 'error' events; runPlan reports an unusable one itself.
        queue.on('error', () => { });
        events.on('error', () => { });
        events.on('completed', ({ jobId }) => this.pending.get(jobId)?.settle(null));
        events.on('failed', ({ jobId, failedReason }) => this.pending.get(jobId)?.settle(failedReason ?? 'failed'));
    }
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
    get connectionStatus() {
        return this.redis.status;
    }
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
    async workers() {
        return (await this.queue.getWorkers()).length;
    }
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
    async outstanding() {
        const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).reduce((a, b) => a + b, 0);
    }
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
    async runPlan(plan, signal) {
        checkSignal('cluster', signal);
        if (this.closed)
            throw new ClusterError('cluster: this connection is closed; connect() again');
        if (signal?.aborted)
            throw new AbortError('cluster reduction: aborted by the caller\'s signal');
        // ioredis would queue the commands until Redis is back: say now that it is not there.
        if (this.redis.status !== 'ready')
            throw new ClusterError(`cluster: Redis at ${this.url} is unreachable (connection ${this.redis.status}); the reduction was not sent`);
        this.stats.reductions++;
        const encoded = encodePlan(plan);
        const inputs = await uploadInputs(this.redis, encoded.buffers, this.stats);
        const nRows = outputRows(plan);
        const shards = rowShardable(plan) ? rowShards(nRows, await this.shardCount(plan, nRows), this.options.shards === undefined ? 64 : 1) : [{ rowStart: 0, rowEnd: nRows }];
        const reduction = randomUUID();
        const { wantValues, wantIndices } = planOutputs(plan);
        const size = plan.outputShape.reduce((a, b) => a * b, 1);
        const Values = plan.dtype === 'float32' ? Float32Array : Float64Array;
        const values = wantValues ? new Values(size) : null;
        const indices = wantIndices ? new Int32Array(size) : null;
        const ids = shards.map((_, k) => `${reduction}-${k}`);
        let done = 0;
        await new Promise((resolve, reject) => {
            let finished = false;
            const finish = (error) => {
                if (finished)
                    return;
                finished = true;
                for (const id of ids)
                    this.pending.delete(id);
                this.stopPollingIfIdle();
                signal?.removeEventListener('abort', onAbort);
                if (error)
                    reject(error);
                else
                    resolve();
            };
            const onAbort = () => {
                finish(new AbortError('cluster reduction: aborted by the caller\'s signal'));
                void this.cancel(reduction, ids);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            shards.forEach((shard, k) => {
                const id = ids[k];
                this.pending.set(id, {
                    shard,
                    settle: (reason) => {
                        if (finished || !this.pending.delete(id))
                            return;
                        if (reason !== null) {
                            finish(decodeFailure(reason, `the shard of rows [${shard.rowStart}, ${shard.rowEnd})`));
                            void this.cancel(reduction, ids);
                            return;
                        }
                        this.collect(id, shard, nRows, values, indices).then(() => {
                            if (finished)
                                return;
                            done++;
                            this.options.onProgress?.({ done, total: shards.length });
                            if (done === shards.length)
                                finish(null);
                        }, (e) => finish(e));
                    },
                });
            });
            this.startPolling();
            const jobs = shards.map((shard, k) => ({
                name: 'shard',
                data: { version: SHARD_FORMAT_VERSION, reduction, plan: encoded.json, inputs, rowStart: shard.rowStart, rowEnd: shard.rowEnd },
                opts: { jobId: ids[k], removeOnComplete: { age: 600 }, removeOnFail: { age: 3600 }, attempts: 1 },
            }));
            this.stats.shards += jobs.length;
            this.queue.addBulk(jobs).catch((e) => finish(new ClusterError(`cluster: queueing the shards failed: ${e.message}`)));
        });
        return {
            values: values ? new Tensor(values, [...plan.outputShape]) : null,
            indices: indices ? new Tensor(indices, [...plan.outputShape]) : null,
        };
    }
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
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        if (this.poller)
            clearInterval(this.poller);
        for (const p of [...this.pending.values()])
            p.settle('the cluster connection was closed');
        await this.events.close();
        await this.queue.close();
        for (const c of this.connections)
            c.disconnect();
    }
    async shardCount(plan, nRows) {
        if (this.options.shards !== undefined)
            return Math.min(this.options.shards, nRows);
        const workers = Math.max(1, await this.workers());
        const nCols = plan.axis === 1 ? plan.nJ : plan.nI;
        const byWork = Math.ceil((nRows * nCols * 8) / MIN_SHARD_WORK);
        return Math.max(1, Math.min(workers * SHARDS_PER_WORKER, byWork, nRows));
    }
    /** Reads a finished shard's rows from Redis into the output, then deletes them there. */
    async collect(id, shard, nRows, values, indices) {
        const keys = [resultKey(id, 'values'), resultKey(id, 'indices')];
        const [v, i] = await Promise.all(keys.map((key) => this.redis.getBuffer(key)));
        if ((values && !v) || (indices && !i))
            throw new ClusterError(`cluster: the result of the shard of rows [${shard.rowStart}, ${shard.rowEnd}) is missing from Redis`);
        if (values)
            placeShardRows(values, arrayOf(v, values instanceof Float32Array ? 'float32' : 'float64'), shard, nRows);
        if (indices)
            placeShardRows(indices, arrayOf(i, 'int32'), shard, nRows);
        await this.redis.del(...keys);
    }
    /** Marks a reduction cancelled (workers skip or stop its shards) and removes its waiting jobs. */
    async cancel(reduction, ids) {
        try {
            await this.redis.set(cancelKey(reduction), '1', 'EX', 3600);
            // A job a worker holds is locked and stays; the worker stops it on the cancel key.
            await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
        }
        catch {
            // Redis gone: the shards expire with their reduction's keys.
        }
    }
    /** Looks the outstanding shards up now and then: a QueueEvents stream can miss an event when it reconnects. */
    startPolling() {
        this.poller ??= setInterval(() => {
            for (const [id, p] of this.pending) {
                this.queue.getJobState(id).then(async (state) => {
                    if (state === 'completed')
                        p.settle(null);
                    else if (state === 'failed') {
                        const job = (await this.queue.getJob(id));
                        p.settle(job?.failedReason ?? 'failed');
                    }
                }, () => { });
            }
        }, POLL_MS);
        this.poller.unref?.();
    }
    stopPollingIfIdle() {
        if (this.pending.size === 0 && this.poller) {
            clearInterval(this.poller);
            this.poller = null;
        }
    }
}
