// eigs and the dense non-symmetric eigenvalue solver it uses (Francis double-shift QR) against
// references built here: matrices of known spectrum Q T Q^T (T quasi-triangular with chosen
// real eigenvalues and 2 x 2 blocks for complex pairs, Q orthogonal), polynomial roots, Jacobi
// for symmetric matrices; then eigs on a non-symmetric kernel operator against the dense solver
// on the dense kernel. Eigenvalue sets compared to 1e-8 relative; progress, abort, typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, aslinearoperator, eigs, ConvergenceError,
  ShapeError, DTypeError, ValueError, AbortError,
} from '../build/src/index.js';
import { generalEigenvalues } from '../build/src/linalg/francis-qr.js';
import { Rng } from './helpers/random.mjs';
import { randomOrthogonal, similar, jacobiEigenvalues, matmul } from './helpers/spectra.mjs';

/** Max over `expected` of the relative distance to the nearest unused entry of `actual` (sets of complex numbers). */
function setError(actual, expected) {
  const used = new Set();
  let worst = 0;
  for (let e = 0; e < expected.re.length; e++) {
    let best = Infinity;
    let at = -1;
    for (let a = 0; a < actual.re.length; a++) {
      if (used.has(a)) continue;
      const d = Math.hypot(actual.re[a] - expected.re[e], actual.im[a] - expected.im[e]);
      if (d < best) { best = d; at = a; }
    }
    used.add(at);
    worst = Math.max(worst, best / Math.max(Math.hypot(expected.re[e], expected.im[e]), 1e-300));
  }
  return worst;
}

/** T quasi upper triangular with eigenvalues `values` ({ re, im } pairs listed once, im > 0 for a pair), upper part random * scale. */
function quasiTriangular(values, n, rng, scale) {
  const T = new Float64Array(n * n);
  let i = 0;
  for (const [re, im] of values) {
    if (im === 0) {
      T[i * n + i] = re;
      i += 1;
    } else {
      T[i * n + i] = re;
      T[(i + 1) * n + i + 1] = re;
      T[i * n + i + 1] = im * 2;
      T[(i + 1) * n + i] = -im / 2;   // [[a, 2b], [-b/2, a]]: eigenvalues a +- i b, not normal
      i += 2;
    }
  }
  for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) if (T[r * n + c] === 0 && !(c === r + 1 && T[c * n + r] !== 0)) T[r * n + c] = scale * rng.normal();
  return T;
}

/** The spectrum as a flat { re, im } with both members of each pair. */
function flatten(values) {
  const re = [];
  const im = [];
  for (const [a, b] of values) {
    re.push(a);
    im.push(b);
    if (b !== 0) { re.push(a); im.push(-b); }
  }
  return { re: Float64Array.from(re), im: Float64Array.from(im) };
}

/** Picks the k wanted entries of a flat spectrum by a key (ascending key = wanted first). */
function pick(spec, k, key) {
  const idx = Array.from(spec.re, (_, i) => i).sort((p, q) => key(spec.re[p], spec.im[p]) - key(spec.re[q], spec.im[q]));
  const chosen = idx.slice(0, k);
  return { re: Float64Array.from(chosen, (i) => spec.re[i]), im: Float64Array.from(chosen, (i) => spec.im[i]) };
}

const rng = new Rng(4242);

test('generalEigenvalues: polynomial roots, a known quasi-triangular spectrum, symmetric matrices, tiny cases', () => {
  // (x - 1)(x - 2)(x - 3)(x^2 + 1)(x^2 + x + 4.25) through its companion matrix.
  const roots = [[1, 0], [2, 0], [3, 0], [0, 1], [-0.5, 2]];
  let c = [[1, 0]];
  const all = flatten(roots);
  for (const [a, b] of Array.from(all.re, (r, i) => [r, all.im[i]])) {
    const nc = Array.from({ length: c.length + 1 }, () => [0, 0]);
    for (let i = 0; i < c.length; i++) {
      nc[i][0] += c[i][0];
      nc[i][1] += c[i][1];
      nc[i + 1][0] -= c[i][0] * a - c[i][1] * b;
      nc[i + 1][1] -= c[i][0] * b + c[i][1] * a;
    }
    c = nc;
  }
  const deg = c.length - 1;
  const comp = new Float64Array(deg * deg);
  for (let j = 0; j < deg; j++) comp[j] = -c[j + 1][0];
  for (let i = 1; i < deg; i++) comp[i * deg + i - 1] = 1;
  assert.ok(setError(generalEigenvalues(comp, deg), flatten(roots)) < 1e-12);

  const n = 150;
  const values = [];
  for (let i = 0; i < 50; i++) values.push([rng.normal() * 3, 0]);
  for (let i = 0; i < 50; i++) values.push([rng.normal() * 2, 0.1 + Math.abs(rng.normal())]);
  const A = similar(randomOrthogonal(n, rng), quasiTriangular(values, n, rng, 0.2), n);
  const got = generalEigenvalues(A, n);
  assert.is(got.re.length, n);
  assert.ok(setError(got, flatten(values)) < 1e-8, `error ${setError(got, flatten(values))}`);
  for (let i = 0; i < n; i++) {
    if (got.im[i] === 0) continue;
    assert.ok(got.re.some((re, j) => re === got.re[i] && got.im[j] === -got.im[i]), `complex eigenvalue ${i} without its conjugate`);
  }

  const sym = new Float64Array(60 * 60);
  for (let i = 0; i < 60; i++) for (let j = 0; j <= i; j++) sym[i * 60 + j] = sym[j * 60 + i] = rng.normal();
  const s = generalEigenvalues(sym, 60);
  assert.ok(s.im.every((x) => x === 0), 'a symmetric matrix has real eigenvalues');
  assert.ok(setError(s, { re: jacobiEigenvalues(sym, 60), im: new Float64Array(60) }) < 1e-10);

  assert.equal(Array.from(generalEigenvalues([5], 1).re), [5]);
  const rot = generalEigenvalues([0, -1, 1, 0], 2);
  assert.ok(setError(rot, { re: [0, 0], im: [1, -1] }) < 1e-15);
  assert.ok(generalEigenvalues(new Float64Array(9), 3).re.every((x) => x === 0));
});

// N = 300, known spectrum: a few large ones (real and complex) outside the disk of radius 4 the rest lie in.
const N = 300;
const outer = [[10, 0], [9, 2], [8.5, 0], [-7.5, 1], [0.5, 8], [-8, 0]];
const spectrum = [...outer];
const rs = new Rng(11);
let count = outer.reduce((s, [, b]) => s + (b === 0 ? 1 : 2), 0);
while (count < N) {
  const r = 1 + 3 * Math.sqrt(rs.next());
  const t = 2 * Math.PI * rs.next();
  if (count + 2 <= N && rs.next() < 0.5) {
    spectrum.push([r * Math.cos(t), Math.abs(r * Math.sin(t)) + 0.01]);
    count += 2;
  } else {
    spectrum.push([r * Math.cos(t), 0]);
    count += 1;
  }
}
const flat = flatten(spectrum);
const dense = similar(randomOrthogonal(N, rng), quasiTriangular(spectrum, N, rng, 0.1), N);
const A = aslinearoperator(tensor(dense, [N, N]));

test('eigs: the wanted eigenvalues of a non-symmetric dense matrix of known spectrum, to 1e-8 relative, for LM, LR, SR, LI', async () => {
  const keys = {
    LM: (re, im) => -Math.hypot(re, im),
    LR: (re) => -re,
    SR: (re) => re,
    LI: (re, im) => -Math.abs(im),
  };
  for (const [which, key] of Object.entries(keys)) {
    const k = which === 'LM' ? 6 : 4;
    const r = await eigs(A, { k, which, tol: 1e-10 });
    const expected = pick(flat, k, key);
    assert.ok(setError(r.values, expected) < 1e-8, `${which}: ${Array.from(r.values.re)} + i ${Array.from(r.values.im)}`);
    // Eigenvector check against the dense matrix: ||A x - lambda x|| small, x unit norm.
    const { re: Xr, im: Xi } = r.vectors;
    assert.equal(Xr.shape, [N, k]);
    const AXr = matmul(dense, Xr.data, N, N, k);
    const AXi = matmul(dense, Xi.data, N, N, k);
    for (let c = 0; c < k; c++) {
      let res = 0;
      let nrm = 0;
      const [lr, li] = [r.values.re[c], r.values.im[c]];
      for (let i = 0; i < N; i++) {
        const xr = Xr.data[i * k + c];
        const xi = Xi.data[i * k + c];
        res += (AXr[i * k + c] - lr * xr + li * xi) ** 2 + (AXi[i * k + c] - lr * xi - li * xr) ** 2;
        nrm += xr * xr + xi * xi;
      }
      assert.ok(Math.abs(nrm - 1) < 1e-10, 'unit norm');
      assert.ok(Math.sqrt(res) < 1e-8 * Math.hypot(lr, li), `${which} pair ${c}: residual ${Math.sqrt(res)}`);
      if (li === 0) assert.ok(Array.from({ length: N }, (_, i) => Xi.data[i * k + c]).every((x) => x === 0), 'real eigenvalue, real vector');
    }
    assert.ok(r.residuals.every((x, c) => x < 1e-8 * Math.hypot(r.values.re[c], r.values.im[c])));
  }
  // LM order: magnitudes non-increasing; a complex pair is adjacent, positive imaginary part first.
  const lm = await eigs(A, { k: 6, tol: 1e-10 });
  const mags = Array.from(lm.values.re, (x, i) => Math.hypot(x, lm.values.im[i]));
  for (let i = 1; i < 6; i++) assert.ok(mags[i] <= mags[i - 1] + 1e-9);
  const noVec = await eigs(A, { k: 2, returnEigenvectors: false });
  assert.is(noVec.vectors, null);
  assert.ok(setError(noVec.values, pick(flat, 2, (re, im) => -Math.hypot(re, im))) < 1e-7);
});

test('eigs: the 6 largest-magnitude eigenvalues of a non-symmetric kernel operator match the dense solver on the dense kernel', async () => {
  const n = 300;
  const xs = Float64Array.from({ length: n * 2 }, () => rng.uniform(0, 4));
  // k_ij = exp(-|x_i - (x_j + s)|^2) w_j: shifted and weighted, far from symmetric.
  const shift = [0.3, -0.2];
  const w = Float64Array.from({ length: n }, () => rng.uniform(0.5, 1.5));
  const ys = Float64Array.from(xs, (x, i) => x + shift[i % 2]);
  const kd = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) kd[i * n + j] = Math.exp(-((xs[2 * i] - ys[2 * j]) ** 2 + (xs[2 * i + 1] - ys[2 * j + 1]) ** 2)) * w[j];
  const ref = generalEigenvalues(kd, n);
  const expected = pick(ref, 6, (re, im) => -Math.hypot(re, im));
  const X = tensor(xs, [n, 2], { dtype: 'float64' });
  const Y = tensor(ys, [n, 2], { dtype: 'float64' });
  const W = tensor(w, [n, 1], { dtype: 'float64' });
  const K = aslinearoperator(Vi(X).sqdist(Vj(Y)).neg().exp().mul(Vj(W)));
  const r = await eigs(K, { k: 6, which: 'LM', tol: 1e-10 });
  assert.ok(setError(r.values, expected) < 1e-8, `${Array.from(r.values.re)} vs ${Array.from(expected.re)}`);
  // float32: the same eigenvalues to float32 accuracy, float32 vectors.
  const K32 = aslinearoperator(Vi(tensor(Float32Array.from(xs), [n, 2])).sqdist(Vj(tensor(Float32Array.from(ys), [n, 2]))).neg().exp().mul(Vj(tensor(Float32Array.from(w), [n, 1]))));
  const r32 = await eigs(K32, { k: 6 });
  assert.is(r32.vectors.re.dtype, 'float32');
  assert.ok(setError(r32.values, expected) < 1e-4, `float32 ${setError(r32.values, expected)}`);
});

test('eigs: progress, running out of restarts (ConvergenceError with partial results), abort mid-iteration', async () => {
  const seen = [];
  const error = await eigs(A, { k: 4, which: 'SR', maxiter: 1, ncv: 8, tol: 1e-14, onProgress: (p) => seen.push(p) }).catch((e) => e);
  assert.instance(error, ConvergenceError);
  assert.match(error.message, /restarts/);
  assert.is(error.partial.values.re.length, 4);
  assert.ok(seen.length === 2 && seen.every((p) => p.values.re.length === 4 && p.residuals.length === 4));
  const controller = new AbortController();
  let calls = 0;
  const aborted = await eigs(A, { k: 4, which: 'SR', ncv: 10, tol: 1e-14, signal: controller.signal, onProgress: () => { if (++calls === 2) controller.abort(); } }).catch((e) => e);
  assert.instance(aborted, AbortError);
  assert.is(calls, 2);
});

test('eigs: typed errors for bad input, before any work', async () => {
  const reject = async (promise, type, pattern) => {
    const error = await promise.then(() => null, (e) => e);
    assert.instance(error, type);
    assert.match(error.message, pattern);
  };
  await reject(eigs(A, { k: N - 1 }), ValueError, /N - 1/);
  await reject(eigs(A, { which: 'LA' }), ValueError, /'LM', 'SM', 'LR', 'SR', 'LI', 'SI'/);
  await reject(eigs(A, { ncv: 5, k: 4 }), ValueError, /ncv/);
  await reject(eigs(A, { sigma: 1 }), ValueError, /sigma/);
  await reject(eigs(A, { tol: NaN }), ValueError, /tol/);
  await reject(eigs(A, { v0: new Float64Array(3) }), ShapeError, /v0/);
  await reject(eigs(dense), DTypeError, /LinearOperator/);
  await reject(eigs(aslinearoperator(tensor(new Float64Array(6), [2, 3]))), ShapeError, /square/);
  const bad = aslinearoperator({ shape: [10, 10], matvec: (v) => v.mul(Infinity) });
  await reject(eigs(bad, { k: 2 }), ValueError, /the operator returned/);
});

test.run();
