// samplesLoss on the inputs GeomLoss gets wrong (a single point, identical clouds, zero weights,
// zero diameter: defined values, never NaN), custom costs, options, abort and progress, the
// backend choice, and the typed errors for bad inputs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, samplesLoss, transportPlan, Vi, Vj, ValueError, ShapeError, DTypeError, AbortError, BackendError, webgpuInfo } from '../build/src/index.js';

const NAMES = ['sinkhorn', 'hausdorff', 'energy', 'gaussian', 'laplacian'];
const T = (v, shape, opts = {}) => tensor(Float64Array.from(v), shape, { dtype: 'float64', ...opts });
const finite = (t) => Array.from(t.data).every(Number.isFinite);

async function valueAndGrad(name, opts, x, sx, y, sy, a, b) {
  const X = T(x, sx, { requiresGrad: true });
  const Y = T(y, sy, { requiresGrad: true });
  const args = a ? [T(a, [a.length], { requiresGrad: true }), X, T(b, [b.length]), Y] : [X, Y];
  const L = await samplesLoss(name, opts)(...args);
  await L.backward();
  return { v: L.item(), gX: X.grad.data, gY: Y.grad.data, gA: a ? args[0].grad.data : null };
}

for (const name of NAMES) {
  for (const p of [1, 2]) {
    for (const backend of ['tensorized', 'online']) {
      const opts = { p, backend };
      test(`${name} p=${p} ${backend}: single points, identical clouds, zero diameter, zero weights`, async () => {
        // One point each: the transport cost itself for sinkhorn and hausdorff.
        const x = [0.2, 0.3], y = [0.7, 0.1];
        const d2 = 0.5 ** 2 + 0.2 ** 2;
        const single = await valueAndGrad(name, opts, x, [1, 2], y, [1, 2]);
        assert.ok(finite({ data: [single.v] }) && finite({ data: single.gX }), 'finite');
        if (name === 'sinkhorn' || name === 'hausdorff') {
          const c = p === 2 ? d2 / 2 : Math.sqrt(d2);
          assert.ok(Math.abs(single.v - c) < 1e-12, `single point: ${single.v} vs C(x, y) = ${c}`);
          const g = p === 2 ? [-0.5, 0.2] : [-0.5 / Math.sqrt(d2), 0.2 / Math.sqrt(d2)];
          assert.ok(single.gX.every((t, k) => Math.abs(t - g[k]) < 1e-9), `single point gradient ${Array.from(single.gX)} vs ${g}`);
        }
        // Identical clouds (coincident points, where |x - y| has no derivative): 0 and a zero gradient.
        const c3 = [0, 0, 1, 1, 0.5, 0.2];
        const same = await valueAndGrad(name, opts, c3, [3, 2], c3, [3, 2]);
        assert.ok(Math.abs(same.v) < 1e-14, `identical clouds: ${same.v}`);
        assert.ok(same.gX.every((t) => Math.abs(t) < 1e-12) && same.gY.every((t) => Math.abs(t) < 1e-12), 'zero gradients');
        // Every point at one location (GeomLoss takes log(0) for the schedule): 0, no NaN.
        const flat = await valueAndGrad(name, opts, [0.5, 0.5, 0.5, 0.5], [2, 2], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [3, 2]);
        assert.ok(Math.abs(flat.v) < 1e-14 && finite({ data: flat.gX }), `zero diameter: ${flat.v}`);
        // A zero weight: the same value as without the point, finite gradients.
        const zw = await valueAndGrad(name, opts, [0, 0, 5, 5, 1, 1], [3, 2], [0.1, 0, 1, 1.1], [2, 2], [0.5, 0, 0.5], [0.5, 0.5]);
        const without = await valueAndGrad(name, opts, [0, 0, 1, 1], [2, 2], [0.1, 0, 1, 1.1], [2, 2], [0.5, 0.5], [0.5, 0.5]);
        assert.ok(Math.abs(zw.v - without.v) < 1e-12, `zero weight: ${zw.v} vs ${without.v}`);
        assert.ok(finite({ data: zw.gX }) && finite({ data: zw.gA }), 'finite gradients with a zero weight');
        assert.ok(Math.abs(zw.gX[2]) < 1e-12 && Math.abs(zw.gX[3]) < 1e-12, 'a point without mass has no position gradient');
      });
    }
  }
}

test('float32: identical clouds and single points stay finite on every loss and backend', async () => {
  for (const name of NAMES) {
    for (const backend of ['tensorized', 'online']) {
      const X = tensor(Float32Array.of(0.1, 0.2, 0.3, 0.9, 0.4, 0.4), [3, 2], { requiresGrad: true });
      const L = await samplesLoss(name, { p: 1, backend })(X, tensor(Float32Array.of(0.1, 0.2, 0.3, 0.9, 0.4, 0.4), [3, 2]));
      await L.backward();
      assert.ok(Number.isFinite(L.item()) && finite(X.grad), `${name} ${backend}`);
    }
  }
});

test('custom costs: GeomLoss formula strings (every backend) and functions (lazy online, dense tensorized)', async () => {
  const x = Array.from({ length: 20 }, (_, k) => Math.sin(k)), y = Array.from({ length: 16 }, (_, k) => Math.cos(3 * k) + 0.2);
  const X = T(x, [10, 2]), Y = T(y, [8, 2]);
  for (const [p, formula] of [[2, '(SqDist(X,Y) / IntCst(2))'], [1, 'Norm2(X-Y)']]) {
    for (const name of ['sinkhorn', 'hausdorff']) {
      for (const backend of ['tensorized', 'online']) {
        const ref = (await samplesLoss(name, { p, backend })(X, Y)).item();
        const got = (await samplesLoss(name, { p, backend, cost: formula })(X, Y)).item();
        assert.ok(Math.abs(got - ref) < 1e-12 * Math.abs(ref), `${name} ${backend} '${formula}': ${got} vs ${ref}`);
      }
    }
  }
  const ref = (await samplesLoss('sinkhorn', { p: 2, backend: 'online' })(X, Y)).item();
  const lazy = (await samplesLoss('sinkhorn', { backend: 'online', cost: (u, v) => u.sqdist(v).mul(0.5) })(X, Y)).item();
  const denseCost = (u, v) => {
    const [B, N, D] = u.shape;
    return u.reshape([B, N, 1, D]).sub(v.reshape([B, 1, v.shape[1], D])).square().sum(-1).mul(0.5);
  };
  const dense = (await samplesLoss('sinkhorn', { backend: 'tensorized', cost: denseCost })(X, Y)).item();
  assert.ok(Math.abs(lazy - ref) < 1e-12 * ref && Math.abs(dense - ref) < 1e-12 * ref, `${lazy}, ${dense} vs ${ref}`);
  // A cost of the wrong kind for the backend is a clear error.
  await rejects(() => samplesLoss('sinkhorn', { backend: 'tensorized', cost: (u, v) => Vi(u.reshape([-1, 2])).sqdist(Vj(v.reshape([-1, 2]))) })(X, Y), DTypeError, /LazyTensor/);
  await rejects(() => samplesLoss('sinkhorn', { backend: 'online', cost: () => X })(X, Y), DTypeError, /must return a LazyTensor/);
  await rejects(() => samplesLoss('sinkhorn', { cost: 'SqDist(X,Z)' })(X, Y), ValueError, /unknown name 'Z'/);
  await rejects(() => samplesLoss('sinkhorn', { cost: 'SqDist(X,Y' })(X, Y), ValueError, /expected '\)'/);
});

test('progress and abort: one report per iteration of the schedule, AbortError when the signal fires', async () => {
  const X = T([0, 0, 1, 0, 0, 1], [3, 2]), Y = T([2, 2, 3, 2], [2, 2]);
  const reports = [];
  await samplesLoss('sinkhorn', { blur: 0.1, scaling: 0.5, onProgress: (r) => { reports.push(r); } })(X, Y);
  // diameter = |(3, 2) - (0, 0)| = sqrt(13): schedule [13, 13 * 0.25^k while > 0.01, 0.01].
  const n = 1 + Math.ceil(Math.log(0.01 / 13) / Math.log(0.25)) + 1;
  assert.is(reports.length, n);
  assert.equal(reports.map((r) => r.iteration), Array.from({ length: n }, (_, k) => k + 1));
  assert.ok(Math.abs(reports[0].epsilon - 13) < 1e-12 && Math.abs(reports[n - 1].blur - 0.1) < 1e-12);
  const controller = new AbortController();
  let error;
  try {
    await samplesLoss('sinkhorn', { backend: 'online', signal: controller.signal, onProgress: (r) => { if (r.iteration === 2) controller.abort(); } })(X, Y);
  } catch (e) { error = e; }
  assert.instance(error, AbortError);
  error = undefined;
  try { await samplesLoss('hausdorff', { signal: AbortSignal.abort() })(X, Y); } catch (e) { error = e; }
  assert.instance(error, AbortError);
});

test("an explicit backend is taken at any size, and the loss says so (lastBackend, lastChoice)", async () => {
  const loss = samplesLoss('sinkhorn', { backend: 'tensorized' });
  assert.is(loss.lastBackend, null);
  assert.is(loss.lastChoice, null);
  await loss(T([0, 1, 2], [3, 1]), T([1, 2], [2, 1]));
  assert.is(loss.lastBackend, 'tensorized');
  assert.equal(loss.lastChoice.reason, "options.backend is 'tensorized'");
});

async function rejects(fn, Type, pattern) {
  let error;
  try { await fn(); } catch (e) { error = e; }
  assert.ok(error, `expected a ${Type.name}`);
  assert.instance(error, Type);
  if (pattern) assert.match(error.message, pattern);
}

test('errors: bad loss names and options are typed errors at creation', async () => {
  await rejects(() => samplesLoss('wasserstein'), ValueError, /loss name/);
  await rejects(() => samplesLoss('sinkhorn', { bluur: 0.1 }), ValueError, /unknown option 'bluur'/);
  for (const p of [0.5, 0, -2, NaN, Infinity, '2']) await rejects(() => samplesLoss('sinkhorn', { p }), ValueError, /options\.p must be a finite number >= 1/);
  for (const blur of [0, -1, NaN, Infinity, '0.1']) await rejects(() => samplesLoss('sinkhorn', { blur }), ValueError, /blur/);
  for (const scaling of [0, 1, 1.5, -0.5]) await rejects(() => samplesLoss('sinkhorn', { scaling }), ValueError, /scaling/);
  await rejects(() => samplesLoss('sinkhorn', { reach: 0 }), ValueError, /reach/);
  await rejects(() => samplesLoss('sinkhorn', { diameter: -1 }), ValueError, /diameter/);
  await rejects(() => samplesLoss('sinkhorn', { backend: 'gpu' }), ValueError, /backend/);
  await rejects(() => samplesLoss('sinkhorn', { debias: 1 }), ValueError, /debias/);
  await rejects(() => samplesLoss('sinkhorn', { cost: 3 }), DTypeError, /cost/);
  await rejects(() => samplesLoss('sinkhorn', { kernel: 'Exp(-SqDist(X,Y))' }), ValueError, /kernel/);
  await rejects(() => samplesLoss('gaussian', { cost: 'SqDist(X,Y)' }), ValueError, /cost/);
  await rejects(() => samplesLoss('hausdorff', { reach: 0.5 }), ValueError, /balanced/);
  await rejects(() => samplesLoss('sinkhorn', { signal: {} }), ValueError, /signal/);
  await rejects(() => samplesLoss('sinkhorn', { onProgress: 1 }), ValueError, /onProgress/);
});

test('errors: bad inputs are typed errors naming the problem', async () => {
  const loss = samplesLoss('sinkhorn');
  const X = T([0, 0, 1, 1, 2, 2], [3, 2]), Y = T([0, 1, 1, 0], [2, 2]);
  const a = T([0.2, 0.3, 0.5], [3]), b = T([0.5, 0.5], [2]);
  await rejects(() => loss(X), ValueError, /two \(x, y\), four/);
  await rejects(() => loss(X, Y, a), ValueError, /two \(x, y\), four/);
  await rejects(() => loss([0, 1], Y), DTypeError, /points x/);
  await rejects(() => loss(tensor(Int32Array.of(1, 2), [1, 2]), Y), DTypeError, /int32/);
  await rejects(() => loss(T([0, 1, 2], [3]), Y), ShapeError, /\[N, D\]/);
  await rejects(() => loss(X, T([0, 1, 2, 3, 4, 5], [2, 3])), ShapeError, /last dimension/);
  await rejects(() => loss(T([], [0, 2]), Y), ShapeError, /at least one point/);
  await rejects(() => loss(T([0, 1, 2, 3, 4, 5], [1, 3, 2]), Y), ShapeError, /number of dimensions/);
  await rejects(() => loss(T([0, 1, 2, 3, 4, 5, 6, 7], [2, 2, 2]), T([0, 1, 2, 3, 4, 5], [3, 1, 2])), ShapeError, /batch size/);
  await rejects(() => loss(b, X, b, Y), ShapeError, /weights a must have shape \[N = 3\]/);
  await rejects(() => loss(a, X, T([1], [1]), Y), ShapeError, /weights b/);
  await rejects(() => loss(T([0.2, 0.3, 0.5], [3, 1]), X, b, Y), ShapeError, /same number of dimensions/);
  await rejects(() => loss(T([0.5, -0.5, 1], [3]), X, b, Y), ValueError, /non-negative/);
  await rejects(() => loss(T([0.5, NaN, 0.5], [3]), X, b, Y), ValueError, /non-negative/);
  await rejects(() => loss(T([0, 0, 0], [3]), X, b, Y), ValueError, /total mass of 0/);
  await rejects(() => loss(T([0.2, 0.3, 0.6], [3]), X, b, Y), ValueError, /equal total mass/);
  await rejects(() => loss(T([0, NaN, 1, 1, 2, 2], [3, 2]), Y), ValueError, /finite coordinates/);
  await rejects(() => loss(X, T([0, Infinity, 1, 0], [2, 2])), ValueError, /finite coordinates/);
  await rejects(() => samplesLoss('sinkhorn', { backend: 'online' })(tensor(Int32Array.of(0, 0, 1)), a, X, tensor(Int32Array.of(0, 1)), b, Y), ValueError, /labels/);
  // Unequal masses are fine for unbalanced transport and the other losses.
  const heavier = T([0.4, 0.6, 1], [3]);
  for (const [name, opts] of [['sinkhorn', { reach: 1 }], ['hausdorff', {}], ['gaussian', {}]]) {
    assert.ok(Number.isFinite((await samplesLoss(name, opts)(heavier, X, b, Y)).item()), name);
  }
});

test('weights: [N, 1] and [B, N, 1] shapes, float64 weights with float32 points, potentials shaped like the weights', async () => {
  const X = tensor(Float32Array.of(0, 0, 1, 1, 2, 0.5), [3, 2]), Y = tensor(Float32Array.of(0, 1, 1, 0), [2, 2]);
  const a = T([0.2, 0.3, 0.5], [3, 1], { requiresGrad: true }), b = T([0.5, 0.5], [2, 1]);
  const L = await samplesLoss('sinkhorn')(a, X, b, Y);
  assert.is(L.dtype, 'float32');
  await L.backward();
  assert.equal(a.grad.shape, [3, 1]);
  const [F, G] = await samplesLoss('sinkhorn', { potentials: true })(a, X, b, Y);
  assert.equal(F.shape, [3, 1]);
  assert.equal(G.shape, [2, 1]);
  const v = Array.from(F.data).reduce((s, f, i) => s + f * a.data[i], 0) + Array.from(G.data).reduce((s, g, j) => s + g * b.data[j], 0);
  assert.ok(Math.abs(v - L.item()) < 1e-5, `<a, F> + <b, G> = ${v} vs ${L.item()}`);
});

test("backend 'webgpu': accepted by every loss; float64 points refused before any work; without an adapter a BackendError (the GPU runs are in test/smoke/gpu-checks.mjs)", async () => {
  const X = tensor(Float32Array.from([0, 0.5, 1, 1.5]), [4, 1]);
  const X64 = T([0, 0.5, 1, 1.5], [4, 1]);
  const hasGpu = (await webgpuInfo()).available;
  for (const name of NAMES) {
    const loss = samplesLoss(name, { backend: 'webgpu' });
    assert.is(loss.options.backend, 'webgpu');
    await rejects(() => loss(X64, X64), DTypeError, /'webgpu' backend runs float32/);
    if (!hasGpu) await rejects(() => loss(X, X), BackendError, /webgpu/);
  }
  await rejects(() => transportPlan(X64, X64, { backend: 'webgpu' }), DTypeError, /'webgpu' backend runs float32/);
  assert.throws(() => samplesLoss('sinkhorn', { backend: 'gpu' }), (e) => e instanceof ValueError && /'webgpu'/.test(e.message));
});

test.run();
