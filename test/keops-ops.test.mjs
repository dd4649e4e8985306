// The ops added for KeOps parity (issue 18): atan, asin, acos, xlogx, sinxdivx, clampint,
// oneHot, tensordot, kron, at and slice. The op table's generic tests (ops, formula-grad,
// random-formulas, gpu-checks) cover them on random inputs; this file checks what those do
// not: special values against written expectations, one-hot's rounding, TensorDot on random
// axis configurations against an independent reference, its gradients through the host
// autograd, pykeops' own examples, the printed formulas and the typed errors of the methods.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm, ShapeError, ValueError, DTypeError } from '../build/src/index.js';
import { noGrad } from '../build/src/autograd/grad-mode.js';
import { Rng } from './helpers/random.mjs';

const DTYPES = ['float32', 'float64'];
const BACKENDS = ['wasm', 'oracle'];
const Arr = { float32: Float32Array, float64: Float64Array };

/** op(x) for each value of `values`, one row each, on a backend (a single j of weight 1). */
async function pointwise(method, values, dtype, backend, ...args) {
  const x = Vi(tensor(Arr[dtype].from(values), [values.length, 1]));
  const one = Vj(tensor(Arr[dtype].from([1]), [1, 1]));
  return Array.from((await x[method](...args).mul(one).sum(1, { backend })).data);
}

function same(a, b) {
  return Object.is(a, b) || a === b || (Number.isNaN(a) && Number.isNaN(b));
}

// ------------------------------------------------------------------------------------------------
// Element-wise functions: special values
// ------------------------------------------------------------------------------------------------

const f32 = Math.fround;
const SPECIAL = [0, -0, 0.5, -0.5, 1, -1, 1.5, -2, 1e-30, -1e-30, 1e-8, 1e30, -1e30, Infinity, -Infinity, NaN];
/** The functions, as the oracle defines them (KeOps's definitions). */
const REFERENCE = {
  atan: Math.atan,
  asin: Math.asin,
  acos: Math.acos,
  xlogx: (x) => (x === 0 ? 0 : x * Math.log(x)),
  sinxdivx: (x) => (x === 0 ? 1 : Math.sin(x) / x),
};

test('xlogx is 0 at 0 and NaN below; sinxdivx is 1 at 0; asin and acos are NaN outside [-1, 1]; atan is +-pi/2 at +-Inf (wasm and oracle, both dtypes)', async () => {
  const cases = [
    ['xlogx', [0, -0, 1, -1, Infinity, NaN], [0, 0, 0, NaN, Infinity, NaN]],
    ['sinxdivx', [0, -0, Infinity, NaN], [1, 1, NaN, NaN]],
    ['asin', [1, -1, 1.5, -2, Infinity, NaN], [Math.PI / 2, -Math.PI / 2, NaN, NaN, NaN, NaN]],
    ['acos', [1, -1, 0, 1.5, -Infinity, NaN], [0, Math.PI, Math.PI / 2, NaN, NaN, NaN]],
    ['atan', [Infinity, -Infinity, 0, NaN], [Math.PI / 2, -Math.PI / 2, 0, NaN]],
  ];
  for (const [method, xs, want] of cases) {
    for (const dtype of DTYPES) {
      for (const backend of BACKENDS) {
        const got = await pointwise(method, xs, dtype, backend);
        got.forEach((g, k) => {
          // wasm rounds float32 results; the oracle may hand back the float64 value.
          const w = dtype === 'float32' ? f32(want[k]) : want[k];
          assert.ok(same(g, w) || same(g, want[k]), `${method}(${xs[k]}) ${dtype} on ${backend}: ${g}, expected ${w}`);
        });
      }
    }
  }
});

test('atan, asin, acos, xlogx, sinxdivx on zeros, tiny, huge, infinite and NaN inputs: wasm matches the float64 reference of the same inputs', async () => {
  for (const [method, f] of Object.entries(REFERENCE)) {
    for (const dtype of DTYPES) {
      const xs = Array.from(Arr[dtype].from(SPECIAL));
      const got = await pointwise(method, xs, dtype, 'wasm');
      const ulp = dtype === 'float32' ? 2 ** -23 : 2 ** -50;
      xs.forEach((x, k) => {
        const want = dtype === 'float32' ? f32(f(x)) : f(x);
        const ok = Number.isFinite(want) ? Math.abs(got[k] - want) <= 2 * ulp * Math.abs(want) : same(got[k], want);
        assert.ok(ok, `${method}(${x}) ${dtype}: wasm ${got[k]}, reference ${want}`);
      });
    }
  }
});

// ------------------------------------------------------------------------------------------------
// clampint and oneHot
// ------------------------------------------------------------------------------------------------

test('clampint(a, b) gives the same bits as clamp(a, b) with the same integer bounds, NaN included, and prints as KeOps\'s ClampInt', async () => {
  const rng = new Rng(18);
  for (const dtype of DTYPES) {
    const values = [...Array.from({ length: 40 }, () => rng.uniform(-4, 4)), NaN, Infinity, -Infinity, -0, 2, -1];
    const X = tensor(Arr[dtype].from(values), [values.length, 1]);
    const one = Vj(tensor(Arr[dtype].from([1, 1]), [2, 1]));
    for (const [a, b] of [[-1, 2], [0, 0], [3, -3]]) {
      for (const backend of BACKENDS) {
        const got = await Vi(X).clampint(a, b).mul(one).sum(1, { backend });
        const want = await Vi(X).clamp(a, b).mul(one).sum(1, { backend });
        got.data.forEach((g, k) => assert.ok(same(g, want.data[k]), `clampint(${a}, ${b}) of ${values[k]} ${dtype} ${backend}: ${g}, clamp gives ${want.data[k]}`));
      }
    }
  }
  assert.match(String(Vi(tensor([1, 2], [2, 1])).clampint(-1, 2)), 'formula: ClampInt(Var(0,1,0),-1,2)');
});

test('oneHot(D) puts the 1 at round(x), half away from zero, and gives zeros for NaN, infinities and rounds outside [0, D)', async () => {
  const xs = [0, -0, 0.49, 0.5, 1.2, 1.5, 2.4999, 2.5, -0.3, -0.5, -0.7, NaN, Infinity, -Infinity, 1e30];
  const hot = [0, 0, 0, 1, 1, 2, 2, -1, 0, -1, -1, -1, -1, -1, -1];
  for (const dtype of DTYPES) {
    for (const backend of BACKENDS) {
      const got = await pointwise('oneHot', xs, dtype, backend, 3);
      xs.forEach((x, r) => {
        const row = got.slice(3 * r, 3 * r + 3);
        const want = [0, 1, 2].map((k) => (k === hot[r] ? 1 : 0));
        assert.equal(row, want, `oneHot(${x}, 3) ${dtype} on ${backend}`);
      });
    }
  }
  const label = Vi(tensor([1, 2], [2, 1]));
  assert.match(String(label.oneHot(4)), 'formula: OneHot(Var(0,1,0),4)');
  assert.is(label.oneHot(4).dim, 4);
});

// ------------------------------------------------------------------------------------------------
// TensorDot and Kron
// ------------------------------------------------------------------------------------------------

/** A random TensorDot configuration: shapes, paired contracted axes, a permutation (or none). */
function randomConfig(rng) {
  const nA = rng.int(1, 3);
  const dimsA = Array.from({ length: nA }, () => rng.int(1, 3));
  const nC = rng.int(0, Math.min(nA, 2));
  const contA = shuffle(rng, dimsA.map((_, k) => k)).slice(0, nC);
  const extraB = Array.from({ length: rng.int(nC === 0 ? 1 : 0, 2) }, () => rng.int(1, 3));
  // b's axes: the contracted sizes and the extra ones, in a random order.
  const axesB = shuffle(rng, [...contA.map((a, t) => ({ size: dimsA[a], t })), ...extraB.map((size) => ({ size, t: -1 }))]);
  const dimsB = axesB.map((x) => x.size);
  const contB = contA.map((_, t) => axesB.findIndex((x) => x.t === t));
  const nK = nA + dimsB.length - 2 * nC;
  const permute = rng.bool(0.3) ? undefined : shuffle(rng, Array.from({ length: nK }, (_, k) => k));
  return { dimsA, dimsB, contA, contB, permute };
}

function shuffle(rng, xs) {
  const a = [...xs];
  for (let k = a.length - 1; k > 0; k--) {
    const r = rng.int(0, k);
    [a[k], a[r]] = [a[r], a[k]];
  }
  return a;
}

const prod = (xs) => xs.reduce((s, x) => s * x, 1);
function unravel(flat, dims) {
  const idx = new Array(dims.length).fill(0);
  for (let k = dims.length - 1; k >= 0; k--) {
    idx[k] = flat % dims[k];
    flat = Math.floor(flat / dims[k]);
  }
  return idx;
}
const ravel = (idx, dims) => idx.reduce((f, x, k) => f * dims[k] + x, 0);

/**
 * numpy's tensordot then KeOps's permutation, by scattering every product a[ia] b[ib] whose
 * contracted indices agree into its result entry (a different algorithm from the op's gather).
 */
function tensordotReference(a, b, { dimsA, dimsB, contA, contB, permute }) {
  const keepA = dimsA.map((_, k) => k).filter((k) => !contA.includes(k));
  const keepB = dimsB.map((_, k) => k).filter((k) => !contB.includes(k));
  const keepDims = [...keepA.map((k) => dimsA[k]), ...keepB.map((k) => dimsB[k])];
  const perm = permute ?? keepDims.map((_, k) => k);
  const outDims = new Array(keepDims.length);
  keepDims.forEach((d, k) => (outDims[perm[k]] = d));
  const out = new Float64Array(prod(outDims));
  for (let ia = 0; ia < a.length; ia++) {
    const ai = unravel(ia, dimsA);
    for (let ib = 0; ib < b.length; ib++) {
      const bi = unravel(ib, dimsB);
      if (!contA.every((axis, t) => ai[axis] === bi[contB[t]])) continue;
      const kept = [...keepA.map((k) => ai[k]), ...keepB.map((k) => bi[k])];
      const outIdx = new Array(kept.length);
      kept.forEach((x, k) => (outIdx[perm[k]] = x));
      out[ravel(outIdx, outDims)] += a[ia] * b[ib];
    }
  }
  return out;
}

/** sum_j of a per-pair function of (X_i, Y_j): [N, outDim], with the sum of |terms| as error scale. */
function reduceReference(X, Y, N, M, pair) {
  let value = null;
  let scale = null;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < M; j++) {
      const { v, s } = pair(X, Y, i, j);
      value ??= new Float64Array(N * v.length);
      scale ??= new Float64Array(N * v.length);
      v.forEach((x, k) => {
        value[i * v.length + k] += x;
        scale[i * v.length + k] += s[k];
      });
    }
  }
  return { value, scale };
}

test('tensordot on random shapes, contractions and permutations matches an independent tensordot reference (wasm float32 / float64, oracle; both axes)', async () => {
  const rng = new Rng(0x7e50);
  const N = 3, M = 5;
  let configs = 0;
  for (let c = 0; c < 60; c++) {
    const cfg = randomConfig(rng);
    const dA = prod(cfg.dimsA), dB = prod(cfg.dimsB);
    const x = Float64Array.from({ length: N * dA }, () => rng.uniform(-2, 2));
    const y = Float64Array.from({ length: M * dB }, () => rng.uniform(-2, 2));
    const pair = (X, Y, i, j) => {
      const a = X.subarray(i * dA, (i + 1) * dA), b = Y.subarray(j * dB, (j + 1) * dB);
      return { v: tensordotReference(a, b, cfg), s: tensordotReference(a.map(Math.abs), b.map(Math.abs), cfg) };
    };
    const label = `config ${JSON.stringify(cfg)}`;
    for (const dtype of DTYPES) {
      const X = tensor(Arr[dtype].from(x), [N, dA]);
      const Y = tensor(Arr[dtype].from(y), [M, dB]);
      const F = Vi(X).tensordot(Vj(Y), cfg.dimsA, cfg.dimsB, cfg.contA, cfg.contB, cfg.permute);
      for (const axis of [1, 0]) {
        // The reference from the dtype's values (float32 data widened exactly).
        const ref = axis === 1
          ? reduceReference(X.data, Y.data, N, M, pair)
          : reduceReference(Y.data, X.data, M, N, (B, A, j, i) => pair(A, B, i, j));
        for (const backend of BACKENDS) {
          const got = await F.sum(axis, { backend });
          const rtol = dtype === 'float32' && backend === 'wasm' ? 1e-6 : 1e-14;
          assert.is(got.size, ref.value.length, `${label} ${dtype} ${backend} sum(${axis}): size`);
          got.data.forEach((g, k) => assert.ok(Math.abs(g - ref.value[k]) <= rtol * ref.scale[k] + 1e-300,
            `${label} ${dtype} ${backend} sum(${axis}) entry ${k}: ${g}, reference ${ref.value[k]}`));
        }
      }
    }
    configs++;
  }
  assert.is(configs, 60);
});

test('kron matches numpy\'s kron (pykeops\' test_kron shapes [3, 2, 1, 2] and [1, 2, 2, 3]) and prints as a TensorDot', async () => {
  const rng = new Rng(7);
  const dimsA = [3, 2, 1, 2], dimsB = [1, 2, 2, 3];
  const N = 2, M = 3;
  const dA = prod(dimsA), dB = prod(dimsB);
  const x = Float64Array.from({ length: N * dA }, () => rng.uniform(0, 1));
  const y = Float64Array.from({ length: M * dB }, () => rng.uniform(0, 1));
  // np.kron: entry (i0 D0 + l0, i1 D1 + l1, ...) = a[i] b[l].
  const kron = (a, b) => {
    const outDims = dimsA.map((d, k) => d * dimsB[k]);
    const out = new Float64Array(dA * dB);
    for (let ia = 0; ia < dA; ia++) {
      for (let ib = 0; ib < dB; ib++) {
        const ai = unravel(ia, dimsA), bi = unravel(ib, dimsB);
        out[ravel(ai.map((v, k) => v * dimsB[k] + bi[k]), outDims)] = a[ia] * b[ib];
      }
    }
    return out;
  };
  const want = new Float64Array(N * dA * dB);
  for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) kron(x.subarray(i * dA, (i + 1) * dA), y.subarray(j * dB, (j + 1) * dB)).forEach((v, k) => (want[i * dA * dB + k] += v));
  const F = Vi(tensor(x, [N, dA])).kron(Vj(tensor(y, [M, dB])), dimsA, dimsB);
  assert.is(F.dim, dA * dB);
  for (const backend of BACKENDS) {
    const got = await F.sum(1, { backend });
    got.data.forEach((g, k) => assert.ok(Math.abs(g - want[k]) <= 1e-14 * Math.abs(want[k]) + 1e-15, `${backend} entry ${k}: ${g}, np.kron ${want[k]}`));
  }
  assert.match(String(F), 'formula: TensorDot(Var(0,12,0),Var(1,12,1),[3,2,1,2],[1,2,2,3],[],[],[0,2,4,6,1,3,5,7])');
});

test('pykeops\' tensordot example: a (4, 7) matrix times a 7-vector, contracted on axes (1,) and (0,)', async () => {
  const rng = new Rng(47);
  const a = Float64Array.from({ length: 28 }, () => rng.normal());
  const b = Float64Array.from({ length: 7 }, () => rng.normal());
  const got = await Vi(tensor(a, [1, 28])).tensordot(Vj(tensor(b, [1, 7])), [4, 7], [7], [1], [0]).sum(1);
  const want = [0, 1, 2, 3].map((p) => b.reduce((s, v, q) => s + a[p * 7 + q] * v, 0));
  got.data.forEach((g, p) => assert.ok(Math.abs(g - want[p]) <= 1e-14 * (1 + Math.abs(want[p])), `row ${p}: ${g}, expected ${want[p]}`));
});

test('gradients of tensordot reductions with respect to both operands match central finite differences (host autograd, wasm and oracle)', async () => {
  const rng = new Rng(0x6ad);
  const N = 3, M = 4;
  for (let c = 0; c < 12; c++) {
    const cfg = randomConfig(rng);
    const dA = prod(cfg.dimsA), dB = prod(cfg.dimsB);
    for (const backend of BACKENDS) {
      const X = tensor(Float64Array.from({ length: N * dA }, () => rng.uniform(-1, 1)), [N, dA], { requiresGrad: true });
      const Y = tensor(Float64Array.from({ length: M * dB }, () => rng.uniform(-1, 1)), [M, dB], { requiresGrad: true });
      const axis = c % 2;
      // A smooth function of the contraction, so that second-order terms of the rule count too.
      const build = () => Vi(X).tensordot(Vj(Y), cfg.dimsA, cfg.dimsB, cfg.contA, cfg.contB, cfg.permute).sin().sum(axis, { backend });
      const out = await build();
      const R = tensor(Float64Array.from({ length: out.size }, () => rng.uniform(-1, 1)), out.shape);
      await out.mul(R).sum().backward();
      const value = async () => Array.from((await noGrad(build)).data).reduce((s, v, k) => s + v * R.data[k], 0);
      for (const [name, T] of [['X', X], ['Y', Y]]) {
        assert.ok(T.grad !== null, `${JSON.stringify(cfg)}: no gradient for ${name}`);
        for (let e = 0; e < T.size; e++) {
          const x0 = T.data[e];
          const h = 1e-6;
          T.data[e] = x0 + h; T.markChanged();
          const up = await value();
          T.data[e] = x0 - h; T.markChanged();
          const down = await value();
          T.data[e] = x0; T.markChanged();
          const fd = (up - down) / (2 * h);
          const g = T.grad.data[e];
          assert.ok(Math.abs(g - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), `${JSON.stringify(cfg)} ${backend} d/d${name}[${e}]: autograd ${g}, finite differences ${fd}`);
        }
      }
    }
  }
});

// ------------------------------------------------------------------------------------------------
// at and slice
// ------------------------------------------------------------------------------------------------

test('at(k) and slice(start, end) are elem and extract with Python\'s negative indices', async () => {
  const x = Vi(tensor([1, 2, 3, 4], [1, 4]));
  assert.is(x.at(-1).node.key, x.elem(3).node.key);
  assert.is(x.at(0).node.key, x.elem(0).node.key);
  assert.is(x.at(-4).node.key, x.elem(0).node.key);
  assert.is(x.slice(1, -1).node.key, x.extract(1, 2).node.key);
  assert.is(x.slice(-3).node.key, x.extract(1, 3).node.key);
  assert.is(x.slice(0).node.key, x.extract(0, 4).node.key);
  const one = Vj(tensor([1], [1, 1]));
  assert.equal(Array.from((await x.slice(-2).mul(one).sum(1)).data), [3, 4]);
});

// ------------------------------------------------------------------------------------------------
// Typed errors
// ------------------------------------------------------------------------------------------------

function throwsTyped(fn, Type, words, label) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== null, `${label}: nothing was thrown`);
  assert.instance(error, Type, `${label}: expected a ${Type.name}, received ${error?.constructor?.name}: ${error?.message}`);
  for (const w of words) assert.ok(error.message.includes(w), `${label}: '${error.message}' should mention '${w}'`);
}

test('at and slice out of range, empty slices and non-integer indices are typed errors naming the method, the index and the dimension', () => {
  const x = Vi(tensor([1, 2, 3], [1, 3]));
  throwsTyped(() => x.at(3), ShapeError, ['at', '3', 'dimension 3'], 'at(3)');
  throwsTyped(() => x.at(-4), ShapeError, ['at', '-4'], 'at(-4)');
  throwsTyped(() => x.at(1.5), ValueError, ['at', 'k'], 'at(1.5)');
  throwsTyped(() => x.at('1'), ValueError, ['at', 'k'], "at('1')");
  throwsTyped(() => x.slice(2, 1), ShapeError, ['slice', 'empty'], 'slice(2, 1)');
  throwsTyped(() => x.slice(1, 1), ShapeError, ['slice', 'empty'], 'slice(1, 1)');
  throwsTyped(() => x.slice(0, 4), ShapeError, ['slice', 'outside', 'dimension 3'], 'slice(0, 4)');
  throwsTyped(() => x.slice(-5), ShapeError, ['slice', 'outside'], 'slice(-5)');
  throwsTyped(() => x.slice(0, 2.5), ValueError, ['slice', 'end'], 'slice(0, 2.5)');
  throwsTyped(() => x.slice(undefined, 2), ValueError, ['slice', 'start'], 'slice(undefined, 2)');
});

test('clampint and oneHot refuse non-integer bounds and dimensions, and oneHot a vector argument', () => {
  const s = Vi(tensor([1, 2], [2, 1]));
  throwsTyped(() => s.clampint(0.5, 1), ValueError, ['clampint', 'a'], 'clampint(0.5, 1)');
  throwsTyped(() => s.clampint(0, '1'), ValueError, ['clampint', 'b'], "clampint(0, '1')");
  throwsTyped(() => s.oneHot(0), ValueError, ['oneHot', 'dim'], 'oneHot(0)');
  throwsTyped(() => s.oneHot(2.5), ValueError, ['oneHot', 'dim'], 'oneHot(2.5)');
  throwsTyped(() => Vi(tensor([1, 2], [1, 2])).oneHot(3), ShapeError, ['OneHot', 'dimension 2'], 'oneHot of a vector');
});

test('tensordot and kron check their operand and every list before building anything', () => {
  const a = Vi(tensor(new Float64Array(6), [1, 6]));
  const b = Vj(tensor(new Float64Array(6), [1, 6]));
  throwsTyped(() => a.tensordot(2, [6], [1], [], []), DTypeError, ['tensordot', 'y'], 'tensordot(number)');
  throwsTyped(() => a.tensordot(b, 6, [6], [0], [0]), ValueError, ['tensordot', 'dimsA'], 'dimsA not an array');
  throwsTyped(() => a.tensordot(b, [6], [6], [0.5], [0]), ValueError, ['tensordot', 'contA[0]'], 'contA not integers');
  throwsTyped(() => a.tensordot(b, [2, 3], [6], [0], []), ValueError, ['tensordot', 'contA', 'contB'], 'unpaired contraction');
  throwsTyped(() => a.tensordot(b, [2, 3], [3, 2], [1], [0], [0]), ValueError, ['tensordot', 'permute', '2 axes'], 'permute too short');
  throwsTyped(() => a.tensordot(b, [2, 3], [3, 2], [1], [0], [1, 1]), ValueError, ['TensorDot', 'permute'], 'permute not a permutation');
  throwsTyped(() => a.tensordot(b, [2, 2], [6], [], []), ShapeError, ['TensorDot', 'dimsA', '6'], 'dimsA product');
  throwsTyped(() => a.tensordot(b, [2, 3], [3, 2], [0], [0]), ShapeError, ['TensorDot', 'contracted', 'size 2', 'size 3'], 'contracted sizes differ');
  throwsTyped(() => a.tensordot(b, [2, 3], [3, 2], [2], [0]), ValueError, ['TensorDot', 'contA'], 'axis out of range');
  throwsTyped(() => a.tensordot(b, [2, 3], [3, 2], [1, 1], [0, 1]), ValueError, ['TensorDot', 'contA'], 'repeated axis');
  throwsTyped(() => a.tensordot(b, [0, 6], [6], [], []), ValueError, ['TensorDot', 'dimsA'], 'a zero size');
  throwsTyped(() => a.kron(b, [6], [2, 3]), ShapeError, ['kron', 'dimsA', 'dimsB'], 'kron axis counts');
  throwsTyped(() => a.kron(Pm([1]), [6], null), ValueError, ['kron', 'dimsB'], 'kron dimsB null');
});

test('the new element-wise ops print as KeOps names them', () => {
  const x = Vi(tensor([1, 2], [2, 1]));
  for (const [method, name] of [['atan', 'Atan'], ['asin', 'Asin'], ['acos', 'Acos'], ['xlogx', 'XLogX'], ['sinxdivx', 'SinXDivX']]) {
    assert.match(String(x[method]()), `formula: ${name}(Var(0,1,0))`, method);
  }
});

test.run();
