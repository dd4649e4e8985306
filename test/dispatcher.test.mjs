// The one dispatcher (issue 25): every reduction and every gradient reduction reaches a backend
// through runPlan, counted here against the wasm engine's own count of the reductions it ran;
// 'auto' is decided by the cost model; a forced backend that cannot run a plan is a BackendError.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm, configure, configureGpu, BackendError } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { dispatchCounts, chooseAdapter, runPlan } from '../build/src/dispatch/dispatcher.js';
import { planJob } from '../build/src/dispatch/backend-adapter.js';
import { buildPlan } from '../build/src/plan/reduction-plan.js';
import { wasmSeconds, gpuFixedSeconds, defaultAutoThreshold } from '../build/src/dispatch/cost-model.js';
import { Rng } from './helpers/random.mjs';

const rng = new Rng(25);
const leaf = (shape, dtype = 'float64') => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let k = 0; k < n; k++) data[k] = rng.uniform(-1, 1);
  return tensor(data, shape, { requiresGrad: true });
};

/** Reductions the engine ran (each counts once, on the calling thread or on the pool). */
async function engineRuns() {
  const { stats } = await getWasmEngine();
  return stats.callingThread + stats.pooled;
}

test.after(() => {
  configure({ threads: Number(process.env.LAZYKERNEL_THREADS) || 2, poolThreshold: Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6) });
});

test('forward and backward reductions all go through the dispatcher: its wasm count follows the engine\'s', async () => {
  await getWasmEngine(); // started and warmed up: the warm-up's reductions are not dispatched
  const X = leaf([6, 2]), Y = leaf([9, 2]), B = leaf([9, 1]), p = leaf([1]);
  const cases = [
    // [name, reduction, expected dispatched plans forward + backward]
    ['sum', () => Vi(X).sqdist(Vj(Y)).mul(Pm(p)).neg().exp().mul(Vj(B)).sum(1), 3],
    ['logsumexp', () => Vi(X).sqdist(Vj(Y)).mul(Pm(p)).logsumexp(0), 3],
    ['sumsoftmaxweight', () => Vi(X).sqdist(Vj(Y)).mul(Pm(p)).neg().sumsoftmaxweight(Vj(B), 1), 4],
  ];
  for (const [name, reduction, expected] of cases) {
    const before = { dispatched: dispatchCounts.wasm, engine: await engineRuns() };
    const out = await reduction();
    await out.sum().backward();
    const dispatched = dispatchCounts.wasm - before.dispatched;
    const ran = (await engineRuns()) - before.engine;
    assert.is(ran, dispatched, `${name}: the engine ran ${ran} reductions, the dispatcher sent ${dispatched}`);
    // One forward plan; backward: one plan per axis of gradients (i-variables and the parameter
    // reduce over the output axis, j-variables over the other), plus the log-sum-exp that the
    // softmax's gradient needs.
    assert.is(dispatched, expected, name);
    for (const x of [X, Y, p]) {
      assert.ok(x.grad, `${name}: gradient received`);
      x.grad = null;
    }
    B.grad = null;
  }
  // min with its argument's gradient: the gradients at the chosen pairs are plans too.
  const before = { dispatched: dispatchCounts.wasm, engine: await engineRuns() };
  const m = await Vi(X).sqdist(Vj(Y)).mul(Pm(p)).min(1);
  await m.sum().backward();
  assert.ok(dispatchCounts.wasm - before.dispatched > 1);
  assert.is((await engineRuns()) - before.engine, dispatchCounts.wasm - before.dispatched, 'min backward');
});

test('a reduction given a cluster reaches it through the dispatcher (counted as the cluster\'s), with the plan as built', async () => {
  const x = leaf([7, 3]), y = leaf([11, 3]);
  const sent = [];
  // An in-process cluster: it records the plan and runs it on this process's dispatcher.
  const cluster = { runPlan: (plan, signal) => (sent.push(plan), runPlan(plan, signal)) };
  const before = { ...dispatchCounts };
  const remote = await Vi(x).sqdist(Vj(y)).neg().exp().sum(1, { cluster });
  assert.equal([dispatchCounts.cluster - before.cluster, dispatchCounts.wasm - before.wasm], [1, 1], 'one plan to the cluster, which ran it on wasm');
  assert.is(sent.length, 1);
  assert.equal([sent[0].kind, sent[0].axis, sent[0].nI, sent[0].nJ], ['SUM', 1, 7, 11]);
  const local = await Vi(x).sqdist(Vj(y)).neg().exp().sum(1);
  assert.equal(Array.from(remote.data), Array.from(local.data), 'same values as the local engine');
});

test("the oracle runs only when named, and counts as the oracle's", async () => {
  const x = leaf([4, 3]), y = leaf([5, 3]);
  const before = { oracle: dispatchCounts.oracle, wasm: dispatchCounts.wasm };
  await Vi(x).sqdist(Vj(y)).sum(1, { backend: 'oracle' });
  await Vi(x).sqdist(Vj(y)).sum(1);
  assert.equal([dispatchCounts.oracle - before.oracle, dispatchCounts.wasm - before.wasm], [1, 1]);
});

test("'auto' is the cost model's choice: wasm without an adapter, the GPU only from the threshold on", async () => {
  const plan = (n, dtype) => buildPlan({ formula: Vi(leaf([n, 3], dtype)).sqdist(Vj(leaf([n, 3], dtype))).exp().node, kind: 'SUM', axis: 1, backend: 'auto' }, 'test');
  // No navigator.gpu in Node: 'auto' is wasm whatever the size; a forced 'webgpu' says why not.
  assert.is((await chooseAdapter('auto', planJob(plan(3000, 'float32')))).name, 'wasm');
  try {
    await chooseAdapter('webgpu', planJob(plan(10, 'float32')));
    assert.unreachable('webgpu without an adapter');
  } catch (e) {
    assert.instance(e, BackendError);
    assert.match(e.message, /backend 'webgpu' is not available/);
  }
  try {
    await runPlan({ ...plan(10, 'float64'), backend: 'webgpu' });
    assert.unreachable('webgpu in float64');
  } catch (e) {
    assert.instance(e, BackendError);
    assert.match(e.message, /float32 only/);
  }
  // The model: the GPU's fixed cost is the wasm time of the threshold's work, so 'auto' moves
  // to the GPU exactly at the threshold.
  const threshold = defaultAutoThreshold();
  assert.is(gpuFixedSeconds(threshold), wasmSeconds(threshold));
  assert.ok(wasmSeconds(threshold / 2) < gpuFixedSeconds(threshold) && wasmSeconds(threshold * 2) > gpuFixedSeconds(threshold));
  // With a hardware adapter (a stand-in that is never asked for a device below the threshold).
  let asked = 0;
  const gpu = {
    requestAdapter: async () => {
      asked++;
      return null;
    },
  };
  configureGpu({ gpu });
  try {
    assert.is((await chooseAdapter('auto', planJob(plan(50, 'float32')))).name, 'wasm');
    assert.is(asked, 0, 'below the threshold, the adapter is not even asked for');
    assert.is((await chooseAdapter('auto', planJob(plan(3000, 'float64')))).name, 'wasm');
    assert.is(asked, 0, 'float64 never asks for the adapter');
    assert.is((await chooseAdapter('auto', planJob(plan(3000, 'float32')))).name, 'wasm', 'no adapter: wasm');
    assert.is(asked, 1, 'above the threshold, the adapter is asked for');
  } finally {
    // Back to the runtime's own navigator.gpu (none in Node), as other test files expect.
    configureGpu({ gpu: undefined });
  }
});

test.run();
