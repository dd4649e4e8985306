// Gradients of every differentiable reduction, on both axes, with respect to i-variables,
// j-variables, parameters and weights, against central finite differences in float64.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm } from '../build/src/index.js';
import { noGrad } from '../build/src/autograd/grad-mode.js';
import { Rng } from './helpers/random.mjs';
import { assertClose, TOL } from './helpers/compare.mjs';

const N = 5, M = 7, D = 2;

function leaf(rng, shape, lo = -1, hi = 1) {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Float64Array.from({ length: n }, () => rng.uniform(lo, hi)), shape, { requiresGrad: true });
}

/** The reductions under test: each builds its output from the leaves. */
const CASES = {
  sum: (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p)).neg().exp().mul(Vj(t.B)).sum(axis, o),
  'sum, output rows from Vj': (t, axis, o) => Vj(t.Y).sub(Vi(t.X)).square().mul(Pm(t.p)).sin().sum(axis, o),
  logsumexp: (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p)).neg().logsumexp(axis, o),
  'logsumexp of a vector formula': (t, axis, o) => Vi(t.X).sub(Vj(t.Y)).mul(Pm(t.p)).logsumexp(axis, o),
  'logsumexp with weight': (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p).sqnorm2()).neg().logsumexp(axis, { ...o, weight: (axis === 1 ? Vj : Vi)(axis === 1 ? t.Bpos : t.Apos) }),
  sumsoftmaxweight: (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p).sqnorm2()).neg().sumsoftmaxweight(axis === 1 ? Vj(t.B) : Vi(t.A), axis, o),
  min: (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p).sqnorm2()).min(axis, o),
  'max of a vector formula': (t, axis, o) => Vi(t.X).sub(Vj(t.Y)).mul(Pm(t.p)).max(axis, o),
  'minArgmin values': async (t, axis, o) => (await Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p)).minArgmin(axis, o))[0],
  Kmin: (t, axis, o) => Vi(t.X).sqdist(Vj(t.Y)).mul(Pm(t.p).sqnorm2()).Kmin(3, axis, o),
  'Kmin of a vector formula': (t, axis, o) => Vi(t.X).sub(Vj(t.Y)).mul(Pm(t.p)).Kmin(2, axis, o),
};

for (const [name, build] of Object.entries(CASES)) {
  for (const backend of ['wasm', 'oracle']) {
    test(`${name}: gradients on both axes match finite differences (${backend})`, async () => {
      for (const axis of [0, 1]) {
        const rng = new Rng(name.length * 31 + axis);
        const t = {
          X: leaf(rng, [N, D]), Y: leaf(rng, [M, D]), B: leaf(rng, [M, 2]), A: leaf(rng, [N, 2]),
          Bpos: leaf(rng, [M, 2], 0.5, 1.5), Apos: leaf(rng, [N, 2], 0.5, 1.5), p: leaf(rng, [D], 0.5, 1.5),
        };
        const out = await build(t, axis, { backend });
        const R = tensor(Float64Array.from({ length: out.size }, () => rng.uniform(-1, 1)), out.shape);
        const loss = out.mul(R).sum();
        await loss.backward();
        const value = async () => {
          const o = await noGrad(() => build(t, axis, { backend }));
          return Array.from(o.data).reduce((s, v, k) => s + v * R.data[k], 0);
        };
        for (const [key, x] of Object.entries(t)) {
          const used = x.grad !== null;
          if (!used) continue;
          for (let e = 0; e < x.size; e++) {
            const x0 = x.data[e];
            const h = 1e-6;
            x.data[e] = x0 + h; x.markChanged();
            const up = await value();
            x.data[e] = x0 - h; x.markChanged();
            const down = await value();
            x.data[e] = x0; x.markChanged();
            const fd = (up - down) / (2 * h);
            const got = x.grad.data[e];
            assert.ok(Math.abs(got - fd) <= 1e-6 * Math.max(1, Math.abs(fd)),
              `${name} axis ${axis} ${backend}: d/d${key}[${e}] = ${got}, finite differences ${fd}`);
          }
        }
        assert.ok(t.X.grad && t.Y.grad && t.p.grad, `${name}: X, Y and p all received gradients`);
      }
    });
  }
}

// float32 leaves: the oracle computes in float64 and returns float64 outputs, which its
// backward must bring back to the formula's dtype (a DTypeError before). Its gradients must
// match the wasm engine's float32 gradients to float32 accuracy.
for (const [name, build] of Object.entries(CASES)) {
  test(`${name}: float32 gradients of the oracle match the wasm engine's`, async () => {
    for (const axis of [0, 1]) {
      const grads = {};
      for (const backend of ['wasm', 'oracle']) {
        const rng = new Rng(name.length * 17 + axis);
        const leaf32 = (shape, lo = -1, hi = 1) => tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(lo, hi)), shape, { requiresGrad: true });
        const t = {
          X: leaf32([N, D]), Y: leaf32([M, D]), B: leaf32([M, 2]), A: leaf32([N, 2]),
          Bpos: leaf32([M, 2], 0.5, 1.5), Apos: leaf32([N, 2], 0.5, 1.5), p: leaf32([D], 0.5, 1.5),
        };
        const out = await build(t, axis, { backend });
        const R = tensor(Float32Array.from({ length: out.size }, () => rng.uniform(-1, 1)), out.shape);
        await out.mul(R).sum().backward();
        grads[backend] = Object.fromEntries(Object.entries(t).filter(([, x]) => x.grad !== null).map(([key, x]) => [key, x.grad]));
      }
      assert.equal(Object.keys(grads.oracle).sort(), Object.keys(grads.wasm).sort(), `${name} axis ${axis}: the same leaves receive gradients`);
      for (const [key, g] of Object.entries(grads.wasm)) {
        const o = grads.oracle[key];
        assert.is(o.dtype, 'float32', `${name} axis ${axis}: d/d${key} is float32 (oracle)`);
        const scale = Math.max(1, ...Array.from(o.data, Math.abs));
        assertClose(g, o, { rtol: 10 * TOL.float32, scale, label: `${name} axis ${axis}: d/d${key}, wasm vs oracle (float32)` });
      }
    }
  });
}


// A log-sum-exp's gradient drops the soft-max weights exp(F - out) below 2^-100 (their products
// with gradient factors would be subnormal: slow on x86), which must stay invisible: the
// gradient of logsumexp_j(h_j - c (x_i - y_j)^2) is sum_j p_ij (-2c)(x_i - y_j), p = soft-max.
test('logsumexp: weights far below the row maximum (2^-126 ... 2^-100 and under) leave the gradient at the float64 value; NaN propagates', async () => {
  const N1 = 37, M1 = 301, c = 400; // Sinkhorn's last temperature: most weights far below the maximum
  const rng = new Rng(2026);
  for (const dtype of ['float32', 'float64']) {
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const xs = Arr.from({ length: N1 }, () => rng.uniform(0, 1));
    const ys = Arr.from({ length: M1 }, () => rng.uniform(0, 1));
    const hs = Arr.from({ length: M1 }, () => rng.uniform(-20, 20));
    xs[5] = NaN; // a NaN row: its gradient is NaN
    for (const [backend, nanColumn] of [['wasm', false], ['oracle', false], ['wasm', true], ['oracle', true]]) {
      // A NaN h_j (every row's log-sum-exp NaN, the factors x_i - y_j finite): every gradient NaN.
      if (nanColumn) hs[7] = NaN;
      const X = tensor(Arr.from(xs), [N1, 1], { requiresGrad: true });
      const out = await Vj(tensor(Arr.from(hs), [M1, 1])).sub(Vi(X).sqdist(Vj(tensor(Arr.from(ys), [M1, 1]))).mul(c)).logsumexp(1, { backend });
      await out.sum().backward();
      let banded = 0;
      for (let i = 0; i < N1; i++) {
        const x = Number(xs[i]);
        const e = Array.from(ys, (y, j) => Number(hs[j]) - c * (x - Number(y)) ** 2);
        const m = Math.max(...e);
        const w = e.map((v) => Math.exp(v - m));
        const s = w.reduce((a, b) => a + b, 0);
        const want = nanColumn ? NaN : w.reduce((a, wj, j) => a + (wj / s) * -2 * c * (x - Number(ys[j])), 0);
        const scale = w.reduce((a, wj, j) => a + (wj / s) * 2 * c * Math.abs(x - Number(ys[j])), 0);
        banded += e.filter((v) => v - m < -69.3 && v - m > -87.3).length;
        const got = X.grad.data[i];
        if (Number.isNaN(want)) {
          assert.ok(Number.isNaN(got), `${dtype} ${backend} row ${i}: NaN expected, got ${got}`);
          continue;
        }
        const tol = (dtype === 'float32' ? 2e-5 : 1e-12) * scale;
        assert.ok(Math.abs(got - want) <= tol, `${dtype} ${backend} row ${i}: ${got} vs ${want} (tolerance ${tol})`);
      }
      if (!nanColumn) assert.ok(banded > 100, `the rows have weights between 2^-126 and 2^-100 (${banded})`);
    }
  }
});

test('logsumexp with weight: weighted soft-max weights far below the maximum leave both gradients at the float64 values; the weights\' own gradients are never floored', async () => {
  const N1 = 29, M1 = 203, c = 400;
  const rng = new Rng(2027);
  for (const dtype of ['float32', 'float64']) {
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const xs = Arr.from({ length: N1 }, () => rng.uniform(0.4, 0.6));
    const ys = Arr.from({ length: M1 }, () => rng.uniform(0, 1));
    ys[3] = 1.05; // far from every x (weights exp(-81) and less): its weight's gradient is tiny but not zero
    for (const [backend, special] of [['wasm', null], ['oracle', null], ['wasm', 'negative'], ['wasm', 'nan']]) {
      const ws = Arr.from({ length: M1 }, () => rng.uniform(0.5, 2));
      if (special === 'negative') ws[11] = -0.25; // kept: the condition is NaN
      if (special === 'nan') ws[11] = NaN; // every gradient NaN
      const X = tensor(Arr.from(xs), [N1, 1], { requiresGrad: true });
      const W = tensor(Arr.from(ws), [M1, 1], { requiresGrad: true });
      const out = await Vi(X).sqdist(Vj(tensor(Arr.from(ys), [M1, 1]))).mul(-c).logsumexp(1, { backend, weight: Vj(W) });
      await out.sum().backward();
      const wantW = new Float64Array(M1);
      for (let i = 0; i < N1; i++) {
        const x = Number(xs[i]);
        const e = Array.from(ys, (y) => -c * (x - Number(y)) ** 2);
        const m = Math.max(...e);
        const p = e.map((v, j) => Number(ws[j]) * Math.exp(v - m));
        const s = p.reduce((a, b) => a + b, 0);
        const want = p.reduce((a, pj, j) => a + (pj / s) * -2 * c * (x - Number(ys[j])), 0);
        const scale = p.reduce((a, pj, j) => a + Math.abs(pj / s) * 2 * c * Math.abs(x - Number(ys[j])), 0);
        e.forEach((v, j) => { wantW[j] += Math.exp(v - m) / s; });
        const got = X.grad.data[i];
        const what = `${dtype} ${backend} ${special ?? ''} row ${i}`;
        if (Number.isNaN(want)) { assert.ok(Number.isNaN(got), `${what}: NaN expected, got ${got}`); continue; }
        const tol = (dtype === 'float32' ? 3e-5 : 1e-12) * scale;
        assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} vs ${want} (tolerance ${tol})`);
      }
      if (special === 'nan') continue;
      for (let j = 0; j < M1; j++) {
        const got = W.grad.data[j];
        const tol = (dtype === 'float32' ? 1e-4 : 1e-10) * Math.abs(wantW[j]) + (dtype === 'float32' ? 2e-38 : 1e-300);
        assert.ok(Math.abs(got - wantW[j]) <= tol, `${dtype} ${backend} ${special ?? ''} weight ${j}: ${got} vs ${wantW[j]}`);
      }
      assert.ok(W.grad.data[3] > 0 && wantW[3] < 1e-30, `the far weight's gradient is tiny and kept: ${W.grad.data[3]}`);
    }
  }
});

test.run();
