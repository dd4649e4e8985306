// Sinkhorn divergences and barycenters of densities on grids (imagesLoss, imagesBarycenter:
// GeomLoss's sinkhorn_images and ImagesBarycenter). The loss is checked against samplesLoss on
// the grid's points weighted by the pixel masses (values, potentials and gradients, float64 to
// 1e-10), and its gradients against finite differences; the barycenter against a dense float64
// reference of GeomLoss's iteration written here, and for its properties.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, imagesLoss, imagesBarycenter, samplesLoss, ShapeError, DTypeError, ValueError, AbortError } from '../build/src/index.js';
import { upsample, sumPool, pyramid } from '../build/src/ot/images-pyramid.js';

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

/** A random density of the given shape: positive pixels (some zero when `holes`), total mass `mass`. */
function density(shape, { dtype = 'float64', mass = 1, holes = false } = {}) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, () => (holes && rand() < 0.3 ? 0 : rand() + 0.05));
  if (holes) v[0] = 1; // never all zero
  const t = v.reduce((a, b) => a + b, 0);
  return tensor(v.map((x) => (x * mass) / t), shape, { dtype });
}

/** The grid's points: pixel (k0, k1, ...) at (k0 / n0, k1 / n1, ...), row-major as the pixels. */
function gridPoints(shape) {
  const pts = [];
  const rec = (prefix, axis) => {
    if (axis === shape.length) return void pts.push(...prefix);
    for (let k = 0; k < shape[axis]; k++) rec([...prefix, k / shape[axis]], axis + 1);
  };
  rec([], 0);
  return tensor(pts, [pts.length / shape.length, shape.length], { dtype: 'float64' });
}

/** The same loss on the grid's points: samplesLoss with the same options (p = 1: the Manhattan cost). */
function pointCloudLoss(opts) {
  return samplesLoss('sinkhorn', { ...opts, ...(opts.p === 1 ? { cost: 'Sum(Abs(X-Y))' } : {}) });
}

function close(actual, expected, rtol, atol, what) {
  const a = Array.from(actual), e = Array.from(expected);
  assert.is(a.length, e.length, `${what}: length`);
  for (let k = 0; k < a.length; k++) {
    assert.ok(Math.abs(a[k] - e[k]) <= atol + rtol * Math.abs(e[k]), `${what}[${k}]: ${a[k]} vs ${e[k]}`);
  }
}

const CASES = [
  { shape: [5, 7], opts: { blur: 0.1 } },
  { shape: [1, 9], opts: { blur: 0.05, scaling: 0.7 } },
  { shape: [6, 1], opts: { p: 1, blur: 0.1 } },
  { shape: [12, 10], opts: { blur: 0.05, diameter: 1 } },
  { shape: [3, 4, 5], opts: { blur: 0.1 } },
  { shape: [2, 1, 3], opts: { p: 1, blur: 0.2, scaling: 0.8 } },
  { shape: [4, 6], opts: { blur: 0.1, reach: 0.5 }, masses: [1.3, 0.7] },
  { shape: [5, 3], opts: { blur: 0.1, debias: false }, masses: [2, 2] },
  { shape: [3, 3, 2], opts: { p: 1, blur: 0.15, reach: 0.3, debias: false }, masses: [0.8, 1.1] },
];

for (const { shape, opts, masses = [1, 1] } of CASES) {
  test(`imagesLoss equals samplesLoss on the grid's points weighted by the pixels: [${shape}] ${JSON.stringify(opts)}`, async () => {
    const A = density(shape, { mass: masses[0], holes: true });
    const B = density(shape, { mass: masses[1] });
    const X = gridPoints(shape);
    const n = A.size;
    const Ai = tensor(Array.from(A.data), shape, { dtype: 'float64', requiresGrad: true });
    const Bi = tensor(Array.from(B.data), shape, { dtype: 'float64', requiresGrad: true });
    const Li = await imagesLoss('sinkhorn', opts)(Ai, Bi);
    assert.equal(Li.shape, []);
    await Li.backward();
    const a = tensor(Array.from(A.data), [n], { dtype: 'float64', requiresGrad: true });
    const b = tensor(Array.from(B.data), [n], { dtype: 'float64', requiresGrad: true });
    const Ls = await pointCloudLoss(opts)(a, X, b, X);
    await Ls.backward();
    close([Li.item()], [Ls.item()], 1e-10, 1e-14, 'loss');
    assert.ok(Math.abs(Li.item()) > 1e-6, `a loss that is not trivially zero: ${Li.item()}`);
    assert.equal(Ai.grad.shape, shape);
    close(Ai.grad.data, a.grad.data, 1e-10, 1e-13, 'gradient in A');
    close(Bi.grad.data, b.grad.data, 1e-10, 1e-13, 'gradient in B');
    const [F, G] = await imagesLoss('sinkhorn', { ...opts, potentials: true })(A, B);
    const [Fs, Gs] = await pointCloudLoss({ ...opts, potentials: true })(a.detach(), X, b.detach(), X);
    assert.equal(F.shape, shape);
    assert.equal(G.shape, shape);
    close(F.data, Fs.data, 1e-10, 1e-13, 'potential F');
    close(G.data, Gs.data, 1e-10, 1e-13, 'potential G');
  });
}

test('imagesLoss of two single-pixel masses is the cost between the pixels, |x - y|^2 / 2', async () => {
  const A = tensor([1, 0, 0, 0, 0, 0, 0, 0], [2, 4], { dtype: 'float64' });
  const B = tensor([0, 0, 0, 0, 0, 0, 0, 1], [2, 4], { dtype: 'float64' });
  const L = await imagesLoss('sinkhorn', { blur: 0.01 })(A, B);
  close([L.item()], [(0.5 ** 2 + 0.75 ** 2) / 2], 1e-9, 0, 'loss');
  const same = await imagesLoss('sinkhorn', { blur: 0.05 })(A, A);
  close([same.item()], [0], 0, 1e-12, 'S(A, A)');
});

test('imagesLoss in float32 agrees with float64, and a float64 image makes the loss float64', async () => {
  const A = density([9, 11], { holes: true }), B = density([9, 11]);
  const f64 = (await imagesLoss('sinkhorn', { blur: 0.05 })(A, B)).item();
  const A32 = tensor(Float32Array.from(A.data), A.shape, { requiresGrad: true });
  const B32 = tensor(Float32Array.from(B.data), B.shape);
  const L32 = await imagesLoss('sinkhorn', { blur: 0.05 })(A32, B32);
  assert.is(L32.dtype, 'float32');
  close([L32.item()], [f64], 1e-4, 1e-7, 'float32 loss');
  await L32.backward();
  assert.is(A32.grad.dtype, 'float32');
  const Am = tensor(Float32Array.from(A.data), A.shape);
  assert.is((await imagesLoss('sinkhorn', { blur: 0.05 })(Am, B)).dtype, 'float64');
});

test('the oracle backend gives the same loss as the wasm engine', async () => {
  const A = density([4, 5]), B = density([4, 5]);
  const wasm = (await imagesLoss('sinkhorn', { blur: 0.1, backend: 'wasm' })(A, B)).item();
  const oracle = (await imagesLoss('sinkhorn', { blur: 0.1, backend: 'oracle' })(A, B)).item();
  close([wasm], [oracle], 1e-12, 1e-15, 'loss');
});

/** Central differences of the loss along random directions of both images (masses kept when balanced). */
async function checkFiniteDifferences(shape, opts, balanced, rtol = 2e-4) {
  const A = density(shape, { mass: balanced ? 1 : 1.2 }), B = density(shape, { mass: balanced ? 1 : 0.8 });
  const loss = imagesLoss('sinkhorn', opts);
  const Ag = tensor(Array.from(A.data), shape, { dtype: 'float64', requiresGrad: true });
  const Bg = tensor(Array.from(B.data), shape, { dtype: 'float64', requiresGrad: true });
  await (await loss(Ag, Bg)).backward();
  const h = 1e-5;
  for (let trial = 0; trial < 2; trial++) {
    let da = Array.from(A.data, () => rand() - 0.5), db = Array.from(B.data, () => rand() - 0.5);
    if (balanced) {
      const ma = da.reduce((s, t) => s + t, 0) / da.length, mb = db.reduce((s, t) => s + t, 0) / db.length;
      da = da.map((t) => t - ma);
      db = db.map((t) => t - mb);
    }
    const at = async (s) => (await loss(
      tensor(Array.from(A.data, (v, k) => v + s * da[k]), shape, { dtype: 'float64' }),
      tensor(Array.from(B.data, (v, k) => v + s * db[k]), shape, { dtype: 'float64' }),
    )).item();
    const fd = (await at(h) - await at(-h)) / (2 * h);
    const an = da.reduce((s, t, k) => s + t * Ag.grad.data[k], 0) + db.reduce((s, t, k) => s + t * Bg.grad.data[k], 0);
    // Relative to the size of the terms of the dot product (a small derivative is a cancellation).
    const scale = da.reduce((s, t, k) => s + Math.abs(t * Ag.grad.data[k]), 0) + db.reduce((s, t, k) => s + Math.abs(t * Bg.grad.data[k]), 0);
    assert.ok(Math.abs(fd - an) <= rtol * scale, `directional derivative ${an} vs finite differences ${fd}`);
  }
}

// Many iterations at temperatures close to the last one: a converged loop, so that finite
// differences see the derivative of the converged divergence (the gradient the potentials give).
const converged = { blur: 0.5, diameter: 0.6, scaling: 0.9995 };

test('gradients are those of the converged divergence (finite differences): balanced, p = 2 and p = 1', async () => {
  await checkFiniteDifferences([3, 4], { p: 2, ...converged }, true);
  // p = 1 converges more slowly on this schedule: 2.5e-4 from the converged derivative.
  await checkFiniteDifferences([2, 2, 2], { p: 1, ...converged }, true, 5e-4);
});

test('gradients are those of the converged divergence (finite differences): unbalanced', async () => {
  await checkFiniteDifferences([4, 3], { p: 2, ...converged, reach: 0.7 }, false);
});

test('imagesLoss reports its progress and stops on its signal', async () => {
  const A = density([8, 8]), B = density([8, 8]);
  const seen = [];
  await imagesLoss('sinkhorn', { blur: 0.05, onProgress: (p) => void seen.push(p) })(A, B);
  assert.ok(seen.length > 3);
  assert.is(seen.at(-1).iteration, seen.at(-1).iterations);
  close([seen.at(-1).epsilon], [0.05 ** 2], 1e-12, 0, 'last epsilon');
  const controller = new AbortController();
  controller.abort();
  try {
    await imagesLoss('sinkhorn', { signal: controller.signal })(A, B);
    assert.unreachable('an aborted signal must reject');
  } catch (e) {
    assert.instance(e, AbortError);
  }
});

test('imagesLoss refuses bad images and options with typed errors, before any work', async () => {
  const good = density([3, 4]);
  const L = imagesLoss('sinkhorn');
  const rejects = async (p, Cls, pattern) => {
    try {
      await p();
      assert.unreachable('expected an error');
    } catch (e) {
      assert.instance(e, Cls, String(e));
      assert.match(e.message, pattern);
    }
  };
  const withPixel = (k, v) => tensor(Array.from(good.data, (x, j) => (j === k ? v : x)), [3, 4], { dtype: 'float64' });
  await rejects(() => L(withPixel(2, -0.1), good), ValueError, /image A must have finite, non-negative pixels, found -0.1 at flat index 2/);
  await rejects(() => L(good, withPixel(5, NaN)), ValueError, /image B must have finite, non-negative pixels, found NaN/);
  await rejects(() => L(good, withPixel(0, Infinity)), ValueError, /image B .*Infinity/);
  await rejects(() => L(good, density([4, 3])), ShapeError, /\[3, 4\] and the image B \[4, 3\] must have the same shape/);
  await rejects(() => L(tensor([0, 0, 0, 0], [2, 2]), tensor([0, 0, 0, 0], [2, 2])), ValueError, /total mass of 0/);
  await rejects(() => L(good, density([3, 4], { mass: 2 })), ValueError, /equal total mass/);
  await rejects(() => L(density([12]), density([12])), ShapeError, /\[H, W\] or a volume \[D, H, W\]/);
  await rejects(() => L(tensor([1, 2, 3, 4], [2, 2], { dtype: 'int32' }), good), DTypeError, /float32 or float64/);
  await rejects(() => L([1, 2], good), DTypeError, /image A must be a Tensor/);
  await rejects(async () => imagesLoss('sinkhorn', { blurr: 0.1 }), ValueError, /unknown option 'blurr'/);
  await rejects(async () => imagesLoss('energy'), ValueError, /loss name must be 'sinkhorn'/);
  await rejects(async () => imagesLoss('sinkhorn', { p: 3 }), ValueError, /options.p must be 1 or 2/);
  await rejects(async () => imagesLoss('sinkhorn', { blur: -1 }), ValueError, /options.blur must be a positive finite number/);
  await rejects(async () => imagesLoss('sinkhorn', { scaling: 1 }), ValueError, /options.scaling/);
  await rejects(async () => imagesLoss('sinkhorn', { backend: 'online' }), ValueError, /options.backend must be one of/);
  await rejects(async () => imagesLoss('sinkhorn', { signal: { aborted: false } }), ValueError, /options.signal/);
});

// ---------------------------------------------------------------------------------------------
// Barycenters
// ---------------------------------------------------------------------------------------------

/**
 * GeomLoss's barycenter iteration on one level, with a dense softmin over the grid's points:
 * the reference for images whose sides are not all even (no pyramid). Float64 arrays.
 */
function refBarycenter(images, weights, shape, { blur, p = 2, scaling, iterations }) {
  const X = gridPoints(shape).data, D = shape.length, n = X.length / D;
  const cost = (i, j) => {
    let s = 0;
    for (let d = 0; d < D; d++) s += p === 2 ? (X[i * D + d] - X[j * D + d]) ** 2 / 2 : Math.abs(X[i * D + d] - X[j * D + d]);
    return s;
  };
  const softmin = (eps, h) => Array.from({ length: n }, (_, i) => {
    const v = h.map((hj, j) => hj - cost(i, j) / eps);
    const m = Math.max(...v);
    return -eps * (m + Math.log(v.reduce((s, t) => s + Math.exp(t - m), 0)));
  });
  const logs = images.map((img) => {
    const t = img.reduce((a, b) => a + b, 0);
    return img.map((v) => (v > 0 ? Math.log(v / t) : -100000));
  });
  const K = images.length;
  let f = logs.map((l) => softmin(1, l)), g = f.map((x) => x.slice());
  let dLog = new Array(n).fill(-Math.log(n)), barLog = dLog;
  const bar = (ft, eps) => dLog.map((d, e) => d - ft.reduce((s, fk, k) => s + (weights[k] * fk[e]) / eps, 0));
  let sigma = 1, atBlur = 0;
  while (atBlur < iterations) {
    if (sigma <= blur) atBlur++;
    const eps = sigma ** p;
    const ft = logs.map((l, k) => softmin(eps, l.map((v, e) => v + g[k][e] / eps)));
    barLog = bar(ft, eps);
    const gt = f.map((fk) => softmin(eps, barLog.map((v, e) => v + fk[e] / eps)));
    f = f.map((fk, k) => fk.map((v, e) => (v + ft[k][e]) / 2));
    g = g.map((gk, k) => gk.map((v, e) => (v + gt[k][e]) / 2));
    barLog = bar(logs.map((l, k) => softmin(eps, l.map((v, e) => v + g[k][e] / eps))), eps);
    const sd = softmin(eps, dLog);
    dLog = dLog.map((d, e) => 0.5 * (d + barLog[e] + sd[e] / eps));
    sigma = Math.max(sigma * scaling, blur);
  }
  const m = Math.max(...barLog);
  const out = barLog.map((v) => Math.exp(v - m));
  const t = out.reduce((a, b) => a + b, 0);
  return out.map((v) => v / t);
}

test('the pyramid: sum-pooling keeps the mass, upsampling is PyTorch\'s linear interpolation with align_corners=False', () => {
  // torch.nn.functional.interpolate(torch.tensor([[[1., 2., 4.]]]), scale_factor=2, mode='linear', align_corners=False)
  close(upsample({ data: Float64Array.from([1, 2, 4]), shape: [3], count: 1 }).data, [1, 1.25, 1.75, 2.5, 3.5, 4], 1e-15, 0, '1-D');
  // Bilinear on a 2 x 2 stack of two images: separable, each axis as above.
  const up = upsample({ data: Float64Array.from([0, 1, 2, 3, 10, 10, 10, 10]), shape: [2, 2], count: 2 });
  assert.equal(up.shape, [4, 4]);
  close(up.data.slice(0, 16), [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3], 1e-15, 0, '2-D');
  close(up.data.slice(16), new Array(16).fill(10), 1e-15, 0, 'second image');
  const pooled = sumPool({ data: Float64Array.from({ length: 2 * 4 * 6 }, (_, k) => k), shape: [4, 6], count: 2 });
  assert.equal(pooled.shape, [2, 3]);
  close(pooled.data.slice(0, 3), [0 + 1 + 6 + 7, 2 + 3 + 8 + 9, 4 + 5 + 10 + 11], 0, 0, 'sums of 2 x 2 blocks');
  close([pooled.data.reduce((a, b) => a + b, 0)], [(47 * 48) / 2], 1e-15, 0, 'mass');
  assert.equal(pyramid({ data: new Float64Array(64), shape: [8, 8], count: 1 }).map((l) => l.shape), [[2, 2], [4, 4], [8, 8]]);
  assert.equal(pyramid({ data: new Float64Array(48), shape: [4, 12], count: 1 }).map((l) => l.shape), [[1, 3], [2, 6], [4, 12]]);
  assert.equal(pyramid({ data: new Float64Array(15), shape: [3, 5], count: 1 }).map((l) => l.shape), [[3, 5]]);
});

test('imagesBarycenter equals GeomLoss\'s iteration with a dense softmin over the grid\'s points (float64, 1e-9)', async () => {
  for (const [shape, opts] of [[[5, 3], { blur: 0.2, scaling: 0.8, iterations: 4 }], [[3, 1, 3], { blur: 0.3, p: 1, scaling: 0.7, iterations: 3 }]]) {
    const images = [0, 1, 2].map(() => density(shape, { holes: true }));
    const weights = [0.5, 0.3, 0.2];
    const bar = await imagesBarycenter(images, weights, opts);
    const ref = refBarycenter(images.map((t) => Array.from(t.data)), weights, shape, opts);
    assert.equal(bar.shape, shape);
    close(bar.data, ref, 1e-9, 1e-14, `barycenter [${shape}]`);
  }
});

test('the barycenter of identical images is that image (within 0.5% of its peak per pixel at blur = 1 pixel; 0.09% measured), of total mass 1', async () => {
  // A smooth bump, so that the entropic blur of one pixel barely changes it.
  const n = 16;
  const bump = [];
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) bump.push(Math.exp(-(((r - 7) / 3) ** 2 + ((c - 8.5) / 2.5) ** 2)));
  for (const dtype of ['float64', 'float32']) {
    const img = tensor(bump.map((v) => v * 3), [n, n], { dtype }); // mass 3: normalised first
    const bar = await imagesBarycenter([img, img, img], [0.2, 0.3, 0.5]);
    assert.is(bar.dtype, dtype);
    assert.equal(bar.shape, [n, n]);
    close([bar.sum().item()], [1], 1e-6, 0, 'mass');
    const total = bump.reduce((a, b) => a + b, 0);
    const peak = Math.max(...bump) / total;
    close(bar.data, bump.map((v) => v / total), 0, 0.005 * peak, `${dtype} barycenter of identical images`);
  }
});

test('the barycenter of two translated blobs sits half-way (pyramid 32 x 32 -> 2 x 2, and an odd-sized grid)', async () => {
  for (const [H, W] of [[32, 32], [15, 21]]) {
    const blob = (cy, cx) => {
      const v = [];
      for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) v.push(Math.exp(-(((r - cy) / 2) ** 2 + ((c - cx) / 2) ** 2)));
      return tensor(v, [H, W], { dtype: 'float64' });
    };
    const A = blob(4, 5), B = blob(H - 6, W - 5);
    const bar = await imagesBarycenter([A, B], [0.25, 0.75], { blur: 0.05 });
    let cy = 0, cx = 0;
    bar.data.forEach((v, k) => { cy += v * Math.floor(k / W); cx += v * (k % W); });
    close([cy, cx], [4 + 0.75 * (H - 10), 5 + 0.75 * (W - 10)], 0, 0.25, `centre of mass on ${H} x ${W}`);
  }
});

test('imagesBarycenter on volumes, with a weight of 0 (that image is left out), reports progress and stops on its signal', async () => {
  const shape = [4, 4, 4];
  const images = [density(shape), density(shape), density(shape)];
  const seen = [];
  const bar = await imagesBarycenter(images, [0.5, 0.5, 0], { blur: 0.25, iterations: 2, onProgress: (p) => void seen.push(p) });
  const two = await imagesBarycenter(images.slice(0, 2), [0.5, 0.5], { blur: 0.25, iterations: 2 });
  close(bar.data, two.data, 1e-12, 1e-15, 'the zero-weight image changes nothing');
  assert.equal(bar.shape, shape);
  close([bar.sum().item()], [1], 1e-12, 0, 'mass');
  assert.equal(seen[0].shape, [2, 2, 2]);
  assert.equal(seen.at(-1).shape, shape);
  assert.is(seen.at(-1).iteration, seen.at(-1).iterations);
  const controller = new AbortController();
  controller.abort();
  try {
    await imagesBarycenter(images, [0.2, 0.3, 0.5], { signal: controller.signal });
    assert.unreachable('an aborted signal must reject');
  } catch (e) {
    assert.instance(e, AbortError);
  }
});

test('imagesBarycenter refuses bad images, weights and options with typed errors', async () => {
  const A = density([4, 4]), B = density([4, 4]);
  const rejects = async (p, Cls, pattern) => {
    try {
      await p();
      assert.unreachable('expected an error');
    } catch (e) {
      assert.instance(e, Cls, String(e));
      assert.match(e.message, pattern);
    }
  };
  await rejects(() => imagesBarycenter([], []), ValueError, /non-empty array of Tensors/);
  await rejects(() => imagesBarycenter([A, B], [0.5, 0.4]), ValueError, /sum to 1/);
  await rejects(() => imagesBarycenter([A, B], [1]), ShapeError, /2 images need 2 weights/);
  await rejects(() => imagesBarycenter([A, B], [1.5, -0.5]), ValueError, /non-negative numbers, found the number -0.5 at index 1/);
  await rejects(() => imagesBarycenter([A, B], 'equal'), DTypeError, /array of numbers or a 1-D Tensor/);
  await rejects(() => imagesBarycenter([A, density([4, 5])], [0.5, 0.5]), ShapeError, /same shape/);
  await rejects(() => imagesBarycenter([A, tensor(new Array(16).fill(0), [4, 4])], [0.5, 0.5]), ValueError, /images\[1\] has a total mass of 0/);
  await rejects(() => imagesBarycenter([A, tensor(new Array(16).fill(NaN), [4, 4])], [0.5, 0.5]), ValueError, /images\[1\] must have finite, non-negative pixels/);
  await rejects(() => imagesBarycenter([A, B], [0.5, 0.5], { iterations: 0 }), ValueError, /options.iterations/);
  await rejects(() => imagesBarycenter([A, B], [0.5, 0.5], { reach: 1 }), ValueError, /unknown option 'reach'/);
  await rejects(() => imagesBarycenter([A, B], [0.5, 0.5], { p: 1.5 }), ValueError, /options.p must be 1 or 2/);
});

test.run();
