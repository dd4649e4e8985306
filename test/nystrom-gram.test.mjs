// The Nystrom preconditioner's m x m matrix H = mu K_mm + K_mn K_nm against a dense float64
// reference written here: the wasm engine's dense SYRK path (assembly/dense/gram.ts through
// src/engine/kernel-gram.ts) and the reductions it replaces, at sizes that are not multiples of
// its 4-centre panels or its blocks of rows, for each kernel; then a fit against CG with an exact preconditioner.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, configure, engineInfo, KernelRidge, AbortError, Vi, Vj, aslinearoperator, identity, cg } from '../build/src/index.js';
import { cholesky, choleskySolve } from '../build/src/linalg/cholesky.js';
import { Tensor } from '../build/src/tensor/tensor.js';
import { nystromMatrix, nystromMatrixByReductions } from '../build/src/models/nystrom-preconditioner.js';
import { wasmKernelGram } from '../build/src/dispatch/kernel-gram.js';
import { getWasmEngine } from '../build/src/dispatch/wasm-host.js';
import { hasKernelGram } from '../build/src/engine/kernel-gram.js';
import { Rng } from './helpers/random.mjs';
import { KERNELS, kernelMatrix } from './helpers/kernel-matrix.mjs';

/** The reference: K_mn K_nm and K_mm by plain loops. */
function reference(kernel, sigma, x, n, d, centres) {
  const m = centres.length;
  const C = new Float64Array(m * d);
  centres.forEach((r, k) => C.set(x.subarray(r * d, r * d + d), k * d));
  const Knm = kernelMatrix(kernel, sigma, x, n, C, m, d);
  const gram = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const row = Knm.subarray(i * m, i * m + m);
    for (let a = 0; a < m; a++) {
      const ka = row[a];
      for (let c = 0; c < m; c++) gram[a * m + c] += ka * row[c];
    }
  }
  return { gram, kmm: kernelMatrix(kernel, sigma, C, m, C, m, d) };
}

function points(seed, n, d) {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n * d }, () => rng.uniform(0, 1));
}

function centresOf(seed, n, m) {
  const rng = new Rng(seed);
  const picked = new Set();
  while (picked.size < m) picked.add(rng.int(0, n - 1));
  return Int32Array.from([...picked].sort((a, b) => a - b));
}

/** max |a - b| / max |b| */
function relativeError(a, b) {
  let err = 0;
  let scale = 0;
  for (let k = 0; k < b.length; k++) {
    err = Math.max(err, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return err / scale;
}

test.after(() => configure({
  threads: Number(process.env.LAZYKERNEL_THREADS) || 2,
  poolThreshold: Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6),
}));

async function reductionsRun() {
  const s = (await getWasmEngine()).stats;
  return s.callingThread + s.pooled + s.separate;
}

// N = 1; N below, at and past one block of rows (512 for small m); m = 1, m not a multiple of
// 4, m a multiple of 4; m = 701 makes blocks of 403 rows, so N = 1000 ends with a short one.
const SIZES = [[1, 1], [7, 3], [512, 8], [1030, 13], [1000, 701]];

test('the dense path gives K_mn K_nm and K_mm of a plain float64 loop, for every kernel and odd sizes', async () => {
  for (const [n, m] of SIZES) {
    const d = n === 1000 ? 3 : 1 + (n % 4);
    const x = points(n + m, n, d);
    const centres = centresOf(m, n, m);
    const C = new Float64Array(m * d);
    centres.forEach((r, k) => C.set(x.subarray(r * d, r * d + d), k * d));
    for (const kernel of n === 1000 ? ['gaussian'] : Object.keys(KERNELS)) {
      const sigma = 0.3 + 0.1 * d;
      const got = await wasmKernelGram('test', { kernel, sigma, x, centres: C, d }, undefined);
      assert.ok(got, 'the wasm engine has the dense kernels');
      const want = reference(kernel, sigma, x, n, d, centres);
      const where = `${kernel}, N = ${n}, m = ${m}, D = ${d}`;
      assert.ok(relativeError(got.gram, want.gram) < 1e-13, `${where}: K_mn K_nm off by ${relativeError(got.gram, want.gram)}`);
      assert.ok(relativeError(got.kmm, want.kmm) < 1e-14, `${where}: K_mm off by ${relativeError(got.kmm, want.kmm)}`);
      for (let a = 0; a < m; a++) {
        for (let c = 0; c < a; c++) assert.is(got.gram[a * m + c], got.gram[c * m + a], `${where}: symmetric at (${a}, ${c})`);
      }
    }
  }
});

test('nystromMatrix takes the dense path by default (no reductions) and agrees with the reductions path', async () => {
  const n = 777;
  const m = 30;
  const x = points(5, n, 3);
  const centres = centresOf(6, n, m);
  const X = new Tensor(x, [n, 3]);
  for (const kernel of Object.keys(KERNELS)) {
    const spec = { kernel, sigma: 0.25, X, centres, mu: 1e-6 * n, backend: undefined };
    const before = await reductionsRun();
    const dense = await nystromMatrix('test', spec, undefined);
    assert.is(await reductionsRun(), before, `${kernel}: the dense path runs no reduction`);
    const byReductions = await nystromMatrixByReductions('test', spec, undefined);
    assert.ok(await reductionsRun() > before, `${kernel}: the reductions path runs reductions`);
    const { gram, kmm } = reference(kernel, 0.25, x, n, 3, centres);
    const want = gram.map((g, k) => g + spec.mu * kmm[k]);
    assert.ok(relativeError(dense, want) < 1e-13, `${kernel}: dense H off by ${relativeError(dense, want)}`);
    assert.ok(relativeError(byReductions, want) < 1e-13, `${kernel}: reductions H off by ${relativeError(byReductions, want)}`);
  }
});

test('another backend forms H by reductions: backend oracle', async () => {
  const n = 60;
  const m = 5;
  const x = points(9, n, 2);
  const centres = centresOf(10, n, m);
  const spec = { kernel: 'matern52', sigma: 0.4, X: new Tensor(x, [n, 2]), centres, mu: 1e-3, backend: 'oracle' };
  const before = await reductionsRun();
  const H = await nystromMatrix('test', spec, undefined);
  assert.is(await reductionsRun(), before, 'no wasm reduction and no dense wasm path: the oracle ran it');
  const { gram, kmm } = reference('matern52', 0.4, x, n, 2, centres);
  assert.ok(relativeError(H, gram.map((g, k) => g + 1e-3 * kmm[k])) < 1e-13);
});

test('a module without the dense kernels, or with another record layout, is recognised (the caller then uses reductions)', () => {
  assert.not.ok(hasKernelGram({ run() {} }));
  assert.not.ok(hasKernelGram({ gramKernelPanels() {}, gramParamsBytes: () => 64 }));
  assert.ok(hasKernelGram({ gramKernelPanels() {}, gramParamsBytes: () => 48 }));
});

test('the dense set-up stops with an AbortError between blocks, before and during the job, and the engine goes on', async () => {
  const n = 5000;
  const x = points(11, n, 3);
  const spec = { kernel: 'gaussian', sigma: 0.3, X: new Tensor(x, [n, 3]), centres: centresOf(12, n, 200), mu: 1e-3, backend: undefined };
  const controller = new AbortController();
  const running = nystromMatrix('KernelRidge.fit', spec, controller.signal);
  controller.abort();
  const e = await running.catch((err) => err);
  assert.instance(e, AbortError);
  assert.match(e.message, /KernelRidge\.fit/);
  // During: 4 x 10^9 multiply-adds (about a second), aborted after 30 ms.
  const big = 40000;
  const xb = points(15, big, 3);
  const Cb = xb.slice(0, 3 * 450);
  const during = new AbortController();
  const t0 = performance.now();
  setTimeout(() => during.abort(), 30);
  const e2 = await wasmKernelGram('KernelRidge.fit', { kernel: 'gaussian', sigma: 0.3, x: xb, centres: Cb, d: 3 }, during.signal).catch((err) => err);
  const elapsed = performance.now() - t0;
  assert.instance(e2, AbortError);
  assert.ok(elapsed < 600, `stopped after ${elapsed.toFixed(0)} ms`);
  const small = await wasmKernelGram('test', { kernel: 'gaussian', sigma: 0.3, x: x.subarray(0, 300), centres: x.subarray(0, 30), d: 3 }, undefined);
  const want = reference('gaussian', 0.3, x, 100, 3, Int32Array.from({ length: 10 }, (_, k) => k));
  assert.ok(relativeError(small.gram, want.gram) < 1e-13, 'the next job is right');
});

test('on the worker pool the dense path gives bitwise the H of one thread', async () => {
  const n = 1100;
  const m = 37;
  const x = points(13, n, 3);
  const centres = centresOf(14, n, m);
  const C = new Float64Array(m * 3);
  centres.forEach((r, k) => C.set(x.subarray(r * 3, r * 3 + 3), k * 3));
  const spec = { kernel: 'laplacian', sigma: 0.35, x, centres: C, d: 3 };
  configure({ threads: 1 });
  const one = await wasmKernelGram('test', spec, undefined);
  configure({ threads: 2, poolThreshold: 0 });
  await engineInfo(); // the workers have started
  const engine = await getWasmEngine();
  const before = engine.stats.gramPooled;
  const pooled = await wasmKernelGram('test', spec, undefined);
  if (engine.pool) assert.is(engine.stats.gramPooled, before + 1, 'the job ran on the pool');
  else assert.ok(!engine.pool, 'no shared-memory pool here (separate-memory workers): the calling thread ran it');
  for (let k = 0; k < m * m; k++) assert.is(pooled.gram[k], one.gram[k], `entry ${k}`);
  const want = reference('laplacian', 0.35, x, n, 3, centres);
  assert.ok(relativeError(pooled.gram, want.gram) < 1e-13);
  configure({ threads: Number(process.env.LAZYKERNEL_THREADS) || 2, poolThreshold: Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6) });
});

test('a fit takes the iterations of CG with the exact preconditioner built here, float32 and float64 points', async () => {
  const n = 700;
  const m = 120;
  const sigma = 0.3;
  const lambda = 1e-6;
  const mu = lambda * n;
  const rng = new Rng(21);
  const x = Float64Array.from({ length: n * 3 }, () => rng.uniform(0, 1));
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(6 * x[3 * i]) + x[3 * i + 2] ** 2 + 0.1 * rng.uniform(-1, 1));
  for (const dtype of ['float64', 'float32']) {
    const X = tensor(dtype === 'float32' ? Float32Array.from(x) : x, [n, 3]);
    const xs = Float64Array.from(X.data);
    const model = await new KernelRidge({ kernel: 'gaussian', sigma, lambda, centers: m }).fit(X, tensor(y, [n]));
    // P^-1 r = (r - K_nm H^-1 K_mn r) / mu with H from the plain loops and a float64 Cholesky.
    const centres = model.centerIndices;
    const { gram, kmm } = reference('gaussian', sigma, xs, n, 3, centres);
    const factor = cholesky('test', gram.map((g, k) => g + mu * kmm[k]), m);
    const C = new Float64Array(m * 3);
    centres.forEach((r, k) => C.set(xs.subarray(r * 3, r * 3 + 3), k * 3));
    const Knm = kernelMatrix('gaussian', sigma, xs, n, C, m, 3);
    const M = (r) => {
      const u = new Float64Array(m);
      for (let i = 0; i < n; i++) for (let a = 0; a < m; a++) u[a] += Knm[i * m + a] * r.data[i];
      const w = choleskySolve(factor, u, 1);
      return Float64Array.from({ length: n }, (_, i) => {
        let kw = 0;
        for (let a = 0; a < m; a++) kw += Knm[i * m + a] * w[a];
        return (r.data[i] - kw) / mu;
      });
    };
    const system = aslinearoperator(Vi(X).sqdist(Vj(X)).mul(-1 / (2 * sigma * sigma)).exp()).add(identity(n).mul(mu));
    const exact = await cg(system, y, { tol: 1e-6, maxiter: 2000, M, checkSymmetric: false });
    assert.ok(model.converged && exact.converged, `${dtype}: ${model.message} / ${exact.message}`);
    // H agrees to ~1e-14, but 30 steps of CG at lambda = 1e-6 amplify rounding: one step either way.
    assert.ok(Math.abs(model.iterations - exact.iterations) <= 1, `${dtype}: ${model.iterations} iterations against ${exact.iterations} with the exact preconditioner`);
    assert.ok(model.iterations < 50, `${dtype}: ${model.iterations} iterations`);
  }
});

test.run();
