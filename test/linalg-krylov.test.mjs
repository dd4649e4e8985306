// gmres and bicgstab against dense float64 solves (Gaussian elimination written here), on
// non-symmetric dense Tensors and on a non-symmetric kernel operator: single and multiple
// right-hand sides, initial guesses, preconditioners, restarts, iteration limits, progress,
// abort mid-iteration, and typed errors for bad input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, aslinearoperator, diags, identity, gmres, bicgstab,
  ShapeError, DTypeError, ValueError, AbortError,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';

/** Solves a x = b (a row-major n x n, b [n, k]) by Gaussian elimination with partial pivoting. */
function denseSolve(a, n, b, k = 1) {
  const A = Float64Array.from(a);
  const B = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[p * n + c])) p = r;
    for (let j = 0; j < n; j++) [A[c * n + j], A[p * n + j]] = [A[p * n + j], A[c * n + j]];
    for (let j = 0; j < k; j++) [B[c * k + j], B[p * k + j]] = [B[p * k + j], B[c * k + j]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c] / A[c * n + c];
      for (let j = c; j < n; j++) A[r * n + j] -= f * A[c * n + j];
      for (let j = 0; j < k; j++) B[r * k + j] -= f * B[c * k + j];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let j = 0; j < k; j++) {
      let s = B[c * k + j];
      for (let r = c + 1; r < n; r++) s -= A[c * n + r] * B[r * k + j];
      B[c * k + j] = s / A[c * n + c];
    }
  }
  return B;
}

/** ||a x - b|| / ||b|| for each of the k columns, in float64. */
function relResiduals(a, n, x, b, k = 1) {
  return Array.from({ length: k }, (_, c) => {
    let rr = 0;
    let bb = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * x[j * k + c];
      rr += (s - b[i * k + c]) ** 2;
      bb += b[i * k + c] ** 2;
    }
    return Math.sqrt(rr / bb);
  });
}

function maxRelDiff(x, y) {
  let d = 0;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    d = Math.max(d, Math.abs(x[i] - y[i]));
    s = Math.max(s, Math.abs(y[i]));
  }
  return d / s;
}

const rng = new Rng(2020);
const n = 300;
// A non-symmetric matrix, diagonally dominant enough to be well conditioned but far from symmetric.
const dense = new Float64Array(n * n);
for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dense[i * n + j] = rng.normal() / Math.sqrt(n) + (i === j ? 3 + Math.sin(i) : 0) + (j === i + 1 ? 1.5 : 0);
const A = aslinearoperator(tensor(dense, [n, n]));
const b = Float64Array.from({ length: n }, () => rng.normal());

// A non-symmetric kernel: k_ij = exp(-|x_i - (x_j + 0.4)|^2), plus 5 I (Gershgorin: well conditioned).
const nk = 400;
const xs = Float64Array.from({ length: nk }, (_, i) => i * 0.5 + 0.2 * Math.sin(i));
const Xt = tensor(xs, [nk, 1], { dtype: 'float64' });
const Yt = tensor(Float64Array.from(xs, (x) => x + 0.4), [nk, 1], { dtype: 'float64' });
const kernelOp = aslinearoperator(Vi(Xt).sqdist(Vj(Yt)).neg().exp()).add(identity(nk).mul(5));
const kernelDense = new Float64Array(nk * nk);
for (let i = 0; i < nk; i++) for (let j = 0; j < nk; j++) kernelDense[i * nk + j] = Math.exp(-((xs[i] - xs[j] - 0.4) ** 2)) + (i === j ? 5 : 0);
const bk = Float64Array.from({ length: nk * 2 }, () => rng.normal());

for (const [name, solve] of [['gmres', gmres], ['bicgstab', bicgstab]]) {
  test(`${name} solves a non-symmetric dense system to the tolerance asked, and agrees with Gaussian elimination`, async () => {
    const exact = denseSolve(dense, n, b);
    for (const tol of [1e-6, 1e-10]) {
      const sol = await solve(A, b, { tol });
      assert.ok(sol.converged, `${name} tol ${tol}: ${sol.message}`);
      assert.equal(sol.x.shape, [n]);
      assert.is(sol.reason, 'converged');
      const [res] = relResiduals(dense, n, sol.x.data, b);
      assert.ok(res <= tol * 1.01, `${name}: true residual ${res} > tol ${tol}`);
      // The error is at most cond(A) times the residual: cond is about 10 here.
      assert.ok(maxRelDiff(sol.x.data, exact) < 100 * tol, `${name}: differs from the dense solve by ${maxRelDiff(sol.x.data, exact)}`);
    }
  });

  test(`${name} solves a non-symmetric kernel operator, several right-hand sides in one call`, async () => {
    const B = tensor(bk, [nk, 2], { dtype: 'float64' });
    const sol = await solve(kernelOp, B, { tol: 1e-9 });
    assert.ok(sol.converged, sol.message);
    assert.equal(sol.x.shape, [nk, 2]);
    const res = relResiduals(kernelDense, nk, sol.x.data, bk, 2);
    for (const r of res) assert.ok(r <= 1.01e-9, `${name}: true residual ${r}`);
    assert.ok(maxRelDiff(sol.x.data, denseSolve(kernelDense, nk, bk, 2)) < 1e-7);
    assert.is(sol.residuals.length, 2);
  });

  test(`${name}: a float32 kernel operator converges to a float32 tolerance and returns float32`, async () => {
    const X32 = tensor(Float32Array.from(xs), [nk, 1]);
    const Y32 = tensor(Float32Array.from(xs, (x) => x + 0.4), [nk, 1]);
    const op32 = aslinearoperator(Vi(X32).sqdist(Vj(Y32)).neg().exp()).add(identity(nk).mul(5));
    const b1 = bk.subarray(0, nk);
    const sol = await solve(op32, Float32Array.from(b1), { tol: 1e-5 });
    assert.ok(sol.converged, sol.message);
    assert.is(sol.x.dtype, 'float32');
    const [res] = relResiduals(kernelDense, nk, Float64Array.from(sol.x.data), b1);
    assert.ok(res < 1e-4, `true residual ${res}`);
  });

  test(`${name}: x0, a preconditioner (operator or function), progress, maxiter and abort`, async () => {
    const exact = denseSolve(dense, n, b);
    const start = await solve(A, b, { x0: exact, tol: 1e-8 });
    assert.ok(start.converged && start.iterations === 0, 'x0 = the solution converges at once');
    const jacobi = diags(Float64Array.from({ length: n }, (_, i) => 1 / dense[i * n + i]));
    const plain = await solve(A, b, { tol: 1e-10 });
    const pre = await solve(A, b, { tol: 1e-10, M: jacobi });
    assert.ok(pre.converged);
    assert.ok(maxRelDiff(pre.x.data, exact) < 1e-8);
    const invDiag = tensor(Float64Array.from({ length: n }, (_, i) => 1 / dense[i * n + i]), [n], { dtype: 'float64' });
    let calls = 0;
    const fn = await solve(A, b, { tol: 1e-10, M: (r) => { calls++; return r.mul(invDiag); } });
    assert.ok(fn.converged && calls > 0);
    assert.is(fn.iterations, pre.iterations);
    assert.ok(pre.iterations <= plain.iterations + 1, `preconditioned ${pre.iterations} vs plain ${plain.iterations}`);
    const seen = [];
    const short = await solve(A, b, { tol: 1e-14, maxiter: 2, onProgress: (p) => seen.push(p), ...(name === 'gmres' && { restart: 3 }) });
    assert.is(short.converged, false);
    assert.is(short.reason, 'maxiter');
    assert.match(short.message, /maxiter/);
    assert.ok(seen.length > 0 && seen.every((p) => p.columns === 1 && p.residual > 0));
    const zero = await solve(A, new Float64Array(n));
    assert.ok(zero.converged && zero.x.data.every((x) => x === 0));
    // Abort mid-iteration, from the progress callback.
    const controller = new AbortController();
    let steps = 0;
    const aborted = await solve(A, b, { tol: 1e-14, signal: controller.signal, onProgress: () => { if (++steps === 2) controller.abort(); } }).catch((e) => e);
    assert.instance(aborted, AbortError);
    assert.is(steps, 2);
  });

  test(`${name}: typed errors for bad input, before any work`, async () => {
    const reject = async (promise, type, pattern) => {
      const error = await promise.then(() => null, (e) => e);
      assert.instance(error, type);
      assert.match(error.message, pattern);
    };
    await reject(solve(A, b, { tolerance: 1e-5 }), ValueError, /tolerance/);
    await reject(solve(A, b, { tol: -1 }), ValueError, /tol/);
    await reject(solve(A, b, { maxiter: 0 }), ValueError, /maxiter/);
    await reject(solve(A, new Float64Array(n + 1)), ShapeError, /b must have shape/);
    await reject(solve(aslinearoperator(tensor(new Float64Array(6), [2, 3])), [1, 2]), ShapeError, /square/);
    await reject(solve(dense, b), DTypeError, /LinearOperator/);
    await reject(solve(A, Float64Array.from(b, (x, i) => (i === 3 ? NaN : x))), ValueError, /finite/);
    await reject(solve(A, b, { M: 3 }), DTypeError, /options\.M/);
    const bad = aslinearoperator({ shape: [3, 3], matvec: (v) => v.mul(NaN) });
    await reject(solve(bad, [1, 2, 3]), ValueError, /the operator returned NaN/);
    if (name === 'gmres') await reject(solve(A, b, { restart: 1.5 }), ValueError, /restart/);
  });
}

test('gmres: restarts change the path but not the answer; restart = N is full GMRES', async () => {
  const exact = denseSolve(dense, n, b);
  const r5 = await gmres(A, b, { tol: 1e-10, restart: 5 });
  const full = await gmres(A, b, { tol: 1e-10, restart: n });
  assert.ok(r5.converged && full.converged);
  assert.ok(full.iterations <= r5.iterations, `full ${full.iterations} vs restart 5 ${r5.iterations}`);
  assert.ok(maxRelDiff(r5.x.data, exact) < 1e-8 && maxRelDiff(full.x.data, exact) < 1e-8);
  // A 4 x 4 cyclic shift: GMRES needs all 4 steps (the residual does not drop before), then is exact.
  const P = aslinearoperator(tensor([0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], [4, 4], { dtype: 'float64' }));
  const cyc = await gmres(P, [1, 0, 0, 0], { tol: 1e-12 });
  assert.ok(cyc.converged);
  assert.is(cyc.iterations, 4);
  assert.equal(Array.from(cyc.x.data, (x) => Math.round(x * 1e9) / 1e9), [0, 0, 0, 1]);  // P x = (x_3, x_0, x_1, x_2) = e_0
});

test.run();
