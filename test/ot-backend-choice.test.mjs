// samplesLoss's backend: 'auto' (src/ot/backend-choice.ts, backend-calibration.ts): the choice
// as a pure function of injected timings (deterministic), 'auto' giving exactly what the backend
// it picked gives (values and gradients, float64, every loss, balanced and unbalanced, batched),
// and the measured choice never taking the host's dense loops on a million pairs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, samplesLoss, transportPlan } from '../build/src/index.js';
import { chooseOTBackend, estimateBackends, multiscaleUsesSparseRatio, secondsAt, sparseRatio } from '../build/src/ot/backend-choice.js';
import { injectCalibration, measuredCosts } from '../build/src/ot/backend-calibration.js';
import { epsilonSchedule } from '../build/src/ot/epsilon-schedule.js';
import { resolveOptions } from '../build/src/ot/options.js';

/** A linear timing: `fixed` seconds plus `perPair` per pair, as measured curves are stored. */
const linear = (fixed, perPair) => ({ pairs: [1, 1e6], seconds: [fixed + perPair, fixed + 1e6 * perPair] });

/** Block-sparse reductions as this machine measures them: slow with small clusters; 20 ms per multiscale call. */
const SPARSE = { clusterSize: [8, 32, 128], ratio: [4, 1.5, 1.1], fixed: 0.02 };

/** Timings of an engine with a fixed cost per reduction and a rate, and of a host loop. */
function costs({ engineFixed = 50e-6, enginePair = 1e-9, hostPair = 10e-9, gpu = false, sparse = SPARSE } = {}) {
  return {
    engine: { forward: linear(engineFixed, enginePair), backward: linear(engineFixed, 2 * enginePair) },
    sparse,
    host: { softmin: linear(1e-6, hostPair), cost: linear(1e-6, hostPair / 2), backward: linear(1e-6, 2 * hostPair) },
    gpu,
  };
}

const ALL = { tensorized: true, online: true, multiscale: true };

/** The workload (p = 2, blur 0.05, scaling 0.5, debias) on clouds in the unit cube. */
function problem(N, D = 3, extra = {}) {
  const diameter = Math.sqrt(D);
  return {
    loss: 'sinkhorn', B: 1, N, M: N, D, p: 2, debias: true, potentials: false, grad: true,
    epsList: epsilonSchedule(2, diameter, 0.05, 0.5), diameter, blur: 0.05, truncate: 5, clusterScale: null,
    feasible: ALL, ...extra,
  };
}

test('timing curves: linear between measurements, the smallest below them, the last slope beyond', () => {
  const c = { pairs: [100, 1000, 10000], seconds: [1e-4, 2e-4, 1.2e-3] };
  assert.is(secondsAt(c, 10), 1e-4);
  assert.ok(Math.abs(secondsAt(c, 550) - 1.5e-4) < 1e-12);
  assert.ok(Math.abs(secondsAt(c, 20000) - (1.2e-3 + 1e4 * (1e-3 / 9000))) < 1e-12);
  // A noisy last pair (decreasing) extrapolates with the mean cost per pair instead.
  assert.ok(Math.abs(secondsAt({ pairs: [100, 1000], seconds: [2e-4, 1e-4] }, 2000) - 2e-4) < 1e-12);
});

test('the choice follows the measured timings: dense loops for a few hundred pairs, online above, multiscale for 10^5 points in 3-D', () => {
  const c = costs();
  assert.is(chooseOTBackend(problem(10), c).backend, 'tensorized');
  assert.is(chooseOTBackend(problem(100), c).backend, 'online');
  assert.is(chooseOTBackend(problem(2000), c).backend, 'online');
  assert.is(chooseOTBackend(problem(100000), c).backend, 'multiscale');
  // Multiscale needs D <= 3 (feasible is false otherwise: samples-loss sets it).
  assert.is(chooseOTBackend(problem(100000, 4, { feasible: { ...ALL, multiscale: false } }), c).backend, 'online');
  // The reason names the backend and the estimates of all three.
  const { reason, estimates } = chooseOTBackend(problem(100), c);
  assert.match(reason, /'online' has the least estimated time \(tensorized [\d.]+ ms, online [\d.]+ ms, multiscale/);
  assert.ok(estimates.online < estimates.tensorized);
});

test('a faster engine moves the choice by measurement alone: no size threshold to retune', () => {
  // Find the largest square size the dense loops win at, for a slow and a 10x faster engine.
  const crossover = (c) => {
    let n = 1;
    while (chooseOTBackend(problem(n + 1), c).backend === 'tensorized') n++;
    return n;
  };
  const slow = crossover(costs({ engineFixed: 500e-6, enginePair: 5e-9 }));
  const fast = crossover(costs({ engineFixed: 50e-6, enginePair: 0.5e-9 }));
  assert.ok(slow > fast, `crossover ${slow} (slow engine) vs ${fast} (fast engine)`);
  // With the engine's measured rates of this project (tens of microseconds, ~1e9 pairs/s) the
  // dense loops stay below a few thousand pairs.
  assert.ok(fast * fast < 5000, `crossover at ${fast}^2 pairs`);
  // A host loop slower than the engine per pair never wins beyond the fixed cost.
  assert.is(chooseOTBackend(problem(300), costs({ engineFixed: 1e-3, hostPair: 20e-9 })).backend, 'online');
});

test('every loss, balanced or not, with or without gradients, batched: the same rule of least estimated time', () => {
  const c = costs();
  for (const loss of ['sinkhorn', 'hausdorff', 'energy', 'gaussian', 'laplacian']) {
    const schedule = loss === 'sinkhorn' || loss === 'hausdorff';
    for (const grad of [false, true]) {
      for (const B of [1, 8]) {
        const q = problem(2000, 3, { loss, grad, B, epsList: schedule ? problem(1).epsList : [], feasible: { ...ALL, multiscale: loss === 'sinkhorn' } });
        const choice = chooseOTBackend(q, c);
        assert.is(choice.backend, 'online', `${loss} grad=${grad} B=${B}`);
        // Batched: B times the work of one pair of measures on the lazy backends.
        if (B === 8) assert.ok(Math.abs(choice.estimates.online / chooseOTBackend({ ...q, B: 1 }, c).estimates.online - 8) < 1e-9);
      }
    }
    assert.is(chooseOTBackend(problem(8, 3, { loss, epsList: schedule ? problem(1).epsList : [] }), c).backend, 'tensorized', loss);
  }
  // Unbalanced (reach) does not change the work: debias does (half the reductions without it).
  const half = estimateBackends(problem(1000, 3, { debias: false }), c).online;
  const full = estimateBackends(problem(1000), c).online;
  assert.ok(half < full * 0.6 && half > full * 0.4);
});

test('WebGPU: when the dispatcher sends these reductions to the GPU, online (whatever the host estimate)', () => {
  const choice = chooseOTBackend(problem(10), costs({ gpu: true }));
  assert.is(choice.backend, 'online');
  assert.match(choice.reason, /WebGPU/);
});

test('backends a cost function cannot run are never chosen', () => {
  const c = costs();
  assert.is(chooseOTBackend(problem(10, 3, { feasible: { tensorized: false, online: true, multiscale: false } }), c).backend, 'online');
  assert.is(chooseOTBackend(problem(3000, 3, { feasible: { tensorized: true, online: false, multiscale: false } }), c).backend, 'tensorized');
});

test('multiscale pays with large clouds only: not at 10^3 points (a cluster per point), its block-sparse slowdown counted', () => {
  const c = costs();
  const e = estimateBackends(problem(1000), c);
  assert.ok(e.multiscale > e.online, 'a cluster per point: the coarse loop is the online one');
  const slowSparse = costs({ sparse: { clusterSize: [8, 128], ratio: [20, 20], fixed: 0.02 } });
  assert.ok(estimateBackends(problem(100000), slowSparse).multiscale > estimateBackends(problem(100000), c).multiscale);
});

test('block-sparse slowdown: measured at its sizes, a power law of the excess between them, 1 / size below, flat beyond', () => {
  const c = costs({ sparse: { clusterSize: [4, 16, 64], ratio: [5, 2, 1.25], fixed: 0 } });
  for (const [size, want] of [[4, 5], [16, 2], [64, 1.25], [1000, 1.25]]) assert.ok(Math.abs(sparseRatio(c, size) - want) < 1e-12, `size ${size}`);
  // Excess 4 at 4 and 1 at 16: 2 at 8 (a straight line would give 4).
  assert.ok(Math.abs(sparseRatio(c, 8) - 3) < 1e-12, String(sparseRatio(c, 8)));
  assert.ok(Math.abs(sparseRatio(c, 32) - 1.5) < 1e-12, String(sparseRatio(c, 32)));
  // Below the smallest: the per-block cost of size 4 over clusters of 2 (twice the excess).
  assert.ok(Math.abs(sparseRatio(c, 2) - 9) < 1e-12);
  // No excess measured at one end: a straight line, never below 1.
  const flat = costs({ sparse: { clusterSize: [4, 16], ratio: [3, 1], fixed: 0 } });
  assert.ok(Math.abs(sparseRatio(flat, 10) - 2) < 1e-12);
  // Not measured: the optimistic 1.
  assert.is(sparseRatio(costs({ sparse: { clusterSize: [], ratio: [], fixed: 0 } }), 2), 1);
});

test('multiscale in 2-D at the default cluster scale needs only its fixed cost measured: the loop stays on the centroids', () => {
  // 2-D, blur 0.05: cells of 0.022 (blur^2 = 0.0025 > 0.022^2), the jump after the last temperature.
  assert.is(multiscaleUsesSparseRatio(problem(1000, 2)), false);
  // 3-D: cells of 0.079, fine iterations on truncated cluster pairs, block-sparse.
  assert.is(multiscaleUsesSparseRatio(problem(1000, 3)), true);
  // Without truncation every block is kept: no partly filled tiles to price.
  assert.is(multiscaleUsesSparseRatio(problem(1000, 3, { truncate: null })), false);
  // A fixed cost measured without the ratios (clusterSize []): the 2-D estimate is the same as
  // with any ratios, plus that fixed cost; the 3-D one takes the optimistic ratio 1.
  const fixedOnly = costs({ sparse: { clusterSize: [], ratio: [], fixed: 0.005 } });
  const withRatios = costs({ sparse: { ...SPARSE, fixed: 0.005 } });
  const none = costs({ sparse: { clusterSize: [], ratio: [], fixed: 0 } });
  const e2 = estimateBackends(problem(1000, 2), fixedOnly).multiscale;
  assert.ok(Math.abs(e2 - estimateBackends(problem(1000, 2), withRatios).multiscale) < 1e-12);
  assert.ok(Math.abs(e2 - estimateBackends(problem(1000, 2), none).multiscale - 0.005) < 1e-12);
  assert.ok(estimateBackends(problem(3000, 3), fixedOnly).multiscale < estimateBackends(problem(3000, 3), withRatios).multiscale);
});

test('multiscale (an approximation) is taken by a margin: at a tie with an exact backend, the exact one', () => {
  const q = problem(100000, 3);
  const base = estimateBackends(q, costs({ sparse: { ...SPARSE, fixed: 0 } }));
  assert.ok(base.multiscale < 0.8 * base.online);
  const at = (share) => chooseOTBackend(q, costs({ sparse: { ...SPARSE, fixed: share * base.online - base.multiscale } }));
  assert.is(at(0.85).backend, 'multiscale');
  assert.is(at(0.95).backend, 'online');
  assert.match(at(0.95).reason, /'online' has the least estimated time of the exact backends .*multiscale, an approximation, is taken below 0\.9/);
  assert.is(at(1).backend, 'online');
  assert.ok(Math.abs(at(0.95).estimates.multiscale - 0.95 * base.online) < 1e-9 * base.online);
});

test('the choice is a function of the timings and the counted clusters: the same twice, and moved by the clusters only', () => {
  const c = costs({ engineFixed: 100e-6, enginePair: 1e-9 });
  const spread = problem(1000, 2, { clusters: { x: 1000, y: 700 } });
  const first = chooseOTBackend(spread, c);
  assert.equal(chooseOTBackend(spread, c), first);
  // Clouds in a few cells: a much cheaper coarse loop.
  const packed = chooseOTBackend({ ...spread, clusters: { x: 10, y: 10 } }, c);
  assert.ok(packed.estimates.multiscale < first.estimates.multiscale);
  assert.is(packed.estimates.online, first.estimates.online);
});

test("'auto' counts the clusters of a cloud once per version: written in place and markChanged(), counted again", async () => {
  const N = 300;
  const x = T(N * 2, [N, 2]), y = T(N * 2, [N, 2]);
  // y spans the unit square (the diameter, hence the cluster scale, stays when x moves inside it).
  y.data.set([0, 0, 1, 1]);
  const c = costs({ engineFixed: 1e-6, enginePair: 1e-9, sparse: { clusterSize: [], ratio: [], fixed: 0 } });
  const loss = samplesLoss('sinkhorn', { blur: 0.05 });
  const estimate = async () => {
    await withInjected(c, () => loss(x, y));
    return loss.lastChoice.estimates.multiscale;
  };
  const spread = await estimate();
  assert.is(await estimate(), spread, 'the same points: the same estimate');
  // Every point of x into one cell at the centre, written in place.
  for (let k = 0; k < x.data.length; k++) x.data[k] = 0.5 + 1e-6 * x.data[k];
  assert.is(await estimate(), spread, 'not flagged: the counts of that version are kept (the id and version name the data)');
  x.markChanged();
  const packed = await estimate();
  assert.ok(packed < spread, `flagged: counted again (${packed} < ${spread})`);
  // A new tensor with the old data: its own count, equal to the first.
  const fresh = T(N * 2, [N, 2]);
  fresh.data.set(x.data.map((v) => (v - 0.5) * 1e6));
  await withInjected(c, () => loss(fresh, y));
  assert.ok(Math.abs(loss.lastChoice.estimates.multiscale - spread) <= 1e-9 * spread);
});

test("'auto' calls a cost function once per loss to learn which backends it suits, not once per call", async () => {
  const x = T(8 * 2, [8, 2]), y = T(6 * 2, [6, 2]);
  const counting = () => {
    const f = (u, v) => {
      f.calls++;
      return u.sqdist(v).mul(0.5);
    };
    f.calls = 0;
    return f;
  };
  const calls = async (backend) => {
    const cost = counting();
    const loss = samplesLoss('sinkhorn', { blur: 0.1, cost, backend });
    await withInjected(costs(), async () => {
      for (let k = 0; k < 3; k++) await loss(x, y);
    });
    return cost.calls;
  };
  const online = await calls('online');
  assert.is(await calls('auto') - online, 1);
});

// ---------------------------------------------------------------------------------------------
// 'auto' against the backend it picked (float64, 1e-10), with injected timings.
// ---------------------------------------------------------------------------------------------

let seed = 7;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const T = (n, shape, grad = false) => tensor(Float64Array.from({ length: n }, rand), shape, { dtype: 'float64', requiresGrad: grad });

function close(a, b, what) {
  assert.is(a.length, b.length, `${what}: length`);
  for (let k = 0; k < a.length; k++) {
    if (!(Math.abs(a[k] - b[k]) <= 1e-10 * Math.max(1, Math.abs(b[k])))) assert.unreachable(`${what}[${k}]: ${a[k]} vs ${b[k]}`);
  }
}

/** Value and gradients (weights and points) of `loss(a, x, b, y)` on fresh copies of the inputs. */
async function run(name, options, inputs) {
  const leaves = inputs.map((t) => tensor(t.data.slice(), t.shape, { dtype: 'float64', requiresGrad: true }));
  const loss = samplesLoss(name, options);
  const L = await loss(...leaves);
  await L.sum().backward();
  return { value: Array.from(L.data), grads: leaves.map((t) => Array.from(t.grad.data)), backend: loss.lastBackend, choice: loss.lastChoice };
}

async function withInjected(c, f) {
  const previous = injectCalibration(c);
  try {
    return await f();
  } finally {
    injectCalibration(previous);
  }
}

const CASES = [
  ['sinkhorn', { blur: 0.1 }],
  ['sinkhorn', { blur: 0.1, reach: 0.5 }],
  ['sinkhorn', { p: 1, blur: 0.1, debias: false }],
  ['hausdorff', { blur: 0.1 }],
  ['energy', {}],
  ['gaussian', { blur: 0.3 }],
  ['laplacian', { blur: 0.3 }],
];

for (const [name, options] of CASES) {
  for (const batched of [false, true]) {
    test(`'auto' = the backend it picks: ${name} ${JSON.stringify(options)}${batched ? ', batched' : ''}`, async () => {
      const [N, M, D] = [9, 7, 2];
      const pre = batched ? [2] : [];
      const size = (...s) => [...pre, ...s].reduce((p, q) => p * q, 1);
      const a = T(size(N), [...pre, N]), x = T(size(N, D), [...pre, N, D]);
      const b = T(size(M), [...pre, M]), y = T(size(M, D), [...pre, M, D]);
      // Weights of equal mass for balanced Sinkhorn.
      for (const w of [a, b]) {
        const n = w.shape[w.ndim - 1];
        for (let k = 0; k < w.size; k += n) {
          let s = 0;
          for (let i = 0; i < n; i++) s += w.data[k + i];
          for (let i = 0; i < n; i++) w.data[k + i] /= s;
        }
      }
      // A host-fast and an engine-fast machine: 'auto' takes each backend in turn.
      for (const [c, want] of [[costs({ engineFixed: 1, hostPair: 1e-9 }), 'tensorized'], [costs({ engineFixed: 1e-9, enginePair: 1e-12 }), 'online']]) {
        const auto = await withInjected(c, () => run(name, options, [a, x, b, y]));
        assert.is(auto.backend, want);
        assert.match(auto.choice.reason, new RegExp(`'${want}' has the least estimated time`));
        const explicit = await run(name, { ...options, backend: want }, [a, x, b, y]);
        assert.is(explicit.backend, want);
        assert.match(explicit.choice.reason, /options\.backend is/);
        close(auto.value, explicit.value, `${name} value (${want})`);
        auto.grads.forEach((g, k) => close(g, explicit.grads[k], `${name} gradient ${'axby'[k]} (${want})`));
      }
    });
  }
}

test("'auto' with multiscale picked gives what 'multiscale' gives (a cloud larger than its cluster count)", async () => {
  const N = 400;
  const x = T(N * 2, [N, 2]), y = T(N * 2, [N, 2]);
  const options = { blur: 0.05, clusterScale: 0.2 };
  const c = costs({ engineFixed: 1e-9, enginePair: 1e-9, sparse: { clusterSize: [8], ratio: [1], fixed: 0 } });
  const auto = await withInjected(c, async () => {
    const loss = samplesLoss('sinkhorn', options);
    return { v: (await loss(x, y)).item(), backend: loss.lastBackend };
  });
  assert.is(auto.backend, 'multiscale');
  const explicit = (await samplesLoss('sinkhorn', { ...options, backend: 'multiscale' })(x, y)).item();
  assert.ok(Math.abs(auto.v - explicit) <= 1e-10 * Math.abs(explicit));
});

test('a cost function that builds LazyTensors: auto never calls it with dense Tensors', async () => {
  const x = T(8 * 2, [8, 2]), y = T(6 * 2, [6, 2]);
  const loss = samplesLoss('sinkhorn', { blur: 0.1, cost: (u, v) => u.sqdist(v).mul(0.5) });
  const value = await withInjected(costs({ engineFixed: 1, hostPair: 1e-9 }), () => loss(x, y));
  assert.is(loss.lastBackend, 'online');
  const explicit = await samplesLoss('sinkhorn', { blur: 0.1, backend: 'online', cost: (u, v) => u.sqdist(v).mul(0.5) })(x, y);
  assert.ok(Math.abs(value.item() - explicit.item()) < 1e-12);
  // transportPlan reports its choice too.
  const ot = await withInjected(costs(), () => transportPlan(x, y, { blur: 0.1 }));
  assert.is(ot.backend.backend, 'tensorized');
});

test('measured on this machine: a million pairs never take the host dense loops, and the timings are sane', async () => {
  const { opts } = resolveOptions('sinkhorn', { blur: 0.05 });
  const x = T(1000 * 3, [1000, 3]);
  const c = await measuredCosts({ name: 'sinkhorn', opts, dtype: 'float64', N: 1000, M: 1000, D: 3, sparse: true, x, y: x });
  assert.ok(c.sparse.ratio.every((r, k) => r >= 1 && (k === 0 || r <= c.sparse.ratio[k - 1])) && c.sparse.clusterSize.length === 4 && c.sparse.fixed >= 0);
  // The fixed cost alone (2-D): one small multiscale call, no ratios.
  const x2 = T(1000 * 2, [1000, 2]);
  const f = await measuredCosts({ name: 'sinkhorn', opts, dtype: 'float64', N: 1000, M: 1000, D: 2, sparse: 'fixed', x: x2, y: x2 });
  assert.ok(f.sparse.clusterSize.length === 0 && f.sparse.ratio.length === 0 && f.sparse.fixed >= 0 && Number.isFinite(f.sparse.fixed));
  for (const curve of [c.engine.forward, c.engine.backward, c.host.softmin, c.host.cost, c.host.backward]) {
    assert.ok(curve.seconds.every((s) => s > 0 && Number.isFinite(s)));
    for (let k = 1; k < curve.seconds.length; k++) assert.ok(curve.seconds[k] >= curve.seconds[k - 1], 'non-decreasing');
  }
  const q = problem(1000, 3, { feasible: { ...ALL, multiscale: false } });
  assert.is.not(chooseOTBackend(q, c).backend, 'tensorized', chooseOTBackend(q, c).reason);
  const loss = samplesLoss('sinkhorn', { blur: 0.05 });
  const X = T(1000 * 3, [1000, 3], true), Y = T(1000 * 3, [1000, 3]);
  await (await loss(X, Y)).backward();
  assert.is.not(loss.lastBackend, 'tensorized', loss.lastChoice.reason);
});

test.run();
