// Shards of a reduction (src/plan/plan-shards.ts) and the core's `cluster` option, without
// Redis: an in-process ReductionCluster cuts each plan into row shards, encodes and decodes
// every shard as a worker would, runs them on the local engine and joins the rows. Every kind,
// both axes, both dtypes must give bitwise the local result: that is what lets a shard run on
// any machine.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Tensor, Vi, Vj, tensor, aslinearoperator, samplesLoss, ValueError } from '../build/src/index.js';
import { encodePlan, decodePlan } from '../build/src/plan/plan-codec.js';
import { runPlan } from '../build/src/dispatch/dispatcher.js';
import { planOutputs } from '../build/src/plan/lower-plan.js';
import { MIN_SHARD_ROWS, outputRows, placeShardRows, rowShardable, rowShards, shardBufferRanges, sliceEncodedPlan } from '../build/src/plan/plan-shards.js';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
import { cases, bitwiseDifference } from './helpers/every-reduction.mjs';

/** A ReductionCluster in this process: shards through the codec, as on a worker. */
function localCluster(count) {
  const cluster = {
    plans: 0,
    shards: 0,
    async runPlan(plan, signal) {
      cluster.plans++;
      const encoded = encodePlan(plan);
      const nRows = outputRows(plan);
      const shards = rowShardable(plan) ? rowShards(nRows, count) : [{ rowStart: 0, rowEnd: nRows }];
      const { wantValues, wantIndices } = planOutputs(plan);
      const size = plan.outputShape.reduce((a, b) => a * b, 1);
      const values = wantValues ? new (plan.dtype === 'float32' ? Float32Array : Float64Array)(size) : null;
      const indices = wantIndices ? new Int32Array(size) : null;
      for (const shard of shards) {
        cluster.shards++;
        // Through JSON and fresh copies of the buffers, as a worker receives them.
        const sliced = sliceEncodedPlan({ json: encoded.json, buffers: encoded.buffers.map((b) => b.slice()) }, shard);
        const out = await runPlan(decodePlan(sliced), signal);
        if (values) placeShardRows(values, out.values.data, shard, nRows);
        if (indices) placeShardRows(indices, out.indices.data, shard, nRows);
      }
      return { values: values && new Tensor(values, [...plan.outputShape]), indices: indices && new Tensor(indices, [...plan.outputShape]) };
    },
  };
  return cluster;
}

test('rowShards covers the rows once, in order, with at most the count asked, none under MIN_SHARD_ROWS', () => {
  for (const [n, count, align] of [[1, 3, 1], [10, 3, 1], [70, 3, 1], [151, 4, 1], [300, 2, 64], [1000, 7, 64], [1000, 40, 1], [64, 1, 64], [100000, 4, 64]]) {
    const shards = rowShards(n, count, align);
    assert.ok(shards.length >= 1 && shards.length <= count, `${n} rows in ${count}: ${shards.length} shards`);
    let next = 0;
    for (const s of shards) {
      assert.is(s.rowStart, next);
      assert.ok(s.rowEnd > s.rowStart);
      if (shards.length > 1) assert.ok(s.rowEnd - s.rowStart >= MIN_SHARD_ROWS, `${n} rows in ${count}: a shard of ${s.rowEnd - s.rowStart}`);
      if (s.rowEnd < n) assert.is(s.rowStart % align, 0);
      next = s.rowEnd;
    }
    assert.is(next, n);
  }
  assert.is(rowShards(127, 8).length, 1);
  assert.is(rowShards(128, 8).length, 2);
  assert.throws(() => rowShards(10, 0), (e) => e instanceof ValueError);
});

test("MIN_SHARD_ROWS is the engine's row-lanes threshold: a shard chooses the whole plan's way of running", async () => {
  const source = readFileSync(join(root, 'src', 'engine', 'wasm-engine.ts'), 'utf8');
  assert.match(source, /const ROW_LANES_MIN_ROWS = TILE \/ 4;/);
  assert.is(MIN_SHARD_ROWS, 256 / 4);
  // Few columns, rows above the threshold: whole plans run with row lanes, and so must shards.
  for (const dtype of ['float32', 'float64']) {
    const { list } = cases(dtype, 31, { n: 200, m: 20 });
    const cluster = localCluster(3);
    for (const c of list) assert.is(bitwiseDifference(await c.run({ cluster }), await c.run({})), null, c.name);
  }
});

for (const dtype of ['float32', 'float64']) {
  test(`every reduction kind, both axes, ${dtype}: row shards give bitwise the local result`, async () => {
    const { list } = cases(dtype, 23);
    const cluster = localCluster(3);
    for (const c of list) {
      const local = await c.run({});
      const sharded = await c.run({ cluster });
      assert.is(bitwiseDifference(sharded, local), null, c.name);
    }
    assert.is(cluster.plans, list.length);
    // 151 rows: 2 shards (MIN_SHARD_ROWS); 203 rows: 3.
    assert.is(cluster.shards, (list.length / 2) * (2 + 3), `${cluster.shards} shards`);
  });
}

test('few rows against many columns (where the pool splits the reduced axis): shards still give bitwise the local result', async () => {
  for (const dtype of ['float32', 'float64']) {
    const { list } = cases(dtype, 5, { n: 40, m: 3000 });
    const cluster = localCluster(5);
    for (const c of list) assert.is(bitwiseDifference(await c.run({ cluster }), await c.run({})), null, c.name);
  }
});

test('sliceEncodedPlan cuts only the output axis variables and refuses rows outside the plan', async () => {
  const X = tensor(new Float64Array([0, 1, 2, 3, 4]), [5, 1]);
  const Y = tensor(new Float64Array([0, 10]), [2, 1]);
  const captured = [];
  const spy = { async runPlan(plan) { captured.push(encodePlan(plan)); return runPlan(plan); } };
  await Vi(X).sqdist(Vj(Y)).sum(1, { cluster: spy });
  const encoded = captured[0];
  const sliced = decodePlan(sliceEncodedPlan(encoded, { rowStart: 1, rowEnd: 3 }));
  assert.is(sliced.nI, 2);
  assert.is(sliced.nJ, 2);
  const out = await runPlan(sliced);
  assert.equal([...out.values.data], [1 + 81, 4 + 64]);
  assert.is(sliceEncodedPlan(encoded, { rowStart: 0, rowEnd: 5 }), encoded);
  assert.throws(() => sliceEncodedPlan(encoded, { rowStart: 3, rowEnd: 6 }), (e) => e instanceof ValueError && /\[3, 6\)/.test(e.message));
  assert.throws(() => sliceEncodedPlan(encoded, { rowStart: 2, rowEnd: 2 }), (e) => e instanceof ValueError);
});

test("sliceEncodedPlan takes buffers of the shard's rows only (what a worker fetches), named by shardBufferRanges", async () => {
  const X = tensor(new Float32Array(300 * 3).map((_, k) => Math.sin(k)), [300, 3]);
  const Y = tensor(new Float32Array(90 * 3).map((_, k) => Math.cos(k)), [90, 3]);
  const captured = [];
  const spy = { async runPlan(plan) { captured.push(encodePlan(plan)); return runPlan(plan); } };
  const whole = await Vi(X).sqdist(Vj(Y)).neg().exp().sum(1, { cluster: spy });
  const encoded = captured[0];
  const shard = { rowStart: 128, rowEnd: 256 };
  const ranges = shardBufferRanges(encoded.json, shard);
  assert.equal([...ranges], [[0, [128 * 3, 256 * 3]]]);   // the Vi only, by elements
  const buffers = encoded.buffers.map((b, k) => (ranges.has(k) ? b.slice(...ranges.get(k)) : b));
  const out = await runPlan(decodePlan(sliceEncodedPlan({ json: encoded.json, buffers }, shard)));
  assert.ok(Buffer.from(out.values.data.buffer).equals(Buffer.from(whole.data.slice(128, 256).buffer)));
  assert.equal([...shardBufferRanges(encoded.json, { rowStart: 0, rowEnd: 300 })], []);
  const wrong = encoded.buffers.map((b, k) => (k === 0 ? b.slice(0, 10) : b));
  assert.throws(() => sliceEncodedPlan({ json: encoded.json, buffers: wrong }, shard), (e) => e instanceof ValueError && /must hold the 300 rows/.test(e.message));
});

test('placeShardRows refuses a shard of the wrong length or type', () => {
  const into = new Float32Array(10);
  assert.throws(() => placeShardRows(into, new Float32Array(3), { rowStart: 0, rowEnd: 2 }, 5), (e) => e instanceof ValueError);
  assert.throws(() => placeShardRows(into, new Float64Array(4), { rowStart: 0, rowEnd: 2 }, 5), (e) => e instanceof ValueError);
  placeShardRows(into, new Float32Array([1, 2, 3, 4]), { rowStart: 3, rowEnd: 5 }, 5);
  assert.equal([...into.slice(6)], [1, 2, 3, 4]);
});

test('a batched or block-sparse plan runs as one shard', async () => {
  const cluster = localCluster(4);
  const Xb = tensor(new Float32Array(2 * 5 * 2).map((_, k) => k / 7), [2, 5, 2]);
  const Yb = tensor(new Float32Array(2 * 6 * 2).map((_, k) => k / 5), [2, 6, 2]);
  const K = Vi(Xb).sqdist(Vj(Yb)).neg().exp();
  assert.is(bitwiseDifference([await K.sum(1, { cluster })], [await K.sum(1)]), null);
  assert.is(cluster.shards, 1);
});

test('the cluster option is checked: an object without runPlan is a ValueError naming options.cluster', async () => {
  const X = tensor([0, 1], [2, 1]);
  const K = Vi(X).sqdist(Vj(X));
  for (const bad of [null, 3, {}, { runPlan: 1 }]) {
    const e = await K.sum(1, { cluster: bad }).catch((x) => x);
    assert.ok(e instanceof ValueError && /options\.cluster/.test(e.message), String(e));
  }
  assert.throws(() => aslinearoperator(K, { cluster: {} }), (e) => e instanceof ValueError && /options\.cluster/.test(e.message));
  assert.throws(() => aslinearoperator(tensor([1, 0, 0, 1], [2, 2]), { cluster: localCluster(1) }), (e) => e instanceof ValueError && /LazyTensors only/.test(e.message));
});

test('aslinearoperator(K, { cluster }) sends every matvec through the cluster', async () => {
  const X = tensor(new Float64Array(40).map((_, k) => Math.sin(k)), [20, 2]);
  const K = Vi(X).sqdist(Vj(X)).neg().exp();
  const cluster = localCluster(3);
  const op = aslinearoperator(K, { cluster });
  const v = tensor(new Float64Array(20).map((_, k) => k % 3));
  const a = await op.matvec(v);
  const b = await aslinearoperator(K).matvec(v);
  assert.equal([...a.data], [...b.data]);
  assert.is(cluster.plans, 1);
});

test("samplesLoss with options.cluster: every loss's 'online' routine through the cluster, the same value and gradient", async () => {
  for (const dtype of ['float32', 'float64']) {
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const X = tensor(new Arr(200 * 2).map((_, k) => Math.sin(k * 1.3)), [200, 2]);
    const Y = tensor(new Arr(150 * 2).map((_, k) => Math.cos(k * 0.7)), [150, 2]);
    for (const name of ['sinkhorn', 'hausdorff', 'energy', 'gaussian', 'laplacian']) {
      const cluster = localCluster(3);
      const options = { blur: 0.1, scaling: 0.7 };
      const Xg = tensor(X.data.slice(), X.shape, { requiresGrad: true });
      const remote = await samplesLoss(name, { ...options, cluster })(Xg, Y);
      await remote.backward();
      const Xl = tensor(X.data.slice(), X.shape, { requiresGrad: true });
      const local = await samplesLoss(name, { ...options, backend: 'online' })(Xl, Y);
      await local.backward();
      assert.is(bitwiseDifference([remote], [local]), null, `${name} ${dtype} value`);
      assert.is(bitwiseDifference([Xg.grad], [Xl.grad]), null, `${name} ${dtype} gradient`);
      assert.ok(cluster.plans >= 3 && cluster.shards > cluster.plans, `${name}: ${cluster.plans} reductions, ${cluster.shards} shards on the cluster`);
    }
  }
  assert.throws(() => samplesLoss('sinkhorn', { cluster: localCluster(1), backend: 'tensorized' }), (e) => e instanceof ValueError && /options\.cluster/.test(e.message));
  assert.throws(() => samplesLoss('sinkhorn', { cluster: {} }), (e) => e instanceof ValueError && /options\.cluster/.test(e.message));
});

test.run();
