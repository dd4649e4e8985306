// eigsh against dense float64 eigendecompositions: random symmetric matrices and kernel graph
// Laplacians, for every `which`, with and without shift-invert, single vectors and blocks.
// The reference is a cyclic Jacobi solver written here, independent of the library's own
// Householder + QL solver (which is checked against it too). Every returned pair is also
// checked through its residual ||A v - lambda v|| and the orthonormality of the vectors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, ones, Vi, Vj, aslinearoperator, diags, identity, eigsh, ConvergenceError,
  LazyKernelError, ShapeError, DTypeError, ValueError, AbortError,
} from '../build/src/index.js';
import { symmetricEigen } from '../build/src/linalg/dense-eigh.js';
import { Rng } from './helpers/random.mjs';

// ------------------------------------------------------------------------------------------------
// Reference: cyclic Jacobi rotations on a dense symmetric float64 matrix
// ------------------------------------------------------------------------------------------------

/** Eigenvalues (ascending) and eigenvectors (columns of row-major V) of the symmetric n x n `a`. */
function jacobiEigen(a, n) {
  const A = Float64Array.from(a);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { total += A[i * n + j] ** 2; if (i !== j) off += A[i * n + j] ** 2; }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p];
          const vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => A[p * n + p] - A[q * n + q]);
  return { values: order.map((i) => A[i * n + i]), vectors: V, order };
}

/** The k eigenvalues scipy's eigsh returns for `which` (ascending), from all eigenvalues. */
function selectReference(all, k, which, sigma) {
  const key = {
    LM: (l) => -Math.abs(l), SM: (l) => Math.abs(l), LA: (l) => -l, SA: (l) => l,
  }[which];
  const transformed = sigma === undefined ? all.map((l) => ({ l, t: l })) : all.map((l) => ({ l, t: 1 / (l - sigma) }));
  return transformed.sort((p, q) => key(p.t) - key(q.t)).slice(0, k).map((p) => p.l).sort((p, q) => p - q);
}

function randomSymmetric(n, rng) {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  return a;
}

function denseMatvec(a, n, v) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += a[i * n + j] * v[j]; out[i] = s; }
  return out;
}

/** Checks values against `expected`, each pair's residual and the orthonormality of the vectors. */
function checkPairs(result, a, n, expected, { rtol, atol, resTol, label }) {
  const { values, vectors } = result;
  const k = expected.length;
  assert.is(values.length, k, `${label}: number of values`);
  for (let c = 1; c < k; c++) assert.ok(values[c] >= values[c - 1], `${label}: values ascending`);
  for (let c = 0; c < k; c++) {
    const err = Math.abs(values[c] - expected[c]);
    assert.ok(err <= atol + rtol * Math.abs(expected[c]), `${label}: value ${c} is ${values[c]}, expected ${expected[c]} (error ${err.toExponential(2)})`);
  }
  assert.equal(vectors.shape, [n, k], `${label}: vectors shape`);
  const cols = Array.from({ length: k }, (_, c) => Float64Array.from({ length: n }, (_, i) => vectors.data[i * k + c]));
  const scale = Math.max(...expected.map(Math.abs), 1);
  for (let c = 0; c < k; c++) {
    const Av = denseMatvec(a, n, cols[c]);
    let r = 0;
    for (let i = 0; i < n; i++) r += (Av[i] - values[c] * cols[c][i]) ** 2;
    assert.ok(Math.sqrt(r) <= resTol * scale, `${label}: residual of pair ${c} is ${Math.sqrt(r).toExponential(2)}`);
    for (let d = 0; d <= c; d++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += cols[c][i] * cols[d][i];
      assert.ok(Math.abs(s - (c === d ? 1 : 0)) < 1e-5, `${label}: vectors ${c} and ${d} have inner product ${s}`);
    }
  }
}

/** A noisy 2-D spiral (the tutorial's point cloud), scaled by 1 / sigma. */
function spiral(N, rng, Arr) {
  const x = new Arr(N * 2);
  for (let i = 0; i < N; i++) {
    const t = (2 * Math.PI * i) / N;
    x[2 * i] = (0.4 + 0.4 * (t / 7) * Math.cos(t) + 0.01 * rng.normal()) / 0.05;
    x[2 * i + 1] = (0.5 + 0.3 * Math.sin(t) + 0.01 * rng.normal()) / 0.05;
  }
  return x;
}

/** The dense float64 graph Laplacian D - K of a Gaussian kernel on points x [N, 2]. */
function denseLaplacian(x, N) {
  const L = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    let deg = 0;
    for (let j = 0; j < N; j++) {
      const k = Math.exp(-((x[2 * i] - x[2 * j]) ** 2 + (x[2 * i + 1] - x[2 * j + 1]) ** 2) / 2);
      L[i * N + j] = -k;
      deg += k;
    }
    L[i * N + i] += deg;
  }
  return L;
}

// ------------------------------------------------------------------------------------------------
// The dense solver eigsh relies on
// ------------------------------------------------------------------------------------------------

test('symmetricEigen (Householder + QL) agrees with Jacobi rotations, repeated eigenvalues and 1 x 1 included', () => {
  const rng = new Rng(11);
  const cases = [1, 2, 3, 17, 40].map((n) => ({ n, a: randomSymmetric(n, rng) }));
  cases.push({ n: 6, a: Float64Array.from({ length: 36 }, (_, k) => (k % 7 === 0 ? 2 : 0)) }); // 2 I
  cases.push({ n: 5, a: new Float64Array(25) });
  for (const { n, a } of cases) {
    const mine = symmetricEigen(a, n);
    const ref = jacobiEigen(a, n);
    for (let c = 0; c < n; c++) assert.ok(Math.abs(mine.values[c] - ref.values[c]) < 1e-11 * Math.max(1, Math.abs(ref.values[c])), `n=${n}: value ${c}`);
    checkPairs({ values: mine.values, vectors: tensor(mine.vectors, [n, n]) }, a, n, ref.values, { rtol: 1e-11, atol: 1e-11, resTol: 1e-11, label: `symmetricEigen n=${n}` });
  }
});

// ------------------------------------------------------------------------------------------------
// Random symmetric matrices
// ------------------------------------------------------------------------------------------------

const n = 120;
const rngA = new Rng(2024);
const A = randomSymmetric(n, rngA);
const refA = jacobiEigen(A, n).values;
const opA = aslinearoperator(tensor(A, [n, n]));
const S_N = 30;
const S = randomSymmetric(S_N, rngA);
const refS = jacobiEigen(S, S_N).values;

for (const which of ['LM', 'SM', 'LA', 'SA']) {
  test(`eigsh which='${which}' on a random symmetric matrix matches the dense solve`, async () => {
    const result = await eigsh(opA, { k: 5, which, tol: 1e-10 });
    checkPairs(result, A, n, selectReference(refA, 5, which), { rtol: 1e-8, atol: 1e-8, resTol: 1e-6, label: which });
  });
  test(`eigsh which='${which}' with sigma = 0.3 (shift-invert) matches the dense solve`, async () => {
    // 'SM' of 1 / (lambda - sigma) wants the eigenvalues farthest from sigma, whose inverses
    // crowd around 0: an interior problem for Krylov methods, checked on a basis that fills the space.
    const [a, m, ref, ncv] = which === 'SM' ? [S, S_N, refS, S_N] : [A, n, refA, undefined];
    const result = await eigsh(aslinearoperator(tensor(a, [m, m])), { k: 4, which, sigma: 0.3, tol: 1e-10, ncv });
    checkPairs(result, a, m, selectReference(ref, 4, which, 0.3), { rtol: 1e-7, atol: 1e-7, resTol: 1e-5, label: `${which} sigma` });
  });
}

test('eigsh with blocks of vectors (blockSize 3) finds the same eigenpairs', async () => {
  for (const which of ['LA', 'SA']) {
    const result = await eigsh(opA, { k: 6, which, blockSize: 3, tol: 1e-10 });
    checkPairs(result, A, n, selectReference(refA, 6, which), { rtol: 1e-8, atol: 1e-8, resTol: 1e-6, label: `block ${which}` });
  }
});

test('eigsh with sigma and CG as inner solver, on a positive definite shifted matrix', async () => {
  // A + (1 - lambda_min) I is positive definite, and so is it minus sigma = 0.
  const shift = 1 - refA[0];
  const B = Float64Array.from(A, (v, k) => v + (k % (n + 1) === 0 ? shift : 0));
  const refB = jacobiEigen(B, n).values;
  const result = await eigsh(aslinearoperator(tensor(B, [n, n])), { k: 3, sigma: 0, solver: { method: 'cg' }, tol: 1e-10 });
  checkPairs(result, B, n, selectReference(refB, 3, 'LM', 0), { rtol: 1e-8, atol: 1e-8, resTol: 1e-5, label: 'cg shift-invert' });
});

test('eigsh on a small matrix whose Krylov space fills up (ncv = N)', async () => {
  const m = 8;
  const a = randomSymmetric(m, new Rng(5));
  const ref = jacobiEigen(a, m).values;
  const result = await eigsh(aslinearoperator(tensor(a, [m, m])), { k: 7, which: 'LA' });
  checkPairs(result, a, m, selectReference(ref, 7, 'LA'), { rtol: 1e-9, atol: 1e-9, resTol: 1e-8, label: 'n=8' });
});

test('eigsh is deterministic: the default start vector is seeded', async () => {
  const r1 = await eigsh(opA, { k: 3, which: 'LA', tol: 1e-3 });
  const r2 = await eigsh(opA, { k: 3, which: 'LA', tol: 1e-3 });
  assert.equal(Array.from(r1.values), Array.from(r2.values));
  assert.equal(r1.matvecs, r2.matvecs);
  const r3 = await eigsh(opA, { k: 3, which: 'LA', v0: ones([n], 'float64'), returnEigenvectors: false });
  assert.is(r3.vectors, null);
  assert.ok(Math.abs(r3.values[2] - refA[n - 1]) < 1e-6);
});

test('eigsh reports progress, and raises ConvergenceError with the partial results', async () => {
  const seen = [];
  await eigsh(opA, { k: 2, which: 'LA', onProgress: (p) => seen.push(p) });
  assert.ok(seen.length >= 2, 'one report per Lanczos step');
  // Step s has applied the operator to s + 1 vectors, after the 2 of the symmetry probe.
  assert.ok(seen.every((p, s) => p.iteration === s + 1 && p.matvecs === s + 3 && p.values.length === p.residuals.length && p.values.length <= 2));
  assert.is(seen.at(-1).values.length, 2);
  assert.is(seen.at(-1).converged, 2);
  try {
    await eigsh(opA, { k: 5, which: 'SM', maxiter: 1 });
    assert.unreachable('should not converge in one restart');
  } catch (error) {
    assert.instance(error, ConvergenceError);
    assert.instance(error, LazyKernelError);
    assert.match(error.message, /maxiter/);
    assert.is(error.partial.values.length, 5);
    assert.equal(error.partial.vectors.shape, [n, 5]);
    assert.ok(error.partial.converged < 5);
  }
});

test('eigsh stops on an aborted signal', async () => {
  const controller = new AbortController();
  controller.abort();
  try {
    await eigsh(opA, { k: 2, signal: controller.signal });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, AbortError);
  }
});

test('eigsh rejects bad input with typed errors naming the argument', async () => {
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
  await rejects(() => eigsh(opA, { k: n }), ValueError, /k must be smaller than .* N = 120/);
  await rejects(() => eigsh(opA, { k: 0 }), ValueError, /options\.k/);
  await rejects(() => eigsh(opA, { k: 2, which: 'LR' }), ValueError, /options\.which/);   // eigs' which, not eigsh's
  await rejects(() => eigsh(opA, { k: 2, tolerance: 1 }), ValueError, /unknown option 'tolerance'/);
  await rejects(() => eigsh(opA, { k: 2, sigma: NaN }), ValueError, /options\.sigma/);
  await rejects(() => eigsh(opA, { k: 2, ncv: 2 }), ValueError, /options\.ncv/);
  await rejects(() => eigsh(opA, { k: 2, v0: ones([n + 1]) }), ShapeError, /options\.v0/);
  await rejects(() => eigsh(opA, { k: 2, sigma: 0, solver: { method: 'gmres' } }), ValueError, /options\.solver\.method/);
  await rejects(() => eigsh(tensor(A, [n, n]), { k: 2 }), DTypeError, /LinearOperator/);
  await rejects(() => eigsh(aslinearoperator(tensor(new Float64Array(6), [2, 3])), { k: 1 }), ShapeError, /square/);
});

// ------------------------------------------------------------------------------------------------
// Kernel graph Laplacians (the spectral-coordinates tutorial, small)
// ------------------------------------------------------------------------------------------------

const N = 300;
const points = spiral(N, new Rng(7), Float64Array);
const denseL = denseLaplacian(points, N);
const refL = jacobiEigen(denseL, N).values;

async function kernelLaplacian(dtype) {
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const X = tensor(Arr.from(points), [N, 2]);
  const K = aslinearoperator(Vi(X).sqdist(Vj(X)).mul(-0.5).exp());
  const D = await K.matvec(ones([N], dtype));
  return { K, D, L: diags(D).sub(K) };
}

for (const which of ['LM', 'SM', 'LA', 'SA']) {
  test(`eigsh which='${which}' on a float64 kernel Laplacian D - K matches the dense solve`, async () => {
    const { L } = await kernelLaplacian('float64');
    const result = await eigsh(L, { k: 4, which, tol: 1e-10 });
    const expected = selectReference(refL, 4, which);
    const scale = refL[N - 1];
    checkPairs(result, denseL, N, expected, { rtol: 1e-8, atol: 1e-9 * scale, resTol: 1e-6, label: `Laplacian ${which}` });
  });
}

test('eigsh on the float32 kernel Laplacian: the 7 smallest eigenvalues within 1e-4 of float64', async () => {
  const { L } = await kernelLaplacian('float32');
  assert.is(L.dtype, 'float32');
  const result = await eigsh(L, { k: 7, which: 'SM' });
  assert.is(result.vectors.dtype, 'float32');
  const expected = refL.slice(0, 7);
  assert.ok(Math.abs(result.values[0]) < 1e-5 * refL[N - 1], `the first eigenvalue (${result.values[0]}) is 0`);
  for (let c = 1; c < 7; c++) {
    assert.ok(Math.abs(result.values[c] - expected[c]) < 1e-4 * expected[c], `value ${c}: ${result.values[c]} vs ${expected[c]}`);
  }
});

test('eigsh with sigma on a kernel Laplacian (shift-invert through MINRES) finds the eigenvalues nearest sigma', async () => {
  const { L } = await kernelLaplacian('float64');
  const sigma = -0.5; // below the spectrum: (L - sigma I) is positive definite
  const result = await eigsh(L, { k: 5, sigma, tol: 1e-10 });
  checkPairs(result, denseL, N, refL.slice(0, 5), { rtol: 1e-8, atol: 1e-8, resTol: 1e-6, label: 'Laplacian sigma' });
  const block = await eigsh(L, { k: 5, sigma: 1.0, which: 'LM', blockSize: 2, tol: 1e-10 });
  checkPairs(block, denseL, N, selectReference(refL, 5, 'LM', 1.0), { rtol: 1e-8, atol: 1e-8, resTol: 1e-6, label: 'Laplacian sigma block' });
});

test('eigsh on the normalised Laplacian I - D^-1/2 K D^-1/2 (composition keeps float32)', async () => {
  const { K, D } = await kernelLaplacian('float32');
  const D2 = diags(D.pow(-0.5));
  const Lnorm = identity(N).sub(D2.matmul(K).matmul(D2));
  assert.is(Lnorm.dtype, 'float32');
  const dense = new Float64Array(N * N);
  const deg = Float64Array.from({ length: N }, (_, i) => denseL[i * N + i] + 1);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    dense[i * N + j] = (i === j ? 1 : 0) - (i === j ? 1 : -denseL[i * N + j]) / Math.sqrt(deg[i] * deg[j]);
  }
  const ref = jacobiEigen(dense, N).values;
  const result = await eigsh(Lnorm, { k: 5, which: 'SA' });
  for (let c = 1; c < 5; c++) assert.ok(Math.abs(result.values[c] - ref[c]) < 1e-4 * ref[c], `value ${c}: ${result.values[c]} vs ${ref[c]}`);
  assert.ok(Math.abs(result.values[0]) < 1e-5);
});

test.run();
