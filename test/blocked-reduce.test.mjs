// Engine memory: sizes past 2^31 never wrap, requests the heap cannot hold get a
// MemoryLimitError before any work (and the engine stays correct afterwards), and reductions
// larger than the per-reduction budget (configure({ blockBytes })) stream through the heap in
// blocks of rows and of reduced columns, with the same results as the float64 oracle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, configure, MemoryLimitError, AbortError, LazyKernelError } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { Heap, WASM32_HEAP_BYTES } from '../build/src/engine/heap.js';
import { Rng } from './helpers/random.mjs';
import { assertClose, assertIndicesEqual } from './helpers/compare.mjs';

const threads = Number(process.env.LAZYKERNEL_THREADS ?? 1);

function points(rng, n, d, dtype, scale = 1) {
  const C = dtype === 'float32' ? Float32Array : Float64Array;
  return tensor(C.from({ length: n * d }, () => scale * rng.normal()), [n, d]);
}

async function streamedCount() {
  return (await getWasmEngine()).stats.streamed;
}

/** Engine memory per reduction in these tests: a few threads' scratch, much less than the inputs. */
const BUDGET = 512 * 1024;

const tol = (dtype) => (dtype === 'float32' ? { rtol: 2e-5, atol: 1e-5 } : { rtol: 1e-11, atol: 1e-12 });

test.after(() => configure({ blockBytes: 2 ** 30 }));

test('a heap refuses a block past its limit with a MemoryLimitError, and is unchanged after', () => {
  const heap = new Heap(new WebAssembly.Memory({ initial: 2 }), 1 << 20);
  const a = heap.allocate(1000);
  assert.throws(() => heap.allocate(2 << 20), (e) => e instanceof MemoryLimitError && /does not fit/.test(e.message));
  assert.is(heap.used, 1008);
  heap.free(a, 1000);
  assert.is(heap.used, 0);
});

test('sizes of 2 GiB and more are not wrapped to small blocks (the wasm32 heap holds 4 GiB)', () => {
  const heap = new Heap(new WebAssembly.Memory({ initial: 2 }));
  assert.is(heap.limit, WASM32_HEAP_BYTES);
  // (2^31 + 15) & ~15 was -2^31: a 16-byte block for a 2 GiB request.
  for (const bytes of [2 ** 32, 2 ** 32 + 16, 2 ** 40]) {
    assert.throws(() => heap.allocate(bytes), (e) => e instanceof MemoryLimitError && e.message.includes(String(bytes)), `${bytes} bytes`);
  }
  assert.throws(() => heap.allocate(-1), (e) => e instanceof MemoryLimitError);
  assert.throws(() => heap.allocate(1.5), (e) => e instanceof MemoryLimitError);
  assert.is(heap.used, 0);
});

test('argKmin with a huge K is a MemoryLimitError naming K, and cached tensors still give the right answer', async () => {
  configure({ blockBytes: 2 ** 30 });
  const rng = new Rng(5);
  const a = points(rng, 4, 3, 'float64');
  const b = points(rng, 5, 3, 'float64');
  const gaussian = () => Vi(a).sqdist(Vj(b)).mul(-0.5).exp().sum(1);
  const before = await gaussian();
  // K > M is allowed (padded), but 5e6 sorted slots per row and thread do not fit: it used to
  // wrap the scratch size and overwrite other blocks (cached tensors read NaN afterwards).
  const error = await Vi(a).sqdist(Vj(b)).argKmin(5e6, 1).then(() => null, (e) => e);
  assert.ok(error instanceof MemoryLimitError, `expected a MemoryLimitError, got ${error}`);
  assert.match(error.message, /K = 5000000/);
  const after = await gaussian();
  assertClose(after, before, { rtol: 0 });
  assertClose(after, await Vi(a).sqdist(Vj(b)).mul(-0.5).exp().sum(1, { backend: 'oracle' }), { rtol: 1e-12 });
  // A K that fits still runs, padded past M.
  const idx = await Vi(a).sqdist(Vj(b)).argKmin(8, 1);
  assertIndicesEqual(idx, await Vi(a).sqdist(Vj(b)).argKmin(8, 1, { backend: 'oracle' }));
});

const cases = [
  ['sum', (x, y, w, o) => Vi(x).sqdist(Vj(y)).mul(-0.5).exp().mul(Vj(w)).sum(1, o)],
  ['sum over i', (x, y, w, o) => Vi(x).sqdist(Vj(y)).mul(-0.5).exp().sum(0, o)],
  ['logsumexp', (x, y, w, o) => Vi(x).sqdist(Vj(y)).neg().logsumexp(1, o)],
  ['weighted logsumexp', (x, y, w, o) => Vi(x).sqdist(Vj(y)).neg().logsumexp(1, { ...o, weight: Vj(w).exp() })],
  ['sumsoftmaxweight', (x, y, w, o) => Vi(x).sqdist(Vj(y)).neg().sumsoftmaxweight(Vj(y), 1, o)],
  ['min', (x, y, w, o) => Vi(x).sqdist(Vj(y)).min(1, o)],
  ['max over i', (x, y, w, o) => Vi(x).sub(Vj(y)).max(0, o)],
  ['minArgmin', (x, y, w, o) => Vi(x).sqdist(Vj(y)).minArgmin(1, o)],
  ['argmax', (x, y, w, o) => Vi(x).dot(Vj(y)).argmax(1, o)],
  ['KminArgKmin', (x, y, w, o) => Vi(x).sqdist(Vj(y)).KminArgKmin(3, 1, o)],
  ['argKmin over i', (x, y, w, o) => Vi(x).sqdist(Vj(y)).argKmin(4, 0, o)],
];

/** Runs `reduce` with the engine, and with the oracle; compares values and indices. */
async function checkAgainstOracle(label, reduce, dtype) {
  const got = await reduce({});
  const want = await reduce({ backend: 'oracle' });
  const pairs = Array.isArray(got) ? got.map((g, k) => [g, want[k]]) : [[got, want]];
  for (const [g, w] of pairs) {
    if (g.dtype === 'int32') assertIndicesEqual(g, w, label);
    else assertClose(g, w, { ...tol(dtype), label });
  }
}

for (const dtype of ['float64', 'float32']) {
  for (const [name, make] of cases) {
    test(`streamed in blocks (${dtype}, ${name}): columns and rows split, odd sizes, same as the oracle`, async () => {
      const rng = new Rng(name.length * 31 + (dtype === 'float32' ? 1 : 0));
      // A 512 KiB budget forces blocks: 9 rows x 40001 columns splits the columns; 24000 x 33
      // the rows (with axis 0 the other way round); N = 1, and M not a multiple of the tile.
      configure({ blockBytes: BUDGET });
      const k = dtype === 'float32' ? 2 : 1;
      for (const [n, m] of [[9, 40001 * k], [1, 30001 * k], [24000 * k, 33], [17, 24050 * k]]) {
        const x = points(rng, n, 3, dtype);
        const y = points(rng, m, 3, dtype, 0.8);
        const w = points(rng, m, 1, dtype);
        const before = await streamedCount();
        await checkAgainstOracle(`${name} ${n}x${m}`, (o) => make(x, y, w, o), dtype);
        assert.ok((await streamedCount()) > before, `${name} ${n}x${m} with blockBytes ${BUDGET} should have streamed`);
      }
    });
  }
}

test('streamed blocks keep NaN, +-Inf, huge and tiny magnitudes as the oracle does', async () => {
  configure({ blockBytes: BUDGET });
  const rng = new Rng(77);
  const m = 40000;
  const yData = Float64Array.from({ length: m * 2 }, () => rng.normal());
  yData[10] = NaN;
  yData[901] = Infinity;
  yData[1502] = -Infinity;
  yData[1203] = 1e300;
  yData[1704] = 1e-300;
  const x = points(rng, 40, 2, 'float64');
  const y = tensor(yData, [m, 2]);
  const before = await streamedCount();
  for (const reduce of [(o) => Vi(x).sqdist(Vj(y)).neg().logsumexp(1, o), (o) => Vi(x).sub(Vj(y)).sum(1, o), (o) => Vi(x).sqdist(Vj(y)).minArgmin(1, o)]) {
    await checkAgainstOracle('specials', reduce, 'float64');
  }
  assert.ok((await streamedCount()) > before);
});

test('a streamed reduction honours an abort fired by a timer', async () => {
  configure({ blockBytes: BUDGET });
  const rng = new Rng(3);
  const x = points(rng, 2000, 3, 'float32');
  const y = points(rng, 200000, 3, 'float32');
  const controller = new AbortController();
  let firedAt = 0;
  setTimeout(() => { firedAt = performance.now(); controller.abort(); }, 30);
  const error = await Vi(x).sqdist(Vj(y)).neg().exp().sum(1, { signal: controller.signal }).then(() => null, (e) => e);
  const latency = performance.now() - firedAt;
  assert.ok(error instanceof AbortError, `expected an AbortError, got ${error}`);
  assert.ok(firedAt > 0 && latency < 100, `aborted ${latency.toFixed(1)} ms after the timer`);
  // The engine is still correct afterwards.
  configure({ blockBytes: 2 ** 30 });
  await checkAgainstOracle('after abort', (o) => Vi(x).sqdist(Vj(points(new Rng(4), 300, 3, 'float32'))).neg().exp().sum(1, o), 'float32');
});

test('a block-sparse reduction that does not fit is refused with a MemoryLimitError', async () => {
  configure({ blockBytes: BUDGET });
  const rng = new Rng(9);
  const x = points(rng, 10, 3, 'float64');
  const y = points(rng, 30000, 3, 'float64');
  const ranges = [Int32Array.of(0, 10), Int32Array.of(1), Int32Array.of(0, 30000), Int32Array.of(0, 30000), Int32Array.of(1), Int32Array.of(0, 10)];
  const error = await Vi(x).sqdist(Vj(y)).sum(1, { ranges }).then(() => null, (e) => e);
  assert.ok(error instanceof MemoryLimitError, `got ${error}`);
  assert.match(error.message, /block-sparse/);
});

test('configure({ blockBytes }) refuses values outside 64 KiB .. 4 GiB', () => {
  for (const bad of [0, 1000, -1, 2 ** 33, 1.5e5 + 0.5, '1e9', NaN]) {
    assert.throws(() => configure({ blockBytes: bad }), (e) => e instanceof LazyKernelError && /blockBytes/.test(e.message), String(bad));
  }
});

if (threads === 1) {
  test('a 10^5 x 3000 float64 output (2.4 GB, more than one reduction may hold) is written block by block', async () => {
    configure({ blockBytes: 2 ** 30 });
    const rng = new Rng(11);
    const n = 1e5;
    const width = 3000;
    const a = tensor(Float64Array.from({ length: n }, () => rng.normal()), [n, 1]);
    const y = tensor(Float64Array.from({ length: 2 * width }, () => rng.normal()), [2, width]);
    const before = await streamedCount();
    // sum_j a_i * y_j: 2.4 GB of output from 800 kB of input.
    const out = await Vi(a).mul(Vj(y)).sum(1);
    assert.equal(out.shape, [n, width]);
    assert.ok((await streamedCount()) > before);
    for (const i of [0, 1, 4097, 50000, n - 1]) {
      for (const c of [0, 1, 1999, width - 1]) {
        const expected = a.data[i] * (y.data[c] + y.data[width + c]);
        assert.ok(Math.abs(out.data[i * width + c] - expected) <= 1e-12 * (1 + Math.abs(expected)), `row ${i} column ${c}: ${out.data[i * width + c]} vs ${expected}`);
      }
    }
  });
}

test.run();
