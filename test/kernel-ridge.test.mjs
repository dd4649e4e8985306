// KernelRidge against dense float64 kernel ridge regression (kernels and solves written here):
// the solution of (K + lambda N I) alpha = y, predictions, the GP posterior variance, each
// kernel, several targets, the Nystrom preconditioner against plain CG, the dense Cholesky it
// uses, typed errors and abort.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, KernelRidge, kernelRidgeValidationLoss, lbfgs, ShapeError, DTypeError, ValueError, AbortError } from '../build/src/index.js';
import { cholesky, choleskySolve } from '../build/src/linalg/cholesky.js';
import { Rng } from './helpers/random.mjs';
import { KERNELS, kernelMatrix } from './helpers/kernel-matrix.mjs';

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

/** A [rows, cols] times B [cols, k], row-major. */
function matmul(A, rows, cols, B, k) {
  const out = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) for (let c = 0; c < k; c++) out[i * k + c] += A[i * cols + j] * B[j * k + c];
  return out;
}

function relativeDifference(a, b) {
  let num = 0;
  let den = 0;
  for (let k = 0; k < b.length; k++) {
    num += (a[k] - b[k]) ** 2;
    den += b[k] ** 2;
  }
  return Math.sqrt(num / den);
}

/** Points in the unit cube and a smooth target with noise: E targets when e > 0. */
function problem(seed, n, d, e = 0) {
  const rng = new Rng(seed);
  const X = Float64Array.from({ length: n * d }, () => rng.uniform());
  const cols = Math.max(e, 1);
  const Y = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) for (let c = 0; c < cols; c++) Y[i * cols + c] = Math.sin(3 * X[i * d] + c) + X[i * d + d - 1] ** 2 + 0.05 * rng.normal();
  return { X, Y, Xt: tensor(X, [n, d]), Yt: tensor(Y, e > 0 ? [n, e] : [n]) };
}

/** The dense solution and the system's matrix for comparison. */
function denseRidge(kernel, sigma, lambda, X, n, d, Y, cols) {
  const K = kernelMatrix(kernel, sigma, X, n, X, n, d);
  const A = Float64Array.from(K);
  for (let i = 0; i < n; i++) A[i * n + i] += lambda * n;
  return { K, A, alpha: denseSolve(A, n, Y, cols) };
}

test('fit solves (K + lambda N I) alpha = y as a dense float64 solve does (N = 300, D = 3, Gaussian)', async () => {
  const n = 300, d = 3, sigma = 0.3, lambda = 1e-6;
  const { X, Y, Xt, Yt } = problem(1, n, d);
  const model = await new KernelRidge({ kernel: 'gaussian', sigma, lambda, centers: 60, tol: 1e-10 }).fit(Xt, Yt);
  assert.ok(model.converged, model.message);
  const { A, alpha } = denseRidge('gaussian', sigma, lambda, X, n, d, Y, 1);
  // The true residual of the dense system, not CG's recurrence: it must meet the tolerance.
  const trueResidual = relativeDifference(matmul(A, n, n, model.alpha.data, 1), Y);
  assert.ok(trueResidual < 1e-9, `true relative residual ${trueResidual}`);
  // alpha itself to the condition number (about N / (lambda N) ~ 1e6) times the tolerance.
  assert.ok(relativeDifference(model.alpha.data, alpha) < 1e-3, `alpha differs by ${relativeDifference(model.alpha.data, alpha)}`);
  // Predictions at new points: K(Xnew, X) alpha.
  const { X: Z, Xt: Zt } = problem(2, 37, d);
  const f = await model.predict(Zt);
  assert.equal(f.shape, [37]);
  const expected = matmul(kernelMatrix('gaussian', sigma, Z, 37, X, n, d), 37, n, alpha, 1);
  assert.ok(relativeDifference(f.data, expected) < 1e-6, `predictions differ by ${relativeDifference(f.data, expected)}`);
});

test('every kernel (gaussian, laplacian, matern32, matern52) matches the dense solution and predictions', async () => {
  const n = 211, d = 2, sigma = 0.25, lambda = 1e-5;
  const { X, Y, Xt, Yt } = problem(3, n, d);
  const { X: Z, Xt: Zt } = problem(4, 13, d);
  for (const kernel of Object.keys(KERNELS)) {
    const model = await new KernelRidge({ kernel, sigma, lambda, centers: 40, tol: 1e-10 }).fit(Xt, Yt);
    assert.ok(model.converged, `${kernel}: ${model.message}`);
    const { alpha } = denseRidge(kernel, sigma, lambda, X, n, d, Y, 1);
    const expected = matmul(kernelMatrix(kernel, sigma, Z, 13, X, n, d), 13, n, alpha, 1);
    const f = await model.predict(Zt);
    assert.ok(relativeDifference(f.data, expected) < 1e-7, `${kernel}: predictions differ by ${relativeDifference(f.data, expected)}`);
    assert.ok(relativeDifference(model.alpha.data, alpha) < 1e-4, `${kernel}: alpha differs by ${relativeDifference(model.alpha.data, alpha)}`);
  }
});

test('the Nystrom preconditioner reaches the plain-CG solution in far fewer iterations; all N centres make it exact', async () => {
  const n = 250, d = 3, sigma = 0.3, lambda = 1e-5;
  const { Xt, Yt } = problem(5, n, d);
  const plain = await new KernelRidge({ sigma, lambda, centers: 0, tol: 1e-8, maxiter: 4000 }).fit(Xt, Yt);
  const pre = await new KernelRidge({ sigma, lambda, centers: 50, tol: 1e-8 }).fit(Xt, Yt);
  assert.ok(plain.converged && pre.converged, `${plain.message} / ${pre.message}`);
  assert.equal(plain.centerIndices.length, 0);
  assert.equal(pre.centerIndices.length, 50);
  assert.ok(pre.iterations * 3 < plain.iterations, `preconditioned ${pre.iterations} vs plain ${plain.iterations} iterations`);
  assert.ok(relativeDifference(pre.alpha.data, plain.alpha.data) < 1e-2, 'alpha (ill-conditioned: compared loosely)');
  const Z = problem(6, 50, d).Xt;
  const fp = await pre.predict(Z);
  const fq = await plain.predict(Z);
  assert.ok(relativeDifference(fp.data, fq.data) < 1e-6, `predictions differ by ${relativeDifference(fp.data, fq.data)}`);
  // With every point a centre, P = K + lambda N I exactly: one iteration.
  const exact = await new KernelRidge({ sigma, lambda, centers: n, tol: 1e-8 }).fit(Xt, Yt);
  assert.ok(exact.iterations <= 2, `${exact.iterations} iterations with the exact preconditioner`);
});

test('centres are a seeded uniform subset: the same seed repeats them, another seed changes them', async () => {
  const { Xt, Yt } = problem(7, 120, 2);
  const a = await new KernelRidge({ sigma: 0.3, lambda: 1e-4, centers: 30, seed: 5 }).fit(Xt, Yt);
  const b = await new KernelRidge({ sigma: 0.3, lambda: 1e-4, centers: 30, seed: 5 }).fit(Xt, Yt);
  const c = await new KernelRidge({ sigma: 0.3, lambda: 1e-4, centers: 30, seed: 6 }).fit(Xt, Yt);
  assert.equal(Array.from(a.centerIndices), Array.from(b.centerIndices));
  assert.not.equal(Array.from(a.centerIndices), Array.from(c.centerIndices));
  assert.equal(new Set(a.centerIndices).size, 30, 'distinct');
  assert.ok(a.centerIndices.every((k) => k >= 0 && k < 120));
});

test('several targets y [N, E] solve together and equal E separate fits', async () => {
  const n = 150, d = 3, e = 3, sigma = 0.4, lambda = 1e-5;
  const { X, Y, Xt, Yt } = problem(8, n, d, e);
  const model = await new KernelRidge({ kernel: 'matern32', sigma, lambda, centers: 30, tol: 1e-10 }).fit(Xt, Yt);
  assert.ok(model.converged, model.message);
  assert.equal(model.alpha.shape, [n, e]);
  const { alpha } = denseRidge('matern32', sigma, lambda, X, n, d, Y, e);
  assert.ok(relativeDifference(model.alpha.data, alpha) < 1e-5);
  const Z = problem(9, 11, d).Xt;
  const f = await model.predict(Z);
  assert.equal(f.shape, [11, e]);
  for (let c = 0; c < e; c++) {
    const yc = tensor(Float64Array.from({ length: n }, (_, i) => Y[i * e + c]), [n]);
    const single = await new KernelRidge({ kernel: 'matern32', sigma, lambda, centers: 30, tol: 1e-10 }).fit(Xt, yc);
    const fc = await single.predict(Z);
    assert.ok(relativeDifference(Array.from({ length: 11 }, (_, i) => f.data[i * e + c]), fc.data) < 1e-7, `target ${c}`);
  }
});

test('float32 points: the kernel reductions run in float32 and still meet the tolerance', async () => {
  const n = 256, d = 3;
  const { X, Y } = problem(10, n, d);
  const model = await new KernelRidge({ sigma: 0.3, lambda: 1e-5, centers: 50, tol: 1e-6 }).fit(tensor(Float32Array.from(X), [n, d]), tensor(Y, [n]));
  assert.ok(model.converged, model.message);
  const { alpha } = denseRidge('gaussian', 0.3, 1e-5, Float64Array.from(Float32Array.from(X)), n, d, Y, 1);
  const f = await model.predict(tensor(Float32Array.from(X), [n, d]));
  assert.is(f.dtype, 'float32');
  const expected = matmul(kernelMatrix('gaussian', 0.3, Float64Array.from(Float32Array.from(X)), n, Float64Array.from(Float32Array.from(X)), n, d), n, n, alpha, 1);
  assert.ok(relativeDifference(f.data, expected) < 1e-4, `fitted values differ by ${relativeDifference(f.data, expected)}`);
});

test('predictVariance is the GP posterior variance 1 - k*^T (K + lambda N I)^-1 k*', async () => {
  const n = 120, d = 2, sigma = 0.3, lambda = 1e-4;
  const { X, Xt, Yt } = problem(11, n, d);
  const model = await new KernelRidge({ kernel: 'laplacian', sigma, lambda, centers: 30, tol: 1e-10 }).fit(Xt, Yt);
  const nz = 40; // more than one block of 32 points
  const { X: Z, Xt: Zt } = problem(12, nz, d);
  const v = await model.predictVariance(Zt);
  assert.equal(v.shape, [nz]);
  const { A } = denseRidge('laplacian', sigma, lambda, X, n, d, new Float64Array(n), 1);
  const kStar = kernelMatrix('laplacian', sigma, X, n, Z, nz, d); // [n, nz]
  const solved = denseSolve(A, n, kStar, nz);
  for (let c = 0; c < nz; c++) {
    let q = 0;
    for (let i = 0; i < n; i++) q += kStar[i * nz + c] * solved[i * nz + c];
    assert.ok(Math.abs(v.data[c] - (1 - q)) < 1e-7, `point ${c}: ${v.data[c]} vs ${1 - q}`);
  }
  // At a training point the variance is small; far away it returns to the prior's 1.
  const far = await model.predictVariance(tensor([5, 5, 0.5, 0.5], [2, 2], { dtype: 'float64' }));
  assert.ok(far.data[0] > 0.999 && far.data[1] < 0.1, `${far.data}`);
});

test('the dense Cholesky factor solves SPD systems and refuses a matrix that is not positive definite', () => {
  const rng = new Rng(13);
  const n = 37;
  const B = Float64Array.from({ length: n * n }, () => rng.normal());
  const A = matmul(B, n, n, Float64Array.from({ length: n * n }, (_, k) => B[(k % n) * n + Math.floor(k / n)]), n); // B B^T
  for (let i = 0; i < n; i++) A[i * n + i] += 1;
  const rhs = Float64Array.from({ length: n * 2 }, () => rng.normal());
  const x = choleskySolve(cholesky('test', A, n), rhs, 2);
  assert.ok(relativeDifference(x, denseSolve(A, n, rhs, 2)) < 1e-10);
  assert.throws(() => cholesky('test', [1, 2, 2, 1], 2), (e) => e instanceof ValueError && /pivot 1/.test(e.message));
});

test('bad arguments raise typed errors naming them, before any work', async () => {
  const { Xt, Yt } = problem(14, 20, 2);
  const make = (o) => () => new KernelRidge({ sigma: 0.3, lambda: 1e-3, ...o });
  assert.throws(make({ kernel: 'cauchy' }), (e) => e instanceof ValueError && /options\.kernel/.test(e.message));
  assert.throws(make({ sigma: 0 }), (e) => e instanceof ValueError && /options\.sigma/.test(e.message));
  assert.throws(make({ sigma: -1 }), (e) => e instanceof ValueError && /options\.sigma/.test(e.message));
  assert.throws(make({ sigma: NaN }), (e) => e instanceof ValueError && /options\.sigma/.test(e.message));
  assert.throws(make({ lambda: -1e-6 }), (e) => e instanceof ValueError && /options\.lambda/.test(e.message));
  assert.throws(make({ lambda: 0, centers: 5 }), (e) => e instanceof ValueError && /lambda > 0/.test(e.message));
  assert.throws(make({ centers: 2.5 }), (e) => e instanceof ValueError && /options\.centers/.test(e.message));
  assert.throws(make({ tol: 0 }), (e) => e instanceof ValueError && /options\.tol/.test(e.message));
  assert.throws(make({ backend: 'cuda' }), (e) => e instanceof ValueError);
  assert.throws(make({ sigmas: 1 }), (e) => e instanceof ValueError && /sigmas/.test(e.message));
  const model = new KernelRidge({ sigma: 0.3, lambda: 1e-3, centers: 21 });
  const rejects = async (p, cls, re) => {
    const e = await p.then(() => null, (err) => err);
    assert.instance(e, cls);
    assert.match(e.message, re);
  };
  await rejects(model.fit(Xt, Yt), ValueError, /centers \(21\).*N = 20/);
  await rejects(model.predict(Xt), ValueError, /not fitted/);
  await rejects(model.predictVariance(Xt), ValueError, /not fitted/);
  const ok = new KernelRidge({ sigma: 0.3, lambda: 1e-3, centers: 5 });
  await rejects(ok.fit(Xt, tensor(new Float64Array(19), [19])), ShapeError, /y must have shape \[20\]/);
  await rejects(ok.fit(tensor(new Float64Array(20), [20]), Yt), ShapeError, /X must have shape \[N, D\]/);
  await rejects(ok.fit(Xt, [1, 2]), DTypeError, /y must be a Tensor/);
  await rejects(ok.fit(tensor(new Int32Array(40), [20, 2]), Yt), DTypeError, /X must be float32 or float64/);
  await rejects(ok.fit(tensor(Float64Array.from({ length: 40 }, (_, k) => (k === 7 ? NaN : k)), [20, 2]), Yt), ValueError, /X must be finite/);
  await ok.fit(Xt, Yt);
  await rejects(ok.predict(tensor(new Float64Array(9), [3, 3])), ShapeError, /Xnew must have 2 columns/);
});

test('fit stops with an AbortError: a signal aborted before, and one aborted during CG', async () => {
  const { Xt, Yt } = problem(15, 300, 3);
  const before = new AbortController();
  before.abort();
  const e1 = await new KernelRidge({ sigma: 0.3, lambda: 1e-6, centers: 20 }).fit(Xt, Yt, { signal: before.signal }).catch((e) => e);
  assert.instance(e1, AbortError);
  const during = new AbortController();
  let seen = 0;
  const model = new KernelRidge({ sigma: 0.3, lambda: 1e-7, centers: 0, maxiter: 5000 });
  const e2 = await model.fit(Xt, Yt, { signal: during.signal, onProgress: (p) => { seen = p.iteration; if (p.iteration === 3) during.abort(); } }).catch((e) => e);
  assert.instance(e2, AbortError);
  assert.ok(seen >= 3 && seen < 10, `stopped after iteration ${seen}`);
  const e3 = await model.predict(Xt).catch((e) => e);
  assert.instance(e3, ValueError, 'an aborted fit leaves the model unfitted');
});

test('solve reuses the fitted system and preconditioner: (K + lambda N I) W = B for several columns', async () => {
  const n = 90, d = 2, sigma = 0.3, lambda = 1e-5;
  const { X, Xt, Yt } = problem(16, n, d);
  const model = await new KernelRidge({ kernel: 'matern52', sigma, lambda, centers: 20, tol: 1e-11 }).fit(Xt, Yt);
  const rng = new Rng(17);
  const B = Float64Array.from({ length: n * 2 }, () => rng.normal());
  const { x, converged } = await model.solve(tensor(B, [n, 2]));
  assert.ok(converged);
  const { A } = denseRidge('matern52', sigma, lambda, X, n, d, new Float64Array(n), 1);
  assert.ok(relativeDifference(x.data, denseSolve(A, n, B, 2)) < 1e-5);
});

test('the validation loss has the gradient of finite differences in sigma and lambda, for each kernel and E = 2', async () => {
  const n = 100, nv = 30, d = 2;
  const { Xt, Yt } = problem(18, n, d, 2);
  const { Xt: Xv, Yt: Yv } = problem(19, nv, d, 2);
  for (const kernel of Object.keys(KERNELS)) {
    const sigma = tensor([0.3], [1], { dtype: 'float64', requiresGrad: true });
    const lambda = tensor([1e-4], [1], { dtype: 'float64', requiresGrad: true });
    const common = { kernel, centers: 25, tol: 1e-12 };
    const loss = await kernelRidgeValidationLoss(Xt, Yt, Xv, Yv, { ...common, sigma, lambda });
    assert.equal(loss.shape, []);
    await loss.backward();
    const value = async (s, l) => (await kernelRidgeValidationLoss(Xt, Yt, Xv, Yv, { ...common, sigma: s, lambda: l })).item();
    const fdSigma = (await value(0.3 + 1e-5, 1e-4) - await value(0.3 - 1e-5, 1e-4)) / 2e-5;
    const fdLambda = (await value(0.3, 1e-4 + 1e-8) - await value(0.3, 1e-4 - 1e-8)) / 2e-8;
    assert.ok(Math.abs(sigma.grad.data[0] - fdSigma) < 1e-5 * Math.abs(fdSigma), `${kernel} d/dsigma ${sigma.grad.data[0]} vs ${fdSigma}`);
    assert.ok(Math.abs(lambda.grad.data[0] - fdLambda) < 1e-5 * Math.abs(fdLambda), `${kernel} d/dlambda ${lambda.grad.data[0]} vs ${fdLambda}`);
  }
});

test('L-BFGS on log sigma and log lambda lowers the validation loss', async () => {
  const { Xt, Yt } = problem(20, 100, 2);
  const { Xt: Xv, Yt: Yv } = problem(21, 40, 2);
  const logSigma = tensor([Math.log(0.05)], [1], { dtype: 'float64', requiresGrad: true });
  const logLambda = tensor([Math.log(1e-5)], [1], { dtype: 'float64', requiresGrad: true });
  const closure = () => kernelRidgeValidationLoss(Xt, Yt, Xv, Yv, { sigma: logSigma.exp(), lambda: logLambda.exp(), centers: 30, tol: 1e-6 });
  const before = (await closure()).item();
  const result = await lbfgs(closure, [logSigma, logLambda], { maxIter: 5 });
  const after = (await closure()).item();
  assert.ok(after < 0.5 * before, `validation loss ${before} -> ${after} (${result.message})`);
});

test.run();
