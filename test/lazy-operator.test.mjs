// K as an operator (issue 18): K.t() swaps the roles of i and j, K.matvec(b) is
// K.mul(Vj(b)).sum(1) for b [M] or [M, E], K.rmatvec(b) is K.t().matvec(b) (with the ranges
// of K, which K.t() takes swapped); dense references in float64, block-sparse ranges against the dense masked product,
// gradients, the reductions' options and typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, Pm, LazyTensor, fromMatrix, swapAxes, aslinearoperator, ShapeError, DTypeError, ValueError, AbortError,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

/** Uniform [0, 1) data of shape [n, d], or [n] for d = 0. */
function cloud(rng, n, d, dtype = 'float64', opts = {}) {
  const size = n * Math.max(d, 1);
  const data = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  for (let k = 0; k < data.length; k++) data[k] = rng.uniform(0, 1);
  return tensor(data, d === 0 ? [n] : [n, d], opts);
}

/** The dense [N, M] matrix of the test kernel exp(-s |x_i - y_j|^2) (x_i . w), float64. */
function denseMatrix(X, Y, s, w) {
  const [N, D] = X.shape, M = Y.shape[0];
  const K = new Float64Array(N * M);
  for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) {
    let d2 = 0, xw = 0;
    for (let k = 0; k < D; k++) { d2 += (X.data[i * D + k] - Y.data[j * D + k]) ** 2; xw += X.data[i * D + k] * w[k]; }
    K[i * M + j] = Math.exp(-s * d2) * xw;
  }
  return K;
}

/** A [n, m] (or its transpose) times b [m, e] (e = 1 for a vector), float64. */
function product(A, n, m, b, e, transposed = false) {
  const [rows, cols] = transposed ? [m, n] : [n, m];
  const out = new Float64Array(rows * e);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const a = transposed ? A[c * m + r] : A[r * m + c];
    for (let k = 0; k < e; k++) out[r * e + k] += a * b[c * e + k];
  }
  return out;
}

/** A kernel with an i-only factor, so that swapping i and j changes it (not a symmetric matrix). */
function kernel(X, Y, w) {
  return Vi(X).sqdist(Vj(Y)).mul(Pm(1.5)).neg().exp().mul(Vi(X).dot(Pm(w)));
}

test('K.t(): i and j swapped ([M, N], Vi <-> Vj, parameters kept), t().t() is K, and reductions agree with K', async () => {
  const rng = new Rng(1);
  const X = cloud(rng, 5, 3), Y = cloud(rng, 8, 3);
  const K = kernel(X, Y, [1, -2, 0.5]);
  const T = K.t();
  assert.instance(T, LazyTensor);
  assert.equal(K.shape, [5, 8]);
  assert.equal(T.shape, [8, 5]);
  assert.equal(K.T.shape, [8, 5]);
  assert.is(T.t().node.key, K.node.key, 't().t() is the same formula');
  assert.is.not(T.node.key, K.node.key);
  assert.match(String(T), /SqDist\(Var\(0,3,1\),Var\(1,3,0\)\)/);
  assert.match(String(T), /Var\(\d,1,2\)/, 'parameters stay parameters');
  for (const backend of ['wasm', 'oracle']) {
    assertClose(await T.sum(1, { backend }), await K.sum(0, { backend }), { rtol: 1e-14, label: `${backend} T.sum(1) = K.sum(0)` });
    assertClose(await T.sum(0, { backend }), await K.sum(1, { backend }), { rtol: 1e-14, label: `${backend} T.sum(0) = K.sum(1)` });
    assertClose(await T.min(1, { backend }), await K.min(0, { backend }), { rtol: 0, label: `${backend} min` });
  }
  // A vector-valued formula transposes too.
  const V = Vi(X).sub(Vj(Y));
  assert.equal(V.t().shape, [8, 5, 3]);
  const negated = await V.t().sum(1);
  const direct = await V.sum(0);
  assertClose(negated, direct, { rtol: 1e-14, label: 'vector formula' });
});

for (const dtype of ['float32', 'float64']) {
  test(`K.matvec(b) and K.rmatvec(b) against the dense product, b [M] and [M, E] (${dtype}, wasm and oracle, odd sizes)`, async () => {
    const rtol = dtype === 'float32' ? 1e-5 : 1e-12;
    for (const [N, M] of [[1, 1], [1, 9], [7, 1], [13, 37], [40, 29]]) {
      const rng = new Rng(N * 100 + M);
      const w = [0.5, -1, 2];
      const X = cloud(rng, N, 3, dtype), Y = cloud(rng, M, 3, dtype);
      const K = kernel(X, Y, w);
      const A = denseMatrix(X, Y, 1.5, w);
      for (const E of [0, 1, 4]) {
        const b = cloud(rng, M, E, dtype), c = cloud(rng, N, E, dtype);
        const e = E || 1;
        for (const backend of ['wasm', 'oracle']) {
          const label = `${dtype} N=${N} M=${M} E=${E} ${backend}`;
          const Kb = await K.matvec(b, { backend });
          assert.equal(Kb.shape, E ? [N, E] : [N], `${label}: matvec shape`);
          if (backend === 'wasm') assert.is(Kb.dtype, dtype); // the oracle answers in float64
          const scale = product(A.map(Math.abs), N, M, Array.from(b.data, Math.abs), e);
          assertClose(Kb, product(A, N, M, b.data, e), { rtol, scale, label: `${label} matvec` });
          const Ktc = await K.rmatvec(c, { backend });
          assert.equal(Ktc.shape, E ? [M, E] : [M], `${label}: rmatvec shape`);
          const scaleT = product(A.map(Math.abs), N, M, Array.from(c.data, Math.abs), e, true);
          assertClose(Ktc, product(A, N, M, c.data, e, true), { rtol, scale: scaleT, label: `${label} rmatvec` });
        }
        // matvec is exactly the reduction it stands for.
        const direct = await K.mul(Vj(b)).sum(1);
        assert.equal(Array.from((await K.matvec(b)).data), Array.from(direct.data), `${dtype} N=${N} M=${M} E=${E}: matvec = K.mul(Vj(b)).sum(1)`);
        assert.equal(Array.from((await K.rmatvec(c)).data), Array.from((await K.t().matvec(c)).data), 'rmatvec = t().matvec');
      }
    }
  });
}

// Clusters with odd sizes, an empty one and rows outside every cluster.
const N = 40, M = 61;
const RI = [[0, 5], [5, 5], [5, 17], [17, 37]];
const RJ = [[0, 20], [20, 21], [21, 50], [50, 61]];
const KEEP = [[1, 0, 1, 1], [1, 1, 1, 1], [0, 1, 0, 1], [1, 1, 0, 0]];
const pairs = (p) => tensor(Int32Array.from(p.flat()), [p.length, 2]);
const kept = (i, j, keep = KEEP) => RI.some((ri, a) => i >= ri[0] && i < ri[1] && RJ.some((rj, c) => j >= rj[0] && j < rj[1] && keep[a][c]));

test('block-sparse matvec and rmatvec: the dense product restricted to the kept blocks; ranges written for K serve rmatvec', async () => {
  for (const dtype of ['float32', 'float64']) {
    const rng = new Rng(5);
    const w = [1, 0.5, -0.25];
    const X = cloud(rng, N, 3, dtype), Y = cloud(rng, M, 3, dtype);
    const b = cloud(rng, M, 2, dtype), c = cloud(rng, N, 0, dtype);
    const K = kernel(X, Y, w);
    const ranges = fromMatrix(pairs(RI), pairs(RJ), KEEP.map((r) => r.map(Boolean)));
    const A = denseMatrix(X, Y, 1.5, w);
    const masked = A.map((a, k) => (kept(Math.floor(k / M), k % M) ? a : 0));
    const rtol = dtype === 'float32' ? 1e-5 : 1e-12;
    for (const backend of ['wasm', 'oracle']) {
      const label = `${dtype} ${backend}`;
      const Kb = await K.matvec(b, { backend, ranges });
      assertClose(Kb, product(masked, N, M, b.data, 2), { rtol, scale: 10, label: `${label} matvec` });
      // Sparse and dense differ where blocks were dropped (the check can fail).
      const dense = await K.matvec(b, { backend });
      assert.ok(Kb.data.some((v, k) => Math.abs(v - dense.data[k]) > 1e-3), `${label}: some blocks were dropped`);
      const Ktc = await K.rmatvec(c, { backend, ranges });
      assertClose(Ktc, product(masked, N, M, c.data, 1, true), { rtol, scale: 10, label: `${label} rmatvec` });
      // The transposed LazyTensor takes the swapped ranges: the same numbers.
      assertClose(await K.t().matvec(c, { backend, ranges: swapAxes(ranges) }), Ktc, { rtol: 0, label: `${label} t().matvec` });
      // Keeping every block gives the dense product.
      const all = fromMatrix(pairs([[0, 17], [17, N]]), pairs([[0, 30], [30, M]]), [[true, true], [true, true]]);
      assertClose(await K.matvec(b, { backend, ranges: all }), dense, { rtol, scale: 10, label: `${label} all blocks kept` });
      assertClose(await K.rmatvec(c, { backend, ranges: all }), await K.rmatvec(c, { backend }), { rtol, scale: 10, label: `${label} rmatvec all blocks kept` });
    }
    // aslinearoperator(K, { ranges }) goes through the same calls.
    const op = aslinearoperator(K, { ranges });
    assertClose(await op.matvec(b.data.filter((_, k) => k % 2 === 0)), product(masked, N, M, b.data.filter((_, k) => k % 2 === 0), 1), { rtol, scale: 10, label: `${dtype} aslinearoperator matvec` });
    assertClose(await op.rmatvec(c), product(masked, N, M, c.data, 1, true), { rtol, scale: 10, label: `${dtype} aslinearoperator rmatvec` });
  }
});

test('matvec and rmatvec are differentiable: gradients equal those of the reductions they stand for', async () => {
  const rng = new Rng(8);
  const X = cloud(rng, 6, 2, 'float64', { requiresGrad: true }), Y = cloud(rng, 9, 2, 'float64', { requiresGrad: true });
  const b = cloud(rng, 9, 0, 'float64', { requiresGrad: true }), c = cloud(rng, 6, 3, 'float64', { requiresGrad: true });
  const K = () => Vi(X).sqdist(Vj(Y)).neg().exp();
  const grads = async (f) => {
    for (const t of [X, Y, b, c]) t.zeroGrad();
    await (await f()).backward();
    return [X, Y, b, c].map((t) => Array.from(t.grad?.data ?? []));
  };
  const viaMethods = await grads(async () => (await K().matvec(b)).mul(2).sum().add((await K().rmatvec(c)).square().sum()));
  const viaReductions = await grads(async () => (await K().mul(Vj(b.reshape([9, 1]))).sum(1)).mul(2).sum().add((await K().mul(Vi(c)).sum(0)).square().sum()));
  viaMethods.forEach((g, k) => {
    assert.ok(g.length > 0, `gradient ${k} is filled`);
    assertClose(g, viaReductions[k], { rtol: 1e-12, scale: 1, label: `gradient ${k}` });
  });
});

test('matvec / rmatvec take the reductions options (backend, signal, ni) and refuse bad input with typed errors', async () => {
  const rng = new Rng(9);
  const X = cloud(rng, 4, 2), Y = cloud(rng, 6, 2);
  const K = Vi(X).sqdist(Vj(Y));
  const b = cloud(rng, 6, 0);
  const rejects = async (p, Class, pattern, label) => {
    let err = null;
    try { await p(); } catch (e) { err = e; }
    assert.ok(err instanceof Class, `${label}: expected ${Class.name}, got ${err}`);
    assert.match(err.message, pattern, label);
  };
  await rejects(() => Vi(X).sub(Vj(Y)).matvec(b), ShapeError, /^matvec: K must be scalar-valued \(dimension 1\).*dimension 2/, 'vector K');
  await rejects(() => K.matvec([1, 2, 3, 4, 5, 6]), DTypeError, /^matvec: b must be a Tensor of shape \[M\] or \[M, E\], received an array/, 'array b');
  await rejects(() => K.rmatvec(new Float64Array(4)), DTypeError, /^rmatvec: b must be a Tensor of shape \[N\] or \[N, E\], received a Float64Array/, 'typed array b');
  await rejects(() => K.matvec(Vj(Y)), DTypeError, /^matvec: b must be a Tensor/, 'LazyTensor b');
  await rejects(() => K.matvec(tensor(new Int32Array(6), [6])), DTypeError, /^matvec: b must be float32 or float64/, 'int32 b');
  // A 3-D b is [...batch, M, E]: here a batch of 6 signals of 2 rows, not K's 6.
  await rejects(() => K.matvec(tensor(new Float64Array(12), [6, 2, 1])), ShapeError, /^matvec: b has 2 rows, expected 6 \(K is \[4, 6\]\)/, '3-D b');
  await rejects(() => K.matvec(tensor(new Float64Array(5), [5])), ShapeError, /^matvec: b has 5 rows, expected 6 \(K is \[4, 6\]\)/, 'rows of b');
  await rejects(() => K.rmatvec(tensor(new Float64Array(6), [6])), ShapeError, /^rmatvec: b has 6 rows, expected 4 \(K is \[4, 6\]\)/, 'rows of b, rmatvec');
  await rejects(() => K.matvec(tensor(new Float64Array(0), [6, 0])), ShapeError, /^matvec: b must have at least one column/, 'no columns');
  await rejects(() => K.matvec(b, { bakend: 'wasm' }), ValueError, /unknown option 'bakend'/, 'unknown option');
  await rejects(() => K.rmatvec(cloud(rng, 4, 0), { tol: 1 }), ValueError, /unknown option 'tol'/, 'unknown rmatvec option');
  await rejects(() => K.matvec(b, { backend: 'gpu' }), ValueError, /options.backend must be one of/, 'bad backend');
  await rejects(() => K.matvec(tensor(new Float32Array(6), [6])), DTypeError, /mixes float32 and float64/, 'mixed dtypes');
  const ac = new AbortController();
  ac.abort();
  await rejects(() => K.matvec(b, { signal: ac.signal }), AbortError, /./, 'aborted');
  // A kernel without Vi variables needs the size of the i axis (rmatvec: the j axis of K).
  const Kj = Vj(Y).sqnorm2();
  await rejects(() => Kj.matvec(b), ShapeError, /no Vi variable.*options\.ni/, 'no Vi');
  const Kb = await Kj.matvec(b, { ni: 3 });
  assert.equal(Kb.shape, [3]);
  const expected = Array.from({ length: 6 }, (_, j) => (Y.data[2 * j] ** 2 + Y.data[2 * j + 1] ** 2) * b.data[j]).reduce((s, v) => s + v, 0);
  for (const v of Kb.data) assert.ok(Math.abs(v - expected) < 1e-12, `${v} vs ${expected}`);
  const Ki = Vi(X).sqnorm2();
  const back = await Ki.rmatvec(cloud(rng, 4, 0), { nj: 5 });
  assert.equal(back.shape, [5]);
});

test.run();
