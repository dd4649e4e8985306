// The worker pool and the calling-thread fallback: modes, configuration, cancellation,
// crashes, concurrency, memory and the cache of unchanged inputs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tensor, Vi, Vj, configure, engineInfo, AbortError, BackendError, ValueError } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { Rng, randomTensor as seededTensor } from './helpers/random.mjs';

const randomTensor = (shape, { dtype, seed }) => seededTensor(new Rng(seed), shape, { dtype, lo: 0, hi: 1 });

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function gaussian(X, Y, B) {
  return Vi(X).sqdist(Vj(Y)).mul(-2).exp().mul(Vj(B));
}

function cloud(n, d, seed) {
  return randomTensor([n, d], { dtype: 'float32', seed });
}

test.after(() => configure({ threads: 2, poolThreshold: 0 }));

test('engineInfo reports the worker pool and the calling thread, as configured', async () => {
  configure({ threads: 2 });
  const pool = await engineInfo();
  assert.is(pool.mode, 'workers');
  assert.is(pool.threads, 2);
  assert.ok(pool.simd);
  configure({ threads: 1 });
  const single = await engineInfo();
  assert.is(single.mode, 'calling-thread');
  assert.is(single.threads, 1);
  assert.ok(single.reasons.some((r) => r.includes('threads: 1')), single.reasons.join('; '));
});

test('configure rejects thread counts that are not positive integers, and unknown options', () => {
  for (const bad of [0, -1, 1.5, '2', NaN]) {
    assert.throws(() => configure({ threads: bad }), (e) => e instanceof ValueError && /threads/.test(e.message), String(bad));
  }
  assert.throws(() => configure({ thread: 2 }), (e) => e instanceof ValueError && /'thread'/.test(e.message));
  assert.throws(() => configure({ poolThreshold: -1 }), (e) => e instanceof ValueError && /poolThreshold/.test(e.message));
  for (const bad of ['yes', 1, null]) {
    assert.throws(() => configure({ warmUp: bad }), (e) => e instanceof ValueError && /warmUp/.test(e.message), String(bad));
  }
});

test('the pool and the calling thread give bit-identical results, on both axes and dtypes', async () => {
  for (const dtype of ['float32', 'float64']) {
    const X = randomTensor([333, 3], { dtype, seed: 1 });
    const Y = randomTensor([517, 3], { dtype, seed: 2 });
    const B = randomTensor([517, 2], { dtype, seed: 3 });
    const K = Vi(X).sqdist(Vj(Y)).mul(-2).exp();
    const run = async () => [
      await K.mul(Vj(B)).sum(1), await K.sum(0), await K.logsumexp(1), await Vi(X).sqdist(Vj(Y)).argKmin(4, 0),
    ].map((t) => Array.from(t.data));
    configure({ threads: 1 });
    const here = await run();
    configure({ threads: 2, poolThreshold: 0 });
    const pooled = await run();
    assert.equal(pooled, here, dtype);
  }
});

test('workers that the pool starts at engine start join the first reduction as soon as they are ready', async () => {
  // The pool prestarts its workers when the engine starts; the first reduction goes to the
  // first ready worker, and the second must join it once ready (it used to wait, idle, for the
  // next reduction: the first ran on one worker).
  configure({ threads: 2, poolThreshold: 0 });
  const engine = await getWasmEngine();
  const X = cloud(20000, 3, 71), Y = cloud(20000, 3, 72), B = cloud(20000, 1, 73);
  const slots = () => engine.pool.slots;
  let readyAt = null;
  let joined = false;
  const t0 = Date.now();
  const poll = setInterval(() => {
    const second = slots()[1];
    if (second?.started && readyAt === null) readyAt = Date.now() - t0;
    if (second?.busy) joined = true;
  }, 5);
  const out = await gaussian(X, Y, B).sum(1);
  clearInterval(poll);
  const ended = Date.now() - t0;
  assert.is(out.shape[0], 20000);
  // Decidable only when the second worker was ready well before the end (it is, on any machine
  // that starts a worker in less than the reduction's second or so).
  if (readyAt !== null && ended - readyAt > 300) assert.ok(joined, `the second worker was ready at ${readyAt} ms and the reduction ended at ${ended} ms without it`);
  else console.log(`  (the second worker was ready at ${readyAt} ms, the reduction ended at ${ended} ms: not decidable here)`);
});

test('a reduction with few rows splits the reduced axis across the workers and matches the calling thread', async () => {
  for (const dtype of ['float32', 'float64']) {
    // 7 rows, 3001 columns (12 tiles, the last partial). Integer-valued points give exact ties
    // across chunks, so argmin / K-min must keep the lowest index as one thread does; a NaN
    // row and +-Inf entries go through the merges too.
    const rng = new Rng(5);
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const X = tensor(Arr.from({ length: 7 * 2 }, () => Math.floor(rng.uniform() * 4)), [7, 2]);
    const yData = Arr.from({ length: 3001 * 2 }, () => Math.floor(rng.uniform() * 4));
    yData[2 * 1500] = Infinity;
    yData[2 * 2999 + 1] = -Infinity;
    const Y = tensor(yData, [3001, 2]);
    const W = tensor(Arr.from({ length: 3001 }, () => rng.uniform()), [3001, 1]);
    const xNaN = X.data.slice();
    xNaN[2 * 3] = NaN;
    const Xn = tensor(xNaN, [7, 2]);
    const D = Vi(Xn).sqdist(Vj(Y));
    const run = async () => [
      await D.mul(-0.1).exp().mul(Vj(W)).sum(1), await D.mul(-0.1).logsumexp(1), await D.mul(-0.1).logsumexp(1, { weight: Vj(W) }),
      await D.mul(-0.1).sumsoftmaxweight(Vj(W), 1), await D.min(1), await D.argmax(1), await D.argKmin(5, 1),
      await Vj(Xn).sqdist(Vi(Y)).argmin(0), await Vi(X).sqdist(Vj(Y)).logsumexp(1),
    ].map((t) => Array.from(t.data));
    configure({ threads: 1 });
    const here = await run();
    configure({ threads: 2, poolThreshold: 0 });
    const engine = await getWasmEngine();
    const before = engine.stats.splitAxis;
    const pooled = await run();
    assert.is(engine.stats.splitAxis - before, here.length, 'every reduction split its reduced axis');
    pooled.forEach((values, r) => values.forEach((v, k) => {
      const w = here[r][k];
      const ok = Object.is(v, w) || Math.abs(v - w) <= 1e-5 * Math.abs(w);
      assert.ok(ok, `${dtype} reduction ${r} entry ${k}: pool ${v}, one thread ${w}`);
    }));
  }
});

test('an AbortSignal stops a long pooled reduction quickly and leaves the pool usable', async () => {
  configure({ threads: 2, poolThreshold: 0 });
  const X = cloud(100000, 3, 4);
  const Y = cloud(200000, 3, 5);
  const B = cloud(200000, 1, 6);
  const controller = new AbortController();
  const pending = gaussian(X, Y, B).sum(1, { signal: controller.signal });
  await new Promise((r) => setTimeout(r, 200));
  const t0 = performance.now();
  controller.abort();
  const error = await pending.then(() => null, (e) => e);
  const latency = performance.now() - t0;
  assert.ok(error instanceof AbortError, `expected an AbortError, received ${error}`);
  // The bound is loose for a shared CI machine; bench/abort-latency.mjs measures the real figure.
  assert.ok(latency < 1000, `abort took ${latency.toFixed(0)} ms`);
  const small = await gaussian(cloud(50, 3, 7), cloud(60, 3, 8), cloud(60, 1, 9)).sum(1);
  const ref = await gaussian(cloud(50, 3, 7), cloud(60, 3, 8), cloud(60, 1, 9)).sum(1, { backend: 'oracle' });
  Array.from(small.data).forEach((v, k) => assert.ok(Math.abs(v - ref.data[k]) < 1e-5 * Math.abs(ref.data[k]) + 1e-6));
});

test('an already-aborted signal rejects before any work starts, on the calling thread too', async () => {
  for (const threads of [1, 2]) {
    configure({ threads, poolThreshold: 0 });
    const error = await gaussian(cloud(40, 3, 1), cloud(40, 3, 2), cloud(40, 1, 3)).sum(1, { signal: AbortSignal.abort() }).then(() => null, (e) => e);
    assert.ok(error instanceof AbortError, `threads ${threads}: ${error}`);
  }
});

test('an abort on the calling thread stops between chunks of rows', async () => {
  configure({ threads: 1 });
  const controller = new AbortController();
  const pending = gaussian(cloud(60000, 3, 4), cloud(100000, 3, 5), cloud(100000, 1, 6)).sum(1, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const error = await pending.then(() => null, (e) => e);
  assert.ok(error instanceof AbortError, String(error));
});

test('a worker that dies fails its reduction with a BackendError and is replaced', async () => {
  configure({ threads: 2, poolThreshold: 0 });
  const engine = await getWasmEngine();
  const K = gaussian(cloud(40000, 3, 10), cloud(100000, 3, 11), cloud(100000, 1, 12));
  await gaussian(cloud(64, 3, 1), cloud(64, 3, 2), cloud(64, 1, 3)).sum(1); // start the workers
  const pending = K.sum(1);
  await new Promise((r) => setTimeout(r, 100));
  engine.pool.crashWorkerForTesting(0);
  const error = await pending.then(() => null, (e) => e);
  assert.ok(error instanceof BackendError && /died/.test(error.message), String(error));
  const X = cloud(300, 3, 13), Y = cloud(200, 3, 14), B = cloud(200, 1, 15);
  const after = await gaussian(X, Y, B).sum(1);
  const ref = await gaussian(X, Y, B).sum(1, { backend: 'oracle' });
  Array.from(after.data).forEach((v, k) => assert.ok(Math.abs(v - ref.data[k]) < 1e-5 * Math.abs(ref.data[k]) + 1e-6, `row ${k}`));
});

test('several reductions awaited at once from one thread all give their own results', async () => {
  for (const threads of [1, 2]) {
    configure({ threads, poolThreshold: 0 });
    const jobs = Array.from({ length: 6 }, (_, k) => {
      const X = cloud(100 + 37 * k, 3, 20 + k), Y = cloud(300 + 11 * k, 3, 40 + k), B = cloud(300 + 11 * k, 1, 60 + k);
      return { K: gaussian(X, Y, B), D: Vi(X).sqdist(Vj(Y)) };
    });
    const together = await Promise.all(jobs.flatMap(({ K, D }) => [K.sum(1, { signal: new AbortController().signal }), D.argKmin(3, 1), D.logsumexp(0)]));
    const oneByOne = [];
    for (const { K, D } of jobs) oneByOne.push(await K.sum(1), await D.argKmin(3, 1), await D.logsumexp(0));
    assert.equal(together.map((t) => Array.from(t.data)), oneByOne.map((t) => Array.from(t.data)), `threads ${threads}`);
  }
});

test('ten thousand small calls leave wasm memory use flat', async () => {
  for (const threads of [1, 2]) {
    configure({ threads, poolThreshold: 4e6 });
    const engine = await getWasmEngine();
    const X = cloud(20, 3, 1), Y = cloud(30, 3, 2), B = cloud(30, 1, 3);
    const K = gaussian(X, Y, B);
    for (let k = 0; k < 100; k++) await K.sum(1);
    const used = engine.heap.used;
    const size = engine.heap.memory.buffer.byteLength;
    for (let k = 0; k < 10000; k++) await K.sum(1);
    assert.is(engine.heap.used, used, `threads ${threads}`);
    assert.is(engine.heap.memory.buffer.byteLength, size, `threads ${threads}`);
  }
});

test('a sum over 10^6 points against 10^3 uses memory bounded by inputs, outputs and scratch, both ways round', async () => {
  configure({ threads: 2, poolThreshold: 4e6, cacheBytes: 0 });
  const engine = await getWasmEngine();
  const big = cloud(1_000_000, 3, 1), small = cloud(1000, 3, 2);
  const bBig = cloud(1_000_000, 1, 3), bSmall = cloud(1000, 1, 4);
  const before = engine.heap.memory.buffer.byteLength;
  await gaussian(big, small, bSmall).sum(1);
  await gaussian(small, big, bBig).sum(1);
  const grown = engine.heap.memory.buffer.byteLength - before;
  // Inputs: 10^6 x 3 floats (12 MB) + 10^6 floats; output 10^6 floats; a few MB of slack.
  const bound = (12 + 4 + 4) * 1e6 + 8 * 2 ** 20;
  assert.ok(grown <= bound, `wasm memory grew by ${(grown / 2 ** 20).toFixed(1)} MiB`);
  assert.is(engine.heap.used, 0);
  configure({ cacheBytes: 256 * 2 ** 20 });
});

test('unchanged inputs are not copied again, and markChanged() makes a changed one count', async () => {
  configure({ threads: 2, poolThreshold: 0 });
  const engine = await getWasmEngine();
  const X = cloud(2000, 3, 1), Y = cloud(5000, 3, 2), B = cloud(5000, 1, 3);
  const K = gaussian(X, Y, B);
  const first = await K.sum(1);
  const cached = engine.cache.bytes;
  assert.ok(cached >= (2000 * 3 + 5000 * 4) * 4, `cached ${cached} bytes`);
  await K.sum(1);
  assert.is(engine.cache.bytes, cached, 'a second call on the same tensors adds nothing to the cache');
  B.data.fill(0);
  B.markChanged();
  const zero = await K.sum(1);
  assert.ok(Array.from(zero.data).every((v) => v === 0), 'the changed weights were used');
  assert.ok(Array.from(first.data).some((v) => v !== 0));
});

test('an input read in two layouts (rows forward, columns backward) stays cached in both', async () => {
  configure({ threads: 2, poolThreshold: 0 });
  const engine = await getWasmEngine();
  const X = cloud(3000, 3, 1), Y = cloud(2500, 3, 2);
  const K = Vi(X).sqdist(Vj(Y)).mul(-2).exp();
  const rowsOf = async () => [await K.sum(1), await K.sum(0)];
  const first = await rowsOf();
  const { hits, misses } = engine.cache.stats;
  for (let k = 0; k < 3; k++) {
    const again = await rowsOf();
    assert.equal(Array.from(again[0].data), Array.from(first[0].data));
    assert.equal(Array.from(again[1].data), Array.from(first[1].data));
  }
  // X and Y, each as rows (i) and as columns (j): 4 copies at most, the first time only.
  assert.is(engine.cache.stats.misses, misses, 'no copy after the first pass');
  assert.is(engine.cache.stats.hits - hits, 3 * 4, 'every later read came from the cache');
});

test('an optimiser-like loop of fresh inputs used once keeps the cache and the wasm memory bounded, and a reused input stays cached', async () => {
  configure({ threads: 2, poolThreshold: 0 });
  const engine = await getWasmEngine();
  const X = cloud(200, 3, 1), Y = cloud(10000, 3, 2);
  const cachedY = (10240 * 3 + 256) * 4; // X is small enough to be copied every time
  const warm = gaussian(X, Y, cloud(10000, 1, 3));
  await warm.sum(1);
  await warm.sum(1);
  const before = engine.heap.memory.buffer.byteLength;
  // 400 steps x 40 KB of weights used once each (10x the probation budget); their tensors stay
  // reachable, as an optimiser's would until the collector runs.
  const alive = [];
  for (let k = 0; k < 400; k++) {
    const B = cloud(10000, 1, 10 + k);
    alive.push(B);
    const out = await gaussian(X, Y, B).sum(1);
    if (k === 399) {
      const exact = await gaussian(X, Y, B).sum(1, { backend: 'oracle' });
      assert.ok(Array.from(out.data).every((v, i) => Math.abs(v - exact.data[i]) <= 1e-4 * Math.abs(exact.data[i]) + 1e-6), 'the last step is right');
    }
  }
  const grown = engine.heap.memory.buffer.byteLength - before;
  assert.ok(grown <= 6 * 2 ** 20, `wasm memory grew by ${(grown / 2 ** 20).toFixed(1)} MiB over 400 steps (16 MB of inputs used once)`);
  assert.ok(engine.cache.bytes <= cachedY + 4 * 2 ** 20 + 2 ** 16, `cache holds ${engine.cache.bytes} bytes`);
  // Y, used at every step, is still cached: another call adds nothing for it.
  const cached = engine.cache.bytes;
  await gaussian(X, Y, alive[0]).sum(1);
  assert.ok(engine.cache.bytes - cached <= 10256 * 4, 'Y was not copied again');
  assert.is(alive.length, 400);
});

// Node's own worker_threads need SharedArrayBuffer: with it deleted, the separate-memory workers
// (chosen where shared memory is missing) cannot start either; the pool gives up after its tries.
test('without SharedArrayBuffer the engine chooses separate-memory workers, falls back to the calling thread when they cannot start, and says why', () => {
  const script = `
    const { engineInfo, configure, tensor, Vi, Vj } = await import(${JSON.stringify(join(root, 'build/src/index.js'))});
    const info = await engineInfo();
    let refused = '';
    try { configure({ threads: 2 }); } catch (e) { refused = e.constructor.name + ': ' + e.message; }
    const X = tensor(new Float32Array([0, 1, 2]), [3, 1]);
    const s = await Vi(X).sqdist(Vj(X)).sum(1);
    console.log(JSON.stringify({ mode: info.mode, reasons: info.reasons, refused, s: Array.from(s.data) }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `delete globalThis.SharedArrayBuffer; ${script}`], { encoding: 'utf8', env: { ...process.env, LAZYKERNEL_THREADS: '' } });
  const r = JSON.parse(out);
  assert.is(r.mode, 'calling-thread');
  assert.ok(r.reasons.some((x) => /SharedArrayBuffer/.test(x)), r.reasons.join('; '));
  assert.ok(r.reasons.some((x) => /gave up after 3 tries/.test(x)), r.reasons.join('; '));
  assert.is(r.refused, '', 'configure({ threads: 2 }) is accepted: separate memories need no SharedArrayBuffer');
  assert.equal(r.s, [5, 2, 5]);
});

test.run();
