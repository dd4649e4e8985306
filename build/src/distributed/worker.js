import { LazyKernelError } from '../errors.js';
import { configure } from '../api/engine.js';
import { runPlan } from '../dispatch/dispatcher.js';
import { decodePlan } from '../plan/plan-codec.js';
import { shardBufferRanges, sliceEncodedPlan } from '../plan/plan-shards.js';
import { ClusterError } from './errors.js';
import { InputCache } from './input-store.js';
import { loadPeers } from './peers.js';
import { probeRedis } from './cluster.js';
import { QUEUE_NAME, RESULT_TTL_SECONDS, SHARD_FORMAT_VERSION, cancelKey, encodeFailure, resultKey } from './shard-job.js';
/** How often a running shard checks whether its reduction was cancelled. */
const CANCEL_POLL_MS = 100;
async function runShard(redis, cache, job) {
    const data = job.data;
    if (data?.version !== SHARD_FORMAT_VERSION)
        throw new ClusterError(`lazykernel-worker: shard format ${String(data?.version)}, this worker reads ${SHARD_FORMAT_VERSION}; run workers of the caller's lazykernel version`);
    const stop = new AbortController();
    const poll = async () => {
        if (await redis.exists(cancelKey(data.reduction)))
            stop.abort();
    };
    await poll();
    if (stop.signal.aborted)
        throw new ClusterError('lazykernel-worker: the reduction was cancelled');
    const timer = setInterval(() => { poll().catch(() => { }); }, CANCEL_POLL_MS);
    try {
        const shard = { rowStart: data.rowStart, rowEnd: data.rowEnd };
        // The output axis's variables: only the shard's rows are fetched (and cached as such).
        const ranges = shardBufferRanges(data.plan, shard);
        const buffers = await Promise.all(data.inputs.map((ref, k) => {
            const range = ranges.get(k);
            return range ? cache.getRange(ref, range[0], range[1]) : cache.get(ref);
        }));
        const plan = decodePlan(sliceEncodedPlan({ json: data.plan, buffers }, shard));
        const out = await runPlan(plan, stop.signal);
        const write = redis.multi();
        for (const [part, tensor] of [['values', out.values], ['indices', out.indices]]) {
            if (!tensor)
                continue;
            const a = tensor.data;
            write.set(resultKey(job.id, part), Buffer.from(a.buffer, a.byteOffset, a.byteLength), 'EX', RESULT_TTL_SECONDS);
        }
        await write.exec();
        return { values: out.values !== null, indices: out.indices !== null };
    }
    finally {
        clearInterval(timer);
    }
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
export async function serveShards(options) {
    const peers = await loadPeers();
    const { bullmq, Redis } = peers;
    // Refuse to start (ClusterError within 5 s) rather than retry forever against a wrong URL;
    // once started, a worker waits through Redis restarts.
    await probeRedis(peers, options.redis, 4000, 'lazykernel-worker');
    if (options.threads !== undefined)
        configure({ threads: options.threads });
    const redis = new Redis(options.redis, { maxRetriesPerRequest: null });
    redis.on('error', () => { });
    const cache = new InputCache(redis);
    const stats = { shards: 0, failed: 0, cache: cache.stats };
    const log = options.log ?? (() => { });
    const lockDuration = options.lockMs ?? 30000;
    const blocking = redis.duplicate();
    blocking.on('error', () => { });
    const worker = new bullmq.Worker(QUEUE_NAME, async (job) => {
        try {
            log(`shard ${job.id} rows [${job.data.rowStart}, ${job.data.rowEnd}) started`);
            const done = await runShard(redis, cache, job);
            stats.shards++;
            log(`shard ${job.id} rows [${job.data.rowStart}, ${job.data.rowEnd}) done`);
            return done;
        }
        catch (e) {
            stats.failed++;
            log(`shard ${job.id} failed: ${e.message}`);
            // A typed error is the input's fault (or a cancel): running it again gives the same error.
            if (e instanceof LazyKernelError)
                throw new bullmq.UnrecoverableError(encodeFailure(e));
            throw e;
        }
    }, {
        connection: blocking,
        concurrency: 1,
        lockDuration,
        stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
        // A shard whose worker died goes back to the queue; one that kills worker after worker fails.
        maxStalledCount: 3,
    });
    worker.on('error', (e) => log(`worker error: ${e.message}`));
    await worker.waitUntilReady();
    return {
        stats,
        async close() {
            await worker.close();
            redis.disconnect();
            blocking.disconnect();
        },
    };
}
