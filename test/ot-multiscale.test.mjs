// The 'multiscale' backend: the clustering steps (KeOps's grid_cluster, cluster_ranges_centroids,
// from_matrix, swap_axes), the coarse-to-fine Sinkhorn loop with kernel truncation against the
// online backend, explicit labels, kernels, and GeomLoss's automatic backend choice.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, samplesLoss, gridCluster } from '../build/src/index.js';
import { relabel, gatherRows, inversePermutation } from '../build/src/ot/clustering.js';
import { injectCalibration } from '../build/src/ot/backend-calibration.js';

let seed = 99;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const cloud = (n, d, shift = 0, s = 1, Arr = Float64Array) => tensor(Arr.from({ length: n * d }, () => shift + s * rand()), [n, d]);

function close(actual, expected, rtol, atol, what) {
  const a = Array.from(actual.data ?? actual), e = Array.from(expected.data ?? expected);
  assert.is(a.length, e.length, `${what}: length`);
  const scale = Math.max(...e.map(Math.abs), 1e-300);
  for (let k = 0; k < e.length; k++) {
    if (!(Math.abs(a[k] - e[k]) <= atol + rtol * scale)) assert.unreachable(`${what}[${k}]: ${a[k]} vs expected ${e[k]}`);
  }
}

test('clustering glue: compact labels from user labels, a differentiable gather, inverse permutations', async () => {
  assert.equal(Array.from(relabel(tensor(Float64Array.of(7, -1, 7, 3, 40)))), [2, 0, 2, 1, 3]);
  const t = tensor(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2], { requiresGrad: true });
  const perm = Int32Array.of(2, 0, 1);
  const g = gatherRows(t, perm);
  assert.equal(Array.from(g.data), [5, 6, 1, 2, 3, 4]);
  await g.mul(tensor(Float64Array.of(1, 10, 100, 1000, 1e4, 1e5), [3, 2])).sum().backward();
  assert.equal(Array.from(t.grad.data), [100, 1000, 1e4, 1e5, 1, 10]);
  assert.equal(Array.from(inversePermutation(perm)), [1, 2, 0]);
});

async function run(loss, a, x, b, y) {
  const A = tensor(a.data.slice(), a.shape, { requiresGrad: true }), X = tensor(x.data.slice(), x.shape, { requiresGrad: true });
  const B = tensor(b.data.slice(), b.shape, { requiresGrad: true }), Y = tensor(y.data.slice(), y.shape, { requiresGrad: true });
  const L = await loss(A, X, B, Y);
  await L.backward();
  return { v: L.item(), gA: A.grad, gX: X.grad, gB: B.grad, gY: Y.grad };
}

const weights = (n) => {
  const w = Float64Array.from({ length: n }, () => 0.5 + rand());
  const t = w.reduce((p, q) => p + q, 0);
  return tensor(w.map((v) => v / t), [n]);
};

test('sinkhorn multiscale with one point per cluster is the online backend exactly (sorting, extrapolation, gradients)', async () => {
  const x = cloud(300, 3), y = cloud(200, 3, 0.3, 0.8), a = weights(300), b = weights(200);
  for (const opts of [{ p: 2 }, { p: 1 }, { p: 2, reach: 0.5 }, { p: 2, debias: false }]) {
    const o = await run(samplesLoss('sinkhorn', { ...opts, blur: 0.1, backend: 'online' }), a, x, b, y);
    const m = await run(samplesLoss('sinkhorn', { ...opts, blur: 0.1, backend: 'multiscale', clusterScale: 1e-6 }), a, x, b, y);
    close([m.v], [o.v], 1e-12, 0, `${JSON.stringify(opts)} value`);
    for (const k of ['gA', 'gX', 'gB', 'gY']) close(m[k], o[k], 1e-10, 1e-16, `${JSON.stringify(opts)} ${k}`);
    const [Fo, Go] = await samplesLoss('sinkhorn', { ...opts, blur: 0.1, backend: 'online', potentials: true })(a, x, b, y);
    const [Fm, Gm] = await samplesLoss('sinkhorn', { ...opts, blur: 0.1, backend: 'multiscale', clusterScale: 1e-6, potentials: true })(a, x, b, y);
    close(Fm, Fo, 1e-10, 1e-16, 'F in the input order');
    close(Gm, Go, 1e-10, 1e-16, 'G in the input order');
  }
});

test('sinkhorn multiscale with real clusters and kernel truncation stays close to online (float32, 3-D)', async () => {
  const x = cloud(2500, 3, 0, 1, Float32Array), y = cloud(2000, 3, 0.3, 0.6, Float32Array);
  const a = tensor(new Float32Array(2500).fill(1 / 2500), [2500]), b = tensor(new Float32Array(2000).fill(1 / 2000), [2000]);
  const o = await run(samplesLoss('sinkhorn', { blur: 0.05, backend: 'online' }), a, x, b, y);
  const m = await run(samplesLoss('sinkhorn', { blur: 0.05, backend: 'multiscale' }), a, x, b, y);
  assert.ok(Math.abs(m.v - o.v) < 2e-3 * o.v, `values: multiscale ${m.v}, online ${o.v}`);
  // The coarse iterations leave the fine potentials one or two iterations from convergence.
  const norm = (t) => Math.sqrt(Array.from(t.data).reduce((s, v) => s + v * v, 0));
  const diff = (s, t) => Math.sqrt(Array.from(s.data).reduce((u, v, k) => u + (v - t.data[k]) ** 2, 0));
  assert.ok(diff(m.gX, o.gX) < 0.05 * norm(o.gX), `point gradients differ by ${diff(m.gX, o.gX) / norm(o.gX)}`);
  assert.ok(diff(m.gA, o.gA) < 0.05 * norm(o.gA), `weight gradients differ by ${diff(m.gA, o.gA) / norm(o.gA)}`);
  // Without truncation the fine iterations see every pair: closer still.
  const full = await run(samplesLoss('sinkhorn', { blur: 0.05, backend: 'multiscale', truncate: null }), a, x, b, y);
  assert.ok(Math.abs(full.v - o.v) < 2e-3 * o.v, `no truncation: ${full.v} vs ${o.v}`);
});

test('multiscale: explicit cluster labels (six arguments) equal the grid clustering they describe', async () => {
  const x = cloud(400, 2), y = cloud(300, 2, 0.2), a = weights(400), b = weights(300);
  const scale = 0.1;
  const lx = gridCluster(x, scale), ly = gridCluster(y, scale);
  const loss = samplesLoss('sinkhorn', { blur: 0.02, clusterScale: scale });
  const viaLabels = (await loss(lx, a, x, ly, b, y)).item();
  const viaGrid = (await samplesLoss('sinkhorn', { blur: 0.02, clusterScale: scale, backend: 'multiscale' })(a, x, b, y)).item();
  close([viaLabels], [viaGrid], 1e-12, 0, 'labels vs grid');
  // Custom costs: a formula string works with truncation, a function only without it.
  const str = (await samplesLoss('sinkhorn', { blur: 0.02, clusterScale: scale, backend: 'multiscale', cost: '(SqDist(X,Y) / IntCst(2))' })(a, x, b, y)).item();
  close([str], [viaGrid], 1e-12, 0, 'formula cost');
  let error;
  try { await samplesLoss('sinkhorn', { blur: 0.02, backend: 'multiscale', cost: (u, v) => u.sqdist(v).mul(0.5) })(a, x, b, y); } catch (e) { error = e; }
  assert.match(error?.message ?? '', /truncate: null/);
  const fn = (await samplesLoss('sinkhorn', { blur: 0.02, backend: 'multiscale', truncate: null, cost: (u, v) => u.sqdist(v).mul(0.5) })(a, x, b, y)).item();
  assert.ok(Number.isFinite(fn));
});

test('kernels on the multiscale backend: truncated sums close to online; energy and truncate: null are online', async () => {
  const x = cloud(1500, 3), y = cloud(1200, 3, 0.2);
  for (const name of ['gaussian', 'laplacian']) {
    const o = (await samplesLoss(name, { blur: 0.1, backend: 'online' })(x, y)).item();
    const m = (await samplesLoss(name, { blur: 0.1, backend: 'multiscale' })(x, y)).item();
    assert.ok(Math.abs(m - o) < 1e-2 * o, `${name}: multiscale ${m} vs online ${o}`);
    const full = (await samplesLoss(name, { blur: 0.1, backend: 'multiscale', truncate: null })(x, y)).item();
    close([full], [o], 1e-12, 0, `${name} without truncation`);
  }
  const e1 = (await samplesLoss('energy', { backend: 'online' })(x, y)).item();
  const e2 = (await samplesLoss('energy', { backend: 'multiscale' })(x, y)).item();
  close([e2], [e1], 1e-12, 0, 'energy');
  // GeomLoss's multiscale Hausdorff is its broken kernel routine; ours runs the online one.
  const h1 = (await samplesLoss('hausdorff', { backend: 'online' })(x, y)).item();
  const h2 = (await samplesLoss('hausdorff', { backend: 'multiscale' })(x, y)).item();
  close([h2], [h1], 1e-12, 0, 'hausdorff');
});

test("auto backend: cluster labels take multiscale; multiscale is a candidate only for 'sinkhorn' with p = 2 in dimension <= 3, as GeomLoss", async () => {
  const x = cloud(30, 2), y = cloud(20, 2, 0.2);
  const a = tensor(new Float64Array(30).fill(1 / 30)), b = tensor(new Float64Array(20).fill(1 / 20));
  const labelled = samplesLoss('sinkhorn', { blur: 0.05 });
  await labelled(tensor(Float64Array.from({ length: 30 }, (_, i) => i % 3)), a, x, tensor(Float64Array.from({ length: 20 }, (_, i) => i % 2)), b, y);
  assert.is(labelled.lastBackend, 'multiscale');
  assert.match(labelled.lastChoice.reason, /cluster labels/);
  // Engine timings that make multiscale the cheapest whenever it is a candidate.
  const fast = { pairs: [1, 1e6], seconds: [1e-9, 1e-3] };
  const costs = { engine: { forward: fast, backward: fast }, sparse: { clusterSize: [8], ratio: [1], fixed: 0 }, host: { softmin: { pairs: [1], seconds: [1] }, cost: { pairs: [1], seconds: [1e-12] }, backward: { pairs: [1], seconds: [1] } }, gpu: false };
  const previous = injectCalibration(costs);
  try {
    const big = cloud(300, 3), other = cloud(300, 3, 0.1);
    const picked = async (name, options, X = big, Y = other) => {
      const loss = samplesLoss(name, { clusterScale: 0.3, ...options });
      await loss(X, Y);
      return loss.lastBackend;
    };
    assert.is(await picked('sinkhorn', {}), 'multiscale');
    assert.is(await picked('sinkhorn', { p: 1 }), 'online');
    assert.is(await picked('hausdorff', {}), 'online');
    assert.is(await picked('gaussian', {}), 'online');
    assert.is(await picked('sinkhorn', {}, cloud(300, 4), cloud(300, 4)), 'online');
  } finally {
    injectCalibration(previous);
  }
});

test.run();
