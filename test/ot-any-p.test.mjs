// samplesLoss('sinkhorn') with exponents other than 1 and 2: the default cost |x - y|^p / p
// (dense and lazy forms) and custom costs, with GeomLoss's epsilon schedule in diameter^p and
// blur^p. Values and gradients against a float64 brute-force reference of GeomLoss's
// algorithm, finite differences, coincident points, float32.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, samplesLoss } from '../build/src/index.js';
import { refSinkhorn, refSchedule, bboxDiameter, sqdist } from './helpers/sinkhorn-reference.mjs';

let seed = 4242;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const cloud = (n, d, shift = 0, s = 1) => Array.from({ length: n }, () => Array.from({ length: d }, () => shift + s * rand()));
const weights = (n, mass = 1) => {
  const w = Array.from({ length: n }, () => 0.2 + rand());
  const t = w.reduce((p, q) => p + q, 0);
  return w.map((v) => (mass * v) / t);
};
const T = (rows, opts = {}) => {
  const shape = Array.isArray(rows[0]) ? [rows.length, rows[0].length] : [rows.length];
  return tensor(Float64Array.from(rows.flat()), shape, { dtype: 'float64', ...opts });
};

function close(actual, expected, rtol, atol, what) {
  const a = Array.from(actual.data ?? actual).flat(), e = Array.from(expected).flat();
  assert.is(a.length, e.length, `${what}: length`);
  const scale = Math.max(...e.map(Math.abs), 1e-300);
  for (let k = 0; k < e.length; k++) {
    if (!(Math.abs(a[k] - e[k]) <= atol + rtol * scale)) {
      assert.unreachable(`${what}[${k}]: ${a[k]} vs expected ${e[k]} (rtol ${rtol} of scale ${scale}, atol ${atol})`);
    }
  }
}

async function lossAndGrads(opts, a, x, b, y) {
  const A = T(a, { requiresGrad: true }), X = T(x, { requiresGrad: true });
  const B = T(b, { requiresGrad: true }), Y = T(y, { requiresGrad: true });
  const L = await samplesLoss('sinkhorn', opts)(A, X, B, Y);
  await L.backward();
  return { value: L.item(), gA: A.grad.data, gB: B.grad.data, gX: X.grad.data, gY: Y.grad.data };
}

const configs = [
  { name: 'p=1.5, balanced, debiased', opts: { p: 1.5, blur: 0.3, scaling: 0.7 }, mass: 1 },
  { name: 'p=3, balanced, debiased', opts: { p: 3, blur: 0.3, scaling: 0.7 }, mass: 1 },
  { name: 'p=3, balanced, raw', opts: { p: 3, blur: 0.3, scaling: 0.7, debias: false }, mass: 1 },
  { name: 'p=1.5, unbalanced, debiased', opts: { p: 1.5, blur: 0.2, scaling: 0.6, reach: 0.8 }, mass: 1.3, massB: 0.8 },
  { name: 'p=3, unbalanced, raw', opts: { p: 3, blur: 0.3, scaling: 0.7, reach: 0.6, debias: false }, mass: 0.7, massB: 1.1 },
];

for (const cfg of configs) {
  test(`${cfg.name}: value, gradients and potentials equal the float64 reference (tensorized and online)`, async () => {
    const x = cloud(7, 2), y = cloud(5, 2, 0.4);
    const a = weights(7, cfg.mass), b = weights(5, cfg.massB ?? cfg.mass);
    const ref = refSinkhorn({ a, x, b, y, ...cfg.opts });
    for (const backend of ['tensorized', 'online']) {
      const got = await lossAndGrads({ ...cfg.opts, backend }, a, x, b, y);
      close([got.value], [ref.value], 1e-11, 1e-14, `${backend} value`);
      close(got.gA, ref.gA, 1e-10, 1e-14, `${backend} grad a`);
      close(got.gB, ref.gB, 1e-10, 1e-14, `${backend} grad b`);
      close(got.gX, ref.gX.flat(), 1e-10, 1e-14, `${backend} grad x`);
      close(got.gY, ref.gY.flat(), 1e-10, 1e-14, `${backend} grad y`);
      const [F, G] = await samplesLoss('sinkhorn', { ...cfg.opts, backend, potentials: true })(T(a), T(x), T(b), T(y));
      close(F, ref.F, 1e-11, 1e-14, `${backend} potential F`);
      close(G, ref.G, 1e-11, 1e-14, `${backend} potential G`);
    }
  });
}

test('the epsilon schedule runs from diameter^p down to blur^p (onProgress), for the default and a custom cost', async () => {
  const x = cloud(6, 2), y = cloud(5, 2, 0.5);
  for (const [p, cost] of [[3, null], [1.5, null], [3, 'SqDist(X,Y)']]) {
    const seen = [];
    const onProgress = ({ epsilon, blur }) => { seen.push([epsilon, blur]); };
    await samplesLoss('sinkhorn', { p, blur: 0.1, scaling: 0.5, cost, onProgress })(T(x), T(y));
    const want = refSchedule(p, bboxDiameter(x, y), 0.1, 0.5);
    close(seen.map((s) => s[0]), want, 1e-14, 0, `epsilons for p=${p}`);
    close(seen.map((s) => s[1]), want.map((e) => e ** (1 / p)), 1e-13, 0, `blur radii for p=${p}`);
  }
});

test('a custom cost with p = 3 takes the p = 3 schedule and matches the reference with that cost', async () => {
  const x = cloud(6, 2), y = cloud(5, 2, 0.3);
  const a = weights(6), b = weights(5);
  const opts = { p: 3, blur: 0.4, scaling: 0.6 };
  const ref = refSinkhorn({ a, x, b, y, ...opts, cost: sqdist, costGrad: (u, v) => u.map((t, k) => 2 * (t - v[k])) });
  for (const backend of ['tensorized', 'online']) {
    const got = await lossAndGrads({ ...opts, backend, cost: 'SqDist(X,Y)' }, a, x, b, y);
    close([got.value], [ref.value], 1e-11, 1e-14, `${backend} value`);
    close(got.gX, ref.gX.flat(), 1e-10, 1e-14, `${backend} grad x`);
  }
  // And it differs from the p = 2 schedule's result: p is not ignored with a custom cost.
  const p2 = (await samplesLoss('sinkhorn', { ...opts, p: 2, cost: 'SqDist(X,Y)' })(T(a), T(x), T(b), T(y))).item();
  assert.ok(Math.abs(p2 - ref.value) > 1e-3 * Math.abs(ref.value), `p = 2 gives ${p2}, p = 3 ${ref.value}`);
});

/** Central differences along random directions (masses kept when balanced). */
async function checkFiniteDifferences(opts, balanced, rtol = 2e-4) {
  const x = cloud(6, 2), y = cloud(5, 2, 0.3);
  const a = weights(6, balanced ? 1 : 1.2), b = weights(5, balanced ? 1 : 0.9);
  const loss = samplesLoss('sinkhorn', opts);
  const f = async (a_, x_, b_, y_) => (await loss(T(a_), T(x_), T(b_), T(y_))).item();
  const g = await lossAndGrads(opts, a, x, b, y);
  const h = 1e-5;
  for (let trial = 0; trial < 3; trial++) {
    const dx = x.map((r) => r.map(() => rand() - 0.5)), dy = y.map((r) => r.map(() => rand() - 0.5));
    let da = a.map(() => rand() - 0.5), db = b.map(() => rand() - 0.5);
    if (balanced) {
      const ma = da.reduce((s, t) => s + t, 0) / da.length, mb = db.reduce((s, t) => s + t, 0) / db.length;
      da = da.map((t) => t - ma); db = db.map((t) => t - mb);
    }
    const mv = (u, du, s) => u.map((r, i) => (Array.isArray(r) ? r.map((t, k) => t + s * du[i][k]) : r + s * du[i]));
    const fd = (await f(mv(a, da, h), mv(x, dx, h), mv(b, db, h), mv(y, dy, h)) - await f(mv(a, da, -h), mv(x, dx, -h), mv(b, db, -h), mv(y, dy, -h))) / (2 * h);
    const dot = (gr, d) => Array.from(gr).reduce((s, t, k) => s + t * d.flat()[k], 0);
    const an = dot(g.gA, da) + dot(g.gB, db) + dot(g.gX, dx) + dot(g.gY, dy);
    assert.ok(Math.abs(fd - an) <= rtol * Math.max(Math.abs(fd), 1e-3), `${JSON.stringify(opts)}: directional derivative ${an} vs finite differences ${fd}`);
  }
}

test('gradients are those of the converged divergence (finite differences), p = 1.5 and 3', async () => {
  // Hundreds of iterations at temperatures close to the last one: a loop converged to ~1e-4
  // (the temperature steps by p log(scaling): p = 3 lags a little more, hence 5e-4).
  await checkFiniteDifferences({ p: 1.5, blur: 0.5, diameter: 0.6, scaling: 0.9995, backend: 'tensorized' }, true);
  await checkFiniteDifferences({ p: 3, blur: 0.5, diameter: 0.52, scaling: 0.99995, backend: 'tensorized' }, true, 5e-4);
  await checkFiniteDifferences({ p: 3, blur: 0.5, diameter: 0.52, scaling: 0.99995, reach: 0.7, backend: 'tensorized' }, false, 5e-4);
});

test('coincident points: S(a, a) = 0 with a zero (not NaN) gradient, p = 1.5 and 3, both backends', async () => {
  for (const p of [1.5, 3]) {
    for (const backend of ['tensorized', 'online']) {
      const x = cloud(12, 3);
      const X = T(x, { requiresGrad: true });
      const s = await samplesLoss('sinkhorn', { p, backend, blur: 0.1 })(X, T(x));
      assert.ok(Math.abs(s.item()) < 1e-13, `S(a, a) = ${s.item()} (p=${p}, ${backend})`);
      await s.backward();
      assert.ok(Array.from(X.grad.data).every((g) => Math.abs(g) < 1e-12), `zero gradient (p=${p}, ${backend}): ${X.grad.data.slice(0, 3)}`);
    }
  }
});

test('p = 2 + 1e-9 (the generic cost) agrees with p = 2 (GeomLoss\'s cost), and p = 1 + 1e-9 with p = 1', async () => {
  const x = cloud(20, 2), y = cloud(15, 2, 0.3);
  for (const p of [1, 2]) {
    for (const backend of ['tensorized', 'online']) {
      const v = (await samplesLoss('sinkhorn', { p, backend, blur: 0.1 })(T(x), T(y))).item();
      const w = (await samplesLoss('sinkhorn', { p: p + 1e-9, backend, blur: 0.1 })(T(x), T(y))).item();
      close([w], [v], 1e-7, 0, `p=${p} ${backend}`);
    }
  }
});

test('float32: online (wasm Powf) and tensorized agree for p = 1.5 and 3, with gradients', async () => {
  const N = 150, M = 120;
  for (const p of [1.5, 3]) {
    const out = [];
    for (const backend of ['tensorized', 'online']) {
      seed = 99;
      const X = tensor(Float32Array.from({ length: N * 2 }, rand), [N, 2], { requiresGrad: true });
      const Y = tensor(Float32Array.from({ length: M * 2 }, () => rand() + 0.2), [M, 2]);
      const L = await samplesLoss('sinkhorn', { p, blur: 0.05, backend })(X, Y);
      assert.is(L.dtype, 'float32');
      await L.backward();
      out.push({ v: L.item(), g: X.grad.data });
    }
    close([out[1].v], [out[0].v], 1e-4, 0, `p=${p} value`);
    close(out[1].g, out[0].g, 2e-3, 1e-7, `p=${p} gradient`);
  }
});

test.run();
