// transportPlan: the Sinkhorn plan pi_ij = a_i b_j exp((F_i + G_j - C_ij) / eps) as a LazyTensor
// and its barycentric map. Marginals against a and b to the tolerance (several sizes, blurs,
// scalings 0.5 and 0.9, float64 and float32), the plan against a float64 brute-force Sinkhorn
// run to convergence (balanced, unbalanced, p = 1.5, a custom cost), matchings (argmax, top-K),
// the map, backends, in-place writes, the registration example and typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tensor, transportPlan, samplesLoss, Vj, LazyTensor, ValueError, ShapeError, DTypeError, AbortError } from '../build/src/index.js';
import { refPlan } from './helpers/sinkhorn-reference.mjs';
import { refinePotentials } from '../build/src/ot/sinkhorn-refine.js';
import { registrationData, register } from '../build/examples/lib/registration-model.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let seed = 2024;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const cloud = (n, d, shift = 0, s = 1) => Array.from({ length: n }, () => Array.from({ length: d }, () => shift + s * rand()));
const weights = (n, mass = 1) => {
  const w = Array.from({ length: n }, () => 0.2 + rand());
  const t = w.reduce((p, q) => p + q, 0);
  return w.map((v) => (mass * v) / t);
};
const T = (rows, dtype = 'float64') => {
  const shape = Array.isArray(rows[0]) ? [rows.length, rows[0].length] : [rows.length];
  return tensor((dtype === 'float64' ? Float64Array : Float32Array).from(rows.flat()), shape);
};
const identity = (m) => T(Array.from({ length: m }, (_, j) => Array.from({ length: m }, (_, k) => (j === k ? 1 : 0))));

/** The plan as dense rows, by one reduction: sum_j pi_ij E_jk = pi_ik with E the identity. */
async function densePlan(ot, M) {
  const P = await ot.plan.mul(Vj(identity(M))).sum(1);
  return Array.from({ length: P.shape[0] }, (_, i) => Array.from(P.data.slice(i * M, (i + 1) * M)));
}

/** sum_k |u_k - v_k| / sum_k |v_k|. */
const l1 = (u, v) => {
  let e = 0, m = 0;
  for (let k = 0; k < v.length; k++) { e += Math.abs(u[k] - v[k]); m += Math.abs(v[k]); }
  return e / m;
};

function close(actual, expected, rtol, atol, what) {
  const a = Array.from(actual.data ?? actual).flat(), e = Array.from(expected).flat();
  assert.is(a.length, e.length, `${what}: length`);
  const scale = Math.max(...e.map(Math.abs), 1e-300);
  for (let k = 0; k < e.length; k++) {
    if (!(Math.abs(a[k] - e[k]) <= atol + rtol * scale)) assert.unreachable(`${what}[${k}]: ${a[k]} vs expected ${e[k]} (rtol ${rtol}, atol ${atol})`);
  }
}

async function rejects(fn, Type, pattern) {
  let error;
  try { await fn(); } catch (e) { error = e; }
  assert.ok(error, `expected a ${Type.name}`);
  assert.instance(error, Type);
  if (pattern) assert.match(error.message, pattern);
}

test('the contract call: plan [N, M] LazyTensor, F [N], G [M], marginals ~ A and B, the map [N, D]', async () => {
  const N = 40, M = 30;
  const X = T(cloud(N, 3), 'float32'), Y = T(cloud(M, 3, 0.2), 'float32');
  const ot = await transportPlan(X, Y, { p: 2, blur: 0.05, scaling: 0.5 });
  assert.instance(ot.plan, LazyTensor);
  assert.equal(ot.plan.shape, [N, M]);
  assert.equal(ot.F.shape, [N]);
  assert.equal(ot.G.shape, [M]);
  assert.is(ot.F.dtype, 'float32');
  const rows = await ot.plan.sum(1), cols = await ot.plan.sum(0);
  assert.equal(rows.shape, [N, 1]);
  assert.equal(cols.shape, [M, 1]);
  assert.ok(l1(rows.data, new Array(N).fill(1 / N)) < 3e-4, `rows ${l1(rows.data, new Array(N).fill(1 / N))}`);
  assert.ok(l1(cols.data, new Array(M).fill(1 / M)) < 3e-4, `cols ${l1(cols.data, new Array(M).fill(1 / M))}`);
  const Tx = await ot.map();
  assert.equal(Tx.shape, [N, 3]);
  // Weighted form, with the options last.
  const A = T(weights(N), 'float32'), B = T(weights(M), 'float32');
  const ow = await transportPlan(A, X, B, Y, { p: 2, blur: 0.05, scaling: 0.5 });
  assert.ok(ow.converged);
  assert.ok(l1((await ow.plan.sum(1)).data, A.data) < 3e-4);
  assert.ok(l1((await ow.plan.sum(0)).data, B.data) < 3e-4);
});

test('balanced marginals match a and b to tol: sizes 1 to 64, blurs 0.1 and 0.3, scalings 0.5 and 0.9, p = 1, 2 (float64)', async () => {
  const tol = 1e-9;
  for (const [N, M] of [[1, 1], [1, 6], [5, 1], [7, 5], [33, 17], [64, 45]]) {
    for (const [blur, scaling, p] of [[0.1, 0.5, 2], [0.3, 0.9, 2], [0.1, 0.9, 1], [0.3, 0.5, 1]]) {
      const a = weights(N), b = weights(M);
      const ot = await transportPlan(T(a), T(cloud(N, 2)), T(b), T(cloud(M, 2, 0.3)), { p, blur, scaling, tol });
      const what = `N=${N} M=${M} blur=${blur} scaling=${scaling} p=${p}`;
      assert.ok(ot.converged, `${what}: converged (${ot.marginalError} after ${ot.iterations})`);
      const er = l1((await ot.plan.sum(1)).data, a), ec = l1((await ot.plan.sum(0)).data, b);
      assert.ok(er <= tol * 1.01 + 1e-14, `${what}: row marginal error ${er}`);
      assert.ok(ec <= 1e-13, `${what}: column marginal error ${ec}`);
    }
  }
});

test('the final updates matter: GeomLoss\'s potentials alone (maxIter 0) miss the marginals at scaling 0.5', async () => {
  const N = 64, M = 45;
  const X = T(cloud(N, 2)), Y = T(cloud(M, 2, 0.3));
  const raw = await transportPlan(X, Y, { blur: 0.05, scaling: 0.5, maxIter: 0, tol: 1e-9 });
  assert.is(raw.iterations, 0);
  assert.not.ok(raw.converged);
  const errRaw = l1((await raw.plan.sum(1)).data, new Array(N).fill(1 / N));
  assert.ok(errRaw > 1e-2, `error without the final updates ${errRaw}`);
  close([raw.marginalError], [errRaw], 1e-8, 0, 'reported error = measured error');
  const ot = await transportPlan(X, Y, { blur: 0.05, scaling: 0.5, tol: 1e-9, maxIter: 5000 });
  assert.ok(ot.converged && ot.iterations > 0, `${ot.iterations} updates, error ${ot.marginalError}`);
  assert.ok(l1((await ot.plan.sum(1)).data, new Array(N).fill(1 / N)) < 1.01e-9);
  // And the potentials given by samplesLoss agree with GeomLoss's (the same loop) before the updates.
  const [F] = await samplesLoss('sinkhorn', { blur: 0.05, scaling: 0.5, debias: false, potentials: true })(X, Y);
  close(raw.F, F.data, 1e-12, 1e-14, 'F before the final updates');
});

test('a tol below what float32 resolves: the updates stop at the float32 fixed point or once the error stalls, not at maxIter', async () => {
  const X = T(cloud(60, 2), 'float32'), Y = T(cloud(50, 2, 0.2), 'float32');
  const ot = await transportPlan(X, Y, { blur: 0.05, tol: 1e-12, maxIter: 5000 });
  assert.ok(ot.iterations < 1000, `${ot.iterations} updates`);
  assert.ok(ot.converged === (ot.marginalError <= 1e-12));
  assert.ok(ot.marginalError < 1e-4, `stopped at ${ot.marginalError}`);
  // The plan's own float32 rounding (exponents F / eps ~ 10^2) stays: ~1e-5, not 1e-12.
  const er = l1((await ot.plan.sum(1)).data, new Array(60).fill(1 / 60));
  assert.ok(er < 1e-4, `row error ${er}`);
});

test('float32: marginals to the default tol (1e-4), blur 0.05, scalings 0.5 and 0.9, online and tensorized', async () => {
  for (const backend of ['online', 'tensorized']) {
    for (const scaling of [0.5, 0.9]) {
      const N = 101, M = 77;
      const X = T(cloud(N, 2), 'float32'), Y = T(cloud(M, 2, 0.2), 'float32');
      const ot = await transportPlan(X, Y, { blur: 0.05, scaling, backend });
      assert.ok(ot.converged, `${backend} ${scaling}: ${ot.marginalError} after ${ot.iterations}`);
      // The plan's float32 exponents (F / eps ~ 10^2) round at ~1e-5: a little above tol.
      const er = l1((await ot.plan.sum(1)).data, new Array(N).fill(1 / N)), ec = l1((await ot.plan.sum(0)).data, new Array(M).fill(1 / M));
      assert.ok(er < 3e-4 && ec < 3e-4, `${backend} ${scaling}: row error ${er}, column error ${ec}`);
    }
  }
});

test('the plan equals a float64 brute-force Sinkhorn run to convergence: p = 2, p = 1.5, a custom cost', async () => {
  const N = 7, M = 5;
  const x = cloud(N, 2), y = cloud(M, 2, 0.4), a = weights(N), b = weights(M);
  const cases = [
    { opts: { p: 2, blur: 0.2 }, ref: { p: 2 } },
    { opts: { p: 1.5, blur: 0.2 }, ref: { p: 1.5 } },
    { opts: { p: 2, blur: 0.2, cost: 'SqDist(X,Y)' }, ref: { p: 2, cost: (u, v) => u.reduce((s, t, k) => s + (t - v[k]) ** 2, 0) } },
  ];
  for (const { opts, ref: refOpts } of cases) {
    for (const backend of ['tensorized', 'online']) {
      const ot = await transportPlan(T(a), T(x), T(b), T(y), { ...opts, backend, tol: 1e-13, maxIter: 100000 });
      const ref = refPlan({ a, x, b, y, blur: opts.blur, ...refOpts });
      const what = `${JSON.stringify(opts)} ${backend}`;
      close(await densePlan(ot, M), ref.plan, 1e-10, 1e-16, `${what}: plan`);
      // Balanced potentials are unique up to F + c, G - c.
      const c = ot.F.data[0] - ref.F[0];
      close(ot.F, ref.F.map((t) => t + c), 1e-10, 1e-14, `${what}: F`);
      close(ot.G, ref.G.map((t) => t - c), 1e-10, 1e-14, `${what}: G`);
    }
  }
});

test('unbalanced (reach): the plan of the unbalanced fixed point, marginals a exp(-F / rho) and b exp(-G / rho)', async () => {
  const N = 9, M = 6;
  const x = cloud(N, 2), y = cloud(M, 2, 0.5), a = weights(N, 1.3), b = weights(M, 0.7);
  const reach = 0.5, blur = 0.2, rho = reach ** 2;
  for (const backend of ['tensorized', 'online']) {
    const ot = await transportPlan(T(a), T(x), T(b), T(y), { blur, reach, backend, tol: 1e-13, maxIter: 100000 });
    assert.ok(ot.converged);
    const ref = refPlan({ a, x, b, y, blur, reach });
    close(ot.F, ref.F, 1e-10, 1e-14, `${backend}: F (unique when unbalanced)`);
    close(ot.G, ref.G, 1e-10, 1e-14, `${backend}: G`);
    close(await densePlan(ot, M), ref.plan, 1e-10, 1e-16, `${backend}: plan`);
    close(await ot.plan.sum(1), a.map((t, i) => t * Math.exp(-ot.F.data[i] / rho)), 1e-11, 0, `${backend}: row marginal`);
    close(await ot.plan.sum(0), b.map((t, j) => t * Math.exp(-ot.G.data[j] / rho)), 1e-11, 0, `${backend}: column marginal`);
    // Not a and b: mass is created or destroyed where transport costs more than rho allows.
    assert.ok(l1((await ot.plan.sum(1)).data, a) > 1e-2);
  }
});

test('matching: argmax(1) finds a shuffled copy\'s partners, argKmin(3) on -pi the top-3 of each row, and the map = pi y / pi 1', async () => {
  // A jittered 8 x 5 grid: neighbours at least 0.08 apart, four blurs.
  const N = 40;
  const x = Array.from({ length: N }, (_, k) => [0.12 * (k % 8) + 0.02 * rand(), 0.12 * Math.floor(k / 8) + 0.02 * rand()]);
  const perm = Array.from({ length: N }, (_, k) => k).sort(() => rand() - 0.5);
  const y = perm.map((k) => x[k].map((t) => t + 0.01 * (rand() - 0.5) + 0.3));
  const ot = await transportPlan(T(x), T(y), { blur: 0.02, scaling: 0.7 });
  const match = await ot.plan.argmax(1);
  assert.equal(match.shape, [N, 1]);
  for (let i = 0; i < N; i++) assert.is(perm[match.data[i]], i, `x_${i} matched to y_${match.data[i]}`);
  // Top-3 of each row against the dense plan's ordering.
  const dense = await densePlan(ot, N);
  const top = await ot.plan.neg().argKmin(3, 1);
  assert.equal(top.shape, [N, 3]);
  for (let i = 0; i < N; i++) {
    const order = dense[i].map((v, j) => [v, j]).sort((p, q) => q[0] - p[0]).slice(0, 3).map((e) => e[1]);
    assert.equal(Array.from(top.data.slice(3 * i, 3 * i + 3)), order, `row ${i}`);
  }
  // The map by one reduction against the dense plan.
  const Tx = await ot.map();
  const want = dense.map((row) => {
    const s = row.reduce((p, q) => p + q, 0);
    return [0, 1].map((k) => row.reduce((acc, v, j) => acc + v * y[j][k], 0) / s);
  });
  close(Tx, want, 1e-10, 1e-14, 'map');
});

test('the map moves a translated cloud by the translation (p = 2, error below blur)', async () => {
  const N = 200;
  const x = cloud(N, 2), t = [0.7, -0.2];
  const ot = await transportPlan(T(x, 'float32'), T(x.map((r) => [r[0] + t[0], r[1] + t[1]]), 'float32'), { blur: 0.02, scaling: 0.7, tol: 1e-3 });
  const Tx = await ot.map();
  let err = 0;
  for (let i = 0; i < N; i++) err += Math.hypot(Tx.data[2 * i] - x[i][0] - t[0], Tx.data[2 * i + 1] - x[i][1] - t[1]);
  assert.ok(err / N < 0.02, `mean error ${err / N}`);
});

test('registration (done-when): the map moves the shape onto its deformed copy, mean error below blur; far below without the map', async () => {
  const blur = 0.03;
  const data = registrationData(250);
  const r = await register(data, blur, { tol: 1e-3 });
  assert.ok(r.meanError < blur / 2, `mean error ${r.meanError} for blur ${blur}`);
  let before = 0;
  for (let i = 0; i < 250; i++) before += Math.hypot(data.X.data[2 * i] - data.truth.data[2 * i], data.X.data[2 * i + 1] - data.truth.data[2 * i + 1]);
  assert.ok(before / 250 > 10 * blur, `the shape starts ${before / 250} away`);
});

test('the registration example runs and draws its figure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-registration-'));
  try {
    const out = execFileSync(process.execPath, [join(root, 'build/examples/registration.js'), '--n', '150', '--blur', '0.04'], { cwd: dir, encoding: 'utf8' });
    assert.match(out, /mean \|T\(x_i\) - deform\(x_i\)\| = [\d.]+/);
    const png = readFileSync(join(dir, 'out', 'registration.png'));
    assert.equal(Array.from(png.subarray(0, 4)), [137, 80, 78, 71]);
    assert.ok(png.length > 20000, `${png.length} bytes`);
    const listed = readFileSync(join(dir, 'out', 'figures.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(listed.map((f) => [f.file, f.script]), [['registration.png', 'registration.js']]);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'registration.json'), 'utf8'));
    assert.ok(summary.meanError < 0.04, `mean error ${summary.meanError}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('backends agree: tensorized, online and multiscale give one plan', async () => {
  const N = 60, M = 50;
  const X = T(cloud(N, 2)), Y = T(cloud(M, 2, 0.3));
  const plans = [];
  for (const backend of ['tensorized', 'online', 'multiscale']) {
    const ot = await transportPlan(X, Y, { blur: 0.1, backend, tol: 1e-12, maxIter: 20000 });
    assert.ok(ot.converged, backend);
    plans.push(await densePlan(ot, M));
  }
  close(plans[1], plans[0], 1e-8, 1e-14, 'online vs tensorized');
  close(plans[2], plans[0], 1e-8, 1e-14, 'multiscale vs tensorized');
});

test('in-place writes: a second call on the same tensors sees the new data (no stale potentials)', async () => {
  const N = 30, M = 20;
  const X = T(cloud(N, 2)), Y = T(cloud(M, 2, 0.2));
  const first = await transportPlan(X, Y, { blur: 0.1 });
  // Rewrite X in place without markChanged(): the potential cache keys on id and version.
  const moved = cloud(N, 2, 1.5);
  X.data.set(moved.flat());
  const again = await transportPlan(X, Y, { blur: 0.1 });
  const fresh = await transportPlan(T(moved), tensor(Float64Array.from(Y.data), [M, 2]), { blur: 0.1 });
  close(again.F, fresh.F.data, 1e-12, 1e-14, 'F after the in-place write');
  close(again.G, fresh.G.data, 1e-12, 1e-14, 'G after the in-place write');
  assert.ok(Math.abs(again.F.data[0] - first.F.data[0]) > 1e-3, 'the potentials changed');
  assert.ok(l1((await again.plan.sum(1)).data, new Array(N).fill(1 / N)) <= 1.01e-6, 'marginal after the in-place write');
  // samplesLoss's debiased calls do use the cache: markChanged() is what tells it.
});

test('gradients flow through the plan\'s cost (F, G fixed): d/dx of sum_i |T(x_i)|^2 is finite', async () => {
  const X = tensor(Float64Array.from(cloud(12, 2).flat()), [12, 2], { requiresGrad: true });
  const ot = await transportPlan(X, T(cloud(9, 2, 0.3)), { blur: 0.2 });
  assert.not.ok(ot.F.requiresGrad);
  const Tx = await ot.map();
  await Tx.mul(Tx).sum().backward();
  assert.equal(X.grad.shape, [12, 2]);
  assert.ok(Array.from(X.grad.data).every(Number.isFinite));
  assert.ok(Array.from(X.grad.data).some((g) => g !== 0));
});

test('an AbortSignal stops the final updates with an AbortError', async () => {
  const X = T(cloud(400, 2)), Y = T(cloud(400, 2, 0.2));
  const controller = new AbortController();
  const started = performance.now();
  setTimeout(() => controller.abort(), 200);
  // float64, blur 0.002, tol 1e-14: thousands of updates of 160,000 pairs, far longer than 200 ms.
  await rejects(() => transportPlan(X, Y, { blur: 0.002, tol: 1e-14, maxIter: 100000, signal: controller.signal }), AbortError);
  assert.ok(performance.now() - started < 10000, 'stopped promptly');
});

test('over-relaxation that does not contract falls back to plain updates from the best potential, and converges', async () => {
  // A linear fixed point f -> Tb(Ta(f)) = -0.9025 f: plain updates contract, w = 1.8 blows up.
  let calls = 0;
  const linear = (c) => async (t) => { calls++; return tensor(Float64Array.from(t.data, (v) => c * v), t.shape); };
  const args = { Ta: linear(-0.95), Tb: linear(0.95), a: tensor([1]), f: tensor([1]), eps: 1, rho: null, damping: 1, tol: 1e-10, maxIter: 10000 };
  const r = await refinePotentials(args);
  assert.ok(r.marginalError <= 1e-10, `error ${r.marginalError} after ${r.iterations}`);
  assert.ok(Math.abs(r.f.data[0]) < 1e-9, `f = ${r.f.data[0]}`);
  assert.ok(calls < 1000, `${calls} calls`);
  // maxIter bounds the work: the last pair is measured and returned.
  const capped = await refinePotentials({ ...args, maxIter: 6 });
  assert.is(capped.iterations, 6);
  assert.ok(capped.marginalError > 1e-10);
});

test('errors: typed, naming the argument, before any work', async () => {
  const X = T(cloud(5, 2)), Y = T(cloud(4, 2));
  await rejects(() => transportPlan(X), ValueError, /takes \(x, y\) or \(a, x, b, y\)/);
  await rejects(() => transportPlan(X, Y, X), ValueError, /takes \(x, y\)/);
  await rejects(() => transportPlan(X, [1, 2]), DTypeError, /transportPlan: the points y must be a Tensor/);
  await rejects(() => transportPlan(X, Y, { tol: 0 }), ValueError, /options\.tol must be a positive finite number/);
  await rejects(() => transportPlan(X, Y, { tol: NaN }), ValueError, /options\.tol/);
  await rejects(() => transportPlan(X, Y, { maxIter: 1.5 }), ValueError, /options\.maxIter must be a non-negative integer/);
  await rejects(() => transportPlan(X, Y, { debias: true }), ValueError, /debias must be false/);
  await rejects(() => transportPlan(X, Y, { potentials: true }), ValueError, /potentials does not apply/);
  await rejects(() => transportPlan(X, Y, { kernel: 'Exp(-SqDist(X,Y))' }), ValueError, /kernel does not apply/);
  await rejects(() => transportPlan(X, Y, { bluur: 0.1 }), ValueError, /transportPlan: unknown option 'bluur'/);
  await rejects(() => transportPlan(X, Y, { p: 0.5 }), ValueError, /transportPlan: options\.p must be a finite number >= 1/);
  await rejects(() => transportPlan(X, Y, { cost: (u, v) => u.sqdist(v), backend: 'tensorized' }), ValueError, /cost function .* 'tensorized'/);
  await rejects(() => transportPlan(tensor(new Float64Array(12), [2, 3, 2]), tensor(new Float64Array(12), [2, 3, 2])), ShapeError, /no batch axis/);
  await rejects(() => transportPlan(T([0.5, 0.5]), T(cloud(2, 2)), T([0.3, 0.3]), T(cloud(2, 2))), ValueError, /transportPlan: balanced transport .* equal total mass/);
  await rejects(() => transportPlan(T([[0, NaN]]), Y), ValueError, /transportPlan: the points x must have finite coordinates/);
  await rejects(() => transportPlan(T([-1, 2]), T(cloud(2, 2)), T([0.5, 0.5]), T(cloud(2, 2))), ValueError, /transportPlan: the weights a must be finite and non-negative/);
  await rejects(() => transportPlan(X, tensor(new Int32Array(8), [4, 2])), DTypeError, /float32 or float64/);
});

test('a cost function (LazyTensor form) builds the plan on the online backend', async () => {
  const x = cloud(8, 2), y = cloud(6, 2, 0.2), a = weights(8), b = weights(6);
  const ot = await transportPlan(T(a), T(x), T(b), T(y), { blur: 0.2, cost: (u, v) => u.sqdist(v).mul(0.5), tol: 1e-12, maxIter: 100000 });
  const ref = refPlan({ a, x, b, y, blur: 0.2 });
  close(await densePlan(ot, 6), ref.plan, 1e-9, 1e-16, 'plan with the cost function');
});

test.run();
