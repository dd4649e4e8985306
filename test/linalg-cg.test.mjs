// cg, minres and kernelSolve against dense float64 solves (Gaussian elimination written here):
// single and multiple right-hand sides, initial guesses, preconditioners, iteration limits,
// progress and abort, and typed errors for bad input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, aslinearoperator, diags, identity, cg, minres, kernelSolve,
  ShapeError, DTypeError, ValueError, AbortError,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

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

/** Entries agree to rtol relative to the largest expected magnitude. */
function assertNear(actual, expected, rtol, label) {
  assertClose(actual, expected, { rtol, scale: Math.max(...Array.from(expected, Math.abs)), label });
}

const rng = new Rng(31);
const n = 80;
// A symmetric positive definite matrix with condition number about 100: Q diag Q^T + 0.01 I, built as G G^T / n + 0.05 I.
const G = Float64Array.from({ length: n * n }, () => rng.normal());
const spd = new Float64Array(n * n);
for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
  let s = 0;
  for (let l = 0; l < n; l++) s += G[i * n + l] * G[j * n + l];
  spd[i * n + j] = s / n + (i === j ? 0.05 : 0);
}
const op = aslinearoperator(tensor(spd, [n, n]));
const b = Float64Array.from({ length: n }, () => rng.normal());

test('cg matches a dense solve, for one right-hand side and for a block of them', async () => {
  const sol = await cg(op, tensor(b, [n], { dtype: 'float64' }), { tol: 1e-10 });
  assert.ok(sol.converged);
  assert.equal(sol.x.shape, [n]);
  assert.is(sol.x.dtype, 'float64');
  assert.ok(sol.residual <= 1e-10 && sol.iterations > 0 && sol.iterations <= n + 20, `residual ${sol.residual} after ${sol.iterations}`);
  assertNear(sol.x.data, denseSolve(spd, n, b), 1e-7, 'cg');
  const B3 = Float64Array.from({ length: n * 3 }, () => rng.normal());
  const block = await cg(op, tensor(B3, [n, 3], { dtype: 'float64' }), { tol: 1e-10 });
  assert.equal(block.x.shape, [n, 3]);
  assert.is(block.residuals.length, 3);
  assertNear(block.x.data, denseSolve(spd, n, B3, 3), 1e-7, 'cg block');
});

test('cg takes an initial guess, and a preconditioner as an operator or a function', async () => {
  const exact = denseSolve(spd, n, b);
  const warm = await cg(op, b, { tol: 1e-10, x0: exact.map((x) => x * (1 + 1e-6)) });
  assert.ok(warm.converged);
  const cold = await cg(op, b, { tol: 1e-10 });
  assert.ok(warm.iterations < cold.iterations, `a good x0 saves iterations (${warm.iterations} vs ${cold.iterations})`);
  const invDiag = Float64Array.from({ length: n }, (_, i) => 1 / spd[i * n + i]);
  const withOp = await cg(op, b, { tol: 1e-10, M: diags(invDiag) });
  let calls = 0;
  const withFn = await cg(op, b, { tol: 1e-10, M: (r) => { calls++; return r.data.map((x, i) => x * invDiag[i]); } });
  assert.ok(withOp.converged && withFn.converged && calls > 0);
  assert.is(withOp.iterations, withFn.iterations);
  assertNear(withFn.x.data, exact, 1e-7, 'preconditioned');
});

test('cg reports progress and non-convergence (like scipy info > 0), and stops on abort', async () => {
  const seen = [];
  const short = await cg(op, b, { tol: 1e-12, maxiter: 3, onProgress: (p) => seen.push(p) });
  assert.is(short.converged, false);
  assert.is(short.iterations, 3);
  assert.is(seen.length, 3);
  assert.ok(seen[2].residual < seen[0].residual * 1.5);
  const zero = await cg(op, new Float64Array(n), {});
  assert.ok(zero.converged && zero.iterations === 0 && zero.x.data.every((x) => x === 0), 'b = 0 gives x = 0 at once');
  const controller = new AbortController();
  controller.abort();
  try {
    await cg(op, b, { signal: controller.signal });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, AbortError);
  }
});

test('minres solves symmetric indefinite systems, with a shift', async () => {
  const sym = Float64Array.from({ length: n * n }, () => 0);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) sym[i * n + j] = sym[j * n + i] = rng.normal() + (i === j ? (i % 2 ? 9 : -9) : 0);
  const sol = await minres(aslinearoperator(tensor(sym, [n, n])), b, { tol: 1e-11 });
  assert.ok(sol.converged, `residual ${sol.residual}`);
  assertNear(sol.x.data, denseSolve(sym, n, b), 1e-7, 'minres');
  const shifted = Float64Array.from(sym, (x, k) => x - (k % (n + 1) === 0 ? 0.7 : 0));
  const sol2 = await minres(aslinearoperator(tensor(sym, [n, n])), tensor(b, [n, 1], { dtype: 'float64' }), { tol: 1e-11, shift: 0.7 });
  assert.equal(sol2.x.shape, [n, 1]);
  assertNear(sol2.x.data, denseSolve(shifted, n, b), 1e-7, 'minres shift');
});

test('kernelSolve solves (alpha I + K) x = b like KeOps KernelSolve, for [N] and [N, D] right-hand sides', async () => {
  const N = 150;
  const X = Float64Array.from({ length: N * 3 }, () => rng.uniform(0, 1));
  const Kd = new Float64Array(N * N);
  const alpha = 0.1;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    let d2 = 0;
    for (let c = 0; c < 3; c++) d2 += (X[3 * i + c] - X[3 * j + c]) ** 2;
    Kd[i * N + j] = Math.exp(-d2 / (2 * 0.25 ** 2)) + (i === j ? alpha : 0);
  }
  for (const [dtype, Arr, rtol] of [['float64', Float64Array, 1e-6], ['float32', Float32Array, 2e-3]]) {
    const Xt = tensor(Arr.from(X), [N, 3]);
    const K = Vi(Xt).sqdist(Vj(Xt)).mul(-1 / (2 * 0.25 ** 2)).exp();
    const B = Float64Array.from({ length: N * 2 }, () => rng.normal());
    const sol = await kernelSolve(K, tensor(Arr.from(B), [N, 2]), { alpha, tol: dtype === 'float64' ? 1e-10 : 1e-6 });
    assert.ok(sol.converged, `${dtype}: residual ${sol.residual}`);
    assert.equal(sol.x.shape, [N, 2]);
    assert.is(sol.x.dtype, dtype);
    assertNear(sol.x.data, denseSolve(Kd, N, B, 2), rtol, `kernelSolve ${dtype}`);
    const one = await kernelSolve(K, Vi(tensor(Arr.from(B.subarray(0, N)), [N, 1])), { alpha, tol: 1e-6 });
    assert.equal(one.x.shape, [N, 1], 'b given as Vi(b), as in pykeops');
  }
  // cg on the composed operator gives the same answer.
  const Xt = tensor(X, [N, 3]);
  const Kop = aslinearoperator(Vi(Xt).sqdist(Vj(Xt)).mul(-1 / (2 * 0.25 ** 2)).exp());
  const rhs = Float64Array.from({ length: N }, () => rng.normal());
  const viaCg = await cg(identity(N).mul(alpha).add(Kop), rhs, { tol: 1e-10 });
  const viaSolve = await kernelSolve(Vi(Xt).sqdist(Vj(Xt)).mul(-1 / (2 * 0.25 ** 2)).exp(), tensor(rhs, [N], { dtype: 'float64' }), { alpha, tol: 1e-10 });
  assertNear(viaSolve.x.data, viaCg.x.data, 1e-12, 'kernelSolve = cg(alpha I + K)');
});

test('cg, minres and kernelSolve reject bad input with typed errors naming the argument', async () => {
  const rejects = async (fn, Type, pattern) => {
    try {
      await fn();
    } catch (error) {
      assert.instance(error, Type, `expected ${Type.name}, got ${error}`);
      assert.match(error.message, pattern);
      return;
    }
    assert.unreachable(`expected ${Type.name} matching ${pattern}`);
  };
  const nonFinite = Float64Array.from(b);
  nonFinite[3] = NaN;
  await rejects(() => cg(op, nonFinite), ValueError, /cg: b must be finite, but entry 3 is NaN/);
  await rejects(() => cg(op, b.subarray(1)), ShapeError, /cg: b must have shape \[80\]/);
  await rejects(() => cg(op, b, { tol: -1 }), ValueError, /options\.tol/);
  await rejects(() => cg(op, b, { rtol: 1e-3 }), ValueError, /unknown option 'rtol'/);
  await rejects(() => cg(op, b, { maxiter: 0 }), ValueError, /options\.maxiter/);
  await rejects(() => cg(op, b, { x0: new Float64Array(3) }), ShapeError, /options\.x0/);
  await rejects(() => cg(op, b, { M: identity(3) }), ShapeError, /options\.M/);
  await rejects(() => cg(op, b, { M: 'jacobi' }), DTypeError, /options\.M/);
  await rejects(() => cg(tensor(spd, [n, n]), b), DTypeError, /LinearOperator/);
  await rejects(() => cg(aslinearoperator(tensor(new Float64Array(6), [2, 3])), [1, 2]), ShapeError, /square/);
  await rejects(() => minres(op, [Infinity, ...b.subarray(1)]), ValueError, /minres: b must be finite/);
  await rejects(() => minres(op, b, { shift: 'x' }), ValueError, /options\.shift/);
  const X = tensor(Float64Array.from({ length: 30 }, () => rng.normal()), [10, 3]);
  const Y = tensor(Float64Array.from({ length: 21 }, () => rng.normal()), [7, 3]);
  const K = Vi(X).sqdist(Vj(X)).neg().exp();
  await rejects(() => kernelSolve(K, tensor(new Float64Array(10)), { alpha: -1 }), ValueError, /options\.alpha/);
  await rejects(() => kernelSolve(K, tensor(new Float64Array(10)), { beta: 1 }), ValueError, /unknown option 'beta'/);
  await rejects(() => kernelSolve(Vi(X).sqdist(Vj(Y)).neg().exp(), tensor(new Float64Array(10))), ShapeError, /square/);
  await rejects(() => kernelSolve(K, Vi(X).exp()), DTypeError, /i-variable/);
  await rejects(() => kernelSolve('K', tensor(new Float64Array(10))), DTypeError, /K must be a LazyTensor/);
});

test.run();
