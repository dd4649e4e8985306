// LinearOperator: the three sources aslinearoperator accepts (LazyTensor, dense Tensor,
// { shape, matvec, rmatvec }), composition against dense float64 arithmetic, the dtype that
// survives composition, matmat as one reduction, and typed errors for bad input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, ones, Vi, Vj, LazyTensor, LinearOperator, aslinearoperator, diags, identity,
  ShapeError, DTypeError, ValueError, AbortError,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

const N = 40;
const M = 29;
const rng = new Rng(99);
const Xd = Float64Array.from({ length: N * 2 }, () => rng.uniform(0, 2));
const Yd = Float64Array.from({ length: M * 2 }, () => rng.uniform(0, 2));

/** The dense kernel exp(-|x_i - y_j|^2) [N, M] in float64. */
function denseKernel(x, nx, y, ny) {
  const out = new Float64Array(nx * ny);
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) {
    out[i * ny + j] = Math.exp(-((x[2 * i] - y[2 * j]) ** 2 + (x[2 * i + 1] - y[2 * j + 1]) ** 2));
  }
  return out;
}

/** a [n, m] times b [m, k], row-major float64. */
function mm(a, n, m, b, k) {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let c = 0; c < k; c++) out[i * k + c] += a[i * m + j] * b[j * k + c];
  return out;
}

function transpose(a, n, m) {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

/** Entries agree to rtol relative to the largest expected magnitude. */
function assertNear(actual, expected, rtol, label) {
  assertClose(actual, expected, { rtol, scale: Math.max(...Array.from(expected, Math.abs)), label });
}

const Kxy = denseKernel(Xd, N, Yd, M);
const v = Float64Array.from({ length: M }, () => rng.normal());
const u = Float64Array.from({ length: N }, () => rng.normal());

test('aslinearoperator(LazyTensor): matvec is K.mul(Vj(v)).sum(1), rmatvec reduces over i', async () => {
  for (const [dtype, Arr, rtol] of [['float64', Float64Array, 1e-12], ['float32', Float32Array, 1e-5]]) {
    const K = Vi(tensor(Arr.from(Xd), [N, 2])).sqdist(Vj(tensor(Arr.from(Yd), [M, 2]))).neg().exp();
    const op = aslinearoperator(K);
    assert.instance(op, LinearOperator);
    assert.equal(op.shape, [N, M]);
    assert.is(op.dtype, dtype);
    const Kv = await op.matvec(tensor(Arr.from(v)));
    assert.equal(Kv.shape, [N], 'matvec of [M] gives [N]');
    assert.is(Kv.dtype, dtype);
    assertNear(Kv.data, mm(Kxy, N, M, v, 1), rtol, `${dtype} matvec`);
    const Kv2 = await op.matvec(tensor(Arr.from(v), [M, 1]));
    assert.equal(Kv2.shape, [N], 'matvec of [M, 1] gives [N] too');
    const Ktu = await op.rmatvec(tensor(Arr.from(u)));
    assert.equal(Ktu.shape, [M]);
    assertNear(Ktu.data, mm(transpose(Kxy, N, M), M, N, u, 1), rtol, `${dtype} rmatvec`);
  }
});

test('matmat pushes every column through one reduction', async () => {
  const K = Vi(tensor(Xd, [N, 2])).sqdist(Vj(tensor(Yd, [M, 2]))).neg().exp();
  const op = aslinearoperator(K);
  const V = Float64Array.from({ length: M * 3 }, () => rng.normal());
  const original = LazyTensor.prototype.sum;
  let reductions = 0;
  LazyTensor.prototype.sum = function counted(...args) {
    if (args[0] !== -1) reductions++;
    return original.apply(this, args);
  };
  try {
    const KV = await op.matmat(tensor(V, [M, 3]));
    assert.equal(KV.shape, [N, 3]);
    assertNear(KV.data, mm(Kxy, N, M, V, 3), 1e-12, 'matmat');
    assert.is(reductions, 1, 'one reduction for three columns');
    const KtU = await op.rmatmat(tensor(Float64Array.from({ length: N * 2 }, (_, k) => u[k >> 1] * (k % 2 ? 2 : 1)), [N, 2]));
    assert.equal(KtU.shape, [M, 2]);
    assert.is(reductions, 2);
  } finally {
    LazyTensor.prototype.sum = original;
  }
});

test('aslinearoperator(Tensor) and of { shape, matvec, rmatvec } agree with dense products', async () => {
  const dense = aslinearoperator(tensor(Kxy, [N, M]));
  assert.is(dense.dtype, 'float64');
  assertNear((await dense.matvec(v)).data, mm(Kxy, N, M, v, 1), 1e-13, 'dense matvec (number array input)');
  assertNear((await dense.rmatvec(u)).data, mm(transpose(Kxy, N, M), M, N, u, 1), 1e-13, 'dense rmatvec');
  let calls = 0;
  const callbacks = aslinearoperator({
    shape: [N, M],
    matvec: (x) => { calls++; return mm(Kxy, N, M, x.data, 1); },
    rmatvec: async (y) => tensor(mm(transpose(Kxy, N, M), M, N, y.data, 1), [M], { dtype: 'float64' }),
  });
  assertNear((await callbacks.matvec(v)).data, mm(Kxy, N, M, v, 1), 1e-13, 'callback matvec');
  assertNear((await callbacks.rmatvec(u)).data, mm(transpose(Kxy, N, M), M, N, u, 1), 1e-13, 'callback rmatvec');
  const V = Float64Array.from({ length: M * 2 }, () => rng.normal());
  calls = 0;
  assertNear((await callbacks.matmat(tensor(V, [M, 2]))).data, mm(Kxy, N, M, V, 2), 1e-13, 'callback matmat');
  assert.is(calls, 2, 'without a matmat callback, one matvec call per column');
  assert.is(aslinearoperator(dense), dense, 'an operator is returned as is');
  const dense32 = await dense.toDense();
  assertNear(dense32.data, Kxy, 1e-15, 'toDense');
});

test('composition: add, sub, mul, neg, matmul, transpose, diags and identity', async () => {
  const Kxx = denseKernel(Xd, N, Xd, N);
  const X = tensor(Xd, [N, 2]);
  const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());
  const d = Float64Array.from({ length: N }, (_, i) => 1 + (i % 5));
  const D = diags(tensor(d, [N], { dtype: 'float64' }));
  const Dm = new Float64Array(N * N);
  d.forEach((di, i) => { Dm[i * N + i] = di; });
  const I = new Float64Array(N * N);
  for (let i = 0; i < N; i++) I[i * N + i] = 1;
  const w = Float64Array.from({ length: N }, () => rng.normal());
  const combos = [
    ['D - K', D.sub(K), Dm.map((x, k) => x - Kxx[k])],
    ['K + D', K.add(D), Dm.map((x, k) => x + Kxx[k])],
    ['2.5 K', K.mul(2.5), Kxx.map((x) => 2.5 * x)],
    ['-K', K.neg(), Kxx.map((x) => -x)],
    ['I - D K D', identity(N).sub(D.matmul(K).matmul(D)), I.map((x, k) => x - mm(mm(Dm, N, N, Kxx, N), N, N, Dm, N)[k])],
    ['(D K)^T', D.matmul(K).transpose(), transpose(mm(Dm, N, N, Kxx, N), N, N)],
    ['(D K).T', D.matmul(K).T, transpose(mm(Dm, N, N, Kxx, N), N, N)],
  ];
  for (const [name, op, dense] of combos) {
    assert.equal(op.shape, [N, N], `${name}: shape`);
    assertNear((await op.matvec(w)).data, mm(dense, N, N, w, 1), 1e-12, `${name} matvec`);
    assertNear((await op.rmatvec(w)).data, mm(transpose(dense, N, N), N, N, w, 1), 1e-12, `${name} rmatvec`);
  }
  const rect = aslinearoperator(tensor(Kxy, [N, M]));
  const prod = rect.transpose().matmul(D);
  assert.equal(prod.shape, [M, N]);
  assertNear((await prod.matvec(w)).data, mm(transpose(Kxy, N, M), M, N, mm(Dm, N, N, w, 1), 1), 1e-12, 'K^T D');
});

test('the dtype survives composition: float32 kernels give float32 Laplacians', async () => {
  const X = tensor(Float32Array.from(Xd), [N, 2]);
  const K = aslinearoperator(Vi(X).sqdist(Vj(X)).mul(-0.5).exp());
  const D = await K.matvec(ones([N]));
  assert.is(D.dtype, 'float32');
  const L = diags(D).sub(K);
  assert.is(L.dtype, 'float32');
  const D2 = diags(D.pow(-0.5));
  const Lnorm = identity(N).sub(D2.matmul(K).matmul(D2));
  assert.is(Lnorm.dtype, 'float32', 'identity adopts the dtype of what it meets');
  assert.is((await Lnorm.matvec(ones([N]))).dtype, 'float32');
  assert.is(identity(N).dtype, 'float64');
  assert.is(identity(N).flexible, true);
  assert.is(diags([1, 2, 3]).flexible, true);
  assert.is(identity(N, { dtype: 'float32' }).dtype, 'float32');
  const mixed = L.add(diags(new Float64Array(N).fill(1)));
  assert.is(mixed.dtype, 'float64', 'float32 + float64 gives float64');
  assert.is(L.mul(3).dtype, 'float32');
  assert.is(L.transpose().dtype, 'float32');
});

test('operators reject bad input with typed errors naming the argument', async () => {
  const op = aslinearoperator(tensor(Kxy, [N, M]));
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
  await rejects(() => op.matvec(ones([N])), ShapeError, /matvec: v must have shape \[29\] or \[29, 1\]/);
  await rejects(() => op.matvec(ones([M, 2])), ShapeError, /v must have shape/);
  await rejects(() => op.matvec('ones'), DTypeError, /v must be a Tensor/);
  await rejects(() => op.matmat(ones([N, 2])), ShapeError, /matmat: V must have shape \[29\] or \[29, k\]/);
  await rejects(() => op.matvec(ones([M]), { sigal: null }), ValueError, /unknown option 'sigal'/);
  await rejects(() => op.add(identity(N)), ShapeError, /shapes differ/);
  await rejects(() => op.matmul(op), ShapeError, /do not chain/);
  await rejects(() => op.add(tensor(Kxy, [N, M])), DTypeError, /B must be a LinearOperator/);
  await rejects(() => op.mul(op), ShapeError, /do not chain/);   // mul(B) is the product, as matmul
  await rejects(() => op.mul(NaN), ValueError, /finite number/);
  await rejects(() => aslinearoperator('K'), DTypeError, /expected a LazyTensor, a Tensor/);
  await rejects(() => aslinearoperator(tensor(new Float64Array(8), [2, 2, 2])), ShapeError, /shape \[N, M\]/);
  await rejects(() => aslinearoperator(tensor(Kxy, [N, M]), { ranges: [] }), ValueError, /LazyTensors only/);
  const X = tensor(Xd, [N, 2]);
  await rejects(() => aslinearoperator(Vi(X).sub(Vj(X))), ShapeError, /scalar-valued/);
  await rejects(() => aslinearoperator(Vi(X).sqnorm2()), ShapeError, /Vj variable/);
  await rejects(() => aslinearoperator({ shape: [3, 3] , matvec: 1 }), ValueError, /matvec must be a function/);
  await rejects(() => aslinearoperator({ shape: [3], matvec: (x) => x }), ShapeError, /shape must be \[N, M\]/);
  const bad = aslinearoperator({ shape: [3, 3], matvec: () => [1, 2] });
  await rejects(() => bad.matvec([1, 2, 3]), ShapeError, /matvec callback/);
  await rejects(() => bad.rmatvec([1, 2, 3]), ValueError, /no transpose/);
  await rejects(() => bad.transpose(), ValueError, /no transpose/);
  await rejects(() => diags([]), ShapeError, /non-empty/);
  await rejects(() => identity(0), ShapeError, /positive integer/);
  await rejects(() => identity(3, { dtype: 'int32' }), DTypeError, /options\.dtype/);
  const controller = new AbortController();
  controller.abort();
  await rejects(() => op.matvec(ones([M]), { signal: controller.signal }), AbortError, /aborted/);
});

test.run();
