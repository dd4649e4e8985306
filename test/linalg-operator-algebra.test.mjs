// LinearOperator algebra: products of two operators (mul / matmul), .H and adjoint(), integer
// powers, diags with offsets (scipy's diags(diagonals, offsets, shape)) and block operators
// (bmat), against dense float64 matrices assembled here; forward and transposed applications,
// on kernel operators and dense Tensors, dtypes, use inside solvers, and typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, aslinearoperator, diags, identity, bmat, eigsh, gmres,
  ShapeError, DTypeError, ValueError, AbortError,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { matmul, transpose } from './helpers/spectra.mjs';

const rng = new Rng(808);

function maxAbsDiff(a, b) {
  assert.is(a.length, b.length, 'lengths');
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** The operator applied to a random block, forward and transposed, against the dense matrix. */
async function assertMatches(op, dense, n, m, tol, label) {
  assert.equal(op.shape, [n, m], `${label}: shape`);
  const X = Float64Array.from({ length: m * 3 }, () => rng.normal());
  const Y = await op.matmat(tensor(X, [m, 3], { dtype: 'float64' }));
  const scale = Math.max(1, ...Array.from(dense, Math.abs));
  assert.ok(maxAbsDiff(Y.data, matmul(dense, X, n, m, 3)) <= tol * scale * m, `${label}: forward`);
  if (op.hasAdjoint) {
    const U = Float64Array.from({ length: n * 2 }, () => rng.normal());
    const Z = await op.rmatmat(tensor(U, [n, 2], { dtype: 'float64' }));
    assert.ok(maxAbsDiff(Z.data, matmul(transpose(dense, n, m), U, m, n, 2)) <= tol * scale * n, `${label}: transposed`);
  }
}

const N = 200;
const xs = Float64Array.from({ length: N * 2 }, () => rng.uniform(0, 2));
const Kd = new Float64Array(N * N);
for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) Kd[i * N + j] = Math.exp(-((xs[2 * i] - xs[2 * j]) ** 2 + (xs[2 * i + 1] - xs[2 * j + 1]) ** 2));
const X = tensor(xs, [N, 2], { dtype: 'float64' });
const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());
const Rd = Float64Array.from({ length: N * 70 }, () => rng.normal());
const R = aslinearoperator(tensor(Rd, [N, 70]));

test('products of two operators: K.mul(K) = K.matmul(K) = K K, and rectangular chains', async () => {
  const KK = matmul(Kd, Kd, N, N, N);
  await assertMatches(K.mul(K), KK, N, N, 1e-13, 'K.mul(K)');
  await assertMatches(K.matmul(K), KK, N, N, 1e-13, 'K.matmul(K)');
  await assertMatches(K.mul(R), matmul(Kd, Rd, N, N, 70), N, 70, 1e-13, 'K R');
  await assertMatches(R.T.mul(K).mul(R), matmul(matmul(transpose(Rd, N, 70), Kd, 70, N, N), Rd, 70, N, 70), 70, 70, 1e-12, 'R^T K R');
  await assertMatches(K.mul(2).mul(identity(N)), Float64Array.from(Kd, (x) => 2 * x), N, N, 1e-15, '2 K I');
});

test('.H and adjoint() are the transpose (real operators); pow(p) is p applications', async () => {
  await assertMatches(R.H, transpose(Rd, N, 70), 70, N, 1e-14, 'R.H');
  await assertMatches(R.adjoint(), transpose(Rd, N, 70), 70, N, 1e-14, 'R.adjoint()');
  assert.equal(R.H.H.shape, [N, 70]);
  const K3 = matmul(matmul(Kd, Kd, N, N, N), Kd, N, N, N);
  await assertMatches(K.pow(3), K3, N, N, 1e-12, 'K^3');
  await assertMatches(K.pow(1), Kd, N, N, 1e-15, 'K^1');
  const I = Float64Array.from({ length: N * N }, (_, k) => (k % (N + 1) === 0 ? 1 : 0));
  await assertMatches(K.pow(0), I, N, N, 0, 'K^0');
  // eigsh on K^2: the squares of K's largest eigenvalues.
  const e1 = await eigsh(K, { k: 3, which: 'LA' });
  const e2 = await eigsh(K.pow(2), { k: 3, which: 'LA' });
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(e2.values[i] - e1.values[i] ** 2) < 1e-8 * e2.values[i]);
  // pow checks the signal between applications.
  const controller = new AbortController();
  controller.abort();
  const aborted = await K.pow(5).matvec(new Float64Array(N), { signal: controller.signal }).catch((e) => e);
  assert.instance(aborted, AbortError);
});

test('diags with offsets: tridiagonal, scalars broadcast, rectangular shapes, a single offset, dtypes', async () => {
  const n = 7;
  const lap = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    lap[i * n + i] = -2;
    if (i > 0) lap[i * n + i - 1] = 1;
    if (i < n - 1) lap[i * n + i + 1] = 1;
  }
  await assertMatches(diags([1, -2, 1], [-1, 0, 1], [n, n]), lap, n, n, 1e-16, 'tridiag of scalars');
  const sub = [1, 2, 3, 4, 5, 6];
  const main = [7, 8, 9, 10, 11, 12, 13];
  const sup2 = [14, 15, 16, 17, 18];
  const band = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    band[i * n + i] = main[i];
    if (i > 0) band[i * n + i - 1] = sub[i - 1];
    if (i < n - 2) band[i * n + i + 2] = sup2[i];
  }
  await assertMatches(diags([sub, main, sup2], [-1, 0, 2]), band, n, n, 1e-16, 'vectors, default shape');
  // Rectangular [4, 6]: offset 2 has length min(4, 6 - 2) = 4, offset -1 has min(4 - 1, 6) = 3.
  const rect = new Float64Array(4 * 6);
  for (let i = 0; i < 4; i++) rect[i * 6 + i + 2] = 10 + i;
  for (let i = 0; i < 3; i++) rect[(i + 1) * 6 + i] = -1 - i;
  await assertMatches(diags([Float64Array.of(10, 11, 12, 13), [-1, -2, -3]], [2, -1], [4, 6]), rect, 4, 6, 1e-16, 'rectangular');
  const single = new Float64Array(16);
  single[1] = 5; single[6] = 6; single[11] = 7;
  await assertMatches(diags([5, 6, 7], 1), single, 4, 4, 1e-16, 'single offset');
  assert.is(diags([1, -2, 1], [-1, 0, 1], [5, 5]).flexible, true);
  assert.is(diags([Float32Array.of(1, 2), 3], [1, 0], [3, 3]).dtype, 'float32');
  assert.is(diags([Float32Array.of(1, 2), Float64Array.of(1, 2, 3)], [1, 0]).dtype, 'float64');
  assert.is(diags([1, 2], [0, 1], [3, 3], { dtype: 'float32' }).dtype, 'float32');
  // The old form is unchanged.
  await assertMatches(diags([1, 2, 3]), Float64Array.of(1, 0, 0, 0, 2, 0, 0, 0, 3), 3, 3, 1e-16, 'main diagonal');
});

test('bmat: block operators of kernels, dense Tensors, diags and zero blocks, forward and transposed', async () => {
  // [[K, R], [R^T, null]]: a saddle-point operator [270, 270].
  const S = bmat([[K, R], [R.T, null]]);
  const n = N + 70;
  const dense = new Float64Array(n * n);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) dense[i * n + j] = Kd[i * N + j];
  for (let i = 0; i < N; i++) for (let j = 0; j < 70; j++) {
    dense[i * n + N + j] = Rd[i * 70 + j];
    dense[(N + j) * n + i] = Rd[i * 70 + j];
  }
  await assertMatches(S, dense, n, n, 1e-14, 'saddle');
  // Rectangular blocks: [[R, null], [diags, R.T.mul(R)]] is [N + 70, 70 + 70].
  const D = diags(Float64Array.from({ length: 70 }, (_, i) => i + 1));
  const B = bmat([[R, null], [D, R.T.mul(R)]]);
  const RtR = matmul(transpose(Rd, N, 70), Rd, 70, N, 70);
  const bd = new Float64Array((N + 70) * 140);
  for (let i = 0; i < N; i++) for (let j = 0; j < 70; j++) bd[i * 140 + j] = Rd[i * 70 + j];
  for (let i = 0; i < 70; i++) {
    bd[(N + i) * 140 + i] = i + 1;
    for (let j = 0; j < 70; j++) bd[(N + i) * 140 + 70 + j] = RtR[i * 70 + j];
  }
  await assertMatches(B, bd, N + 70, 140, 1e-12, 'rectangular blocks');
  assert.is(bmat([[diags([1, 2])]]).flexible, true);
  assert.is(bmat([[diags([1, 2]), aslinearoperator(tensor(Float32Array.of(1, 2, 3, 4), [2, 2]))]]).dtype, 'float32');
  // A solver on a block operator: gmres on the (non-symmetric) [[K + I, R], [-R^T, I]].
  const G = bmat([[K.add(identity(N)), R], [R.T.neg(), identity(70)]]);
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const sol = await gmres(G, b, { tol: 1e-10, restart: 60 });
  assert.ok(sol.converged, sol.message);
  const check = await G.matvec(sol.x);
  assert.ok(maxAbsDiff(check.data, b) < 1e-8 * Math.sqrt(n) * 10);
  // No transpose when a block has none.
  const noT = bmat([[aslinearoperator({ shape: [2, 2], matvec: (v) => v })]]);
  assert.is(noT.hasAdjoint, false);
});

test('operator algebra: typed errors for bad input', async () => {
  const throws = (fn, type, pattern) => {
    try {
      fn();
    } catch (error) {
      assert.instance(error, type);
      assert.match(error.message, pattern);
      return;
    }
    assert.unreachable(`expected ${type.name} matching ${pattern}`);
  };
  throws(() => K.mul(R.T), ShapeError, /do not chain/);
  throws(() => K.mul('K'), ValueError, /finite number or a LinearOperator/);
  throws(() => R.pow(2), ShapeError, /square/);
  throws(() => K.pow(-1), ValueError, /non-negative integer/);
  throws(() => K.pow(1.5), ValueError, /non-negative integer/);
  throws(() => aslinearoperator({ shape: [2, 2], matvec: (v) => v }).H, ValueError, /no transpose/);
  throws(() => diags([[1, 2], [1, 2, 3]], [0, 0]), ValueError, /appears twice/);
  throws(() => diags([[1, 2], [1]], [0, 1, 2]), ShapeError, /3 offsets/);
  throws(() => diags([[1, 2, 3], [1]], [0, 1]), ShapeError, /diagonal 1 \(offset 1\) must have length 2/);
  throws(() => diags([1, 2], [0, 5], [3, 3]), ShapeError, /offset 5 lies outside/);
  throws(() => diags([1, 2], [0, 1]), ShapeError, /pass a shape/);
  throws(() => diags([1, 2], [0, 1], [3]), ShapeError, /shape must be \[N, M\]/);
  throws(() => diags([1, 2], [0.5, 1], [3, 3]), ValueError, /integers/);
  throws(() => diags([1, 2], [0, 1], [3, 3], { dtype: 'int32' }), DTypeError, /dtype/);
  throws(() => diags([1, 2], [0, 1], [3, 3], { dtyp: 'float32' }), ValueError, /dtyp/);
  throws(() => diags([NaN, 2], [0, 1], [3, 3]), ValueError, /finite/);
  throws(() => bmat([]), ShapeError, /non-empty/);
  throws(() => bmat([[K, R], [K]]), ShapeError, /2 entries/);
  throws(() => bmat([[K, K], [R, null]]), ShapeError, /block \[1\]\[0\] has 70 columns, but block column 0 has 200/);
  throws(() => bmat([[K, R], [R.T, K]]), ShapeError, /block \[1\]\[1\] has 200 rows, but block row 1 has 70/);
  throws(() => bmat([[K, null], [null, null]]), ShapeError, /all null/);
  throws(() => bmat([[K, Kd]]), DTypeError, /block \[0\]\[1\] must be a LinearOperator/);
});

test.run();
