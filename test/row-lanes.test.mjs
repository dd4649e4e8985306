// Row lanes (assembly/reductions/row-lanes.ts): reductions over few columns with the output rows
// across the SIMD lanes. When the engine chooses them, against the float64 oracle and against
// the usual layout, on the calling thread and on the pool, with special values and ties; the
// oracle suites also run with LAZYKERNEL_ROW_LANES=always (tools/run-tests.mjs, pass 3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, configure, engineInfo, ValueError } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { Rng, randomData } from './helpers/random.mjs';
import { assertClose, assertIndicesEqual, defaultRtol } from './helpers/compare.mjs';

const DTYPES = ['float32', 'float64'];

/** How many reductions ran in row lanes while `fn` ran (or in their two-pass form: stat). */
async function rowLaneRuns(fn, stat = 'rowLanes') {
  const engine = await getWasmEngine();
  const before = engine.stats[stat];
  await fn();
  return engine.stats[stat] - before;
}

/** The reductions that have a row-lanes form, as runners returning { values, indices }. */
function runners(x, y, w, v) {
  const F = () => Vi(x).sqdist(Vj(y)).mul(-2);
  const G = () => Vi(x).weightedsqdist(Vj(y), Vj(w.gamma)).neg();
  return {
    'gaussian sum': async (o) => ({ values: await F().exp().mul(Vj(v)).sum(1, o) }),
    'vector sum': async (o) => ({ values: await F().exp().mul(Vj(y)).sum(1, o) }),
    'sum over i': async (o) => ({ values: await F().exp().mul(Vi(x)).sum(0, o) }),
    logsumexp: async (o) => ({ values: await F().concat(F().mul(0.5)).logsumexp(1, o) }),
    'logsumexp with weight': async (o) => ({ values: await G().logsumexp(1, { ...o, weight: Vj(w.weight) }) }),
    sumsoftmaxweight: async (o) => ({ values: await G().sumsoftmaxweight(Vj(y), 1, o) }),
    min: async (o) => ({ values: await F().neg().min(1, o) }),
    max: async (o) => ({ values: await F().max(0, o) }),
    argmin: async (o) => ({ indices: await F().neg().argmin(1, o) }),
    minArgmin: async (o) => { const [values, indices] = await F().neg().minArgmin(1, o); return { values, indices }; },
    maxArgmax: async (o) => { const [values, indices] = await F().maxArgmax(0, o); return { values, indices }; },
  };
}

function problem(rng, N, M, dtype, { special = false, ties = false } = {}) {
  const x = randomData(rng, N * 2, { dtype, lo: 0, hi: 1 });
  const y = randomData(rng, M * 2, { dtype, lo: 0, hi: 1 });
  if (ties) {
    // Repeated points: equal distances, so min / max indices are decided by the tie rule.
    for (let j = 1; j < M; j += 2) { y[2 * j] = y[0]; y[2 * j + 1] = y[1]; }
    for (let i = 1; i < N; i += 3) { x[2 * i] = x[0]; x[2 * i + 1] = x[1]; }
  }
  if (special) {
    // NaN and infinities in some rows and columns.
    x[2 * Math.min(1, N - 1)] = NaN;
    x[2 * Math.min(4, N - 1) + 1] = Infinity;
    y[2 * (M - 1)] = -Infinity;
  }
  const gamma = randomData(rng, M * 4, { dtype, lo: 5, hi: 40 });
  const weight = randomData(rng, M, { dtype, lo: 0.1, hi: 1 });
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const v = Arr.from({ length: M }, () => rng.next());
  return {
    x: tensor(x, [N, 2]), y: tensor(y, [M, 2]), v: tensor(v, [M, 1]),
    w: { gamma: tensor(gamma, [M, 4]), weight: tensor(weight, [M, 1]) },
  };
}

async function compareModes(rng, N, M, dtype, options, where) {
  const p = problem(rng, N, M, dtype, options);
  for (const [name, run] of Object.entries(runners(p.x, p.y, p.w, p.v))) {
    const expected = await run({ backend: 'oracle' });
    const runs = await rowLaneRuns(async () => {
      const got = await run({ backend: 'wasm' });
      const label = `${where} ${name} N=${N} M=${M} ${dtype}`;
      // The values are O(1) (sums of at most 40 terms of magnitude <= 1): errors relative to 1,
      // as a log-sum-exp near 0 cancels its maximum against its log-sum.
      if (expected.values) assertClose(got.values, expected.values, { rtol: 4 * defaultRtol(dtype, true), scale: 1, label });
      if (expected.indices) assertIndicesEqual(got.indices, expected.indices, { label });
    });
    assert.is(runs, 1, `${where} ${name}: ran in row lanes`);
  }
}

test('always: every supported reduction, both dtypes, odd sizes, against the oracle', async () => {
  configure({ threads: 1, rowLanes: 'always' });
  const rng = new Rng(0x5eed01);
  for (const dtype of DTYPES) {
    for (const [N, M] of [[1, 1], [3, 5], [255, 3], [257, 17], [600, 40]]) await compareModes(rng, N, M, dtype, {}, 'always');
  }
});

test('always: the log-sum-exp family in both forms, two-pass (a buffer of every column) and online', async () => {
  configure({ threads: 1, rowLanes: 'always' });
  const rng = new Rng(0x5eed06);
  const softmax = ['logsumexp', 'logsumexp with weight', 'sumsoftmaxweight'];
  for (const dtype of DTYPES) {
    // 60 columns: buffered; 700: the buffer would pass the lane-state limit, online.
    for (const [M, buffered] of [[60, 1], [700, 0]]) {
      const p = problem(rng, 300, M, dtype, { special: M === 60 });
      for (const name of softmax) {
        const run = runners(p.x, p.y, p.w, p.v)[name];
        const expected = await run({ backend: 'oracle' });
        let got;
        assert.is(await rowLaneRuns(async () => { got = await run({ backend: 'wasm' }); }, 'rowLanesBuffered'), buffered, `${name} M=${M} ${dtype}: two-pass form`);
        assertClose(got.values, expected.values, { rtol: 4 * defaultRtol(dtype, true), scale: 1, label: `${name} M=${M} ${dtype}` });
      }
    }
  }
});

test('always: NaN, infinities and ties follow the usual rules', async () => {
  configure({ threads: 1, rowLanes: 'always' });
  const rng = new Rng(0x5eed02);
  for (const dtype of DTYPES) {
    await compareModes(rng, 300, 9, dtype, { special: true }, 'special');
    await compareModes(rng, 300, 9, dtype, { ties: true }, 'ties');
  }
});

test('always, on the pool: chunks of whole tiles of rows', async () => {
  configure({ threads: 2, poolThreshold: 0, rowLanes: 'always' });
  const rng = new Rng(0x5eed03);
  await compareModes(rng, 2000, 7, 'float32', {}, 'pool');
  await compareModes(rng, 1000, 12, 'float64', { special: true }, 'pool');
  const engine = await getWasmEngine();
  assert.ok(engine.stats.pooled > 0, 'the reductions ran on the pool');
});

test('auto: row lanes for few columns and enough rows, the usual layout otherwise', async () => {
  configure({ threads: 1, rowLanes: 'auto' });
  assert.is((await engineInfo()).rowLanes, 'auto');
  const rng = new Rng(0x5eed04);
  const few = problem(rng, 1000, 8, 'float32');
  const many = problem(rng, 1000, 40, 'float32');
  const lowRows = problem(rng, 20, 8, 'float32');
  const mid = problem(rng, 1000, 30, 'float32');
  const gauss = (p) => Vi(p.x).sqdist(Vj(p.y)).mul(-2).exp().sum(1);
  const lse = (p) => Vi(p.x).sqdist(Vj(p.y)).mul(-2).logsumexp(1);
  assert.is(await rowLaneRuns(() => gauss(few)), 1, 'sum over 8 columns');
  assert.is(await rowLaneRuns(() => lse(few)), 1, 'logsumexp over 8 columns');
  assert.is(await rowLaneRuns(() => gauss(mid)), 1, 'sum over 30 columns');
  assert.is(await rowLaneRuns(() => lse(mid), 'rowLanesBuffered'), 1, 'logsumexp over 30 columns, in the two-pass form');
  assert.is(await rowLaneRuns(() => lse(problem(rng, 1000, 200, 'float32'))), 0, 'logsumexp over 200 columns');
  assert.is(await rowLaneRuns(() => gauss(many)), 0, 'sum over 40 columns');
  assert.is(await rowLaneRuns(() => gauss(lowRows)), 0, '20 output rows fill too little of a tile');
  assert.is(await rowLaneRuns(() => Vi(few.x).sqdist(Vj(few.y)).Kmin(3, 1)), 0, 'K-min has no row-lanes form');
});

test('never: the usual layout only; block-sparse reductions never use row lanes', async () => {
  configure({ threads: 1, rowLanes: 'never' });
  const rng = new Rng(0x5eed05);
  const p = problem(rng, 500, 4, 'float64');
  const F = () => Vi(p.x).sqdist(Vj(p.y)).mul(-2).exp();
  const dense = await F().sum(1);
  assert.is(await rowLaneRuns(() => F().sum(1)), 0);
  configure({ threads: 1, rowLanes: 'always' });
  // One cluster of all rows against all columns: the same sum, block-sparse.
  const ranges = [new Int32Array([0, 500]), new Int32Array([1]), new Int32Array([0, 4]), new Int32Array([0, 4]), new Int32Array([1]), new Int32Array([0, 500])];
  let sparse;
  assert.is(await rowLaneRuns(async () => { sparse = await F().sum(1, { ranges }); }), 0, 'ranges keep the usual layout');
  assertClose(sparse, dense, { rtol: 1e-12, label: 'block-sparse sum' });
  assertClose(await F().sum(1), dense, { rtol: 1e-12, label: 'row lanes against the usual layout' });
});

test('configure rejects an unknown rowLanes mode', () => {
  assert.throws(() => configure({ rowLanes: 'sometimes' }), (e) => e instanceof ValueError && /rowLanes must be one of 'auto', 'always', 'never'/.test(e.message));
  assert.throws(() => configure({ rowLanes: true }), (e) => e instanceof ValueError && /rowLanes/.test(e.message));
});

test.after(() => configure({ threads: 1, poolThreshold: 2e6, rowLanes: 'auto' }));

test.run();
