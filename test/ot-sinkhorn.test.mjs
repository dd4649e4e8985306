// Sinkhorn divergences (samplesLoss('sinkhorn')): values and gradients against a dense float64
// reference implementation of GeomLoss's algorithm written here, finite differences, the
// epsilon schedule against numpy's, properties (S(a, a) = 0, symmetry, positivity), the
// convergence to the exact 1-D OT cost as blur -> 0, backends and batches.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, samplesLoss } from '../build/src/index.js';
import { epsilonSchedule } from '../build/src/ot/epsilon-schedule.js';

// ---------------------------------------------------------------------------------------------
// Reference: GeomLoss's sinkhorn_loop / sinkhorn_cost on plain float64 arrays, one measure pair.
// ---------------------------------------------------------------------------------------------

const sq = (u, v) => u.reduce((s, uk, k) => s + (uk - v[k]) ** 2, 0);
const refCost = (p) => (u, v) => (p === 2 ? sq(u, v) / 2 : Math.sqrt(sq(u, v)));
/** Gradient of C(u, v) in u. */
const refCostGrad = (p) => (u, v) => {
  if (p === 2) return u.map((uk, k) => uk - v[k]);
  const n = Math.sqrt(sq(u, v));
  return u.map((uk, k) => (n > 0 ? (uk - v[k]) / n : 0));
};

function refSchedule(p, d, blur, scaling) {
  const out = [d ** p];
  const start = p * Math.log(d), stop = p * Math.log(blur), step = p * Math.log(scaling);
  const n = Math.ceil((stop - start) / step);
  for (let k = 0; k < n; k++) out.push(Math.exp(start + k * step));
  out.push(blur ** p);
  return out;
}

/** f_i = -eps log sum_j exp(h_j - C(z_i, s_j) / eps), and the softmax weights w_ij. */
function refSoftmin(C, eps, Z, S, h) {
  const f = [], W = [];
  for (const z of Z) {
    const v = S.map((s, j) => h[j] - C(z, s) / eps);
    const m = Math.max(...v);
    const e = v.map((t) => Math.exp(t - m));
    const tot = e.reduce((p, q) => p + q, 0);
    f.push(-eps * (m + Math.log(tot)));
    W.push(e.map((t) => t / tot));
  }
  return { f, W };
}

function bboxDiameter(x, y) {
  const D = x[0].length;
  let s = 0;
  for (let k = 0; k < D; k++) {
    const all = [...x, ...y].map((u) => u[k]);
    s += (Math.max(...all) - Math.min(...all)) ** 2;
  }
  return Math.sqrt(s);
}

/** GeomLoss's algorithm and the envelope-theorem gradients of its result, in float64. */
function refSinkhorn({ a, x, b, y, p = 2, blur = 0.05, reach = null, scaling = 0.5, debias = true, diameter = null }) {
  const C = refCost(p), dC = refCostGrad(p);
  const eps = blur ** p;
  const rho = reach === null ? null : reach ** p;
  const epsList = refSchedule(p, diameter ?? bboxDiameter(x, y), blur, scaling);
  const damp = (e) => (rho === null ? 1 : 1 / (1 + e / rho));
  const lw = (w) => w.map((v) => (v > 0 ? Math.log(v) : -100000));
  const aL = lw(a), bL = lw(b);
  const sm = (e, Z, S, h) => refSoftmin(C, e, Z, S, h).f;
  const add = (u, v, s = 1) => u.map((t, k) => t + s * v[k]);
  const scale = (u, s) => u.map((t) => t * s);
  let e = epsList[0], l = damp(e);
  let gAB = scale(sm(e, y, x, aL), l), fBA = scale(sm(e, x, y, bL), l);
  let fAA = scale(sm(e, x, x, aL), l), gBB = scale(sm(e, y, y, bL), l);
  for (e of epsList) {
    l = damp(e);
    const ft = scale(sm(e, x, y, add(bL, gAB, 1 / e)), l);
    const gt = scale(sm(e, y, x, add(aL, fBA, 1 / e)), l);
    const fa = scale(sm(e, x, x, add(aL, fAA, 1 / e)), l);
    const gb = scale(sm(e, y, y, add(bL, gBB, 1 / e)), l);
    fBA = scale(add(fBA, ft), 0.5); gAB = scale(add(gAB, gt), 0.5);
    fAA = scale(add(fAA, fa), 0.5); gBB = scale(add(gBB, gb), 0.5);
  }
  // Last extrapolation, with the softmax weights for the position gradients.
  const last = (Z, S, h) => refSoftmin(C, e, Z, S, h);
  const lBA = last(x, y, add(bL, gAB, 1 / e)), lAB = last(y, x, add(aL, fBA, 1 / e));
  const lAA = last(x, x, add(aL, fAA, 1 / e)), lBB = last(y, y, add(bL, gBB, 1 / e));
  fBA = scale(lBA.f, l); gAB = scale(lAB.f, l); fAA = scale(lAA.f, l); gBB = scale(lBB.f, l);
  const dot = (u, v) => u.reduce((s, t, k) => s + t * v[k], 0);
  const ma = a.reduce((s, t) => s + t, 0), mb = b.reduce((s, t) => s + t, 0);
  const E = (f) => f.map((t) => Math.exp(-t / rho));
  // d f_i / d z_i through the cost of the last step: damping * sum_j w_ij dC(z_i, s_j).
  const dF = (Z, S, W) => Z.map((z, i) => S.reduce((acc, s, j) => add(acc, dC(z, s), l * W[i][j]), z.map(() => 0)));
  const dBA = dF(x, y, lBA.W), dAB = dF(y, x, lAB.W), dAA = dF(x, x, lAA.W), dBB = dF(y, y, lBB.W);
  let value, gA, gB, gX, gY;
  if (debias && rho === null) {
    value = dot(a, add(fBA, fAA, -1)) + dot(b, add(gAB, gBB, -1));
    gA = add(fBA, fAA, -1); gB = add(gAB, gBB, -1);
    gX = x.map((_, i) => add(dBA[i], dAA[i], -1).map((t) => a[i] * t));
    gY = y.map((_, j) => add(dAB[j], dBB[j], -1).map((t) => b[j] * t));
  } else if (debias) {
    const hA = add(E(fAA), E(fBA), -1), hB = add(E(gBB), E(gAB), -1);
    value = (rho + eps / 2) * (dot(a, hA) + dot(b, hB));
    gA = scale(hA, rho + eps); gB = scale(hB, rho + eps);
    // d/dz of (rho + eps) * (e^{-fAA/rho} - e^{-fBA/rho}) = (rho + eps) / rho * (e^{-fBA/rho} dfBA - e^{-fAA/rho} dfAA)
    gX = x.map((_, i) => add(scale(dBA[i], E(fBA)[i]), scale(dAA[i], E(fAA)[i]), -1).map((t) => (a[i] * (rho + eps) * t) / rho));
    gY = y.map((_, j) => add(scale(dAB[j], E(gAB)[j]), scale(dBB[j], E(gBB)[j]), -1).map((t) => (b[j] * (rho + eps) * t) / rho));
  } else if (rho === null) {
    value = dot(a, fBA) + dot(b, gAB) + eps * (ma * mb - (ma + mb) / 2);
    gA = fBA.map((t) => t + eps * (mb - 1)); gB = gAB.map((t) => t + eps * (ma - 1));
    gX = x.map((_, i) => dBA[i].map((t) => a[i] * t));
    gY = y.map((_, j) => dAB[j].map((t) => b[j] * t));
  } else {
    value = (rho + eps / 2) * (dot(a, E(fBA).map((t) => 1 - t)) + dot(b, E(gAB).map((t) => 1 - t))) + eps * (ma * mb - (ma + mb) / 2);
    gA = E(fBA).map((t) => (rho + eps) * (1 - t) + eps * (mb - 1));
    gB = E(gAB).map((t) => (rho + eps) * (1 - t) + eps * (ma - 1));
    gX = x.map((_, i) => dBA[i].map((t) => (a[i] * (rho + eps) * E(fBA)[i] * t) / rho));
    gY = y.map((_, j) => dAB[j].map((t) => (b[j] * (rho + eps) * E(gAB)[j] * t) / rho));
  }
  const F = debias ? add(fBA, fAA, -1) : fBA, G = debias ? add(gAB, gBB, -1) : gAB;
  return { value, gA, gB, gX, gY, F, G, epsList };
}

// ---------------------------------------------------------------------------------------------

let seed = 12345;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const cloud = (n, d, shift = 0, s = 1) => Array.from({ length: n }, () => Array.from({ length: d }, () => shift + s * rand()));
const weights = (n, mass = 1) => {
  const w = Array.from({ length: n }, () => 0.2 + rand());
  const t = w.reduce((p, q) => p + q, 0);
  return w.map((v) => (mass * v) / t);
};
const T = (rows, opts = {}) => {
  const flat = rows.flat();
  const shape = Array.isArray(rows[0]) ? [rows.length, rows[0].length] : [rows.length];
  return tensor(Float64Array.from(flat), shape, { dtype: 'float64', ...opts });
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

async function lossAndGrads(opts, a, x, b, y, backend) {
  const A = T(a, { requiresGrad: true }), X = T(x, { requiresGrad: true });
  const B = T(b, { requiresGrad: true }), Y = T(y, { requiresGrad: true });
  const L = await samplesLoss('sinkhorn', { ...opts, backend })(A, X, B, Y);
  await L.backward();
  return { value: L.item(), gA: A.grad.data, gB: B.grad.data, gX: X.grad.data, gY: Y.grad.data, shape: L.shape };
}

test('epsilon schedule: the values of GeomLoss (numpy) exactly, repeated first epsilon and last blur^p', () => {
  const cases = [
    [[2, Math.sqrt(3), 0.05, 0.5], 8, [2.9999999999999996, 2.9999999999999996, 0.7499999999999999, 0.1875], 0.002929687500000001, 0.0025000000000000005],
    [[1, 1.0, 0.01, 0.9], 46, [1.0, 1.0, 0.9, 0.81], 0.010775263664305826, 0.01],
    [[2, 0.04, 0.05, 0.5], 2, [0.0016, 0.0025000000000000005], 0.0016, 0.0025000000000000005],
    [[2, 1.0, 0.001, 0.99], 690, [1.0, 1.0, 0.9801, 0.96059601], 1.0063692934827502e-06, 1e-06],
  ];
  for (const [args, n, head, beforeLast, lastValue] of cases) {
    const s = epsilonSchedule(...args);
    assert.is(s.length, n, `length for ${args}`);
    close(s.slice(0, head.length), head, 1e-14, 0, `head for ${args}`);
    close([s[n - 2], s[n - 1]], [beforeLast, lastValue], 1e-12, 0, `tail for ${args}`);
  }
});

const configs = [
  { name: 'balanced, debiased, p=2', opts: { p: 2, blur: 0.3, scaling: 0.7 }, mass: 1 },
  { name: 'balanced, debiased, p=1', opts: { p: 1, blur: 0.3, scaling: 0.7 }, mass: 1 },
  { name: 'balanced, raw, p=2', opts: { p: 2, blur: 0.3, scaling: 0.7, debias: false }, mass: 1 },
  { name: 'unbalanced, debiased, p=2', opts: { p: 2, blur: 0.3, scaling: 0.7, reach: 0.6 }, mass: 1.3, massB: 0.8 },
  { name: 'unbalanced, debiased, p=1', opts: { p: 1, blur: 0.2, scaling: 0.6, reach: 1.0 }, mass: 0.7, massB: 1.1 },
  { name: 'unbalanced, raw, p=2', opts: { p: 2, blur: 0.3, scaling: 0.7, reach: 0.6, debias: false }, mass: 1.3, massB: 0.8 },
  { name: 'balanced, raw, p=2, mass 2', opts: { p: 2, blur: 0.3, scaling: 0.7, debias: false }, mass: 2 },
];

for (const cfg of configs) {
  test(`${cfg.name}: value and gradients equal the float64 reference (tensorized and online)`, async () => {
    const x = cloud(7, 2), y = cloud(5, 2, 0.4);
    const a = weights(7, cfg.mass), b = weights(5, cfg.massB ?? cfg.mass);
    const ref = refSinkhorn({ a, x, b, y, ...cfg.opts });
    for (const backend of ['tensorized', 'online']) {
      const got = await lossAndGrads(cfg.opts, a, x, b, y, backend);
      assert.equal(got.shape, [], 'a scalar');
      close([got.value], [ref.value], 1e-11, 1e-14, `${backend} value`);
      close(got.gA, ref.gA, 1e-10, 1e-14, `${backend} grad a`);
      close(got.gB, ref.gB, 1e-10, 1e-14, `${backend} grad b`);
      close(got.gX, ref.gX.flat(), 1e-10, 1e-14, `${backend} grad x`);
      close(got.gY, ref.gY.flat(), 1e-10, 1e-14, `${backend} grad y`);
    }
    const [F, G] = await samplesLoss('sinkhorn', { ...cfg.opts, potentials: true })(T(a), T(x), T(b), T(y));
    close(F, ref.F, 1e-11, 1e-14, 'potential F');
    close(G, ref.G, 1e-11, 1e-14, 'potential G');
  });
}

/** Central differences of the loss along random directions (masses kept when balanced). */
async function checkFiniteDifferences(opts, balanced) {
  const x = cloud(6, 2), y = cloud(5, 2, 0.3);
  const a = weights(6, balanced ? 1 : 1.2), b = weights(5, balanced ? 1 : 0.9);
  const loss = samplesLoss('sinkhorn', { ...opts, backend: 'tensorized' });
  const f = async (a_, x_, b_, y_) => (await loss(T(a_), T(x_), T(b_), T(y_))).item();
  const g = await lossAndGrads(opts, a, x, b, y, 'tensorized');
  const h = 1e-5;
  for (let trial = 0; trial < 3; trial++) {
    const dx = x.map((r) => r.map(() => rand() - 0.5)), dy = y.map((r) => r.map(() => rand() - 0.5));
    let da = a.map(() => rand() - 0.5), db = b.map(() => rand() - 0.5);
    if (balanced) {
      const ma = da.reduce((s, t) => s + t, 0) / da.length, mb = db.reduce((s, t) => s + t, 0) / db.length;
      da = da.map((t) => t - ma); db = db.map((t) => t - mb);
    }
    const mv = (u, du, s) => u.map((r, i) => (Array.isArray(r) ? r.map((t, k) => t + s * du[i][k]) : r + s * du[i]));
    const fp = await f(mv(a, da, h), mv(x, dx, h), mv(b, db, h), mv(y, dy, h));
    const fm = await f(mv(a, da, -h), mv(x, dx, -h), mv(b, db, -h), mv(y, dy, -h));
    const fd = (fp - fm) / (2 * h);
    const dot = (gr, d) => Array.from(gr).reduce((s, t, k) => s + t * d.flat()[k], 0);
    const an = dot(g.gA, da) + dot(g.gB, db) + dot(g.gX, dx) + dot(g.gY, dy);
    assert.ok(Math.abs(fd - an) <= 2e-4 * Math.max(Math.abs(fd), 1e-3), `directional derivative ${an} vs finite differences ${fd}`);
  }
}

// Hundreds of iterations at temperatures within 1.44x of the last one: a converged loop, so that
// finite differences see the derivative of the converged divergence.
const converged = { blur: 0.5, diameter: 0.6, scaling: 0.9995 };

test('gradients are those of the converged divergence (finite differences): balanced', async () => {
  await checkFiniteDifferences({ p: 2, ...converged }, true);
  await checkFiniteDifferences({ p: 1, ...converged }, true);
  await checkFiniteDifferences({ p: 2, ...converged, debias: false }, true);
});

test('gradients are those of the converged divergence (finite differences): unbalanced, with rho + eps (not GeomLoss\'s rho + eps/2)', async () => {
  await checkFiniteDifferences({ p: 2, ...converged, reach: 0.7 }, false);
  await checkFiniteDifferences({ p: 1, ...converged, reach: 0.9 }, false);
  await checkFiniteDifferences({ p: 2, ...converged, reach: 0.7, debias: false }, false);
});

test('raw unbalanced OT_eps equals its primal objective at the optimum (masses != 1)', async () => {
  // <pi, C> + eps KL(pi | a x b) + rho KL(pi 1 | a) + rho KL(pi^T 1 | b), pi from the potentials.
  const x = cloud(6, 2), y = cloud(5, 2, 0.3);
  const a = weights(6, 1.5), b = weights(5, 0.6);
  const opts = { p: 2, blur: 0.4, diameter: 0.48, scaling: 0.9995, reach: 0.8, debias: false };
  const eps = 0.16, rho = 0.64;
  const [F, G] = await samplesLoss('sinkhorn', { ...opts, potentials: true })(T(a), T(x), T(b), T(y));
  const v = (await samplesLoss('sinkhorn', opts)(T(a), T(x), T(b), T(y))).item();
  const C = refCost(2);
  const pi = a.map((ai, i) => b.map((bj, j) => ai * bj * Math.exp((F.data[i] + G.data[j] - C(x[i], y[j])) / eps)));
  const kl = (p, q) => p.reduce((s, t, k) => s + (t > 0 ? t * Math.log(t / q[k]) : 0) - t + q[k], 0);
  const flatPi = pi.flat(), flatAB = a.flatMap((ai) => b.map((bj) => ai * bj));
  const primal = pi.reduce((s, row, i) => s + row.reduce((t, pij, j) => t + pij * C(x[i], y[j]), 0), 0)
    + eps * kl(flatPi, flatAB) + rho * kl(pi.map((r) => r.reduce((s, t) => s + t, 0)), a)
    + rho * kl(b.map((_, j) => pi.reduce((s, r) => s + r[j], 0)), b);
  assert.ok(Math.abs(primal - v) < 2e-5 * Math.abs(v), `dual ${v} vs primal ${primal}`);
  // GeomLoss's formula lacks eps (m_a m_b - (m_a + m_b) / 2) = -0.024 here.
  const geomloss = v - eps * (1.5 * 0.6 - (1.5 + 0.6) / 2);
  assert.ok(Math.abs(primal - geomloss) > 1e-2, 'the mass term matters');
});

test('properties: S(a, a) = 0 with a zero gradient, symmetry, positivity', async () => {
  for (const p of [1, 2]) {
    for (const backend of ['tensorized', 'online']) {
      const x = cloud(20, 3);
      const X = T(x, { requiresGrad: true });
      const s = await samplesLoss('sinkhorn', { p, backend })(X, T(x));
      assert.ok(Math.abs(s.item()) < 1e-14, `S(a, a) = ${s.item()} (p=${p}, ${backend})`);
      await s.backward();
      assert.ok(Array.from(X.grad.data).every((g) => Math.abs(g) < 1e-13), `zero gradient (p=${p}, ${backend})`);
      for (let trial = 0; trial < 3; trial++) {
        const u = cloud(15, 3), v = cloud(12, 3, 0.2 * trial, 0.5 + trial);
        const loss = samplesLoss('sinkhorn', { p, backend, blur: 0.1 });
        const s1 = (await loss(T(u), T(v))).item(), s2 = (await loss(T(v), T(u))).item();
        assert.ok(Math.abs(s1 - s2) <= 1e-12 * Math.abs(s1), `symmetry ${s1} vs ${s2}`);
        assert.ok(s1 > 0, `positivity ${s1}`);
      }
    }
  }
});

test('1-D: converges to the exact OT cost (sorted matching) as blur -> 0', async () => {
  const n = 40;
  const x = Array.from({ length: n }, () => [rand()]), y = Array.from({ length: n }, () => [rand() * 0.5 + 0.7]);
  const xs = x.map((r) => r[0]).sort((p, q) => p - q), ys = y.map((r) => r[0]).sort((p, q) => p - q);
  // p = 2 converges like blur^2, p = 1 like blur log(1 / blur).
  for (const [p, tol] of [[2, 2e-5], [1, 1e-2]]) {
    const exact = xs.reduce((s, t, k) => s + (p === 2 ? (t - ys[k]) ** 2 / 2 : Math.abs(t - ys[k])), 0) / n;
    let prevErr = Infinity;
    for (const blur of [0.1, 0.03, 0.01, 0.003, 0.001]) {
      const s = (await samplesLoss('sinkhorn', { p, blur, scaling: 0.99 })(T(x), T(y))).item();
      const err = Math.abs(s - exact) / exact;
      assert.ok(err < prevErr, `error decreases with blur (p=${p}, blur ${blur}: ${err})`);
      prevErr = err;
    }
    assert.ok(prevErr < tol, `relative error ${prevErr} at blur 0.001 (p=${p}, exact ${exact})`);
  }
});

test('online and tensorized agree in float32, and the contract call works as written', async () => {
  const N = 300, M = 250;
  const X = tensor(Float32Array.from({ length: N * 3 }, rand), [N, 3], { requiresGrad: true });
  const Y = tensor(Float32Array.from({ length: M * 3 }, () => rand() + 0.2), [M, 3]);
  const A = tensor(new Float32Array(N).fill(1 / N), [N]), B = tensor(new Float32Array(M).fill(1 / M), [M]);
  const results = [];
  for (const backend of ['tensorized', 'online', 'auto']) {
    const loss = samplesLoss('sinkhorn', { p: 2, blur: 0.05, scaling: 0.5, debias: true, reach: null, backend });
    const v = await loss(X, Y);
    const w = await loss(A, X, B, Y);
    assert.is(v.dtype, 'float32');
    assert.equal(v.shape, []);
    close([w.item()], [v.item()], 1e-6, 0, 'weighted = uniform');
    await v.backward();
    results.push({ v: v.item(), g: Float32Array.from(X.grad.data) });
    X.grad = null;
  }
  close([results[1].v], [results[0].v], 1e-4, 0, 'online vs tensorized value');
  close(results[1].g, results[0].g, 1e-3, 1e-7, 'online vs tensorized gradient');
});

test('batches [B, N, D]: one loss per element, equal to the unbatched losses, on both backends', async () => {
  const Bn = 3, N = 9, M = 7;
  const xs = Array.from({ length: Bn }, (_, k) => cloud(N, 2, 0.1 * k));
  const ys = Array.from({ length: Bn }, () => cloud(M, 2, 0.5));
  const X = tensor(Float64Array.from(xs.flat(2)), [Bn, N, 2], { requiresGrad: true });
  const Y = tensor(Float64Array.from(ys.flat(2)), [Bn, M, 2]);
  // GeomLoss pools the diameter over the batch: give it explicitly to compare with single calls.
  const opts = { blur: 0.1, diameter: 2 };
  for (const backend of ['tensorized', 'online']) {
    const L = await samplesLoss('sinkhorn', { ...opts, backend })(X, Y);
    assert.equal(L.shape, [Bn]);
    await L.sum().backward();
    for (let k = 0; k < Bn; k++) {
      const Xk = T(xs[k], { requiresGrad: true });
      const l = await samplesLoss('sinkhorn', { ...opts, backend })(Xk, T(ys[k]));
      close([L.data[k]], [l.item()], 1e-12, 1e-15, `${backend} batch ${k}`);
      await l.backward();
      close(X.grad.data.slice(k * N * 2, (k + 1) * N * 2), Xk.grad.data, 1e-10, 1e-15, `${backend} grad batch ${k}`);
    }
    X.grad = null;
  }
  const [F, G] = await samplesLoss('sinkhorn', { ...opts, potentials: true })(X, Y);
  assert.equal(F.shape, [Bn, N]);
  assert.equal(G.shape, [Bn, M]);
});

test.run();
