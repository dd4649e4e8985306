// Batch axes (pykeops's batch dimensions): leading axes of Vi / Vj ([...batch, N, D]) and Pm
// ([...batch, D]) tensors broadcast like numpy. Every reduction on both axes, float32 and
// float64, is compared with the float64 oracle and with a loop of unbatched reductions, one per
// batch index, on each input's slice; ranges shared and per batch; gradients against finite
// differences; the plan codec; shape errors. Runs on the calling thread and on the pool
// (LAZYKERNEL_THREADS=2 LAZYKERNEL_POOL_THRESHOLD=0). WebGPU: the 'batches' section of
// test/smoke/gpu-checks.mjs (test/gpu.test.mjs).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm, ShapeError, ValueError, AbortError, configure, aslinearoperator } from '../build/src/index.js';
import { encodePlan, decodePlan } from '../build/src/plan/plan-codec.js';
import { buildPlan } from '../build/src/plan/reduction-plan.js';
import { runPlan, dispatchCounts } from '../build/src/dispatch/dispatcher.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { Rng } from './helpers/random.mjs';
import { assertClose, assertIndicesEqual } from './helpers/compare.mjs';

const WASM = { backend: 'wasm' };
const ORACLE = { backend: 'oracle' };
const size = (shape) => shape.reduce((a, b) => a * b, 1);

function cloud(rng, shape, dtype, lo = 0, hi = 1) {
  const data = dtype === 'float32' ? new Float32Array(size(shape)) : new Float64Array(size(shape));
  for (let k = 0; k < data.length; k++) data[k] = rng.uniform(lo, hi);
  return tensor(data, shape);
}

/** Trailing axes of a variable (rows and D for Vi / Vj, D for Pm): the rest are batch axes. */
const trailing = (cat) => (cat === 'p' ? 1 : 2);

/**
 * Batch `b` (row-major in `batch`) of a tensor, as an unbatched tensor: numpy's broadcasting
 * written out (axes aligned on the right; an axis of size 1, or one the tensor lacks, reads 0).
 */
function sliceFor(t, cat, batch, b) {
  const own = t.shape.slice(0, t.shape.length - trailing(cat));
  const rest = t.shape.slice(t.shape.length - trailing(cat));
  const coord = [];
  for (let k = batch.length - 1, r = b; k >= 0; k--) {
    coord.unshift(r % batch[k]);
    r = Math.floor(r / batch[k]);
  }
  let at = 0;
  own.forEach((d, k) => {
    const c = coord[batch.length - own.length + k];
    at = at * d + (d === 1 ? 0 : c);
  });
  const n = size(rest);
  return tensor(t.data.slice(at * n, (at + 1) * n), rest);
}

const REDUCTIONS = {
  sum: (F, a, o) => F.exp().sum(a, o).then((v) => ({ values: v })),
  logsumexp: (F, a, o) => F.logsumexp(a, o).then((v) => ({ values: v })),
  'logsumexp with weight': (F, a, o, c) => F.logsumexp(a, { ...o, weight: c.weight(a) }).then((v) => ({ values: v })),
  sumsoftmaxweight: (F, a, o, c) => F.sumsoftmaxweight(c.values(a), a, o).then((v) => ({ values: v })),
  min: (F, a, o) => F.min(a, o).then((v) => ({ values: v })),
  max: (F, a, o) => F.max(a, o).then((v) => ({ values: v })),
  argmin: (F, a, o) => F.argmin(a, o).then((i) => ({ indices: i })),
  argmax: (F, a, o) => F.argmax(a, o).then((i) => ({ indices: i })),
  minArgmin: (F, a, o) => F.minArgmin(a, o).then(([v, i]) => ({ values: v, indices: i })),
  maxArgmax: (F, a, o) => F.maxArgmax(a, o).then(([v, i]) => ({ values: v, indices: i })),
  Kmin: (F, a, o) => F.Kmin(3, a, o).then((v) => ({ values: v })),
  argKmin: (F, a, o) => F.argKmin(3, a, o).then((i) => ({ indices: i })),
  KminArgKmin: (F, a, o) => F.KminArgKmin(3, a, o).then(([v, i]) => ({ values: v, indices: i })),
};

/**
 * A problem over named tensors: X (Vi), Y (Vj), P (Pm), Wi (Vi), Wj (Vj) with the given batch
 * shapes; F = -|x - y|^2 (p + 1), the weights and values of the softmax reductions from Wi / Wj.
 */
function problem(rng, dtype, { bx, by, bp, bwi = bx, bwj = by, N, M, D = 3 }) {
  const T = {
    X: cloud(rng, [...bx, N, D], dtype),
    Y: cloud(rng, [...by, M, D], dtype),
    P: cloud(rng, [...bp, 1], dtype),
    Wi: cloud(rng, [...bwi, N, 2], dtype, 0.5, 2),
    Wj: cloud(rng, [...bwj, M, 2], dtype, 0.5, 2),
  };
  return T;
}
const CATEGORY = { X: 'i', Y: 'j', P: 'p', Wi: 'i', Wj: 'j' };
function lazy(T) {
  const F = Vi(T.X).sqdist(Vj(T.Y)).mul(Pm(T.P).add(1)).neg();
  const ctx = { weight: (a) => (a === 1 ? Vj(T.Wj) : Vi(T.Wi)), values: (a) => (a === 1 ? Vj(T.Wj) : Vi(T.Wi)) };
  return { F, ctx };
}

/** The reduction run once per batch index on unbatched slices, outputs stacked. */
async function loopOfUnbatched(T, batch, name, axis) {
  const values = [];
  const indices = [];
  for (let b = 0; b < size(batch); b++) {
    const Tb = Object.fromEntries(Object.entries(T).map(([k, t]) => [k, sliceFor(t, CATEGORY[k], batch, b)]));
    const { F, ctx } = lazy(Tb);
    const r = await REDUCTIONS[name](F, axis, WASM, ctx);
    if (r.values) values.push(...r.values.data);
    if (r.indices) indices.push(...r.indices.data);
  }
  return { values, indices };
}

const PATTERNS = [
  { label: '[B, N, D] vs [1, M, D], Pm [B, 1]', bx: [3], by: [1], bp: [3], N: 9, M: 37 },
  { label: '[B, N, D] vs [M, D], Pm [1]', bx: [2], by: [], bp: [], N: 17, M: 5 },
  { label: '[2, 1, N, D] vs [1, 3, M, D]: batch [2, 3]', bx: [2, 1], by: [1, 3], bp: [3], bwi: [1, 3], bwj: [2, 1], N: 4, M: 33 },
  { label: 'B = 1, N = 1', bx: [1], by: [1], bp: [1], N: 1, M: 13 },
];

for (const dtype of ['float64', 'float32']) {
  test(`every reduction over batch axes, both axes, ${dtype}: like the oracle and like a loop of unbatched reductions`, async () => {
    const rng = new Rng(dtype === 'float64' ? 11 : 12);
    const rtol = dtype === 'float64' ? 1e-12 : 2e-5;
    for (const pattern of PATTERNS) {
      const T = problem(rng, dtype, pattern);
      const { F, ctx } = lazy(T);
      const batch = F.shape.slice(0, -2);
      for (const name of Object.keys(REDUCTIONS)) {
        for (const axis of [1, 0]) {
          const label = `${pattern.label}, ${name}, axis ${axis}`;
          const got = await REDUCTIONS[name](F, axis, WASM, ctx);
          const ref = await REDUCTIONS[name](F, axis, ORACLE, ctx);
          const loop = await loopOfUnbatched(T, batch, name, axis);
          const out = got.values ?? got.indices;
          const rows = axis === 1 ? pattern.N : pattern.M;
          assert.equal(out.shape.slice(0, batch.length + 1), [...batch, rows], `${label}: output shape ${out.shape}`);
          assert.equal(out.shape, (ref.values ?? ref.indices).shape, `${label}: the oracle's shape`);
          if (got.values) {
            const scale = name === 'sum' ? 40 : 4;
            assertClose(got.values, ref.values, { rtol, scale, label: `${label} vs oracle` });
            assertClose(got.values, loop.values, { rtol, scale, label: `${label} vs loop` });
          }
          if (got.indices) {
            assertIndicesEqual(got.indices, ref.indices, `${label} vs oracle`);
            assertIndicesEqual(got.indices, Int32Array.from(loop.indices), `${label} vs loop`);
          }
        }
      }
    }
  });
}

test("the contract's example: Vi [B, N, 3], Vj [1, M, 3] and [B, M, 1] sum over j to [B, N, 1]", async () => {
  const rng = new Rng(1);
  const B = 4, N = 23, M = 70;
  const Xb = cloud(rng, [B, N, 3], 'float32'), Yb = cloud(rng, [1, M, 3], 'float32'), Bb = cloud(rng, [B, M, 1], 'float32');
  const K = Vi(Xb).sqdist(Vj(Yb)).mul(-1).exp().mul(Vj(Bb));
  assert.equal(K.shape, [B, N, M]);
  const r = await K.sum(1);
  assert.equal(r.shape, [B, N, 1]);
  const expected = new Float64Array(B * N);
  for (let b = 0; b < B; b++) for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) {
    let d2 = 0;
    for (let d = 0; d < 3; d++) d2 += (Xb.data[(b * N + i) * 3 + d] - Yb.data[j * 3 + d]) ** 2;
    expected[b * N + i] += Math.exp(-d2) * Bb.data[b * M + j];
  }
  assertClose(r, expected, { rtol: 1e-5, scale: M, label: 'contract example' });
});

test('batch axes that do not broadcast raise a ShapeError naming both shapes, before any work', async () => {
  const rng = new Rng(2);
  const X = cloud(rng, [2, 3, 4, 2], 'float64'), Y = cloud(rng, [3, 1, 5, 2], 'float64');
  const before = { ...dispatchCounts };
  let error = null;
  try {
    await Vi(X).sqdist(Vj(Y)).sum(1);
  } catch (e) {
    error = e;
  }
  assert.instance(error, ShapeError);
  assert.match(error.message, /\[2, 3, 4, 2\]/);
  assert.match(error.message, /\[3, 1, 5, 2\]/);
  assert.equal({ ...dispatchCounts }, before, 'no plan reached a backend');
  // A parameter per batch that does not match either.
  const P = cloud(rng, [4, 1], 'float64');
  const Xb = cloud(rng, [3, 4, 2], 'float64'), Yb = cloud(rng, [1, 5, 2], 'float64');
  error = null;
  try {
    await Vi(Xb).sqdist(Vj(Yb)).mul(Pm(P)).sum(0);
  } catch (e) {
    error = e;
  }
  assert.instance(error, ShapeError);
  assert.match(error.message, /Pm of shape \[4, 1\]/);
  assert.match(error.message, /\[3, 4, 2\]/);
  // [2, 1] and [1, 3] broadcast to [2, 3].
  const r = await Vi(cloud(rng, [2, 1, 4, 2], 'float64')).sqdist(Vj(cloud(rng, [1, 3, 5, 2], 'float64'))).sum(1);
  assert.equal(r.shape, [2, 3, 4, 1]);
});

test('ranges shared by every batch, or one 6-tuple per batch: like the oracle and a loop of unbatched reductions', async () => {
  const i32 = (rows) => tensor(Int32Array.from(rows.flat()), Array.isArray(rows[0]) ? [rows.length, 2] : [rows.length]);
  const fromBlocks = (ri, rj, keep) => {
    const slicesI = [], redJ = [], slicesJ = [], redI = [];
    ri.forEach((_, a) => { rj.forEach((r, b) => keep[a][b] && redJ.push(r)); slicesI.push(redJ.length); });
    rj.forEach((_, b) => { ri.forEach((r, a) => keep[a][b] && redI.push(r)); slicesJ.push(redI.length); });
    return [i32(ri), i32(slicesI), i32(redJ), i32(rj), i32(slicesJ), i32(redI)];
  };
  const N = 40, M = 101;
  const shared = fromBlocks([[0, 5], [5, 17], [17, 37]], [[0, 50], [50, 51], [51, 101]], [[1, 0, 1], [0, 1, 1], [1, 1, 0]]);
  const perBatch = [shared, fromBlocks([[0, 40]], [[3, 90]], [[1]]), fromBlocks([[10, 20]], [[0, 101]], [[1]])];
  for (const dtype of ['float64', 'float32']) {
    const rng = new Rng(4);
    const X = cloud(rng, [3, N, 2], dtype), Y = cloud(rng, [1, M, 2], dtype), W = cloud(rng, [3, M, 1], dtype);
    const F = Vi(X).sqdist(Vj(Y)).mul(-2);
    for (const [label, ranges] of [['shared', shared], ['per batch', perBatch]]) {
      for (const axis of [1, 0]) {
        const rangesOf = (b) => (ranges === shared ? shared : ranges[b]);
        const runs = {
          sum: (G, o) => G.exp().sum(axis, o),
          logsumexp: (G, o) => G.logsumexp(axis, o),
          argKmin: (G, o) => G.argKmin(2, axis, o),
        };
        for (const [name, run] of Object.entries(runs)) {
          const got = await run(F, { ranges });
          const ref = await run(F, { ...ORACLE, ranges });
          const loop = [];
          for (let b = 0; b < 3; b++) loop.push(...(await run(Vi(sliceFor(X, 'i', [3], b)).sqdist(Vj(sliceFor(Y, 'j', [3], b))).mul(-2), { ranges: rangesOf(b) })).data);
          const what = `${dtype} ${label} ${name} axis ${axis}`;
          if (name === 'argKmin') {
            assertIndicesEqual(got, ref, what);
            assertIndicesEqual(got, Int32Array.from(loop), `${what} vs loop`);
          } else {
            const rtol = dtype === 'float64' ? 1e-12 : 2e-5;
            assertClose(got, ref, { rtol, scale: 10, label: what });
            assertClose(got, loop, { rtol, scale: 10, label: `${what} vs loop` });
          }
        }
      }
      void W;
    }
  }
  // One tuple per batch needs exactly one per batch index.
  const rng = new Rng(6);
  const X = cloud(rng, [3, N, 2], 'float64'), Y = cloud(rng, [1, M, 2], 'float64');
  let error = null;
  try {
    await Vi(X).sqdist(Vj(Y)).sum(1, { ranges: perBatch.slice(0, 2) });
  } catch (e) {
    error = e;
  }
  assert.instance(error, ShapeError);
  assert.match(error.message, /3 for the batch shape \[3\], received 2/);
});

/** Central finite differences of `loss` with respect to every entry of every tensor of `inputs`. */
async function finiteDifferences(loss, inputs, h = 1e-6) {
  const grads = [];
  for (let t = 0; t < inputs.length; t++) {
    const g = new Float64Array(inputs[t].size);
    for (let k = 0; k < g.length; k++) {
      const shifted = (delta) => inputs.map((u, s) => {
        const data = u.data.slice();
        if (s === t) data[k] += delta;
        return tensor(data, u.shape);
      });
      g[k] = ((await loss(shifted(h))).data[0] - (await loss(shifted(-h))).data[0]) / (2 * h);
    }
    grads.push(g);
  }
  return grads;
}

test('gradients of batched reductions agree with finite differences (float64, 1e-6), shaped like their tensors', async () => {
  const rng = new Rng(7);
  const B = 2, N = 4, M = 5;
  const make = () => [
    cloud(rng, [B, N, 2], 'float64'), // X: one cloud per batch
    cloud(rng, [1, M, 2], 'float64'), // Y: broadcast over the batches
    cloud(rng, [B, 1], 'float64', 0.5, 1.5), // P: a parameter per batch
    cloud(rng, [M, 1], 'float64', 0.5, 1.5), // W: no batch axes
  ];
  const cases = {
    'sum over j': (X, Y, P, W) => Vi(X).sqdist(Vj(Y)).mul(Pm(P)).neg().exp().mul(Vj(W)).sum(1),
    'sum over i': (X, Y, P, W) => Vi(X).sqdist(Vj(Y)).mul(Pm(P)).neg().exp().mul(Vj(W)).sum(0),
    'logsumexp with weight': (X, Y, P, W) => Vi(X).sqdist(Vj(Y)).mul(Pm(P)).neg().logsumexp(1, { weight: Vj(W) }),
    sumsoftmaxweight: (X, Y, P, W) => Vi(X).sqdist(Vj(Y)).mul(Pm(P)).neg().sumsoftmaxweight(Vj(Y).add(Vj(W)), 1),
    min: (X, Y, P, W) => Vi(X).sqdist(Vj(Y)).mul(Pm(P)).add(Vj(W)).min(0),
    Kmin: (X, Y, P, W) => Vi(X).sqdist(Vj(Y)).mul(Pm(P)).add(Vj(W)).Kmin(2, 1),
  };
  for (const [name, f] of Object.entries(cases)) {
    const inputs = make();
    const loss = async (ts) => {
      const out = await f(...ts);
      return out.mul(out).sum();
    };
    const leaves = inputs.map((t) => tensor(t.data, t.shape, { requiresGrad: true }));
    await (await loss(leaves)).backward();
    const fd = await finiteDifferences(loss, inputs);
    leaves.forEach((t, s) => {
      assert.ok(t.grad, `${name}: input ${s} has a gradient`);
      assert.equal(t.grad.shape, t.shape, `${name}: the gradient of input ${s} has its shape`);
      assertClose(t.grad, fd[s], { rtol: 1e-6, scale: 1, label: `${name} input ${s}` });
    });
  }
});

test('second order: Hessian-vector products of a batched logsumexp match finite differences of its gradient', async () => {
  const rng = new Rng(14);
  const data = (n) => Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
  const B = 3, N = 5, M = 7, D = 2;
  // Y broadcast over the batches: its gradient is a sum over them, which must keep its graph.
  const X = tensor(data(B * N * D), [B, N, D], { requiresGrad: true });
  const Y = tensor(data(M * D), [1, M, D], { requiresGrad: true });
  const w = tensor(data(B * N), [B, N, 1]);
  const V = tensor(data(M * D), [1, M, D]);
  const f = async () => (await Vi(X).sqdist(Vj(Y)).mul(-2).logsumexp(1)).mul(w).sum();
  const gradY = async () => {
    X.grad = null; Y.grad = null;
    await (await f()).backward();
    return Float64Array.from(Y.grad.data);
  };
  X.grad = null; Y.grad = null;
  await (await f()).backward(undefined, { createGraph: true });
  const gY = Y.grad;
  assert.ok(gY.requiresGrad, 'the gradient carries a graph');
  assert.equal(gY.shape, [1, M, D]);
  X.grad = null; Y.grad = null;
  await gY.mul(V).sum().backward();
  const hv = Float64Array.from(Y.grad.data);
  const h = 1e-5;
  const y0 = Float64Array.from(Y.data);
  Y.data.set(y0.map((y, k) => y + h * V.data[k])); Y.markChanged();
  const up = await gradY();
  Y.data.set(y0.map((y, k) => y - h * V.data[k])); Y.markChanged();
  const down = await gradY();
  Y.data.set(y0); Y.markChanged();
  assertClose(hv, up.map((u, k) => (u - down[k]) / (2 * h)), { rtol: 1e-6, scale: 1, label: 'd2/dY2 V' });
});

test('a batched reduction is one job on the engine (the pool runs every batch in one task table)', async () => {
  const engine = await getWasmEngine();
  const rng = new Rng(8);
  const X = cloud(rng, [16, 50, 3], 'float32'), Y = cloud(rng, [16, 60, 3], 'float32');
  const before = { ...engine.stats };
  await Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, WASM);
  // Separate-memory workers take blocks of whole batches (their engines run each block as one job).
  const separate = engine.separatePool !== null && !engine.separatePool.broken;
  assert.is(engine.stats.batched - before.batched, separate ? 0 : 1, 'one batched run');
  assert.is(engine.stats.separate - before.separate, separate ? 1 : 0, 'one run on the separate-memory workers');
  assert.is(engine.stats.batchByBatch - before.batchByBatch, 0, 'not batch by batch');
  const pooled = engine.stats.pooled - before.pooled;
  const runs = engine.stats.pooled + engine.stats.callingThread - before.pooled - before.callingThread;
  if (engine.pool && !engine.pool.broken && Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? NaN) === 0) assert.is(pooled, 1, 'one pooled job');
  else if (!separate) assert.is(runs, 1, 'one run');
});

test('a batched reduction over few columns runs in row lanes (output rows across the SIMD lanes), like the oracle', async () => {
  const rng = new Rng(15);
  const X = cloud(rng, [3, 200, 3], 'float64'), Y = cloud(rng, [1, 20, 3], 'float64'), W = cloud(rng, [3, 20, 2], 'float64');
  const F = Vi(X).sqdist(Vj(Y)).neg();
  const engine = await getWasmEngine();
  const before = engine.stats.rowLanes;
  for (const run of [(o) => F.exp().mul(Vj(W)).sum(1, o), (o) => F.logsumexp(1, { ...o, weight: Vj(W) }), (o) => F.sumsoftmaxweight(Vj(W), 1, o)]) {
    assertClose(await run(WASM), await run(ORACLE), { rtol: 1e-12, scale: 20, label: 'row lanes' });
  }
  // Unless row lanes are off, or the reductions ran on separate-memory workers (their engines' counts).
  if (process.env.LAZYKERNEL_ROW_LANES !== 'never' && !engine.separatePool) assert.ok(engine.stats.rowLanes - before >= 3, `${engine.stats.rowLanes - before} row-lanes runs`);
});

test('a batched reduction larger than the engine block budget runs batch by batch, each streamed, with the same result', async () => {
  const rng = new Rng(12);
  // 2 x 6000 x 8 float64 i-rows and j-columns (375 KiB per batch each): more than a 512 KiB block in total, and per batch.
  const X = cloud(rng, [2, 6000, 8], 'float64'), Y = cloud(rng, [2, 6000, 8], 'float64');
  const F = Vi(X).sqdist(Vj(Y)).mul(-1);
  const whole = await F.logsumexp(1, WASM);
  configure({ blockBytes: 512 * 1024 });
  try {
    // configure() may restart the engine: the counts of the one that runs the reduction.
    const engine = await getWasmEngine();
    const before = { ...engine.stats };
    const streamed = await F.logsumexp(1, WASM);
    const after = engine.stats;
    if (!engine.separatePool) assert.ok(after.batchByBatch > before.batchByBatch && after.streamed >= before.streamed + 2, 'batch by batch, each batch streamed');
    assertClose(streamed, whole, { rtol: 1e-13, scale: 4, label: 'streamed batches' });
  } finally {
    configure({ blockBytes: 2 ** 30 });
  }
});

test('an AbortSignal stops a batched reduction with an AbortError, and the next one works', async () => {
  const rng = new Rng(13);
  const X = cloud(rng, [8, 20000, 3], 'float64'), Y = cloud(rng, [1, 20000, 3], 'float64');
  const controller = new AbortController();
  const pending = Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, { signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  const error = await pending.then(() => null, (e) => e);
  assert.instance(error, AbortError);
  const S = cloud(rng, [2, 30, 3], 'float64'), T = cloud(rng, [2, 40, 3], 'float64');
  assertClose(await Vi(S).sqdist(Vj(T)).logsumexp(1), await Vi(S).sqdist(Vj(T)).logsumexp(1, ORACLE), { rtol: 1e-12, scale: 4, label: 'after the abort' });
});

test('a batched plan round-trips through the plan codec, batch shapes included', async () => {
  const rng = new Rng(9);
  const X = cloud(rng, [2, 1, 6, 2], 'float64'), Y = cloud(rng, [3, 7, 2], 'float64'), P = cloud(rng, [3, 1], 'float64');
  const F = Vi(X).sqdist(Vj(Y)).mul(Pm(P));
  const plan = buildPlan({ formula: F.node, kind: 'LOGSUMEXP', axis: 0, backend: 'wasm' }, 'test');
  assert.equal(plan.batchShape, [2, 3]);
  assert.equal(plan.outputShape, [2, 3, 7, 1]);
  const encoded = encodePlan(plan);
  const decoded = decodePlan(encoded);
  assert.equal(decoded.batchShape, [2, 3]);
  assert.equal(decoded.inputs.map((i) => i.batchShape), [[2, 1], [3], [3]]);
  const a = await runPlan(plan);
  const b = await runPlan(decoded);
  assert.equal(Array.from(b.values.data), Array.from(a.values.data), 'bitwise the same result');
  // A batch shape that does not match the inputs' is refused.
  const json = JSON.parse(encoded.json);
  let error = null;
  try {
    decodePlan({ json: JSON.stringify({ ...json, batchShape: [3, 2] }), buffers: encoded.buffers });
  } catch (e) {
    error = e;
  }
  assert.instance(error, ValueError);
  assert.match(error.message, /batchShape/);
});

test('aslinearoperator refuses a batched LazyTensor with a ShapeError (an operator is one matrix)', () => {
  const X = tensor(new Float64Array(2 * 3 * 2), [2, 3, 2]);
  assert.throws(() => aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp()), (e) => e instanceof ShapeError && /batch axes \(shape \[2, 3, 3\]\)/.test(e.message));
});

test('Pm [1, D] is still a single parameter, Pm [B, D] one per batch', async () => {
  const rng = new Rng(10);
  const X = cloud(rng, [5, 2], 'float64'), Y = cloud(rng, [6, 2], 'float64');
  const one = Vi(X).sqdist(Vj(Y)).mul(Pm(tensor(Float64Array.of(2), [1, 1])));
  assert.equal(one.shape, [5, 6]);
  assert.equal((await one.sum(1)).shape, [5, 1]);
  const per = Vi(X).sqdist(Vj(Y)).mul(Pm(tensor(Float64Array.of(1, 2, 3), [3, 1])));
  assert.equal(per.shape, [3, 5, 6]);
  const r = await per.sum(1);
  const base = await Vi(X).sqdist(Vj(Y)).sum(1);
  for (let b = 0; b < 3; b++) assertClose(r.data.subarray(5 * b, 5 * b + 5), base.data.map((v) => v * (b + 1)), { rtol: 1e-14, label: `batch ${b}` });
});

test.run();
