// Block-sparse reductions: KeOps's 6-tuple ranges on both axes, against the oracle with the
// same ranges and against dense sums restricted to the kept blocks; gradients; bad ranges.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, ValueError, ShapeError, DTypeError } from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

const i32 = (rows) => tensor(Int32Array.from(rows.flat()), Array.isArray(rows[0]) ? [rows.length, 2] : [rows.length]);

/** The 6-tuple for row clusters `ri`, column clusters `rj` and a keep[ci][cj] matrix. */
function rangesFromBlocks(ri, rj, keep) {
  const slicesI = [], redJ = [], slicesJ = [], redI = [];
  ri.forEach((_, a) => { rj.forEach((r, b) => keep[a][b] && redJ.push(r)); slicesI.push(redJ.length); });
  rj.forEach((_, b) => { ri.forEach((r, a) => keep[a][b] && redI.push(r)); slicesJ.push(redI.length); });
  const pairs = (p) => tensor(Int32Array.from(p.flat()), [p.length, 2]);
  return [pairs(ri), i32(slicesI), pairs(redJ), pairs(rj), i32(slicesJ), pairs(redI)];
}

function cloud(rng, n, d, dtype = 'float64') {
  const data = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  for (let k = 0; k < data.length; k++) data[k] = rng.uniform(0, 1);
  return tensor(data, [n, d]);
}

// Clusters with odd sizes, an empty one, rows 37..39 in no cluster, and intervals that start
// off the tile grid (the engine must not read past the last column).
const N = 40, M = 301;
const RI = [[0, 5], [5, 5], [5, 17], [17, 37]];
const RJ = [[0, 100], [100, 101], [101, 250], [250, 301]];
const KEEP = [[1, 0, 1, 1], [1, 1, 1, 1], [0, 1, 0, 1], [1, 1, 0, 0]];
const ranges = rangesFromBlocks(RI, RJ, KEEP);

test('a block-sparse sum equals the dense sum restricted to the kept blocks, on both axes', async () => {
  for (const dtype of ['float32', 'float64']) {
    const rng = new Rng(3);
    const X = cloud(rng, N, 3, dtype), Y = cloud(rng, M, 3, dtype), B = cloud(rng, M, 2, dtype), A = cloud(rng, N, 2, dtype);
    const K = Vi(X).sqdist(Vj(Y)).mul(-4).exp();
    // Dense reference: the kernel evaluated pair by pair, masked by the kept blocks.
    const kept = (i, j) => RI.some((ri, a) => i >= ri[0] && i < ri[1] && RJ.some((rj, b) => j >= rj[0] && j < rj[1] && KEEP[a][b]));
    const k = (i, j) => Math.exp(-4 * [0, 1, 2].reduce((s, d) => s + (X.data[3 * i + d] - Y.data[3 * j + d]) ** 2, 0));
    const byRow = new Float64Array(N * 2), byCol = new Float64Array(M * 2);
    for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) if (kept(i, j)) {
      for (let d = 0; d < 2; d++) { byRow[2 * i + d] += k(i, j) * B.data[2 * j + d]; byCol[2 * j + d] += k(i, j) * A.data[2 * i + d]; }
    }
    const tol = dtype === 'float32' ? 1e-5 : 1e-12;
    assertClose(await K.mul(Vj(B)).sum(1, { ranges }), byRow, { rtol: tol, scale: 10, label: `${dtype} axis 1` });
    assertClose(await K.mul(Vi(A)).sum(0, { ranges }), byCol, { rtol: tol, scale: 10, label: `${dtype} axis 0` });
    for (let i = 37; i < N; i++) assert.is(byRow[2 * i], 0);
  }
});

test('every reduction honours ranges on both axes, like the oracle with the same ranges', async () => {
  const rng = new Rng(5);
  const X = cloud(rng, N, 2), Y = cloud(rng, M, 2), W = cloud(rng, M, 1), V = cloud(rng, N, 1);
  const D = Vi(X).sqdist(Vj(Y)).mul(-3);
  const runs = {
    sum: (o, a) => D.exp().sum(a, o),
    logsumexp: (o, a) => D.logsumexp(a, o),
    'logsumexp with weight': (o, a) => D.logsumexp(a, { ...o, weight: a === 1 ? Vj(W) : Vi(V) }),
    sumsoftmaxweight: (o, a) => D.sumsoftmaxweight(a === 1 ? Vj(W) : Vi(V), a, o),
    min: (o, a) => D.min(a, o), argmax: (o, a) => D.argmax(a, o),
    Kmin: (o, a) => D.Kmin(4, a, o), argKmin: (o, a) => D.argKmin(4, a, o),
  };
  for (const [name, run] of Object.entries(runs)) {
    for (const axis of [0, 1]) {
      const got = await run({ ranges }, axis);
      const want = await run({ ranges, backend: 'oracle' }, axis);
      if (got.dtype === 'int32') assert.equal(Array.from(got.data), Array.from(want.data), `${name} axis ${axis}`);
      else assertClose(got, want, { rtol: 1e-12, scale: 1, label: `${name} axis ${axis}` });
    }
  }
});

test('rows outside every cluster have nothing to reduce (sum 0, logsumexp -Inf, min +Inf, argmin -1)', async () => {
  const rng = new Rng(9);
  const X = cloud(rng, N, 2), Y = cloud(rng, M, 2);
  const D = Vi(X).sqdist(Vj(Y));
  const [s, l, [m, a]] = [await D.sum(1, { ranges }), await D.logsumexp(1, { ranges }), await D.minArgmin(1, { ranges })];
  for (const i of [5, 37, 38, 39].filter((i) => !RI.some(([r0, r1]) => i >= r0 && i < r1))) {
    assert.is(s.data[i], 0);
    assert.is(l.data[i], -Infinity);
    assert.is(m.data[i], Infinity);
    assert.is(a.data[i], -1);
  }
});

test('gradients of block-sparse reductions use the same blocks (finite differences)', async () => {
  const rng = new Rng(11);
  const X = tensor(cloud(rng, N, 2).data, [N, 2], { requiresGrad: true });
  const Y = tensor(cloud(rng, M, 2).data, [M, 2], { requiresGrad: true });
  const loss = async () => (await Vi(X).sqdist(Vj(Y)).mul(-2).exp().sum(1, { ranges })).mul(tensor(new Float64Array(N).map((_, k) => Math.sin(k)), [N, 1])).sum();
  const L = await loss();
  await L.backward();
  for (const [T, e] of [[X, 7], [X, 20], [Y, 3], [Y, 260], [Y, 101 * 2 + 1]]) {
    const x0 = T.data[e], h = 1e-6;
    T.data[e] = x0 + h; T.markChanged(); const up = (await loss()).item();
    T.data[e] = x0 - h; T.markChanged(); const down = (await loss()).item();
    T.data[e] = x0; T.markChanged();
    const fd = (up - down) / (2 * h);
    assert.ok(Math.abs(T.grad.data[e] - fd) < 1e-6 * Math.max(1, Math.abs(fd)), `entry ${e}: ${T.grad.data[e]} vs ${fd}`);
  }
});

test('bad ranges get typed errors naming the problem, and the engine keeps working', async () => {
  const rng = new Rng(1);
  const X = cloud(rng, N, 2), Y = cloud(rng, M, 2);
  const K = Vi(X).sqdist(Vj(Y));
  const cases = [
    [[ranges[0], ranges[1], ranges[2]], ValueError, /6-tuple/],
    [rangesFromBlocks([[0, 10], [5, 20]], RJ, [[1, 1, 1, 1], [1, 1, 1, 1]]), ValueError, /overlap/],
    [rangesFromBlocks([[0, 10], [10, N + 1]], RJ, [[1, 1, 1, 1], [1, 1, 1, 1]]), ValueError, /out of bounds/],
    [rangesFromBlocks(RI, [[0, 100], [50, 150], [150, 301]], KEEP.map((r) => r.slice(0, 3))), ValueError, /overlap/],
    [[tensor(new Float32Array([0, 1]), [1, 2]), ...ranges.slice(1)], DTypeError, /int32/],
    [[tensor(Int32Array.from([0, 1, 2]), [3]), ...ranges.slice(1)], ShapeError, /\[C, 2\]/],
  ];
  for (const [bad, Type, pattern] of cases) {
    for (const axis of [0, 1]) {
      const error = await K.sum(axis, { ranges: bad }).then(() => null, (e) => e);
      assert.ok(error instanceof Type && pattern.test(error.message), `case ${cases.findIndex((c) => c[0] === bad)} axis ${axis}: ${error}`);
    }
  }
  const ok = await K.sum(1, { ranges });
  assertClose(ok, await K.sum(1, { ranges, backend: 'oracle' }), { rtol: 1e-12, scale: 1, label: 'after errors' });
});


test('a ranges tuple reused across calls is validated again after an in-place write (its conversion is cached by content)', async () => {
  const rng = new Rng(11);
  const x = cloud(rng, N, 2), y = cloud(rng, M, 2);
  const keep = [[1, 0, 1, 1], [1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1]];
  const ranges = rangesFromBlocks(RI, RJ, keep);
  const K = Vi(x).sqdist(Vj(y)).neg().exp();
  const first = await K.sum(1, { ranges });
  const again = await K.sum(1, { ranges }); // the cached conversion
  assert.equal(Array.from(again.data), Array.from(first.data));
  // Dropping a kept block in place (redrangesJ's first entry becomes empty) changes the result.
  const redJ = ranges[2].data;
  const saved = [redJ[0], redJ[1]];
  redJ[1] = redJ[0];
  const dropped = await K.sum(1, { ranges });
  const oracle = await K.sum(1, { ranges, backend: 'oracle' });
  assertClose(dropped, oracle, { rtol: 1e-12, atol: 1e-12 });
  assert.ok(dropped.data[0] < first.data[0], `block [0, 100) dropped: ${dropped.data[0]} vs ${first.data[0]}`);
  // An out-of-bounds write is caught, not used.
  redJ[0] = saved[0];
  redJ[1] = M + 5;
  const error = await K.sum(1, { ranges }).then(() => null, (e) => e);
  assert.ok(error instanceof ValueError && /out of bounds/.test(error.message), String(error));
  redJ[1] = saved[1];
  assert.equal(Array.from((await K.sum(1, { ranges })).data), Array.from(first.data));
});
test.run();
