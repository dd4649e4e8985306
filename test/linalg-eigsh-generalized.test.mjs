// eigsh's generalised problem A v = lambda M v (options.M, options.Minv, with and without
// sigma) and which: 'BE', against dense float64 references computed here: Cholesky
// M = L L^T and Jacobi on L^-1 A L^-T, and D^-1/2 K D^-1/2 for a kernel with a diagonal M.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, aslinearoperator, diags, eigsh, ValueError, AbortError,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { jacobiEigenvalues, maxRelError, matmul } from './helpers/spectra.mjs';

const rng = new Rng(3);
const n = 200;
const a = new Float64Array(n * n);
for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal() + (i === j ? i / 10 : 0);
const mdiag = Float64Array.from({ length: n }, () => rng.uniform(0.5, 2));
const m = new Float64Array(n * n);
for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = (i === j ? mdiag[i] : 0) + (Math.abs(i - j) === 1 ? 0.2 : 0);

// Cholesky M = L L^T, then C = L^-1 A L^-T: the generalised eigenvalues are C's.
const L = new Float64Array(n * n);
for (let j = 0; j < n; j++) {
  let s = m[j * n + j];
  for (let k = 0; k < j; k++) s -= L[j * n + k] ** 2;
  L[j * n + j] = Math.sqrt(s);
  for (let i = j + 1; i < n; i++) {
    let t = m[i * n + j];
    for (let k = 0; k < j; k++) t -= L[i * n + k] * L[j * n + k];
    L[i * n + j] = t / L[j * n + j];
  }
}
const solveL = (b) => {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) x[i] -= L[i * n + k] * x[k];
    x[i] /= L[i * n + i];
  }
  return x;
};
const solveLT = (b) => {
  const x = Float64Array.from(b);
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) x[i] -= L[k * n + i] * x[k];
    x[i] /= L[i * n + i];
  }
  return x;
};
const Z = new Float64Array(n * n);
for (let c = 0; c < n; c++) {
  const x = solveL(Float64Array.from({ length: n }, (_, i) => a[i * n + c]));
  for (let i = 0; i < n; i++) Z[i * n + c] = x[i];
}
const C = new Float64Array(n * n);
for (let r = 0; r < n; r++) {
  const x = solveL(Z.subarray(r * n, (r + 1) * n));
  for (let i = 0; i < n; i++) C[r * n + i] = x[i];
}
const ref = jacobiEigenvalues(C, n);
const A = aslinearoperator(tensor(a, [n, n]));
const M = aslinearoperator(tensor(m, [n, n]));

/** ||A v - lambda M v|| / (|lambda| ||M v||) per column, and max |V^T M V - I|, with the dense matrices. */
function check(values, V, k) {
  const AV = matmul(a, V, n, n, k);
  const MV = matmul(m, V, n, n, k);
  const res = Array.from(values, (l, c) => {
    let s = 0;
    let t = 0;
    for (let i = 0; i < n; i++) {
      s += (AV[i * k + c] - l * MV[i * k + c]) ** 2;
      t += MV[i * k + c] ** 2;
    }
    return Math.sqrt(s / t) / Math.abs(l);
  });
  let orth = 0;
  for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += V[i * k + p] * MV[i * k + q];
    orth = Math.max(orth, Math.abs(s - (p === q ? 1 : 0)));
  }
  return { res: Math.max(...res), orth };
}

test('eigsh with M: the largest, smallest and both-ends generalised eigenvalues to 1e-8 relative, M-orthonormal vectors', async () => {
  const cases = {
    LA: ref.slice(n - 5),
    SA: ref.slice(0, 5),
    LM: Float64Array.from(ref).sort((p, q) => Math.abs(q) - Math.abs(p)).slice(0, 5).sort((p, q) => p - q),
    BE: Float64Array.from([...ref.slice(0, 2), ...ref.slice(n - 3)]),
  };
  for (const [which, expected] of Object.entries(cases)) {
    const r = await eigsh(A, { k: 5, M, which });
    assert.ok(maxRelError(r.values, expected) < 1e-8, `${which}: ${Array.from(r.values)} vs ${Array.from(expected)}`);
    const { res, orth } = check(r.values, r.vectors.data, 5);
    assert.ok(res < 1e-7, `${which}: residual ${res}`);
    assert.ok(orth < 1e-8, `${which}: V^T M V - I = ${orth}`);
  }
});

test('eigsh with M: a user Minv gives the same values; sigma finds those nearest it', async () => {
  let calls = 0;
  const Minv = (r) => { calls++; return solveLT(solveL(r.data)); };
  const withMinv = await eigsh(A, { k: 4, M, Minv, which: 'LA' });
  assert.ok(calls > 0);
  assert.ok(maxRelError(withMinv.values, ref.slice(n - 4)) < 1e-8);
  const sigma = 0.3;
  const nearest = Float64Array.from(ref).sort((p, q) => Math.abs(p - sigma) - Math.abs(q - sigma)).slice(0, 3).sort((p, q) => p - q);
  const r = await eigsh(A, { k: 3, M, sigma, solver: { tol: 1e-12 } });
  assert.ok(maxRelError(r.values, nearest) < 1e-8, `${Array.from(r.values)} vs ${Array.from(nearest)}`);
});

test('eigsh with a diagonal M on a kernel: K v = lambda D v, against D^-1/2 K D^-1/2', async () => {
  const N = 300;
  const xs = Float64Array.from({ length: N * 2 }, () => rng.uniform(0, 3));
  const kd = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) kd[i * N + j] = Math.exp(-((xs[2 * i] - xs[2 * j]) ** 2 + (xs[2 * i + 1] - xs[2 * j + 1]) ** 2));
  const deg = Float64Array.from({ length: N }, (_, i) => kd.subarray(i * N, (i + 1) * N).reduce((s, x) => s + x, 0));
  const sym = Float64Array.from(kd, (x, idx) => x / Math.sqrt(deg[Math.floor(idx / N)] * deg[idx % N]));
  const expected = jacobiEigenvalues(sym, N).slice(N - 4);
  const X = tensor(xs, [N, 2], { dtype: 'float64' });
  const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());
  const r = await eigsh(K, { k: 4, M: diags(deg), which: 'LA' });
  assert.ok(maxRelError(r.values, expected) < 1e-8, `${Array.from(r.values)} vs ${Array.from(expected)}`);
  assert.ok(Math.abs(r.values[3] - 1) < 1e-8, 'the top eigenvalue of the normalised kernel is 1');
});

test('eigsh: BE without M takes both ends (one more from the top when k is odd)', async () => {
  const evals = jacobiEigenvalues(a, n);
  const r = await eigsh(A, { k: 5, which: 'BE' });
  assert.ok(maxRelError(r.values, [...evals.slice(0, 2), ...evals.slice(n - 3)]) < 1e-8, `${Array.from(r.values)}`);
  const r4 = await eigsh(A, { k: 4, which: 'BE' });
  assert.ok(maxRelError(r4.values, [...evals.slice(0, 2), ...evals.slice(n - 2)]) < 1e-8);
});

test('eigsh with M: typed errors, abort', async () => {
  const reject = async (promise, type, pattern) => {
    const error = await promise.then(() => null, (e) => e);
    assert.instance(error, type);
    assert.match(error.message, pattern);
  };
  await reject(eigsh(A, { M: m }), ValueError, /options\.M must be a LinearOperator/);
  await reject(eigsh(A, { M: diags([1, 2]) }), ValueError, /options\.M must have shape \[200, 200\]/);
  await reject(eigsh(A, { Minv: M }), ValueError, /Minv needs options\.M/);
  await reject(eigsh(A, { M, Minv: M, sigma: 1 }), ValueError, /Minv is used without sigma/);
  await reject(eigsh(A, { M, blockSize: 2 }), ValueError, /blockSize/);
  await reject(eigsh(A, { M: diags(Float64Array.from({ length: n }, (_, i) => (i === 7 ? -1 : 1))), Minv: diags(Float64Array.from({ length: n }, (_, i) => (i === 7 ? -1 : 1))), v0: Float64Array.from({ length: n }, (_, i) => (i === 7 ? 10 : 0.01)) }), ValueError, /positive definite/);
  await reject(eigsh(A, { M, which: 'XX' }), ValueError, /'BE'/);
  const controller = new AbortController();
  let calls = 0;
  await reject(eigsh(A, { M, k: 4, tol: 1e-14, signal: controller.signal, onProgress: () => { if (++calls === 5) controller.abort(); } }), AbortError, /./);
  assert.is(calls, 5);
});

test.run();
