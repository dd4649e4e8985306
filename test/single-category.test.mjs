// Reductions of formulas with a single category (issue 18): only Vi, only Vj, or only Pm, with
// the size of the missing axis given as options.ni / options.nj (KeOps silently takes 1; here
// it is required). Every reduction on both axes, float32 and float64, wasm (calling thread or
// pool, as the run's LAZYKERNEL_THREADS says) against the oracle and against closed forms;
// gradients; block-sparse ranges; typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm, fromMatrix, ShapeError, ValueError } from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

function cloud(rng, n, d, dtype = 'float64', opts = {}) {
  const data = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  for (let k = 0; k < data.length; k++) data[k] = rng.uniform(-1, 1);
  return tensor(data, [n, d], opts);
}

/** Every reduction, as (F, axis, options, ctx) => Tensor; ctx.aux(axis) is a weight / value formula. */
const REDUCTIONS = {
  sum: (F, a, o) => F.sum(a, o),
  logsumexp: (F, a, o) => F.logsumexp(a, o),
  'logsumexp with weight': (F, a, o, ctx) => F.logsumexp(a, { ...o, weight: ctx.aux(a) }),
  sumsoftmaxweight: (F, a, o, ctx) => F.sumsoftmaxweight(ctx.aux(a), a, o),
  min: (F, a, o) => F.min(a, o),
  max: (F, a, o) => F.max(a, o),
  argmin: (F, a, o) => F.argmin(a, o),
  argmax: (F, a, o) => F.argmax(a, o),
  Kmin: (F, a, o) => F.Kmin(3, a, o),
  argKmin: (F, a, o) => F.argKmin(3, a, o),
};

/** The formulas: one category each, with the sizes each needs. */
function cases(rng, dtype) {
  const N = 7, M = 13;
  const X = cloud(rng, N, 2, dtype), Y = cloud(rng, M, 2, dtype), P = tensor(dtype === 'float32' ? Float32Array.of(0.3, -0.8) : Float64Array.of(0.3, -0.8), [2]);
  const Wi = tensor(Float64Array.from({ length: N }, (_, k) => 0.5 + k / N), [N, 1]), Wj = tensor(Float64Array.from({ length: M }, (_, k) => 0.5 + k / M), [M, 1]);
  const cast = (T) => (dtype === 'float32' ? tensor(Float32Array.from(T.data), T.shape) : T);
  return [
    // Only Vi: each row i has nj equal terms f(x_i).
    { label: 'only Vi', F: Vi(X).sqnorm2().sub(Vi(X).elem(0)), sizes: { nj: M }, aux: (a) => Vi(cast(Wi)) },
    // Only Vj.
    { label: 'only Vj', F: Vj(Y).sin().sum(-1), sizes: { ni: N }, aux: (a) => Vj(cast(Wj)) },
    // Only parameters: every entry of the [ni, nj] matrix is the same vector.
    { label: 'only Pm', F: Pm(P).exp(), sizes: { ni: 4, nj: 6 }, aux: () => Pm(P).elem(0).add(2) },
  ];
}

for (const dtype of ['float32', 'float64']) {
  test(`every reduction of a single-category formula, both axes, wasm like the oracle (${dtype})`, async () => {
    const rng = new Rng(dtype === 'float32' ? 1 : 2);
    for (const c of cases(rng, dtype)) {
      for (const [name, run] of Object.entries(REDUCTIONS)) {
        if ((name === 'sumsoftmaxweight' || name === 'logsumexp with weight') && c.F.dim !== 1) continue;
        for (const axis of [0, 1]) {
          const label = `${c.label} ${name} axis ${axis} ${dtype}`;
          const got = await run(c.F, axis, { ...c.sizes, backend: 'wasm' }, c);
          const want = await run(c.F, axis, { ...c.sizes, backend: 'oracle' }, c);
          const rows = axis === 1 ? (c.sizes.ni ?? c.F.shape[0]) : (c.sizes.nj ?? c.F.shape[1]);
          assert.is(got.shape[0], rows, `${label}: rows`);
          if (got.dtype === 'int32') assert.equal(Array.from(got.data), Array.from(want.data), label);
          else assertClose(got, want, { rtol: dtype === 'float32' ? 1e-5 : 1e-12, scale: 1, label });
        }
      }
    }
  });
}

test('closed forms: sums count the missing axis, ties pick the lowest index, K-min repeats the value', async () => {
  const rng = new Rng(3);
  const X = cloud(rng, 5, 2);
  const f = Array.from({ length: 5 }, (_, i) => X.data[2 * i] ** 2 + X.data[2 * i + 1] ** 2);
  const F = Vi(X).sqnorm2();
  for (const backend of ['wasm', 'oracle']) {
    const o = { nj: 4, backend };
    assertClose(await F.sum(1, o), f.map((v) => 4 * v), { rtol: 1e-14, label: `${backend} sum` });
    assertClose(await F.logsumexp(1, o), f.map((v) => v + Math.log(4)), { rtol: 1e-14, label: `${backend} logsumexp` });
    assert.equal(Array.from((await F.argmin(1, o)).data), [0, 0, 0, 0, 0], `${backend} argmin ties: index 0`);
    assert.equal(Array.from((await F.argKmin(3, 1, o)).data), [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    assertClose(await F.Kmin(2, 1, o), f.flatMap((v) => [v, v]), { rtol: 0, label: `${backend} Kmin` });
    // More slots than columns: +Inf and index -1, as for any short row.
    assert.equal(Array.from((await F.argKmin(6, 1, o)).data.slice(0, 6)), [0, 1, 2, 3, -1, -1]);
    // Over i: nj rows, each the reduction over every i.
    const total = f.reduce((a, b) => a + b, 0);
    assertClose(await F.sum(0, o), [total, total, total, total], { rtol: 1e-14, label: `${backend} sum over i` });
    const best = f.indexOf(Math.min(...f));
    assert.equal(Array.from((await F.argmin(0, o)).data), [best, best, best, best]);
    // Only parameters: ni rows of nj * p.
    assertClose(await Pm([1, 2]).sum(1, { ni: 3, nj: 5, backend }), [5, 10, 5, 10, 5, 10], { rtol: 0, label: `${backend} parameters only` });
  }
  // nj: 1 is KeOps's implicit choice: the formula itself.
  assertClose(await F.sum(1, { nj: 1 }), f, { rtol: 1e-15, label: 'nj 1' });
});

test('gradients of single-category reductions (host autograd, finite differences)', async () => {
  const rng = new Rng(4);
  const X = cloud(rng, 6, 2, 'float64', { requiresGrad: true }), Y = cloud(rng, 9, 3, 'float64', { requiresGrad: true });
  const W = tensor(Float64Array.from({ length: 6 }, (_, k) => Math.cos(k)), [6, 1]);
  for (const backend of ['wasm', 'oracle']) {
    const loss = async (b) => {
      const a = await Vi(X).sqnorm2().exp().sum(1, { nj: 3, backend: b });
      const c = await Vj(Y).sin().sum(-1).logsumexp(0, { ni: 4, backend: b });
      const d = await Vj(Y).norm2().sum(1, { ni: 2, backend: b });
      return a.mul(W).sum().add(c.sum()).add(d.sum());
    };
    X.zeroGrad(); Y.zeroGrad();
    await (await loss(backend)).backward();
    for (const T of [X, Y]) {
      for (let e = 0; e < T.data.length; e++) {
        const x0 = T.data[e], h = 1e-6;
        T.data[e] = x0 + h; T.markChanged(); const up = (await loss('oracle')).item();
        T.data[e] = x0 - h; T.markChanged(); const down = (await loss('oracle')).item();
        T.data[e] = x0; T.markChanged();
        const fd = (up - down) / (2 * h);
        assert.ok(Math.abs(T.grad.data[e] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), `${backend} entry ${e}: ${T.grad.data[e]} vs ${fd}`);
      }
    }
  }
});

test('block-sparse ranges apply to the given axis size', async () => {
  const rng = new Rng(5);
  const X = cloud(rng, 6, 1);
  const pairs = (p) => tensor(Int32Array.from(p.flat()), [p.length, 2]);
  const ranges = fromMatrix(pairs([[0, 2], [2, 6]]), pairs([[0, 3], [3, 10]]), [[true, false], [false, true]]);
  for (const backend of ['wasm', 'oracle']) {
    const s = await Vi(X).exp().sum(1, { nj: 10, ranges, backend });
    assertClose(s, Array.from(X.data, (x, i) => (i < 2 ? 3 : 7) * Math.exp(x)), { rtol: 1e-14, label: `${backend} ranges` });
  }
});

test('typed errors: a missing axis size, a bad value, a size that contradicts the variables', async () => {
  const rng = new Rng(6);
  const X = cloud(rng, 4, 2), Y = cloud(rng, 5, 2);
  const rejects = async (p, Class, pattern, label) => {
    let err = null;
    try { await p(); } catch (e) { err = e; }
    assert.ok(err instanceof Class, `${label}: expected ${Class.name}, got ${err}`);
    assert.match(err.message, pattern, label);
  };
  await rejects(() => Vi(X).sum(1), ShapeError, /^sum: the formula has no Vj variable, so the size of the j axis is unknown; give options\.nj \(KeOps takes 1: \{ nj: 1 \}\)/, 'no Vj');
  await rejects(() => Vj(Y).min(0, { nj: 5 }), ShapeError, /^min: the formula has no Vi variable.*options\.ni/, 'no Vi');
  await rejects(() => Pm(1).sum(1, { ni: 2 }), ShapeError, /no Vj variable.*options\.nj/, 'parameters, nj missing');
  await rejects(() => Pm(1).sum(1), ShapeError, /no Vi and no Vj variable, so the sizes of the i and j axes are unknown; give options\.ni and options\.nj/, 'parameters');
  for (const bad of [0, -1, 1.5, NaN, '3', 2 ** 31]) {
    await rejects(() => Vi(X).sum(1, { nj: bad }), ValueError, /^sum: options\.nj must be a positive integer/, `nj ${String(bad)}`);
  }
  await rejects(() => Vi(X).sqdist(Vj(Y)).sum(1, { nj: 6 }), ShapeError, /^sum: options\.nj = 6 differs from the 5 rows of the formula's Vj variables/, 'contradicting nj');
  await rejects(() => Vi(X).sqdist(Vj(Y)).logsumexp(0, { ni: 3 }), ShapeError, /options\.ni = 3 differs from the 4 rows/, 'contradicting ni');
  await rejects(() => Vi(X).sum(1, { nk: 3 }), ValueError, /unknown option 'nk'/, 'unknown option');
  // Matching sizes are accepted where the variables are there.
  assert.equal((await Vi(X).sqdist(Vj(Y)).sum(1, { ni: 4, nj: 5 })).shape, [4, 1]);
});

test.run();
