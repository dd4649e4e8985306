// lazykernel/distributed against a real Redis: a redis-server on a free port of 127.0.0.1 and
// workers started through the package's bin (test/helpers/redis-cluster.mjs), all stopped at
// the end. Cluster results must equal the local engine's bit for bit, for every reduction kind
// and both dtypes, with 1, 2 and 3 workers; a worker SIGKILLed mid-shard must not change the
// result; an abort must cancel the outstanding shards; Redis down must be a ClusterError within
// 5 s. Skipped, with the reason printed, where redis-server is not installed (never in CI).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:net';
import { spawnSync } from 'node:child_process';
import { tensor, Vi, Vj, aslinearoperator, identity, eigsh, cg, samplesLoss, AbortError, BackendError, ShapeError, ValueError } from '../build/src/index.js';
import { redisUnavailable, startRedis, startWorker, stopAll, stopProcess, freePort, WORKER_BIN } from './helpers/redis-cluster.mjs';
import { cases, bitwiseDifference } from './helpers/every-reduction.mjs';
import { Rng, randomTensor } from './helpers/random.mjs';

const missing = redisUnavailable();
if (missing && process.env.CI) throw new Error(`the distributed tests must run in CI: ${missing} (.ci/run installs it)`);

const { connect, ClusterError, MissingDependencyError, importPeer } = await import('../build/src/distributed/index.js');
const { encodeFailure, decodeFailure, QUEUE_NAME } = await import('../build/src/distributed/shard-job.js');

let redis = null;
const workers = [];
const clusters = [];

async function open(options = {}) {
  const cluster = await connect(redis.url, options);
  clusters.push(cluster);
  return cluster;
}

/** A reduction long enough to be caught mid-way: ~10^9 pair-instructions in `shards` shards. */
function longReduction(seed) {
  const rng = new Rng(seed);
  const X = randomTensor(rng, [3000, 3], { dtype: 'float32', lo: 0, hi: 1 });
  const Y = randomTensor(rng, [30000, 3], { dtype: 'float32', lo: 0, hi: 1 });
  const B = randomTensor(rng, [30000, 1], { dtype: 'float32', lo: -1, hi: 1 });
  return Vi(X).sqdist(Vj(Y)).mul(-4).exp().mul(Vj(B));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(condition, ms, what) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

test('a missing peer dependency is a MissingDependencyError naming the package', async () => {
  const e = await importPeer('lazykernel-no-such-package').catch((x) => x);
  assert.ok(e instanceof MissingDependencyError && e instanceof BackendError, String(e));
  assert.is(e.name, 'MissingDependencyError');
  assert.is(e.packageName, 'lazykernel-no-such-package');
  assert.match(e.message, /'lazykernel-no-such-package'/);
  assert.match(e.message, /npm install bullmq ioredis/);
});

test('connect checks its arguments before any connection: ValueError naming them', async () => {
  for (const [args, pattern] of [[[42], /url must be a Redis URL/], [['http://x'], /url must be a Redis URL/], [['redis://127.0.0.1:1', { shards: 0 }], /options\.shards/], [['redis://127.0.0.1:1', { timeoutMs: -1 }], /options\.timeoutMs/], [['redis://127.0.0.1:1', { onProgress: 1 }], /options\.onProgress/], [['redis://127.0.0.1:1', { bogus: 1 }], /unknown option 'bogus'/]]) {
    const e = await connect(...args).catch((x) => x);
    assert.ok(e instanceof ValueError && pattern.test(e.message), `${JSON.stringify(args)}: ${e}`);
  }
});

test("a worker's typed error crosses the queue as its own class; anything else is a ClusterError", () => {
  for (const E of [ShapeError, ValueError, BackendError, AbortError, ClusterError]) {
    const back = decodeFailure(encodeFailure(new E('bad input x')), 'shard');
    assert.ok(back instanceof E, E.name);
    assert.is(back.name, E.name);
    assert.is(back.message, 'bad input x');
  }
  const stalled = decodeFailure('job stalled more than allowable limit', 'the shard of rows [0, 5)');
  assert.ok(stalled instanceof ClusterError);
  assert.match(stalled.message, /rows \[0, 5\).*stalled/);
});

if (missing) {
  console.warn(`\n  SKIPPED: the cluster tests of test/distributed.test.mjs need redis-server: ${missing}\n`);
  test.skip('cluster tests against Redis (redis-server is not installed)', () => {});
} else {
  test.before(async () => {
    redis = await startRedis();
    workers.push(await startWorker(redis.url));
  });

  test.after(async () => {
    for (const c of clusters) await c.close().catch(() => {});
    await stopAll();
  });

  for (const count of [1, 2, 3]) {
    test(`${count} worker${count > 1 ? 's' : ''}: every reduction kind, both axes and dtypes, bitwise equal to the local engine`, async () => {
      while (workers.length < count) workers.push(await startWorker(redis.url));
      const progress = [];
      const cluster = await open({ shards: 2 * count, onProgress: (p) => progress.push(p) });
      await until(async () => (await cluster.workers()) >= count, 5000, `${count} workers to register`);
      const doneBefore = workers.map((w) => w.shards.done.length);
      let reductions = 0;
      for (const dtype of ['float32', 'float64']) {
        // At least 64 rows a shard (MIN_SHARD_ROWS): 401 and 451 rows make 6 shards on each axis.
        const { list } = cases(dtype, 100 + count, { n: 401, m: 451 });
        for (const c of list) {
          const remote = await c.run({ cluster });
          assert.is(bitwiseDifference(remote, await c.run({})), null, c.name);
          reductions++;
        }
      }
      assert.is(cluster.stats.reductions, reductions);
      assert.is(cluster.stats.shards, reductions * 2 * count);
      // Progress counts finished shards up to the total, per reduction.
      assert.is(progress.length, reductions * 2 * count);
      assert.ok(progress.every((p) => p.total === 2 * count && p.done >= 1 && p.done <= p.total));
      const served = workers.map((w, k) => w.shards.done.length - doneBefore[k]);
      assert.is(served.reduce((a, b) => a + b, 0), reductions * 2 * count, `shards served: ${served}`);
      if (count > 1) assert.ok(served.filter((s) => s > 0).length >= 2, `the shards went to one worker only: ${served}`);
      // The same inputs again: nothing new is uploaded.
      const uploaded = cluster.stats.uploadedBytes;
      const { list } = cases('float64', 100 + count, { n: 401, m: 451 });
      await list[0].run({ cluster });
      assert.is(cluster.stats.uploadedBytes, uploaded);
    });
  }

  test('a worker SIGKILLed mid-shard: its shard reruns on another worker and the result is unchanged', async () => {
    const K = longReduction(7);
    const local = await K.sum(1);
    const cluster = await open({ shards: 6 });
    const startedBefore = workers.map((w) => w.shards.started.length);
    const running = K.sum(1, { cluster });
    let victim = null;
    await until(() => (victim = workers.find((w, k) => w.shards.started.length > startedBefore[k])) !== undefined, 20000, 'a shard to start');
    const killedJob = victim.shards.started.at(-1);
    victim.kill('SIGKILL');
    workers.splice(workers.indexOf(victim), 1);
    const remote = await running;
    assert.is(bitwiseDifference([remote], [local]), null);
    assert.ok(workers.some((w) => w.shards.done.includes(killedJob)), `shard ${killedJob} was not rerun by a live worker`);
    workers.push(await startWorker(redis.url));
  });

  test('an AbortSignal stops a long reduction at once and cancels its outstanding shards', async () => {
    const K = longReduction(8);
    const controller = new AbortController();
    const cluster = await open({ shards: 24, onProgress: (p) => { if (p.done === 1) controller.abort(); } });
    const doneBefore = workers.reduce((a, w) => a + w.shards.done.length, 0);
    const t0 = Date.now();
    const e = await K.sum(1, { cluster, signal: controller.signal }).catch((x) => x);
    assert.ok(e instanceof AbortError, String(e));
    assert.ok(Date.now() - t0 < 15000);
    // Waiting shards are removed, running ones stop on the cancel key: the queue drains fast.
    await until(async () => (await cluster.outstanding()) === 0, 5000, 'the cancelled shards to leave the queue');
    const served = workers.reduce((a, w) => a + w.shards.done.length, 0) - doneBefore;
    assert.ok(served >= 1 && served < 24, `${served} of the 24 shards ran`);
    // The cluster still works afterwards.
    const { list } = cases('float32', 9);
    assert.is(bitwiseDifference(await list[0].run({ cluster }), await list[0].run({})), null);
  });

  test('eigsh and cg on aslinearoperator(K, { cluster }): the local answers, the matrix uploaded once', async () => {
    const rng = new Rng(11);
    const X = randomTensor(rng, [200, 3], { dtype: 'float64', lo: 0, hi: 1 });
    const K = Vi(X).sqdist(Vj(X)).mul(-8).exp();
    const cluster = await open({ shards: 3 });
    const remoteOp = aslinearoperator(K, { cluster });
    const localOp = aslinearoperator(K);
    const b = tensor(new Float64Array(200).map((_, k) => Math.cos(k)));
    // (I + K) x = b: well conditioned, so cg converges in a few tens of matvecs.
    const [r, l] = [await cg(identity(200).add(remoteOp), b, { tol: 1e-8 }), await cg(identity(200).add(localOp), b, { tol: 1e-8 })];
    assert.ok(r.converged);
    assert.equal([...r.x.data], [...l.x.data]);
    assert.is(r.iterations, l.iterations);
    const [er, el] = [await eigsh(remoteOp, { k: 3, which: 'LM' }), await eigsh(localOp, { k: 3, which: 'LM' })];
    assert.equal([...er.values], [...el.values]);
    // X (as Vi and Vj: the same bytes) goes up once, then only each matvec's vectors: sending
    // X with every matvec would be at least matvecs * X's bytes.
    const matvecs = cluster.stats.reductions;
    assert.ok(matvecs > 10, `${matvecs} matvecs`);
    assert.ok(cluster.stats.uploadedBytes >= X.data.byteLength);
    assert.ok(cluster.stats.uploadedBytes < X.data.byteLength + (matvecs * X.data.byteLength) / 2, `${cluster.stats.uploadedBytes} bytes for ${matvecs} matvecs`);
  });

  test("samplesLoss('sinkhorn', { cluster }): the 'online' value and gradient, its softmins on the workers", async () => {
    const rng = new Rng(12);
    const X = randomTensor(rng, [200, 2], { dtype: 'float32', lo: 0, hi: 1 });
    const Y = randomTensor(rng, [150, 2], { dtype: 'float32', lo: 0, hi: 1 });
    const cluster = await open();
    const Xr = tensor(X.data.slice(), X.shape, { requiresGrad: true });
    const remote = await samplesLoss('sinkhorn', { blur: 0.1, scaling: 0.6, cluster })(Xr, Y);
    await remote.backward();
    const Xl = tensor(X.data.slice(), X.shape, { requiresGrad: true });
    const local = await samplesLoss('sinkhorn', { blur: 0.1, scaling: 0.6, backend: 'online' })(Xl, Y);
    await local.backward();
    assert.is(bitwiseDifference([remote, Xr.grad], [local, Xl.grad]), null);
    assert.ok(cluster.stats.reductions > 10, `${cluster.stats.reductions} reductions`);
  });

  test('inputs in chunks: one upload per content, and any range of elements read back across chunk boundaries', async () => {
    const { Redis } = await import('ioredis');
    const { uploadInputs, InputCache, CHUNK_BYTES } = await import('../build/src/distributed/input-store.js');
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    try {
      const n = (2.5 * CHUNK_BYTES) / 4; // three chunks of float32
      const big = new Float32Array(n).map((_, k) => k % 1000 - 0.5);
      const stats = { uploadedBytes: 0 };
      const [ref] = await uploadInputs(connection, [big], stats);
      assert.is(ref.chunks, 3);
      assert.is(stats.uploadedBytes, big.byteLength);
      await uploadInputs(connection, [big.slice()], stats);   // same content: nothing sent
      assert.is(stats.uploadedBytes, big.byteLength);
      const cache = new InputCache(connection);
      const perChunk = CHUNK_BYTES / 4;
      for (const [s, e] of [[0, n], [5, 17], [perChunk - 3, perChunk + 5], [perChunk - 1, 2 * perChunk + 1], [n - 7, n], [9, 9]]) {
        const part = await cache.getRange(ref, s, e);
        assert.ok(part instanceof Float32Array && Buffer.from(part.buffer).equals(Buffer.from(big.slice(s, e).buffer)), `[${s}, ${e})`);
      }
      assert.is(cache.stats.fetchedBytes, big.byteLength + (12 + 8 + perChunk + 2 + 7) * 4);
      await cache.get(ref);
      assert.is(cache.stats.hits, 1);   // [0, n) was read already
      const e = await cache.getRange({ ...ref, hash: '0'.repeat(64) }, 0, 4).catch((x) => x);
      assert.ok(e instanceof ClusterError && /no longer in Redis/.test(e.message), String(e));
    } finally {
      connection.disconnect();
    }
  });

  test('a shard that fails on its input fails with the typed error, once (no retry)', async () => {
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      const job = { version: 1, reduction: 'bad', plan: '{not json', inputs: [], rowStart: 0, rowEnd: 1 };
      await queue.add('shard', job, { jobId: 'bad-plan', attempts: 3 });
      await until(async () => (await queue.getJobState('bad-plan')) === 'failed', 10000, 'the bad shard to fail');
      const error = decodeFailure((await queue.getJob('bad-plan')).failedReason, 'shard');
      assert.ok(error instanceof ValueError, String(error));
      assert.match(error.message, /not valid JSON/);
      assert.is((await queue.getJob('bad-plan')).attemptsMade, 1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  test('Redis down: reductions and connect() fail with a ClusterError within 5 s', async () => {
    const cluster = await open();
    const K = Vi(tensor([0, 1], [2, 1])).sqdist(Vj(tensor([0, 1], [2, 1])));
    await stopProcess(redis.process);
    await until(async () => cluster.connectionStatus !== 'ready', 3000, 'the client to see Redis gone').catch(() => {});
    let t0 = Date.now();
    const e1 = await K.sum(1, { cluster }).catch((x) => x);
    assert.ok(e1 instanceof ClusterError && e1 instanceof BackendError, String(e1));
    assert.ok(Date.now() - t0 < 5000);
    t0 = Date.now();
    const e2 = await connect(redis.url).catch((x) => x);
    assert.ok(e2 instanceof ClusterError, String(e2));
    assert.match(e2.message, /unreachable/);
    assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
  });
}

test('the worker bin refuses to start when Redis is unreachable: exit 1 with a ClusterError within 5 s', async () => {
  const port = await freePort();
  const t0 = Date.now();
  const run = spawnSync(process.execPath, [WORKER_BIN, '--redis', `redis://127.0.0.1:${port}`, '--threads', '1'], { encoding: 'utf8', timeout: 15000 });
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stderr, /ClusterError: lazykernel-worker: Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable \(connect ECONNREFUSED/);
  assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
  const usage = spawnSync(process.execPath, [WORKER_BIN, '--threads', '0'], { encoding: 'utf8' });
  assert.is(usage.status, 2);
  assert.match(usage.stderr, /--threads must be a positive integer/);
});

test('a server that never answers: connect() gives up with a ClusterError after options.timeoutMs', async () => {
  const silent = createServer(() => {});
  const port = await freePort();
  await new Promise((r) => silent.listen(port, '127.0.0.1', r));
  try {
    const t0 = Date.now();
    const e = await connect(`redis://127.0.0.1:${port}`, { timeoutMs: 300 }).catch((x) => x);
    assert.ok(e instanceof ClusterError, String(e));
    assert.ok(Date.now() - t0 < 3000, `${Date.now() - t0} ms`);
  } finally {
    silent.close();
  }
});

test.run();
