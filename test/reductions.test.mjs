// Every reduction, both axes, float32 and float64, wasm against the float64 oracle; the
// documented semantics of special values checked exactly against hand-written expectations;
// exact argmin / argKmin indices with ties; Kmin padding; and the accuracy of long sums.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm } from '../build/src/index.js';
import { PairEvaluator } from '../build/src/oracle/evaluate.js';
import { TILE } from '../build/src/tape/opcodes.js';
import { Rng, randomData } from './helpers/random.mjs';
import { assertClose, assertIndicesEqual, findMismatch, describeMismatch } from './helpers/compare.mjs';

const BASE_SEED = 0x00c0ffee;
const DTYPES = ['float32', 'float64'];
const K = 3;

// ------------------------------------------------------------------------------------------------
// The reductions, as uniform runners returning { values, indices } (either may be null)
// ------------------------------------------------------------------------------------------------

/** ctx: { weight(axis), values(axis), k } give the weight / value formulas for an axis and K. */
const REDUCTIONS = {
  sum: { scalarOnly: false, run: async (F, axis, o) => ({ values: await F.sum(axis, o), indices: null }) },
  logsumexp: { run: async (F, axis, o) => ({ values: await F.logsumexp(axis, o), indices: null }) },
  'logsumexp with weight': {
    scalarOnly: true,
    run: async (F, axis, o, ctx) => ({ values: await F.logsumexp(axis, { ...o, weight: ctx.weight(axis) }), indices: null }),
  },
  sumsoftmaxweight: {
    scalarOnly: true,
    run: async (F, axis, o, ctx) => ({ values: await F.sumsoftmaxweight(ctx.values(axis), axis, o), indices: null }),
  },
  min: { run: async (F, axis, o) => ({ values: await F.min(axis, o), indices: null }) },
  max: { run: async (F, axis, o) => ({ values: await F.max(axis, o), indices: null }) },
  argmin: { run: async (F, axis, o) => ({ values: null, indices: await F.argmin(axis, o) }) },
  argmax: { run: async (F, axis, o) => ({ values: null, indices: await F.argmax(axis, o) }) },
  minArgmin: { run: async (F, axis, o) => { const [values, indices] = await F.minArgmin(axis, o); return { values, indices }; } },
  maxArgmax: { run: async (F, axis, o) => { const [values, indices] = await F.maxArgmax(axis, o); return { values, indices }; } },
  Kmin: { run: async (F, axis, o, ctx) => ({ values: await F.Kmin(ctx.k, axis, o), indices: null }) },
  argKmin: { run: async (F, axis, o, ctx) => ({ values: null, indices: await F.argKmin(ctx.k, axis, o) }) },
  KminArgKmin: { run: async (F, axis, o, ctx) => { const [values, indices] = await F.KminArgKmin(ctx.k, axis, o); return { values, indices }; } },
};
const isMaxKind = (name) => name === 'max' || name === 'argmax' || name === 'maxArgmax';
const isKminKind = (name) => name.toLowerCase().includes('kmin');

// ------------------------------------------------------------------------------------------------
// Test problems: data, formulas, and the context of aux formulas
// ------------------------------------------------------------------------------------------------

/**
 * Random data for N rows and M columns. mode 'real': uniform values; 'integer': small integers,
 * which make exact ties (and exactly comparable orderings in float32 and float64).
 */
function makeProblem(rng, N, M, dtype, mode) {
  const opts = mode === 'integer' ? { dtype, integers: [-3, 3] } : { dtype, lo: -1.5, hi: 1.5 };
  const X = tensor(randomData(rng, N * 3, opts), [N, 3]);
  const Y = tensor(randomData(rng, M * 3, opts), [M, 3]);
  const wOpts = mode === 'integer' ? { dtype, integers: [1, 4] } : { dtype, lo: 0.5, hi: 2 };
  // Weights (positive) and values for the reduced index, for either axis.
  const Wi = tensor(randomData(rng, N * 2, wOpts), [N, 2]);
  const Wj = tensor(randomData(rng, M * 2, wOpts), [M, 2]);
  const Bi = tensor(randomData(rng, N * 2, opts), [N, 2]);
  const Bj = tensor(randomData(rng, M * 2, opts), [M, 2]);
  const ctx = {
    k: K,
    weight: (axis) => (axis === 1 ? Vj(Wj) : Vi(Wi)),
    values: (axis) => (axis === 1 ? Vj(Bj) : Vi(Bi)),
    maxAbsValues: Math.max(...Array.from(Bi.data, Math.abs), ...Array.from(Bj.data, Math.abs)),
  };
  return { X, Y, ctx };
}

/** The formulas every reduction is run on: a Gaussian kernel, a vector-valued one, a dot product. */
function formulas(X, Y) {
  const x = Vi(X);
  const y = Vj(Y);
  return {
    gaussian: x.sqdist(y).mul(-0.5).exp(),
    'vector (x - y) exp(-|x - y|^2 / 4)': x.sub(y).mul(x.sqdist(y).mul(-0.25).exp()),
    'dot product': x.dot(y),
  };
}

// ------------------------------------------------------------------------------------------------
// Comparison of one reduction, wasm against oracle
// ------------------------------------------------------------------------------------------------

/** Per-row maximum of |F| over the reduced axis (finite values), from the oracle. */
async function rowMaxAbs(F, axis) {
  const t = await F.abs().max(axis, { backend: 'oracle' });
  return t.data;
}

/** F's component `comp` at (row, col) of the reduced layout, in float64 from the oracle's evaluator. */
function pairValue(F, axis, row, col, comp) {
  const ev = new PairEvaluator([F.node], axis === 0);
  ev.evaluate(row, col);
  return ev.valueOf(F.node)[comp];
}

/**
 * Indices must equal the oracle's; with `exact` false, a different index is accepted only
 * when the oracle's values at both indices are within `tol` (a near tie that rounding can flip).
 */
function checkIndices(got, ref, { F, axis, dim, width, exact, tol, label }) {
  if (exact) return assertIndicesEqual(got, ref, label);
  assert.equal(got.shape, ref.shape, `${label}: index shape`);
  for (let p = 0; p < ref.data.length; p++) {
    const a = got.data[p];
    const e = ref.data[p];
    if (a === e) continue;
    const row = Math.floor(p / width);
    const comp = (p % width) % dim;
    const ok = a >= 0 && e >= 0 && Math.abs(pairValue(F, axis, row, a, comp) - pairValue(F, axis, row, e, comp)) <= tol * Math.max(1, Math.abs(pairValue(F, axis, row, e, comp)));
    assert.ok(ok, `${label}: index mismatch at flat position ${p} (row ${row}): wasm ${a}, oracle ${e}, and the values there are not a near tie`);
  }
}

async function compareReduction(name, F, axis, dtype, ctx, { exactIndices, label }) {
  const red = REDUCTIONS[name];
  const got = await red.run(F, axis, {}, ctx);
  const ref = await red.run(F, axis, { backend: 'oracle' }, ctx);
  const rows = axis === 1 ? F.shape[0] : F.shape[1];
  const rtol = dtype === 'float32' ? 1e-5 : name === 'sum' ? 1e-12 : 1e-11;
  if (ref.values) {
    const out = got.values;
    assert.is(out.dtype, dtype, `${label}: value dtype`);
    assert.equal(out.shape, ref.values.shape, `${label}: value shape`);
    const width = out.data.length / Math.max(1, rows);
    let scale;
    if (name === 'sum') {
      scale = (await F.abs().sum(axis, { backend: 'oracle' })).data;
    } else if (name === 'sumsoftmaxweight') {
      const m = await rowMaxAbs(F, axis);
      scale = Array.from(out.data, (_, p) => ctx.maxAbsValues * (1 + 2 * m[Math.floor(p / width)]));
    } else {
      // logsumexp, min, max, Kmin: errors relative to the largest |F| of the row (+1 for logsumexp's log).
      const m = await rowMaxAbs(F, axis);
      const dim = F.dim;
      scale = Array.from(out.data, (_, p) => {
        const row = Math.floor(p / width);
        const comp = name.startsWith('logsumexp') || name === 'sumsoftmaxweight' ? 0 : (p % width) % dim;
        return m[row * dim + comp] + (name.startsWith('logsumexp') ? 1 : 0);
      });
    }
    assertClose(out, ref.values, { rtol, scale, label: `${label} values` });
  }
  if (ref.indices) {
    const out = got.indices;
    assert.is(out.dtype, 'int32', `${label}: index dtype`);
    const width = out.data.length / Math.max(1, rows);
    checkIndices(out, ref.indices, { F, axis, dim: F.dim, width, exact: exactIndices, tol: 4 * rtol, label: `${label} indices` });
  }
  return { got, ref };
}

// ------------------------------------------------------------------------------------------------
// Every reduction at every small size, both axes, both dtypes, real and integer (tied) data
// ------------------------------------------------------------------------------------------------

const SMALL = [1, 3, 4, 5, 17];
// Large sizes: reductions over 1000+ columns (several tiles) and over 1000+ rows (several row blocks).
const LARGE_PAIRS = [[3, 1000], [1023, 4], [1, 1023], [17, 1000], [1000, 5]];

for (const name of Object.keys(REDUCTIONS)) {
  test(`${name} matches the oracle for N, M in {1, 3, 4, 5, 17}, both axes, float32 and float64, with exact indices on tied integer data`, async () => {
    const seed = BASE_SEED + name.length * 7919 + name.charCodeAt(0);
    const rng = new Rng(seed);
    for (const N of SMALL) for (const M of SMALL) for (const dtype of DTYPES) for (const mode of ['real', 'integer']) {
      const { X, Y, ctx } = makeProblem(rng, N, M, dtype, mode);
      for (const [fname, F] of Object.entries(formulas(X, Y))) {
        if (REDUCTIONS[name].scalarOnly && F.dim !== 1) continue;
        for (const axis of [1, 0]) {
          const label = `seed ${seed}, ${name} of ${fname}, N=${N} M=${M} ${dtype} ${mode} axis ${axis}`;
          await compareReduction(name, F, axis, dtype, ctx, { exactIndices: mode === 'integer', label });
        }
      }
    }
  });

  test(`${name} matches the oracle at large sizes (N, M up to 1023: several tiles and row blocks)`, async () => {
    const seed = BASE_SEED + 1 + name.length * 7919 + name.charCodeAt(0);
    const rng = new Rng(seed);
    for (const [N, M] of LARGE_PAIRS) for (const dtype of DTYPES) {
      const mode = rng.bool() ? 'real' : 'integer';
      const { X, Y, ctx } = makeProblem(rng, N, M, dtype, mode);
      const all = formulas(X, Y);
      const fname = REDUCTIONS[name].scalarOnly ? rng.pick(['gaussian', 'dot product']) : rng.pick(Object.keys(all));
      for (const axis of [1, 0]) {
        const label = `seed ${seed}, ${name} of ${fname}, N=${N} M=${M} ${dtype} ${mode} axis ${axis}`;
        await compareReduction(name, all[fname], axis, dtype, ctx, { exactIndices: mode === 'integer', label });
      }
    }
  });
}

test('sum and minArgmin match the oracle on a 1000 x 1023 Gaussian kernel', async () => {
  const seed = BASE_SEED + 2;
  const rng = new Rng(seed);
  for (const dtype of DTYPES) {
    const { X, Y, ctx } = makeProblem(rng, 1000, 1023, dtype, dtype === 'float32' ? 'integer' : 'real');
    const F = formulas(X, Y).gaussian;
    const axis = dtype === 'float32' ? 1 : 0;
    await compareReduction('sum', F, axis, dtype, ctx, { exactIndices: true, label: `seed ${seed}, sum ${dtype} axis ${axis}` });
    await compareReduction('minArgmin', F, 1 - axis, dtype, ctx, { exactIndices: dtype === 'float32', label: `seed ${seed}, minArgmin ${dtype} axis ${1 - axis}` });
  }
});

test('reductions return the documented shapes and dtypes', async () => {
  const rng = new Rng(BASE_SEED + 3);
  for (const dtype of DTYPES) {
    const { X, Y, ctx } = makeProblem(rng, 4, 6, dtype, 'real');
    const { gaussian: G, 'vector (x - y) exp(-|x - y|^2 / 4)': V } = formulas(X, Y);
    const shapeOf = async (name, F, axis) => {
      const r = await REDUCTIONS[name].run(F, axis, {}, ctx);
      return [r.values?.shape ?? null, r.values?.dtype ?? null, r.indices?.shape ?? null, r.indices?.dtype ?? null];
    };
    assert.equal(await shapeOf('sum', G, 1), [[4, 1], dtype, null, null]);
    assert.equal(await shapeOf('sum', V, 0), [[6, 3], dtype, null, null]);
    assert.equal(await shapeOf('logsumexp', V, 1), [[4, 3], dtype, null, null]);
    assert.equal(await shapeOf('logsumexp with weight', G, 1), [[4, 2], dtype, null, null]);
    assert.equal(await shapeOf('sumsoftmaxweight', G, 0), [[6, 2], dtype, null, null]);
    assert.equal(await shapeOf('minArgmin', V, 1), [[4, 3], dtype, [4, 3], 'int32']);
    assert.equal(await shapeOf('argmax', G, 0), [null, null, [6, 1], 'int32']);
    assert.equal(await shapeOf('KminArgKmin', G, 1), [[4, K], dtype, [4, K], 'int32']);
    assert.equal(await shapeOf('KminArgKmin', V, 0), [[6, K, 3], dtype, [6, K, 3], 'int32']);
    assert.equal(await shapeOf('argKmin', V, 1), [null, null, [4, K, 3], 'int32']);
  }
});

// ------------------------------------------------------------------------------------------------
// Special values: exact documented semantics on a hand-built matrix
// ------------------------------------------------------------------------------------------------

/**
 * A LazyTensor whose (i, j) entry is exactly R[i][j] (any float, NaN and infinities included):
 * IfElse(Vi(S), Vj(C), 0).sum(-1) with S[i] selecting component i of column j's vector C[j],
 * so no arithmetic touches the value. With transpose, the entry (i, j) is R[j][i], so that
 * reducing over axis 0 gives the rows of R.
 */
function matrixFormula(R, dtype, transpose = false) {
  const rows = R.length;
  const cols = R[0].length;
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const S = new Arr(rows * rows).fill(-1);
  for (let r = 0; r < rows; r++) S[r * rows + r] = 0;
  const C = new Arr(cols * rows);
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) C[c * rows + r] = R[r][c];
  const sel = tensor(S, [rows, rows]);
  const col = tensor(C, [cols, rows]);
  return transpose ? Vj(sel).ifelse(Vi(col), 0).sum(-1) : Vi(sel).ifelse(Vj(col), 0).sum(-1);
}

// Columns span three j-tiles of the engine (TILE lanes each), the last one partial.
const T = TILE;
const M_SPECIAL = 2 * T + 22;
const LAST = M_SPECIAL - 1;
const FILL = 7;

/** A row of M_SPECIAL values equal to FILL, with the given {column: value} placements. */
function row(placements, fill = FILL) {
  const r = new Array(M_SPECIAL).fill(fill);
  for (const [c, v] of Object.entries(placements)) r[Number(c)] = v;
  return r;
}

const allOf = (v) => new Array(M_SPECIAL).fill(v);

// Each row exercises one rule; the expected results follow the documented semantics.
const SPECIAL_ROWS = [
  /* 0 */ row({ 3: NaN, 10: 2, [T + 6]: 2, [T + 36]: NaN, [LAST]: 2, 40: 9, [2 * T + 12]: 9 }), // ties across tiles: min 2 @10, max 9 @40
  /* 1 */ allOf(NaN), // no non-NaN value: min +Inf / max -Inf, index -1
  /* 2 */ row({ 0: NaN, [T + 1]: -Infinity, [2 * T + 2]: -Infinity, 5: Infinity }), // -Inf min @T+1, +Inf max @5
  /* 3 */ allOf(Infinity), // min is +Inf at index 0 (a real value), max +Inf @0
  /* 4 */ allOf(-Infinity), // max is -Inf at index 0
  /* 5 */ row({ 1: 1e30, 2: -1e30, [T]: 1e-30, [2 * T - 1]: -1e-30 }), // huge and tiny
  /* 6 */ row({ [T - 1]: NaN, [T]: 1, [T + 1]: NaN, [2 * T]: 1 }, NaN), // NaN everywhere except two tied values in later tiles
  /* 7 */ row({ 20: -Infinity, 21: Infinity }), // sum: -Inf + Inf = NaN; logsumexp: +Inf
  /* 8 */ row({}, -Infinity).map((v, c) => (c === T + 13 ? 3 : v)), // a single finite value among -Inf
  /* 9 */ row({ [LAST]: NaN }), // NaN in the last (partial) tile's last lane
  /* 10 */ row({ [2 * T + 5]: -1, [2 * T + 6]: -1, [T + 7]: 0 }), // the minimum only in the last tile
  // The log-sum-exp's tile maxima skip NaN lanes (the sums carry them): a NaN must still win over
  // an infinite maximum found before or after it, and over a row of -Inf.
  /* 11 */ row({ 3: NaN, [T + 5]: Infinity }), // NaN among finite values, +Inf in a later tile: logsumexp NaN
  /* 12 */ row({ 4: Infinity, [2 * T + 3]: NaN }), // +Inf, then a NaN in a later tile
  /* 13 */ row({ [T + 2]: NaN }, -Infinity), // -Inf everywhere but one NaN
];

/** Independent implementation of the documented semantics for one row of values. */
function expected(name, values, k = K) {
  const finite = values.filter((v) => !Number.isNaN(v));
  if (name === 'sum') return { values: [values.reduce((a, b) => a + b, 0)] };
  if (name === 'logsumexp') {
    const m = values.some(Number.isNaN) ? NaN : Math.max(...values);
    if (!Number.isFinite(m)) return { values: [m] };
    return { values: [m + Math.log(values.reduce((a, v) => a + Math.exp(v - m), 0))] };
  }
  if (name === 'min' || name === 'max' || name === 'argmin' || name === 'argmax' || name === 'minArgmin' || name === 'maxArgmax') {
    const isMax = isMaxKind(name);
    if (finite.length === 0) return { values: [isMax ? -Infinity : Infinity], indices: [-1] };
    const best = isMax ? Math.max(...finite) : Math.min(...finite);
    return { values: [best], indices: [values.indexOf(best)] };
  }
  // Kmin family: the k smallest non-NaN values ascending, ties by index, (+Inf, -1) padding.
  const order = values.map((v, j) => [v, j]).filter(([v]) => !Number.isNaN(v)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const vals = [];
  const idx = [];
  for (let s = 0; s < k; s++) {
    vals.push(s < order.length ? order[s][0] : Infinity);
    idx.push(s < order.length ? order[s][1] : -1);
  }
  return { values: vals, indices: idx };
}

function flatExpected(name, R, k) {
  const vals = [];
  const idx = [];
  for (const r of R) {
    const e = expected(name, r, k);
    vals.push(...e.values);
    if (e.indices) idx.push(...e.indices);
  }
  return { values: vals, indices: idx };
}

const SPECIAL_NAMES = ['sum', 'logsumexp', 'min', 'max', 'argmin', 'argmax', 'minArgmin', 'maxArgmax', 'Kmin', 'argKmin', 'KminArgKmin'];

for (const backend of ['wasm', 'oracle']) {
  test(`${backend}: NaN, +-Inf, huge and tiny values follow the documented semantics exactly (min/argmin ignore NaN, ties go to the lowest index, empty rows give +-Inf and -1, logsumexp returns a non-finite max itself)`, async () => {
    for (const dtype of DTYPES) {
      for (const transpose of [false, true]) {
        const F = matrixFormula(SPECIAL_ROWS, dtype, transpose);
        const axis = transpose ? 0 : 1;
        for (const name of SPECIAL_NAMES) {
          for (const k of isKminKind(name) ? [1, 3, 5] : [1]) {
            const label = `${backend} ${name}${isKminKind(name) ? ` K=${k}` : ''} ${dtype} axis ${axis}`;
            const got = await REDUCTIONS[name].run(F, axis, { backend }, { k });
            const want = flatExpected(name, SPECIAL_ROWS, k);
            if (got.values) {
              // Sums of finite values are accumulated in float32 tiles: compare relative to the sum of |terms|.
              const scale = name === 'sum' ? SPECIAL_ROWS.map((r) => r.reduce((a, v) => a + (Number.isNaN(v) ? 0 : Math.abs(v)), 0)) : 0;
              const rtol = name === 'sum' ? (dtype === 'float32' ? 1e-6 : 1e-15) : dtype === 'float32' ? 1e-6 : 1e-15;
              const want32 = dtype === 'float32' ? want.values.map((v) => (name === 'sum' || name === 'logsumexp' ? v : Math.fround(v))) : want.values;
              const m = findMismatch(got.values, want32, { rtol, scale });
              assert.ok(!m, describeMismatch(m, got.values, want32, label));
            }
            if (got.indices) assertIndicesEqual(got.indices, want.indices, label);
          }
        }
      }
    }
  });
}

test('logsumexp with weight and sumsoftmaxweight follow the documented semantics on NaN, +-Inf and huge rows', async () => {
  // Rows of R: finite; with NaN; with +Inf; all -Inf; huge values; a single finite value among -Inf;
  // a NaN before or after a +Inf, and among -Inf.
  const R = [row({}), row({ 5: NaN }), row({ [T + 16]: Infinity }), allOf(-Infinity), row({ 3: 1e30, [T + 26]: 1e30 }), SPECIAL_ROWS[8], SPECIAL_ROWS[11], SPECIAL_ROWS[12], SPECIAL_ROWS[13]];
  for (const dtype of DTYPES) {
    for (const backend of ['wasm', 'oracle']) {
      for (const transpose of [false, true]) {
        const F = matrixFormula(R, dtype, transpose);
        const axis = transpose ? 0 : 1;
        const Arr = dtype === 'float32' ? Float32Array : Float64Array;
        // Weights / values for column c: [c + 1, -(c % 5) - 1].
        const W = new Arr(M_SPECIAL * 2);
        for (let c = 0; c < M_SPECIAL; c++) { W[2 * c] = c + 1; W[2 * c + 1] = -(c % 5) - 1; }
        const Wt = tensor(W, [M_SPECIAL, 2]);
        const aux = transpose ? Vi(Wt) : Vj(Wt);
        const label = `${backend} ${dtype} axis ${axis}`;
        const lse = await F.logsumexp(axis, { backend, weight: aux });
        const ssw = await F.sumsoftmaxweight(aux, axis, { backend });
        const wantL = [];
        const wantS = [];
        for (const r of R) {
          const hasNaN = r.some(Number.isNaN);
          const m = hasNaN ? NaN : Math.max(...r);
          for (let k = 0; k < 2; k++) {
            const w = (c) => W[2 * c + k];
            if (!Number.isFinite(m)) {
              wantL.push(m);
              wantS.push(NaN);
              continue;
            }
            let s = 0;
            let t = 0;
            let z = 0;
            r.forEach((v, c) => { const e = Math.exp(v - m); s += e * w(c); t += e * w(c); z += e; });
            wantL.push(m + Math.log(s)); // log of a negative weighted sum is NaN
            wantS.push(t / z);
          }
        }
        const rtol = dtype === 'float32' ? 1e-5 : 1e-12;
        let m = findMismatch(lse, wantL, { rtol, scale: 1 });
        assert.ok(!m, describeMismatch(m, lse, wantL, `${label} logsumexp with weight`));
        m = findMismatch(ssw, wantS, { rtol, scale: M_SPECIAL });
        assert.ok(!m, describeMismatch(m, ssw, wantS, `${label} sumsoftmaxweight`));
      }
    }
  }
});

test('reductions of data with injected NaN, +-Inf, huge and tiny values match the oracle exactly on non-finite results', async () => {
  const seed = BASE_SEED + 4;
  const rng = new Rng(seed);
  const specials = { nan: 0.05, posInf: 0.04, negInf: 0.04, huge: 0.05, tiny: 0.05 };
  for (const dtype of DTYPES) {
    for (const [N, M] of [[5, 67], [33, 17], [2, 130]]) {
      for (let rep = 0; rep < 3; rep++) {
        // Small integers with specials: x * w + y is exact in float32 for finite small values.
        const X = tensor(randomData(rng, N, { dtype, integers: [-4, 4], specials }), [N, 1]);
        const Y = tensor(randomData(rng, M, { dtype, integers: [-4, 4], specials }), [M, 1]);
        const Wv = tensor(randomData(rng, M, { dtype, integers: [1, 3] }), [M, 1]);
        const F = Vi(X).mul(Vj(Wv)).add(Vj(Y));
        const Wi = tensor(randomData(rng, N, { dtype, integers: [1, 3] }), [N, 1]);
        const ctx = { k: 4, weight: (axis) => (axis === 1 ? Vj(Wv) : Vi(Wi)), values: (axis) => (axis === 1 ? Vj(Wv) : Vi(X)), maxAbsValues: 1e30 };
        for (const name of Object.keys(REDUCTIONS)) {
          for (const axis of [1, 0]) {
            if (name === 'sumsoftmaxweight' && axis === 0) continue; // values Vi(X) hold specials themselves
            const label = `seed ${seed}, ${name} ${dtype} N=${N} M=${M} rep ${rep} axis ${axis}`;
            const red = REDUCTIONS[name];
            const got = await red.run(F, axis, {}, ctx);
            const ref = await red.run(F, axis, { backend: 'oracle' }, ctx);
            if (ref.values) {
              // Finite results: relative to the largest |term| (1e30 when a huge value is present).
              const m = findMismatch(got.values, ref.values, { rtol: dtype === 'float32' ? 1e-6 : 1e-14, scale: name === 'sum' || name.startsWith('sums') ? 4e30 * Math.max(N, M) : name.startsWith('logsumexp') ? 4 : 0 });
              assert.ok(!m, describeMismatch(m, got.values, ref.values, `${label} values`));
            }
            if (ref.indices) assertIndicesEqual(got.indices, ref.indices, `${label} indices`);
          }
        }
      }
    }
  }
});

// ------------------------------------------------------------------------------------------------
// Ties and Kmin padding
// ------------------------------------------------------------------------------------------------

test('argmin, argmax and argKmin keep the lowest index on ties, within a tile and across tiles', async () => {
  for (const dtype of DTYPES) {
    // Columns: 1 + j % 3 in the first tile, j % 3 afterwards, so the smallest value (0) first
    // appears in the second tile and every value repeats within and across tiles.
    const M = 2 * TILE + 22;
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const yv = Array.from({ length: M }, (_, j) => (j % 3) + (j < TILE ? 1 : 0));
    const Y = tensor(Arr.from(yv), [M, 1]);
    const xs = [0, 10, -10];
    const X = tensor(Arr.from(xs), [3, 1]);
    const F = Vi(X).add(Vj(Y)).abs();
    // Expected, from the explicit values: stable order by value then index.
    const rows = xs.map((x) => yv.map((y) => Math.abs(x + y)));
    const order = rows.map((r) => r.map((v, j) => [v, j]).sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const argmin = order.map((o) => o[0][1]);
    const argmax = rows.map((r) => r.indexOf(Math.max(...r)));
    const k5 = order.flatMap((o) => o.slice(0, 5).map(([, j]) => j));
    const v5 = order.flatMap((o) => o.slice(0, 5).map(([v]) => v));
    assert.ok(argmin[0] >= TILE, 'the test data puts row 0 minimum in the second tile');
    for (const backend of ['wasm', 'oracle']) {
      const label = `${backend} ${dtype}`;
      assert.equal(Array.from((await F.argmin(1, { backend })).data), argmin, `${label} argmin`);
      assert.equal(Array.from((await F.argmax(1, { backend })).data), argmax, `${label} argmax`);
      const [vals, idx] = await F.KminArgKmin(5, 1, { backend });
      assert.equal(Array.from(idx.data), k5, `${label} argKmin`);
      assert.equal(Array.from(vals.data), v5, `${label} Kmin`);
      // Over axis 0, with the roles of X and Y swapped.
      const G = Vj(X).add(Vi(Y)).abs();
      assert.equal(Array.from((await G.argmin(0, { backend })).data), argmin, `${label} argmin axis 0`);
      assert.equal(Array.from((await G.argKmin(5, 0, { backend })).data), k5, `${label} argKmin axis 0`);
    }
  }
});

test('Kmin with K larger than the number of columns pads with +Inf and argKmin with -1', async () => {
  for (const dtype of DTYPES) {
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const X = tensor(Arr.from([0, 1]), [2, 1]);
    const Y = tensor(Arr.from([3, -1, 3]), [3, 1]); // M = 3
    const F = Vi(X).mul(Vj(Y)); // row 0: [0, -0, 0]; row 1: [3, -1, 3]
    for (const backend of ['wasm', 'oracle']) {
      const [vals, idx] = await F.KminArgKmin(5, 1, { backend });
      assert.equal(vals.shape, [2, 5]);
      assert.equal(Array.from(idx.data), [0, 1, 2, -1, -1, 1, 0, 2, -1, -1], `${backend} ${dtype} argKmin`);
      assert.equal(Array.from(vals.data).map((v) => v + 0), [0, 0, 0, Infinity, Infinity, -1, 3, 3, Infinity, Infinity], `${backend} ${dtype} Kmin`);
      // Over axis 0 (N = 2 < K): the same padding.
      const [v0, i0] = await F.KminArgKmin(4, 0, { backend });
      assert.equal(Array.from(i0.data), [0, 1, -1, -1, 1, 0, -1, -1, 0, 1, -1, -1], `${backend} ${dtype} argKmin axis 0`);
      assert.equal(Array.from(v0.data).map((v) => v + 0), [0, 3, Infinity, Infinity, -1, 0, Infinity, Infinity, 0, 3, Infinity, Infinity], `${backend} ${dtype} Kmin axis 0`);
    }
    // A vector formula with K > M: layout [rows, K, dim].
    const V = Vi(X).concat(Vj(Y)); // dim 2: (x_i, y_j)
    const idx = await V.argKmin(4, 1);
    assert.equal(idx.shape, [2, 4, 2]);
    assert.equal(Array.from(idx.data), [0, 1, 1, 0, 2, 2, -1, -1, 0, 1, 1, 0, 2, 2, -1, -1], `${dtype} vector argKmin`);
    assertIndicesEqual(idx, await V.argKmin(4, 1, { backend: 'oracle' }), `${dtype} vector argKmin vs oracle`);
  }
});

test('NaN entries are skipped by Kmin and count towards the padding', async () => {
  for (const dtype of DTYPES) {
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const X = tensor(Arr.from([1]), [1, 1]);
    const Y = tensor(Arr.from([NaN, 2, NaN, 1, NaN]), [5, 1]);
    for (const backend of ['wasm', 'oracle']) {
      const [vals, idx] = await Vi(X).mul(Vj(Y)).KminArgKmin(4, 1, { backend });
      assert.equal(Array.from(vals.data), [1, 2, Infinity, Infinity], `${backend} ${dtype}`);
      assert.equal(Array.from(idx.data), [3, 1, -1, -1], `${backend} ${dtype}`);
    }
  }
});

// ------------------------------------------------------------------------------------------------
// Formulas that are constant along the reduced axis, and uniform aux formulas
// ------------------------------------------------------------------------------------------------

test('a reduced formula or a weight that does not depend on the reduced index is handled like any other', async () => {
  const seed = BASE_SEED + 5;
  const rng = new Rng(seed);
  for (const dtype of DTYPES) {
    const N = 6;
    const M = 70;
    const X = tensor(randomData(rng, N, { dtype }), [N, 1]);
    const Y = tensor(randomData(rng, M, { dtype }), [M, 1]);
    const Wi = tensor(randomData(rng, N * 2, { dtype, lo: 0.5, hi: 2 }), [N, 2]);
    const Wj = tensor(randomData(rng, M * 2, { dtype, lo: 0.5, hi: 2 }), [M, 2]);
    const F = Vi(X).mul(Vj(Y)).sin();
    const cases = [
      ['logsumexp of Vi(x) with weight Vj(w)', (o) => Vi(X).logsumexp(1, { ...o, weight: Vj(Wj) })],
      ['logsumexp of F with weight Vi(w) (constant along j)', (o) => F.logsumexp(1, { ...o, weight: Vi(Wi) })],
      ['logsumexp of F with weight Pm', (o) => F.logsumexp(1, { ...o, weight: Pm([2, 0.5]) })],
      ['sumsoftmaxweight of Vi(x) with values Vj(w)', (o) => Vi(X).sumsoftmaxweight(Vj(Wj), 1, o)],
      ['sumsoftmaxweight of F with values Vi(w)', (o) => F.sumsoftmaxweight(Vi(Wi), 1, o)],
      ['sumsoftmaxweight of F over i with values Pm', (o) => F.sumsoftmaxweight(Pm([1, -1, 3]), 0, o)],
    ];
    for (const [what, run] of cases) {
      const label = `seed ${seed}, ${what} ${dtype}`;
      const got = await run({});
      const ref = await run({ backend: 'oracle' });
      assertClose(got, ref, { rtol: dtype === 'float32' ? 1e-5 : 1e-12, scale: 8, label });
    }
  }
});

// ------------------------------------------------------------------------------------------------
// Long sums
// ------------------------------------------------------------------------------------------------

for (const dtype of DTYPES) {
  const rtol = dtype === 'float32' ? 1e-5 : 1e-12;
  test(`${dtype} sums agree with the oracle to ${rtol} relative to the sum of absolute terms for M up to 10^5`, async () => {
    const seed = BASE_SEED + (dtype === 'float32' ? 6 : 7);
    const rng = new Rng(seed);
    for (const M of [1000, 10000, 100000]) {
      const N = 3;
      const X = tensor(randomData(rng, N * 2, { dtype, lo: -2, hi: 2 }), [N, 2]);
      const Y = tensor(randomData(rng, M * 2, { dtype, lo: -2, hi: 2 }), [M, 2]);
      // Positive and negative terms of several magnitudes.
      const F = Vi(X).dot(Vj(Y)).add(Vj(Y).elem(0).mul(0.25));
      for (const axis of [1, 0]) {
        const G = axis === 1 ? F : Vj(X).dot(Vi(Y)).add(Vi(Y).elem(0).mul(0.25)); // over i: N = M rows reduced
        const got = await G.sum(axis);
        const ref = await G.sum(axis, { backend: 'oracle' });
        const absSum = await G.abs().sum(axis, { backend: 'oracle' });
        assertClose(got, ref, { rtol, scale: absSum, label: `seed ${seed}, ${dtype} sum over ${M} terms, axis ${axis}` });
      }
    }
  });
}

test('Kmin / argKmin with K around and beyond a tile (K = 63, 64, 65, TILE - 1, TILE, TILE + 1, more than M) match the oracle exactly on tied data with NaNs', async () => {
  const seed = BASE_SEED + 8;
  const rng = new Rng(seed);
  const M = TILE + 40;
  for (const dtype of DTYPES) {
    const X = tensor(randomData(rng, 40 * 2, { dtype, integers: [-3, 3] }), [40, 2]);
    const Y = tensor(randomData(rng, M * 2, { dtype, integers: [-3, 3], specials: { nan: 0.1 } }), [M, 2]);
    const F = Vi(X).sqdist(Vj(Y));
    for (const k of [...new Set([63, 64, 65, TILE - 1, TILE, TILE + 1, M + 10])]) {
      for (const axis of [1, 0]) {
        const label = `seed ${seed}, ${dtype} K=${k} axis ${axis}`;
        const [v, i] = await F.KminArgKmin(k, axis);
        const [rv, ri] = await F.KminArgKmin(k, axis, { backend: 'oracle' });
        assertClose(v, rv, { rtol: 0, label: `${label} values` });
        assertIndicesEqual(i, ri, `${label} indices`);
      }
    }
  }
});

test('an empty reduced axis gives the identity of each reduction (0, -Inf, +-Inf and -1, NaN) and an empty output axis an empty result', async () => {
  for (const dtype of DTYPES) {
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const X = tensor(new Arr(3 * 2).fill(1), [3, 2]);
    const Y0 = tensor(new Arr(0), [0, 2]);
    const F = Vi(X).sqdist(Vj(Y0));
    for (const backend of ['wasm', 'oracle']) {
      const label = `${backend} ${dtype}`;
      assert.equal(Array.from((await F.sum(1, { backend })).data), [0, 0, 0], `${label} sum`);
      assert.equal(Array.from((await F.logsumexp(1, { backend })).data), [-Infinity, -Infinity, -Infinity], `${label} logsumexp`);
      const [mv, mi] = await F.minArgmin(1, { backend });
      assert.equal([Array.from(mv.data), Array.from(mi.data)], [[Infinity, Infinity, Infinity], [-1, -1, -1]], `${label} minArgmin`);
      const [xv, xi] = await F.maxArgmax(1, { backend });
      assert.equal([Array.from(xv.data), Array.from(xi.data)], [[-Infinity, -Infinity, -Infinity], [-1, -1, -1]], `${label} maxArgmax`);
      const [kv, ki] = await F.KminArgKmin(2, 1, { backend });
      assert.equal([Array.from(kv.data), Array.from(ki.data)], [new Array(6).fill(Infinity), new Array(6).fill(-1)], `${label} KminArgKmin`);
      assert.ok(Array.from((await F.sumsoftmaxweight(Vj(Y0), 1, { backend })).data).every(Number.isNaN), `${label} sumsoftmaxweight`);
      // Reducing over i instead: no output rows.
      const out = await F.sum(0, { backend });
      assert.equal(out.shape, [0, 1], `${label} sum(0) shape`);
    }
  }
});

test('1-D tensors are variables of dimension 1', async () => {
  for (const dtype of DTYPES) {
    const x = tensor([1, 2, 3], [3], { dtype });
    const y = tensor([1, 2], [2], { dtype });
    const F = Vi(x).sub(Vj(y));
    assert.equal(F.shape, [3, 2]);
    for (const backend of ['wasm', 'oracle']) {
      const out = await F.sum(1, { backend });
      assert.equal(out.shape, [3, 1]);
      assert.equal(Array.from(out.data), [-1, 1, 3], `${backend} ${dtype}`);
    }
  }
});

test('a reduction given an AbortSignal (run in chunks of rows between event-loop turns) gives the same results bit for bit', async () => {
  const seed = BASE_SEED + 9;
  const rng = new Rng(seed);
  const N = 200;
  const M = 60000; // enough work per row that the rows are split into several chunks
  const X = tensor(randomData(rng, N * 2, { dtype: 'float32' }), [N, 2]);
  const Y = tensor(randomData(rng, M * 2, { dtype: 'float32' }), [M, 2]);
  const F = Vi(X).sqdist(Vj(Y)).neg().exp();
  const signal = new AbortController().signal;
  const plain = await F.sum(1);
  const chunked = await F.sum(1, { signal });
  assertClose(chunked, plain, { rtol: 0, label: `seed ${seed}, sum with a signal` });
  const [pv, pi] = await F.KminArgKmin(3, 1);
  const [cv, ci] = await F.KminArgKmin(3, 1, { signal });
  assertClose(cv, pv, { rtol: 0, label: `seed ${seed}, Kmin with a signal` });
  assertIndicesEqual(ci, pi, `seed ${seed}, argKmin with a signal`);
  // spot-check a few rows against the oracle
  const rows = tensor(X.data.slice(0, 3 * 2), [3, 2]);
  const ref = await Vi(rows).sqdist(Vj(Y)).neg().exp().sum(1, { backend: 'oracle' });
  assertClose(chunked.data.slice(0, 3), ref.data, { rtol: 1e-5, scale: M, label: `seed ${seed}, first rows vs oracle` });
});

test.run();
