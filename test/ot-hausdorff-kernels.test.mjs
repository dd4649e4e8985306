// samplesLoss('hausdorff' | 'energy' | 'gaussian' | 'laplacian'): values against dense float64
// references written here, gradients against finite differences (Hausdorff's include the
// implicit derivative of its potentials), limits, properties, backends, custom kernels.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, samplesLoss } from '../build/src/index.js';

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
const sq = (u, v) => u.reduce((s, uk, k) => s + (uk - v[k]) ** 2, 0);

function close(actual, expected, rtol, atol, what) {
  const a = Array.from(actual.data ?? actual), e = Array.from(expected);
  assert.is(a.length, e.length, `${what}: length`);
  const scale = Math.max(...e.map(Math.abs), 1e-300);
  for (let k = 0; k < e.length; k++) {
    if (!(Math.abs(a[k] - e[k]) <= atol + rtol * scale)) assert.unreachable(`${what}[${k}]: ${a[k]} vs expected ${e[k]}`);
  }
}

// --- references -------------------------------------------------------------------------------

const kernels = {
  gaussian: (blur) => (u, v) => Math.exp(-sq(u, v) / (2 * blur * blur)),
  laplacian: (blur) => (u, v) => Math.exp(-Math.sqrt(sq(u, v)) / blur),
  energy: () => (u, v) => -Math.sqrt(sq(u, v)),
};

function refKernelLoss(name, blur, a, x, b, y) {
  const k = kernels[name](blur);
  const quad = (w1, z1, w2, z2) => w1.reduce((s, wi, i) => s + wi * w2.reduce((t, wj, j) => t + wj * k(z1[i], z2[j]), 0), 0);
  return 0.5 * quad(a, x, a, x) + 0.5 * quad(b, y, b, y) - quad(a, x, b, y);
}

/** Hausdorff divergence: GeomLoss's symmetric loops for OT(a, a) and OT(b, b), then 1/2 <a - b, B - A>. */
function refHausdorff({ p = 2, blur, scaling = 0.5, diameter }, a, x, b, y) {
  const C = (u, v) => (p === 2 ? sq(u, v) / 2 : Math.sqrt(sq(u, v)));
  const eps = blur ** p;
  const list = [diameter ** p];
  const start = p * Math.log(diameter), n = Math.ceil((p * Math.log(blur) - start) / (p * Math.log(scaling)));
  for (let k = 0; k < n; k++) list.push(Math.exp(start + k * p * Math.log(scaling)));
  list.push(eps);
  const softmin = (e, Z, S, h) => Z.map((z) => {
    const v = S.map((s, j) => h[j] - C(z, s) / e);
    const m = Math.max(...v);
    return -e * (m + Math.log(v.reduce((t, vj) => t + Math.exp(vj - m), 0)));
  });
  const lw = (w) => w.map(Math.log);
  const sym = (w, z) => {
    let f = softmin(list[0], z, z, lw(w));
    for (const e of list) f = f.map((t, i) => 0.5 * (t + softmin(e, z, z, lw(w).map((l, j) => l + f[j] / e))[i]));
    return lw(w).map((l, j) => l + f[j] / eps);
  };
  const hA = sym(a, x), hB = sym(b, y);
  const Ax = softmin(eps, x, x, hA), Ay = softmin(eps, y, x, hA), Bx = softmin(eps, x, y, hB), By = softmin(eps, y, y, hB);
  const dot = (u, v) => u.reduce((s, t, k) => s + t * v[k], 0);
  return 0.5 * (dot(a, Bx.map((t, i) => t - Ax[i])) + dot(b, Ay.map((t, j) => t - By[j])));
}

async function fdCheck(name, opts, a, x, b, y, rtol) {
  const loss = samplesLoss(name, opts);
  const A = T(a, { requiresGrad: true }), X = T(x, { requiresGrad: true }), B = T(b, { requiresGrad: true }), Y = T(y, { requiresGrad: true });
  const L = await loss(A, X, B, Y);
  await L.backward();
  const h = 1e-6;
  for (let trial = 0; trial < 2; trial++) {
    const d = [a, x, b, y].map((t) => t.map((r) => (Array.isArray(r) ? r.map(() => rand() - 0.5) : rand() - 0.5)));
    const mv = (u, du, s) => u.map((r, i) => (Array.isArray(r) ? r.map((t, k) => t + s * du[i][k]) : r + s * du[i]));
    const f = async (s) => (await loss(T(mv(a, d[0], s)), T(mv(x, d[1], s)), T(mv(b, d[2], s)), T(mv(y, d[3], s)))).item();
    const fd = (await f(h) - await f(-h)) / (2 * h);
    const an = [A, X, B, Y].reduce((s, t, k) => s + Array.from(t.grad.data).reduce((u, g, e) => u + g * d[k].flat()[e], 0), 0);
    assert.ok(Math.abs(an - fd) <= rtol * Math.max(Math.abs(fd), 1e-4), `${name} ${JSON.stringify(opts)}: gradient ${an} vs finite differences ${fd}`);
  }
  return L.item();
}

// --- kernels ----------------------------------------------------------------------------------

for (const name of ['gaussian', 'laplacian', 'energy']) {
  test(`${name}: value equals the dense reference on both backends, gradients equal finite differences`, async () => {
    const x = cloud(9, 3), y = cloud(7, 3, 0.3);
    const a = weights(9), b = weights(7, 1.4);
    const blur = 0.4;
    const ref = refKernelLoss(name, blur, a, x, b, y);
    for (const backend of ['tensorized', 'online']) {
      const v = await fdCheck(name, { blur, backend }, a, x, b, y, 1e-6);
      close([v], [ref], 1e-11, 1e-14, `${name} ${backend}`);
    }
    const [F, G] = await samplesLoss(name, { blur, potentials: true })(T(a), T(x), T(b), T(y));
    // F and G are the gradients of the loss with respect to the weights.
    const A = T(a, { requiresGrad: true }), B = T(b, { requiresGrad: true });
    await (await samplesLoss(name, { blur })(A, T(x), B, T(y))).backward();
    close(F, A.grad.data, 1e-12, 1e-15, 'F');
    close(G, B.grad.data, 1e-12, 1e-15, 'G');
  });
}

test('kernels: a custom kernel formula (GeomLoss syntax, on points divided by blur) equals the built-in one', async () => {
  const x = cloud(10, 2), y = cloud(8, 2, 0.2);
  for (const backend of ['tensorized', 'online']) {
    const builtIn = (await samplesLoss('gaussian', { blur: 0.3, backend })(T(x), T(y))).item();
    const custom = (await samplesLoss('gaussian', { blur: 0.3, backend, kernel: 'Exp(-SqDist(X,Y) / IntCst(2))' })(T(x), T(y))).item();
    close([custom], [builtIn], 1e-12, 0, backend);
  }
  const viaFunction = (await samplesLoss('laplacian', { blur: 0.3, backend: 'online', kernel: (u, v, blur) => u.sub(v).norm2().mul(-1 / blur).exp() })(T(x), T(y))).item();
  const builtIn = (await samplesLoss('laplacian', { blur: 0.3 })(T(x), T(y))).item();
  close([viaFunction], [builtIn], 1e-12, 0, 'function kernel');
});

test('kernels: zero for identical measures, positive otherwise, float32 backends agree', async () => {
  for (const name of ['gaussian', 'laplacian', 'energy']) {
    const x = cloud(12, 3);
    const v0 = await samplesLoss(name, { blur: 0.5 })(T(x), T(x));
    assert.ok(Math.abs(v0.item()) < 1e-14, `${name}(a, a) = ${v0.item()}`);
    const X = tensor(Float32Array.from(cloud(200, 3).flat()), [200, 3]), Y = tensor(Float32Array.from(cloud(150, 3, 0.5).flat()), [150, 3]);
    const t = (await samplesLoss(name, { blur: 0.5, backend: 'tensorized' })(X, Y)).item();
    const o = (await samplesLoss(name, { blur: 0.5, backend: 'online' })(X, Y)).item();
    assert.ok(t > 0 && Math.abs(t - o) < 1e-4 * t + 1e-6, `${name}: tensorized ${t} vs online ${o}`);
  }
});

// --- Hausdorff --------------------------------------------------------------------------------

test('hausdorff: value equals the float64 reference (symmetric loops + extrapolations) on both backends', async () => {
  const x = cloud(8, 2), y = cloud(6, 2, 0.5);
  const a = weights(8), b = weights(6);
  for (const p of [1, 2]) {
    const opts = { p, blur: 0.2, scaling: 0.7, diameter: 1.5 };
    const ref = refHausdorff(opts, a, x, b, y);
    for (const backend of ['tensorized', 'online']) {
      const v = (await samplesLoss('hausdorff', { ...opts, backend })(T(a), T(x), T(b), T(y))).item();
      close([v], [ref], 1e-11, 1e-15, `p=${p} ${backend}`);
    }
  }
});

test('hausdorff: exact gradients (implicit derivative of the potentials), weights and points, both backends', async () => {
  const x = cloud(6, 2), y = cloud(5, 2, 0.3);
  const a = weights(6, 1.3), b = weights(5, 0.8);
  // A long schedule near the final temperature converges the loops, so that finite differences
  // see the derivative of the divergence itself.
  for (const [p, blur, backend] of [[2, 0.5, 'tensorized'], [1, 0.5, 'tensorized'], [2, 0.15, 'online'], [1, 0.3, 'online']]) {
    await fdCheck('hausdorff', { p, blur, diameter: 1.2 * blur, scaling: 0.9995, backend }, a, x, b, y, 2e-4);
  }
});

test('hausdorff: H(a, a) = 0, symmetric, positive; ICP loss as blur -> 0, energy distance as blur -> infinity (p = 1)', async () => {
  const x = cloud(15, 2), y = cloud(12, 2, 0.4);
  const X = T(x, { requiresGrad: true });
  const h0 = await samplesLoss('hausdorff', {})(X, T(x));
  assert.ok(Math.abs(h0.item()) < 1e-14, `H(a, a) = ${h0.item()}`);
  await h0.backward();
  assert.ok(Array.from(X.grad.data).every((g) => Math.abs(g) < 1e-12), 'zero gradient at a = b');
  for (let trial = 0; trial < 4; trial++) {
    const u = cloud(10, 2, 0, 1 + trial), v = cloud(9, 2, 0.3 * trial);
    const loss = samplesLoss('hausdorff', { blur: 0.1 * (trial + 1) });
    const h1 = (await loss(T(u), T(v))).item(), h2 = (await loss(T(v), T(u))).item();
    assert.ok(h1 > 0 && Math.abs(h1 - h2) < 1e-12 * h1, `symmetric and positive: ${h1}, ${h2}`);
  }
  for (const p of [1, 2]) {
    const C = (u, v) => (p === 2 ? sq(u, v) / 2 : Math.sqrt(sq(u, v)));
    const dmin = (z, S) => Math.min(...S.map((s) => C(z, s)));
    const icp = 0.5 * (x.reduce((s, z) => s + dmin(z, y), 0) / x.length + y.reduce((s, z) => s + dmin(z, x), 0) / y.length);
    const h = (await samplesLoss('hausdorff', { p, blur: 0.002, scaling: 0.9 })(T(x), T(y))).item();
    assert.ok(Math.abs(h - icp) < 1e-2 * icp, `p=${p}: blur -> 0 gives the ICP loss ${icp}, got ${h}`);
  }
  const energy = (await samplesLoss('energy')(T(x), T(y))).item();
  const far = (await samplesLoss('hausdorff', { p: 1, blur: 1e4 })(T(x), T(y))).item();
  assert.ok(Math.abs(far - energy) < 1e-3 * energy, `blur -> infinity gives the energy distance ${energy}, got ${far}`);
});

test('hausdorff: batches, potentials and float32 backends agree', async () => {
  const Bn = 2, N = 8, M = 6;
  const xs = Array.from({ length: Bn }, () => cloud(N, 2)), ys = Array.from({ length: Bn }, () => cloud(M, 2, 0.3));
  const X = tensor(Float64Array.from(xs.flat(2)), [Bn, N, 2]), Y = tensor(Float64Array.from(ys.flat(2)), [Bn, M, 2]);
  const L = await samplesLoss('hausdorff', { diameter: 2, backend: 'online' })(X, Y);
  assert.equal(L.shape, [Bn]);
  for (let k = 0; k < Bn; k++) {
    const l = (await samplesLoss('hausdorff', { diameter: 2 })(T(xs[k]), T(ys[k]))).item();
    close([L.data[k]], [l], 1e-12, 0, `batch ${k}`);
  }
  const [F, G] = await samplesLoss('hausdorff', { potentials: true })(T(xs[0]), T(ys[0]));
  const v = (await samplesLoss('hausdorff', {})(T(xs[0]), T(ys[0]))).item();
  close([Array.from(F.data).reduce((s, t) => s + t / N, 0) + Array.from(G.data).reduce((s, t) => s + t / M, 0)], [v], 1e-12, 0, '<a, F> + <b, G>');
  const X32 = tensor(Float32Array.from(cloud(200, 3).flat()), [200, 3]), Y32 = tensor(Float32Array.from(cloud(180, 3, 0.3).flat()), [180, 3]);
  const t = (await samplesLoss('hausdorff', { backend: 'tensorized' })(X32, Y32)).item();
  const o = (await samplesLoss('hausdorff', { backend: 'online' })(X32, Y32)).item();
  assert.ok(Math.abs(t - o) < 1e-4 * t, `tensorized ${t} vs online ${o}`);
});

test.run();
