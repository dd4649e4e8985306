// The separate-memory worker pool (workers with memories of their own, for pages that are not
// cross-origin isolated), forced in Node with configure({ workerMemory: 'separate' }): results
// against the float64 oracle, row blocks merged in order, inputs copied once, abort, a crash.
const { test } = await import('uvu');
const assert = await import('uvu/assert');
const { tensor, Vi, Vj, configure, engineInfo, shutdown, AbortError, BackendError } = await import('../build/src/index.js');
const { getWasmEngine } = await import('../build/src/api/engine.js');
const { Rng } = await import('./helpers/random.mjs');
const { assertClose, assertIndicesEqual } = await import('./helpers/compare.mjs');

// Every file of the suite shares this process: set the mode before each test (another file's
// may have run in between), and leave the engine as the test run's environment asked for it.
test.before.each(() => configure({ workerMemory: 'separate', threads: 2, poolThreshold: 0 }));
test.after(async () => {
  configure({
    workerMemory: process.env.LAZYKERNEL_WORKER_MEMORY === 'separate' ? 'separate' : 'auto',
    threads: Number(process.env.LAZYKERNEL_THREADS) || 2,
    poolThreshold: Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6),
  });
  await shutdown();
});

function cloud(rng, n, d, dtype) {
  const data = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  for (let k = 0; k < data.length; k++) data[k] = rng.uniform(-1, 1);
  return tensor(data, [n, d]);
}

/** Runs `run(options)` on the engine and on the oracle and compares values / indices. */
async function againstOracle(run, dtype, label, scale = 1) {
  const got = await run({});
  const ref = await run({ backend: 'oracle' });
  const pairs = Array.isArray(got) ? got.map((g, k) => [g, ref[k]]) : [[got, ref]];
  for (const [g, r] of pairs) {
    if (g.dtype === 'int32') assertIndicesEqual(g, r, label);
    else assertClose(g, r, { rtol: dtype === 'float32' ? 1e-5 : 1e-11, scale, label });
  }
}

test('engineInfo reports workers with separate memories', async () => {
  const info = await engineInfo();
  assert.is(info.mode, 'workers');
  assert.is(info.memory, 'separate');
  assert.is(info.threads, 2);
  assert.ok(info.reasons.some((r) => /copy their inputs/.test(r)), info.reasons.join('; '));
  const engine = await getWasmEngine();
  assert.is(engine.pool, null, 'no shared-memory pool');
  assert.is(engine.separatePool.size, 2);
});

// Sizes: N = 1, N not a multiple of the block (512 rows), M = 1, several blocks per worker.
const SIZES = [[1, 7], [5, 1], [1, 1], [1029, 300], [2600, 33], [700, 1]];

test('sum, logsumexp, argKmin, min / argmin and a weighted softmax match the oracle on both axes', async () => {
  const engine = await getWasmEngine();
  const before = engine.stats.separate;
  for (const dtype of ['float32', 'float64']) {
    const rng = new Rng(dtype === 'float32' ? 11 : 12);
    for (const [N, M] of SIZES) {
      const X = cloud(rng, N, 3, dtype), Y = cloud(rng, M, 3, dtype);
      const A = cloud(rng, N, 2, dtype), B = cloud(rng, M, 2, dtype);
      const D = Vi(X).sqdist(Vj(Y));
      const K = D.mul(-2).exp();
      for (const axis of [1, 0]) {
        const label = `${dtype} N=${N} M=${M} axis ${axis}`;
        const values = axis === 1 ? Vj(B) : Vi(A);
        const k = Math.min(3, axis === 1 ? M : N);
        await againstOracle((o) => K.mul(values).sum(axis, o), dtype, `${label} sum`, 10);
        await againstOracle((o) => D.mul(-1).logsumexp(axis, o), dtype, `${label} logsumexp`, 10);
        await againstOracle((o) => D.argKmin(k, axis, o), dtype, `${label} argKmin`);
        await againstOracle((o) => D.minArgmin(axis, o), dtype, `${label} min / argmin`, 10);
        await againstOracle((o) => D.mul(-1).sumsoftmaxweight(values, axis, o), dtype, `${label} softmax`, 10);
      }
    }
  }
  assert.ok(engine.stats.separate - before >= 2 * SIZES.length * 2 * 5, `${engine.stats.separate - before} reductions on the separate workers`);
});

test('a block-sparse reduction matches the oracle with the same ranges', async () => {
  const i32 = (rows, shape) => tensor(Int32Array.from(rows.flat()), shape);
  // Rows [0, 600) and [600, 1100) against column intervals; rows 1100..1199 in no cluster.
  const ranges = [
    i32([[0, 600], [600, 1100]], [2, 2]), i32([1, 3], [2]), i32([[0, 100], [0, 50], [200, 301]], [3, 2]),
    i32([[0, 100], [100, 301]], [2, 2]), i32([2, 3], [2]), i32([[0, 600], [600, 1100], [600, 1100]], [3, 2]),
  ];
  for (const dtype of ['float32', 'float64']) {
    const rng = new Rng(5);
    const X = cloud(rng, 1200, 3, dtype), Y = cloud(rng, 301, 3, dtype);
    const K = Vi(X).sqdist(Vj(Y)).mul(-4).exp();
    await againstOracle((o) => K.sum(1, { ...o, ranges }), dtype, `${dtype} block-sparse sum`, 10);
    await againstOracle((o) => Vi(X).sqdist(Vj(Y)).logsumexp(1, { ...o, ranges }), dtype, `${dtype} block-sparse logsumexp`, 10);
  }
});

test('a gradient through a reduction matches the oracle', async () => {
  const rng = new Rng(7);
  const grads = {};
  for (const backend of ['wasm', 'oracle']) {
    const r = new Rng(8);
    const leaf = (n, d) => tensor(Float64Array.from({ length: n * d }, () => r.uniform(-1, 1)), [n, d], { requiresGrad: true });
    const X = leaf(1500, 3), Y = leaf(400, 3), B = leaf(400, 2);
    const out = await Vi(X).sqdist(Vj(Y)).mul(-2).exp().mul(Vj(B)).sum(1, { backend });
    await out.mul(out).sum().backward();
    grads[backend] = { X: X.grad, Y: Y.grad, B: B.grad };
  }
  void rng;
  for (const key of ['X', 'Y', 'B']) assertClose(grads.wasm[key], grads.oracle[key], { rtol: 1e-10, scale: 100, label: `d/d${key}` });
});

test('the calling thread\'s event loop stays free during a long reduction', async () => {
  const rng = new Rng(14);
  const X = cloud(rng, 20000, 3, 'float32'), Y = cloud(rng, 100000, 3, 'float32');
  const F = Vi(X).sqdist(Vj(Y)).mul(-0.5).exp();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const t0 = performance.now();
  await F.sum(1);
  const ms = performance.now() - t0;
  clearInterval(timer);
  const expected = Math.floor(ms / 10);
  assert.ok(ms > 300, `the reduction took ${ms.toFixed(0)} ms: too short to tell`);
  assert.ok(ticks >= 0.9 * expected, `${ticks} of ${expected} 10 ms ticks fired during ${ms.toFixed(0)} ms`);
});

test('a repeated reduction copies its inputs once; a changed tensor is copied again', async () => {
  const engine = await getWasmEngine();
  await engineInfo(); // both workers started: each takes a block on the first call
  const rng = new Rng(9);
  // Two blocks of rows: each worker takes one, and the same one again on the next call.
  const X = cloud(rng, 1024, 3, 'float32'), Y = cloud(rng, 5000, 3, 'float32');
  const F = Vi(X).sqdist(Vj(Y)).mul(-1).exp();
  const c0 = engine.stats.copiedBytes;
  const first = await F.sum(1);
  const c1 = engine.stats.copiedBytes;
  assert.ok(c1 - c0 >= X.data.byteLength + Y.data.byteLength, `first call copied ${c1 - c0} bytes`);
  for (let k = 0; k < 3; k++) {
    const again = await F.sum(1);
    assert.equal(Array.from(again.data), Array.from(first.data));
  }
  assert.is(engine.stats.copiedBytes, c1, 'repeated calls copied nothing');
  Y.data[0] += 0.5;
  Y.markChanged();
  await againstOracle((o) => F.sum(1, o), 'float32', 'after the change', 10);
  const c2 = engine.stats.copiedBytes;
  assert.ok(c2 - c1 >= Y.data.byteLength, `the changed tensor was copied again (${c2 - c1} bytes)`);
  assert.ok(c2 - c1 < Y.data.byteLength * 2 + X.data.byteLength, `the unchanged one was not (${c2 - c1} bytes)`);
});

test('an abort rejects at once with AbortError, and the next reduction works', async () => {
  const rng = new Rng(10);
  const X = cloud(rng, 40000, 3, 'float64'), Y = cloud(rng, 60000, 3, 'float64');
  const controller = new AbortController();
  const pending = Vi(X).sqdist(Vj(Y)).mul(-1).exp().sum(1, { signal: controller.signal });
  await new Promise((r) => setTimeout(r, 200));
  const t0 = performance.now();
  controller.abort();
  const error = await pending.then(() => null, (e) => e);
  assert.ok(error instanceof AbortError, String(error));
  assert.ok(performance.now() - t0 < 50, `rejected after ${(performance.now() - t0).toFixed(1)} ms`);
  const S = cloud(rng, 900, 3, 'float64'), T = cloud(rng, 300, 3, 'float64');
  await againstOracle((o) => Vi(S).sqdist(Vj(T)).logsumexp(1, o), 'float64', 'after the abort', 10);
});

test('a crashed worker fails its reduction with a BackendError, and the pool recovers', async () => {
  const engine = await getWasmEngine();
  const rng = new Rng(13);
  const X = cloud(rng, 40000, 3, 'float64'), Y = cloud(rng, 60000, 3, 'float64');
  await engineInfo(); // the workers have started
  const pending = Vi(X).sqdist(Vj(Y)).mul(-1).exp().sum(1);
  await new Promise((r) => setTimeout(r, 200));
  engine.separatePool.crashWorkerForTesting(0);
  const error = await pending.then(() => null, (e) => e);
  assert.ok(error instanceof BackendError && /died/.test(error.message), String(error));
  const S = cloud(rng, 1500, 3, 'float64'), T = cloud(rng, 300, 3, 'float64');
  await againstOracle((o) => Vi(S).sqdist(Vj(T)).mul(-1).exp().sum(1, o), 'float64', 'after the crash', 10);
  await engine.separatePool.started();
  assert.is(engine.separatePool.startedWorkers, 2, 'the dead worker was replaced');
});

test('a worker script that cannot load gives a BackendError, and the pool then stays on the calling thread', async () => {
  const { SeparatePool } = await import('../build/src/engine/separate-pool.js');
  const engine = await getWasmEngine();
  const stats = { separate: 0, copiedBytes: 0 };
  const pool = new SeparatePool(2, engine.separatePool.module, new URL('./no-such-worker.js', import.meta.url), { cacheBytes: 2 ** 20, rowLanes: 'auto' }, stats);
  const t0 = performance.now();
  const error = await pool.started().then(() => null, (e) => e);
  assert.ok(error instanceof BackendError, String(error));
  assert.ok(performance.now() - t0 < 5000, `failed after ${(performance.now() - t0).toFixed(0)} ms`);
  await pool.started().catch(() => {});
  assert.ok(pool.broken instanceof BackendError && pool.broken.message.includes('no-such-worker.js'), String(pool.broken));
});

test('configure({ workerMemory }) takes only its three modes', () => {
  for (const bad of ['threads', '', 1, null, true]) {
    assert.throws(() => configure({ workerMemory: bad }), (e) => e.name === 'ValueError' && /workerMemory must be one of 'auto', 'shared', 'separate'/.test(e.message));
  }
});

test('where the page is not cross-origin isolated, the default and configure({ threads: 2 }) use separate memories', async () => {
  // A child process, so that this one's runtime is left alone: crossOriginIsolated = false
  // makes the engine see a page without COOP/COEP (SharedArrayBuffer stays: Node's own workers use it).
  const { spawnSync } = await import('node:child_process');
  const script = `
    globalThis.crossOriginIsolated = false;
    const { configure, engineInfo, tensor, Vi, Vj, shutdown } = await import(${JSON.stringify(new URL('../build/src/index.js', import.meta.url).href)});
    const pick = (i) => ({ mode: i.mode, memory: i.memory, threads: i.threads, reasons: i.reasons });
    const byDefault = pick(await engineInfo());
    configure({ threads: 2, poolThreshold: 0 });
    const configured = pick(await engineInfo());
    const X = tensor(new Float64Array([0, 1, 2, 3]), [4, 1]);
    const sum = Array.from((await Vi(X).sqdist(Vj(X)).sum(1)).data);
    // Shared memory asked for where there is none: a typed error, and the engine stays usable.
    configure({ workerMemory: 'shared', threads: 2 });
    const refused = await engineInfo().then(() => '', (e) => e.name + ': ' + e.message);
    configure({ workerMemory: 'auto', threads: 1 });
    const after = Array.from((await Vi(X).sqdist(Vj(X)).sum(1)).data);
    console.log(JSON.stringify({ byDefault, configured, sum, refused, after }));
    await shutdown();`;
  const env = { ...process.env };
  delete env.LAZYKERNEL_WORKER_MEMORY;
  delete env.LAZYKERNEL_THREADS;
  // From a file: workers inherit the process's execArgv, and --input-type would fail them.
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/lazykernel-coi-`);
  writeFileSync(`${dir}/page.mjs`, script);
  const child = spawnSync(process.execPath, [`${dir}/page.mjs`], { encoding: 'utf8', env, timeout: 60000 });
  rmSync(dir, { recursive: true, force: true });
  assert.is(child.status, 0, child.stderr);
  const { byDefault, configured, sum, refused, after } = JSON.parse(child.stdout.trim().split('\n').pop());
  assert.match(refused, /^BackendError: 2 threads were requested but .*cross-origin isolated/);
  assert.equal(after, [14, 6, 6, 14]);
  for (const info of [byDefault, configured]) {
    assert.is(info.mode, 'workers');
    assert.is(info.memory, 'separate');
    assert.ok(info.reasons.some((r) => r.includes('Cross-Origin-Opener-Policy: same-origin') && r.includes('Cross-Origin-Embedder-Policy: require-corp')), info.reasons.join('; '));
  }
  assert.is(configured.threads, 2);
  assert.equal(sum, [14, 6, 6, 14]);
});

test.run();
