// lobpcg and svds against dense float64 references built here: matrices of known spectrum
// (Q diag(d) Q^T, U diag(s) V^T with Householder-product Q, U, V) and cyclic Jacobi on dense
// kernel matrices; largest and smallest, preconditioner, constraints, rectangular operators
// both ways round, both svds solvers, progress, abort, and typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, aslinearoperator, diags, lobpcg, svds,
  ShapeError, DTypeError, ValueError, AbortError,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { randomOrthogonal, matmul, transpose, jacobiEigenvalues, maxRelError } from './helpers/spectra.mjs';

const rng = new Rng(77);
const n = 300;
const d = Float64Array.from({ length: n }, (_, i) => 1 + i + 0.3 * Math.sin(3 * i));
const Q = randomOrthogonal(n, rng);
const QD = Float64Array.from(Q, (x, idx) => x * d[idx % n]);
const symDense = matmul(QD, transpose(Q, n, n), n, n, n);
const symOp = aslinearoperator(tensor(symDense, [n, n]));
const sortedD = Float64Array.from(d).sort();
const start = (cols, seed = 5) => {
  const r = new Rng(seed);
  return tensor(Float64Array.from({ length: n * cols }, () => r.normal()), [n, cols], { dtype: 'float64' });
};

/** ||A v - lambda v|| / |lambda| for the columns of V ([n, k]) with dense A. */
function relResiduals(a, n, V, values) {
  const k = values.length;
  const AV = matmul(a, V, n, n, k);
  return Array.from(values, (l, c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (AV[i * k + c] - l * V[i * k + c]) ** 2;
    return Math.sqrt(s) / Math.abs(l);
  });
}

test('lobpcg finds the largest and the smallest eigenvalues of a dense symmetric matrix to 1e-8 relative', async () => {
  const big = await lobpcg(symOp, start(4), { tol: 1e-6, maxiter: 300 });
  assert.ok(big.converged, `largest: residuals ${Array.from(big.residuals)}`);
  assert.ok(maxRelError(big.values, sortedD.slice(n - 4)) < 1e-8, `largest ${Array.from(big.values)}`);
  assert.equal(big.vectors.shape, [n, 4]);
  for (const r of relResiduals(symDense, n, big.vectors.data, big.values)) assert.ok(r < 1e-7);
  const small = await lobpcg(symOp, start(3), { largest: false, tol: 1e-6, maxiter: 500 });
  assert.ok(small.converged, `smallest: residuals ${Array.from(small.residuals)}`);
  assert.ok(maxRelError(small.values, sortedD.slice(0, 3)) < 1e-8, `smallest ${Array.from(small.values)}`);
  assert.ok(small.values[0] < small.values[1] && small.values[1] < small.values[2], 'ascending');
});

test('lobpcg on a kernel operator agrees with Jacobi on the dense kernel; float32 too', async () => {
  const N = 200;
  const xs = Float64Array.from({ length: N * 2 }, () => rng.uniform(0, 3));
  const dense = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) dense[i * N + j] = Math.exp(-((xs[2 * i] - xs[2 * j]) ** 2 + (xs[2 * i + 1] - xs[2 * j + 1]) ** 2));
  const ref = jacobiEigenvalues(dense, N);
  const X = tensor(xs, [N, 2], { dtype: 'float64' });
  const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());
  const r0 = new Rng(9);
  const X0 = tensor(Float64Array.from({ length: N * 3 }, () => r0.normal()), [N, 3], { dtype: 'float64' });
  const r = await lobpcg(K, X0, { tol: 1e-6, maxiter: 200 });
  assert.ok(r.converged);
  assert.ok(maxRelError(r.values, ref.slice(N - 3)) < 1e-8, `${Array.from(r.values)} vs ${Array.from(ref.slice(N - 3))}`);
  const X32 = tensor(Float32Array.from(xs), [N, 2]);
  const r32 = await lobpcg(aslinearoperator(Vi(X32).sqdist(Vj(X32)).neg().exp()), X0, { tol: 1e-3, maxiter: 200 });
  assert.is(r32.vectors.dtype, 'float32');
  assert.ok(maxRelError(r32.values, ref.slice(N - 3)) < 1e-5);
});

test('lobpcg: a preconditioner cuts the iterations; constraints Y skip the eigenvectors given', async () => {
  // Nearly diagonal: diag(d) plus a small symmetric perturbation; Jacobi (1 / d) is a good preconditioner.
  const m = 250;
  const D = Float64Array.from({ length: m }, (_, i) => (i + 1) ** 1.5);
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) a[i * m + j] = a[j * m + i] = (i === j ? D[i] : 0) + 0.01 * Math.sin(i * j + 1);
  const ref = jacobiEigenvalues(a, m);
  const A = aslinearoperator(tensor(a, [m, m]));
  const r0 = new Rng(3);
  const X0 = tensor(Float64Array.from({ length: m * 3 }, () => r0.normal()), [m, 3], { dtype: 'float64' });
  const plain = await lobpcg(A, X0, { largest: false, tol: 1e-6, maxiter: 2000 });
  const pre = await lobpcg(A, X0, { largest: false, tol: 1e-6, maxiter: 2000, M: diags(Float64Array.from(D, (x) => 1 / x)) });
  assert.ok(plain.converged && pre.converged);
  assert.ok(pre.iterations * 3 < plain.iterations, `preconditioned ${pre.iterations} vs plain ${plain.iterations}`);
  assert.ok(maxRelError(pre.values, ref.slice(0, 3)) < 1e-8);
  // Y = the two lowest eigenvectors: the next two come out.
  const Y = tensor(Float64Array.from({ length: n * 2 }, (_, idx) => {
    const i = Math.floor(idx / 2);
    const c = idx % 2;
    return Q[i * n + d.indexOf(sortedD[c])];
  }), [n, 2], { dtype: 'float64' });
  const next = await lobpcg(symOp, start(2), { largest: false, tol: 1e-6, maxiter: 500, Y });
  assert.ok(next.converged);
  assert.ok(maxRelError(next.values, sortedD.slice(2, 4)) < 1e-8, `${Array.from(next.values)}`);
});

test('lobpcg: progress, non-convergence flagged (not thrown), abort mid-iteration, typed errors', async () => {
  const seen = [];
  const short = await lobpcg(symOp, start(2), { largest: false, tol: 1e-12, maxiter: 3, onProgress: (p) => seen.push(p) });
  assert.is(short.converged, false);
  assert.is(short.iterations, 3);
  assert.ok(seen.length >= 3 && seen.every((p) => p.values.length === 2 && p.residuals.length === 2));
  const controller = new AbortController();
  let calls = 0;
  const aborted = await lobpcg(symOp, start(2), { maxiter: 100, tol: 1e-12, signal: controller.signal, onProgress: () => { if (++calls === 3) controller.abort(); } }).catch((e) => e);
  assert.instance(aborted, AbortError);
  const reject = async (promise, type, pattern) => {
    const error = await promise.then(() => null, (e) => e);
    assert.instance(error, type);
    assert.match(error.message, pattern);
  };
  await reject(lobpcg(symOp, start(2), { largst: true }), ValueError, /largst/);
  await reject(lobpcg(symOp, tensor(new Float64Array(10), [5, 2])), ShapeError, /X0 must be a Tensor \[300, k\]/);
  await reject(lobpcg(symOp, new Float64Array(300)), ShapeError, /X0/);
  await reject(lobpcg(symOp, start(2), { Y: tensor(new Float64Array(4), [2, 2]) }), ShapeError, /options\.Y/);
  await reject(lobpcg(symOp, start(2), { tol: -1 }), ValueError, /tol/);
  await reject(lobpcg(symOp, start(2), { M: 'jacobi' }), DTypeError, /options\.M/);
  await reject(lobpcg(symDense, start(2)), DTypeError, /LinearOperator/);
  const nanX0 = start(2);
  nanX0.data[5] = NaN;
  await reject(lobpcg(symOp, nanX0), ValueError, /finite/);
});

// A [300, 200] of known singular values: U[:, :200] diag(s) V^T.
const rows = 300;
const cols = 200;
const sv = Float64Array.from({ length: cols }, (_, i) => 100 / (1 + i) ** 0.7);
const U = randomOrthogonal(rows, rng);
const V = randomOrthogonal(cols, rng);
const rect = new Float64Array(rows * cols);
for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
  let s = 0;
  for (let l = 0; l < cols; l++) s += U[i * rows + l] * sv[l] * V[j * cols + l];
  rect[i * cols + j] = s;
}

/** max over triplets of ||A v - s u|| / s, with A dense [r, c]. */
function svdResidual(a, r, c, { U, s, Vt }) {
  const k = s.length;
  const AV = matmul(a, transpose(Vt.data, k, c), r, c, k);
  let worst = 0;
  for (let t = 0; t < k; t++) {
    let e = 0;
    for (let i = 0; i < r; i++) e += (AV[i * k + t] - s[t] * U.data[i * k + t]) ** 2;
    worst = Math.max(worst, Math.sqrt(e) / s[t]);
  }
  return worst;
}

test('svds: the largest singular values of a tall and a wide dense matrix, both solvers, to 1e-8 relative', async () => {
  const A = aslinearoperator(tensor(rect, [rows, cols]));
  for (const [label, op, r, c] of [['tall', A, rows, cols], ['wide', A.T, cols, rows]]) {
    for (const solver of ['arpack', 'lobpcg']) {
      const out = await svds(op, { k: 5, solver, ...(solver === 'lobpcg' && { tol: 1e-6, maxiter: 500 }) });
      assert.equal(out.U.shape, [r, 5]);
      assert.equal(out.Vt.shape, [5, c]);
      assert.ok(maxRelError(out.s, sv.slice(0, 5)) < 1e-8, `${label} ${solver}: ${Array.from(out.s)} vs ${Array.from(sv.slice(0, 5))}`);
      const dense = label === 'tall' ? rect : transpose(rect, rows, cols);
      assert.ok(svdResidual(dense, r, c, out) < 1e-6, `${label} ${solver}: residual ${svdResidual(dense, r, c, out)}`);
    }
  }
  const smallest = await svds(A, { k: 2, which: 'SM' });
  assert.ok(maxRelError(smallest.s, [sv[cols - 2], sv[cols - 1]]) < 1e-7, `SM ${Array.from(smallest.s)}`);
  const noVectors = await svds(A, { k: 2, returnSingularVectors: false });
  assert.is(noVectors.U, null);
  assert.is(noVectors.Vt, null);
  const onlyU = await svds(A, { k: 2, returnSingularVectors: 'u' });
  assert.ok(onlyU.U !== null && onlyU.Vt === null);
});

test('svds of a rectangular kernel operator agrees with Jacobi on the dense K^T K', async () => {
  const N = 300;
  const M = 200;
  const x = Float64Array.from({ length: N * 2 }, () => rng.uniform(0, 2));
  const y = Float64Array.from({ length: M * 2 }, () => rng.uniform(0, 2));
  const kd = new Float64Array(N * M);
  for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) kd[i * M + j] = Math.exp(-((x[2 * i] - y[2 * j]) ** 2 + (x[2 * i + 1] - y[2 * j + 1]) ** 2) / 0.5);
  const ktk = matmul(transpose(kd, N, M), kd, M, N, M);
  const ref = Float64Array.from(jacobiEigenvalues(ktk, M).slice(M - 6).reverse(), Math.sqrt);
  const K = aslinearoperator(Vi(tensor(x, [N, 2], { dtype: 'float64' })).sqdist(Vj(tensor(y, [M, 2], { dtype: 'float64' }))).mul(-2).exp());
  const out = await svds(K, { k: 6 });
  assert.ok(maxRelError(out.s, ref) < 1e-8, `${Array.from(out.s)} vs ${Array.from(ref)}`);
  assert.ok(svdResidual(kd, N, M, out) < 1e-6);
});

test('svds: typed errors for bad input, abort', async () => {
  const A = aslinearoperator(tensor(rect, [rows, cols]));
  const reject = async (promise, type, pattern) => {
    const error = await promise.then(() => null, (e) => e);
    assert.instance(error, type);
    assert.match(error.message, pattern);
  };
  await reject(svds(A, { k: 200 }), ValueError, /min\(N, M\) = 200/);
  await reject(svds(A, { which: 'LA' }), ValueError, /which/);
  await reject(svds(A, { solver: 'propack' }), ValueError, /solver/);
  await reject(svds(A, { kk: 2 }), ValueError, /kk/);
  await reject(svds(A, { returnSingularVectors: 'v' }), ValueError, /returnSingularVectors/);
  await reject(svds(rect, {}), DTypeError, /LinearOperator/);
  await reject(svds(aslinearoperator({ shape: [3, 2], matvec: (v) => [1, 2, 3] }), { k: 1 }), ValueError, /transpose/);
  const controller = new AbortController();
  controller.abort();
  await reject(svds(A, { k: 2, signal: controller.signal }), AbortError, /./);
  // Mid-iteration, from the eigensolver's progress.
  const midway = new AbortController();
  let calls = 0;
  await reject(svds(A, { k: 2, tol: 1e-14, signal: midway.signal, onProgress: () => { if (++calls === 3) midway.abort(); } }), AbortError, /./);
  assert.is(calls, 3);
});

test.run();
