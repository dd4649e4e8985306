// The API's guards against mistaken or hostile input (issue 15): configure() while reductions
// run, the cap on threads, undoing a bad wasmModule, duck-typed signals, and arrays or K
// values too big for the runtime, each refused with a typed error before any work.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  tensor, zeros, ones, Vi, Vj, configure, engineInfo,
  BackendError, MemoryLimitError, ValueError,
} from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { Rng, randomTensor } from './helpers/random.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cores = availableParallelism();
const LIMIT = 2 ** 31 - 1;

function cloud(n, d, seed) {
  return randomTensor(new Rng(seed), [n, d], { dtype: 'float32', lo: 0, hi: 1 });
}

function gaussian(X, Y, B) {
  return Vi(X).sqdist(Vj(Y)).mul(-2).exp().mul(Vj(B));
}

/** sum_j exp(-2 |x_i - y_j|^2) b_j for the first `rows` rows, in float64: the reference. */
function gaussianRows(X, Y, B, rows) {
  const [, d] = X.shape;
  const m = Y.shape[0];
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) r2 += (X.data[i * d + k] - Y.data[j * d + k]) ** 2;
      s += Math.exp(-2 * r2) * B.data[j];
    }
    out[i] = s;
  }
  return out;
}

function assertClose(actual, expected, what) {
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-4 * Math.abs(expected[i]) + 1e-5;
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}: row ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** The error a promise (or a function returning one) rejects with, or null. */
async function rejection(run) {
  try {
    await run();
  } catch (e) {
    return e;
  }
  return null;
}

function assertError(error, Type, fragments) {
  assert.ok(error instanceof Type, `expected a ${Type.name}, received ${error?.constructor?.name}: ${error?.message ?? error}`);
  for (const f of fragments) assert.ok(error.message.includes(f), `'${f}' is missing from: ${error.message}`);
}

// Leave the engine as the test run's environment asked for it.
test.after(() => configure({
  wasmModule: null,
  threads: Number(process.env.LAZYKERNEL_THREADS) || 2,
  poolThreshold: Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6),
}));

// ---- configure() while reductions run ----

test('configure() during pooled reductions lets them finish on their engine, and the next reduction runs on the new one', async () => {
  configure({ threads: 2, poolThreshold: 0 });
  await engineInfo(); // the workers have started
  const old = await getWasmEngine();
  const X = cloud(8000, 3, 1);
  const Y = cloud(8000, 3, 2);
  const Bs = [cloud(8000, 1, 3), cloud(8000, 1, 4), cloud(8000, 1, 5)];
  const started = performance.now();
  const pending = Bs.map((B) => gaussian(X, Y, B).sum(1));
  await new Promise((r) => setTimeout(r, 30));
  configure({ threads: 1 });
  const configuredAfter = performance.now() - started;
  const results = await Promise.all(pending);
  const elapsed = performance.now() - started;
  assert.ok(elapsed > configuredAfter + 20, `the reductions ended ${elapsed.toFixed(0)} ms after they started, too soon after configure() (${configuredAfter.toFixed(0)} ms) to show anything`);
  results.forEach((r, k) => assertClose(r.data, gaussianRows(X, Y, Bs[k], 40), `reduction ${k}`));
  assert.ok(old.stats.pooled >= 3, `the old engine ran ${old.stats.pooled} pooled reductions`);
  // Once its last reduction settled, the old engine stopped its workers (terminate() bumps this).
  assert.ok(old.pool.slots.every((s) => s.generation > 0), 'the old engine still has its workers');

  const next = await getWasmEngine();
  assert.ok(next !== old, 'configure() started a new engine');
  const before = next.stats.callingThread;
  const small = cloud(50, 3, 6);
  const B = cloud(50, 1, 7);
  assertClose((await gaussian(small, small, B).sum(1)).data, gaussianRows(small, small, B, 50), 'on the new engine');
  assert.is(next.stats.callingThread, before + 1, 'the next reduction ran on the new engine');
  const info = await engineInfo();
  assert.is(info.threads, 1);
  assert.is(info.mode, 'calling-thread');
});

// ---- threads ----

test(`configure({ threads }) over ${4 * cores} (4 per core, ${cores} cores here) is a ValueError naming threads, the limit and the cores`, () => {
  for (const threads of [1000, 4 * cores + 1]) {
    let error = null;
    try {
      configure({ threads });
    } catch (e) {
      error = e;
    }
    assertError(error, ValueError, ['threads', `${threads}`, `at most ${4 * cores}`, `${cores} core`]);
  }
  configure({ threads: 4 * cores }); // the limit itself is fine (nothing starts until the next call)
  configure({ threads: 2 });
});

test('LAZYKERNEL_THREADS over the limit fails the first reduction at once with a ValueError naming it', () => {
  const script = `
    const { tensor, Vi, Vj } = await import(${JSON.stringify(join(root, 'build/src/index.js'))});
    const X = tensor(new Float32Array([0, 1, 2]), [3, 1]);
    const t0 = performance.now();
    const error = await Vi(X).sqdist(Vj(X)).sum(1).then(() => null, (e) => e);
    console.log(JSON.stringify({ name: error?.constructor.name, message: error?.message, ms: performance.now() - t0 }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8', timeout: 30000, env: { ...process.env, LAZYKERNEL_THREADS: '1000' },
  });
  const r = JSON.parse(out);
  assert.is(r.name, 'ValueError', r.message);
  for (const f of ['LAZYKERNEL_THREADS', '1000', `at most ${4 * cores}`]) assert.ok(r.message.includes(f), r.message);
  assert.ok(r.ms < 5000, `refusing took ${r.ms} ms`);
});

// ---- wasmModule ----

test('configure({ wasmModule }) refuses what is neither a module, its bytes nor a URL', () => {
  for (const bad of [42, {}, [0, 97, 115, 109], true, new Float32Array(4)]) {
    let error = null;
    try {
      configure({ wasmModule: bad });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ValueError && /wasmModule/.test(error.message), `${String(bad)}: ${error}`);
  }
});

test('a garbage wasmModule fails the next reduction with a BackendError, and configure({ wasmModule: null }) undoes it', async () => {
  const X = cloud(40, 3, 10);
  const B = cloud(40, 1, 11);
  for (const threads of [1, 2]) {
    configure({ threads, poolThreshold: 0, wasmModule: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) });
    const error = await rejection(() => gaussian(X, X, B).sum(1));
    assertError(error, BackendError, ['wasm']);
    // A failed start is not kept: the same bad module fails again rather than hanging.
    assertError(await rejection(() => gaussian(X, X, B).sum(1)), BackendError, ['wasm']);
    configure({ wasmModule: null });
    assertClose((await gaussian(X, X, B).sum(1)).data, gaussianRows(X, X, B, 40), `threads ${threads}, packaged module again`);
  }
});

test("configure({ wasmModule }) runs the packaged module's bytes, as an edge runtime passes them", async () => {
  configure({ threads: 1, wasmModule: readFileSync(join(root, 'build/lazykernel.wasm')) });
  const X = cloud(30, 3, 12);
  const B = cloud(30, 1, 13);
  assertClose((await gaussian(X, X, B).sum(1)).data, gaussianRows(X, X, B, 30), 'from bytes');
  configure({ wasmModule: null });
});

// ---- signals ----

test('a duck-typed signal is a ValueError on the pool and on the calling thread; real AbortSignals pass', async () => {
  const X = cloud(200, 3, 14);
  const B = cloud(200, 1, 15);
  for (const threads of [1, 2]) {
    configure({ threads, poolThreshold: 0 });
    for (const signal of [{ aborted: false }, { aborted: false, addEventListener() {}, removeEventListener() {} }, 'abort', 1]) {
      const error = await rejection(() => gaussian(X, X, B).sum(1, { signal }));
      assertError(error, ValueError, ['signal', 'AbortSignal']);
      assertError(await rejection(() => Vi(X).sqdist(Vj(X)).argKmin(3, 0, { signal })), ValueError, ['argkmin', 'signal']);
    }
    const reference = gaussianRows(X, X, B, 200);
    for (const signal of [new AbortController().signal, AbortSignal.timeout(60000)]) {
      assertClose((await gaussian(X, X, B).sum(1, { signal })).data, reference, `threads ${threads}`);
    }
  }
});

// ---- sizes ----

test('a tensor over the array limit is a MemoryLimitError naming its size and the limit, before any allocation', () => {
  const cases = [
    ['zeros', () => zeros([2 ** 32, 2]), `${2 ** 33}`],
    ['ones', () => ones([2 ** 31], 'float64'), `${2 ** 31}`],
    ['a broadcast add', () => zeros([2 ** 17, 1]).add(zeros([1, 2 ** 17])), `${2 ** 34}`],
    ['a broadcast mul', () => zeros([2 ** 16, 1]).mul(zeros([1, 2 ** 15])), `${2 ** 31}`],
  ];
  for (const [what, run, size] of cases) {
    let error = null;
    try {
      run();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof MemoryLimitError, `${what}: ${error}`);
    assertError(error, MemoryLimitError, [size, `${LIMIT}`, 'blocks']);
  }
});

test('K = 2^31, or a K that is not a safe positive integer, is a ValueError naming K before any work', async () => {
  const D = Vi(cloud(4, 1, 16)).sqdist(Vj(cloud(5, 1, 17)));
  for (const K of [2 ** 31, 2 ** 53, Infinity, 2 ** 31 + 0.5]) {
    assertError(await rejection(() => D.Kmin(K, 1)), ValueError, ['kmin', 'K', `${LIMIT}`]);
    assertError(await rejection(() => D.argKmin(K, 0)), ValueError, ['argkmin', 'K']);
  }
});

test('a K whose output would not fit in one array is a MemoryLimitError naming K, the output size and the limit', async () => {
  const D = Vi(cloud(1000, 1, 18)).sqdist(Vj(cloud(10, 1, 19)));
  for (const backend of ['auto', 'oracle']) {
    const error = await rejection(() => D.Kmin(2 ** 22, 1, { backend }));
    assertError(error, MemoryLimitError, ['kmin', 'K = 4194304', `${1000 * 2 ** 22}`, `${LIMIT}`, 'smaller K']);
  }
  const vectors = Vi(cloud(2, 3, 20)).sub(Vj(cloud(7, 3, 21)));
  const error = await rejection(() => vectors.KminArgKmin(2 ** 30, 1));
  assertError(error, MemoryLimitError, ['[2, 1073741824, 3]', `${2 * 3 * 2 ** 30}`]);
  assertError(await rejection(() => D.argKmin(2 ** 31 - 1, 0)), MemoryLimitError, ['argkmin', `K = ${LIMIT}`]);
});

test.run();
