// Block-sparse helpers against hand-computed cases (pykeops.torch.cluster's docstring examples
// among them), k-means against a host Lloyd iteration, validation errors, and block-sparse
// kernel sums built with the helpers against dense sums restricted to the kept blocks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, aslinearoperator, gridCluster, clusterRanges, clusterRangesCentroids, sortClusters,
  fromMatrix, swapAxes, validateRanges, kmeans, ShapeError, DTypeError, ValueError,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';

const i32 = (values, shape) => tensor(Int32Array.from(values), shape ?? [values.length]);
const pairs = (t) => Array.from({ length: t.shape[0] }, (_, k) => [t.data[2 * k], t.data[2 * k + 1]]);

test('gridCluster: pykeops docstring example, and labels numbered in lexicographic cell order', () => {
  const labels = gridCluster(tensor([0, 0.1, 0.9, 0.05, 0.5], [5, 1]), 0.2);
  assert.is(labels.dtype, 'int32');
  assert.equal(labels.shape, [5]);
  assert.equal(Array.from(labels.data), [0, 0, 2, 0, 1]);
  // 2-D: cells counted from the minimum (-1, 0); cells (0,0) (0,0) (1,2) (3,1) (0,0).
  const X = tensor([-1, 0, -0.6, 0.05, -0.5, 1.1, 0.9, 0.5, -0.9, 0.4], [5, 2]);
  assert.equal(Array.from(gridCluster(X, 0.5).data), [0, 0, 1, 2, 0]);
  // One size per axis: x in cells of 2, y in cells of 0.5.
  assert.equal(Array.from(gridCluster(X, [2, 0.5]).data), [0, 0, 2, 1, 0]);
  // Any dimension: D = 5, two points per cell.
  const D5 = tensor(Float64Array.from({ length: 40 }, (_, k) => Math.floor(k / 10) + 0.1 * ((k % 5) / 5)), [8, 5]);
  const l5 = gridCluster(D5, 0.5);
  assert.equal(Array.from(l5.data), [0, 0, 1, 1, 2, 2, 3, 3]);
});

test('clusterRanges and clusterRangesCentroids: pykeops docstring examples, weighted and not', () => {
  const x = tensor([0, 0.5, 1, 2, 3], [5, 1]);
  const lab = i32([0, 0, 1, 1, 1]);
  const { ranges, centroids, weights } = clusterRangesCentroids(x, lab);
  assert.equal(ranges.shape, [2, 2]);
  assert.is(ranges.dtype, 'int32');
  assert.equal(pairs(ranges), [[0, 2], [2, 5]]);
  assert.equal(Array.from(centroids.data), [0.25, 2]);
  assert.equal(Array.from(weights.data), [2, 3]);
  const w = clusterRangesCentroids(x, lab, { weights: tensor([1, 0.5, 1, 1, 10]) });
  assert.ok(Math.abs(w.centroids.data[0] - 1 / 6) < 1e-6 && Math.abs(w.centroids.data[1] - 2.75) < 1e-6);
  assert.equal(Array.from(w.weights.data), [1.5, 12]);
  assert.equal(pairs(clusterRanges(i32([0, 2, 0, 0, 1]))), [[0, 3], [3, 4], [4, 5]]);
  // A label with no point gets an empty range and a NaN centroid, as in pykeops.
  const gap = clusterRangesCentroids(tensor([1, 2, 3], [3, 1], { dtype: 'float64' }), i32([0, 2, 2]));
  assert.equal(pairs(gap.ranges), [[0, 1], [1, 1], [1, 3]]);
  assert.ok(Number.isNaN(gap.centroids.data[1]));
  assert.is(gap.centroids.dtype, 'float64');
});

test('sortClusters: pykeops docstring example; stable, for one tensor or a list, with the permutation', () => {
  const x = tensor([0, 5, 0.4, 0.3, 2], [5, 1]);
  const lab = i32([0, 2, 0, 0, 1]);
  const { sorted, labels, perm } = sortClusters(x, lab);
  assert.equal(Array.from(sorted.data), Array.from(Float32Array.from([0, 0.4, 0.3, 2, 5])));
  assert.equal(Array.from(labels.data), [0, 0, 0, 1, 2]);
  assert.equal(Array.from(perm.data), [0, 2, 3, 4, 1]);
  const both = sortClusters([x, tensor([10, 11, 12, 13, 14, 20, 21, 22, 23, 24], [5, 2])], lab);
  assert.is(both.sorted.length, 2);
  assert.equal(Array.from(both.sorted[1].data), Array.from(Float32Array.from([10, 11, 14, 20, 21, 22, 23, 24, 12, 13])));
});

test('fromMatrix: pykeops docstring example, both halves of the 6-tuple', () => {
  const rI = i32([2, 5, 7, 12], [2, 2]);
  const rJ = i32([1, 4, 4, 9, 20, 30], [3, 2]);
  const keep = tensor([1, 1, 0, 0, 1, 0], [2, 3]);
  const r = fromMatrix(rI, rJ, keep);
  assert.is(r.length, 6);
  for (const t of r) assert.is(t.dtype, 'int32');
  const [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI] = r;
  assert.equal(pairs(rangesI), [[2, 5], [7, 12]]);
  assert.equal(Array.from(slicesI.data), [2, 3]);
  assert.equal(pairs(redrangesJ), [[1, 4], [4, 9], [4, 9]]);
  assert.equal(pairs(rangesJ), [[1, 4], [4, 9], [20, 30]]);
  assert.equal(Array.from(slicesJ.data), [1, 3, 3]);
  assert.equal(pairs(redrangesI), [[2, 5], [2, 5], [7, 12]]);
  // The same mask as a Uint8Array or as nested booleans.
  const fromBytes = fromMatrix(rI, rJ, Uint8Array.from([1, 1, 0, 0, 1, 0]));
  const fromBools = fromMatrix(rI, rJ, [[true, true, false], [false, true, false]]);
  for (let k = 0; k < 6; k++) {
    assert.equal(Array.from(fromBytes[k].data), Array.from(r[k].data));
    assert.equal(Array.from(fromBools[k].data), Array.from(r[k].data));
  }
  const swapped = swapAxes(r);
  assert.equal([0, 1, 2, 3, 4, 5].map((k) => swapped[k]), [r[3], r[4], r[5], r[0], r[1], r[2]]);
  assert.is(swapAxes(undefined), undefined);
  assert.is(swapAxes(null), null);
});

test('validateRanges accepts fromMatrix output and names what is wrong otherwise', () => {
  const rI = i32([0, 3, 3, 5], [2, 2]);
  const good = fromMatrix(rI, rI, tensor([1, 0, 1, 1], [2, 2]));
  validateRanges(good, 5, 5);
  const throws = (fn, Type, pattern) => {
    try {
      fn();
    } catch (error) {
      assert.instance(error, Type, `expected ${Type.name}, got ${error}`);
      assert.match(error.message, pattern);
      return;
    }
    assert.unreachable(`expected ${Type.name} matching ${pattern}`);
  };
  throws(() => validateRanges(good, 4, 5), ValueError, /rangesI\[1\] = \[3, 5\) is out of bounds/);
  throws(() => validateRanges(good, 5, 4), ValueError, /out of bounds/);
  const overlapping = fromMatrix(i32([0, 3, 2, 5], [2, 2]), rI, tensor([1, 1, 1, 1], [2, 2]));
  throws(() => validateRanges(overlapping, 5, 5), ValueError, /overlaps/);
  const twice = [good[0], i32([2, 3]), i32([0, 3, 0, 3, 3, 5], [3, 2]), good[3], good[4], good[5]];
  throws(() => validateRanges(twice, 5, 5), ValueError, /overlapping/);
  throws(() => validateRanges([...good.slice(0, 5), tensor([0, 1], [1, 2])], 5, 5), DTypeError, /redrangesI/);
  throws(() => validateRanges(good.slice(0, 3), 5, 5), ValueError, /6-tuple/);
  throws(() => fromMatrix(rI, rI, tensor([1, 0, 1], [3])), ShapeError, /keep must have shape \[2, 2\]/);
  throws(() => fromMatrix(rI, rI, new Uint8Array(3)), ShapeError, /keep has 3 entries/);
  throws(() => fromMatrix(i32([3, 1], [1, 2]), rI, new Uint8Array(2)), ValueError, /rangesI\[0\] = \[3, 1\) is not a range/);
  throws(() => fromMatrix(tensor([0, 1], [1, 2]), rI, new Uint8Array(2)), DTypeError, /rangesI must be an int32/);
  throws(() => gridCluster(tensor([0, NaN], [2, 1]), 1), ValueError, /X must be finite/);
  throws(() => gridCluster(tensor([0, 1], [2, 1]), 0), ValueError, /eps must be positive/);
  throws(() => gridCluster(tensor([0, 1, 2, 3], [2, 2]), [1, 2, 3]), ShapeError, /3 sizes for points of dimension 2/);
  throws(() => gridCluster(i32([0, 1], [2, 1]), 1), DTypeError, /float32 or float64/);
  throws(() => clusterRangesCentroids(tensor([0, 1], [2, 1]), i32([0, -1])), ValueError, /labels\[1\] = -1/);
  throws(() => clusterRangesCentroids(tensor([0, 1], [2, 1]), tensor([0, 1])), DTypeError, /int32/);
  throws(() => clusterRangesCentroids(tensor([0, 1], [2, 1]), i32([0, 1, 1])), ShapeError, /3 entries for 2 points/);
  throws(() => clusterRangesCentroids(tensor([0, 1], [2, 1]), i32([0, 1]), { weight: 1 }), ValueError, /unknown option 'weight'/);
  throws(() => sortClusters(tensor([0, 1], [2, 1]), i32([0])), ShapeError, /1 entries for 2 points/);
});

test('kmeans (argmin reductions) finds separated blobs in dimension 6 and matches a host Lloyd iteration', async () => {
  const rng = new Rng(3);
  const D = 6;
  const K = 4;
  const perBlob = 60;
  const centers = Array.from({ length: K }, () => Array.from({ length: D }, () => rng.uniform(-10, 10)));
  const n = K * perBlob;
  const x = new Float64Array(n * D);
  const truth = [];
  for (let i = 0; i < n; i++) {
    const blob = (i * 7) % K; // interleaved, so the first K points start in distinct blobs
    truth.push(blob);
    for (let c = 0; c < D; c++) x[i * D + c] = centers[blob][c] + 0.3 * rng.normal();
  }
  const X = tensor(x, [n, D]);
  const { labels, centroids } = await kmeans(X, K, { iterations: 5 });
  assert.equal(labels.shape, [n]);
  assert.equal(centroids.shape, [K, D]);
  // Host Lloyd with the same initialisation (the first K points).
  const c = Array.from({ length: K }, (_, k) => Array.from(x.subarray(k * D, (k + 1) * D)));
  let host = [];
  for (let it = 0; it < 5; it++) {
    host = Array.from({ length: n }, (_, i) => {
      let best = 0;
      let bestD = Infinity;
      for (let k = 0; k < K; k++) {
        let d2 = 0;
        for (let q = 0; q < D; q++) d2 += (x[i * D + q] - c[k][q]) ** 2;
        if (d2 < bestD) { bestD = d2; best = k; }
      }
      return best;
    });
    for (let k = 0; k < K; k++) {
      const members = host.map((l, i) => (l === k ? i : -1)).filter((i) => i >= 0);
      if (members.length) for (let q = 0; q < D; q++) c[k][q] = members.reduce((s, i) => s + x[i * D + q], 0) / members.length;
    }
  }
  assert.equal(Array.from(labels.data), host);
  for (let k = 0; k < K; k++) for (let q = 0; q < D; q++) assert.ok(Math.abs(centroids.data[k * D + q] - c[k][q]) < 1e-9);
  // Every blob is one cluster.
  for (let i = 0; i < n; i++) assert.is(labels.data[i], labels.data[truth.indexOf(truth[i])]);
  try {
    await kmeans(X, n + 1);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, ValueError);
    assert.match(error.message, /K must be an integer in \[1, N = 240\]/);
  }
});

test('block-sparse kernel sums built with the helpers equal dense sums restricted to the kept blocks', async () => {
  const rng = new Rng(8);
  const N = 700;
  const x = Float64Array.from({ length: N * 2 }, () => rng.uniform(0, 1));
  const X0 = tensor(x, [N, 2]);
  const labels = gridCluster(X0, 0.1);
  const { ranges, centroids } = clusterRangesCentroids(X0, labels);
  const { sorted } = sortClusters(X0, labels);
  const C = ranges.shape[0];
  const keep = new Uint8Array(C * C);
  const cd = centroids.data;
  for (let a = 0; a < C; a++) for (let b2 = 0; b2 < C; b2++) {
    keep[a * C + b2] = (cd[2 * a] - cd[2 * b2]) ** 2 + (cd[2 * a + 1] - cd[2 * b2 + 1]) ** 2 < 0.25 ** 2 ? 1 : 0;
  }
  const r = fromMatrix(ranges, ranges, keep);
  validateRanges(r, N, N);
  const s = sorted.data;
  const w = Float64Array.from({ length: N }, () => rng.normal());
  const K = Vi(sorted).sqdist(Vj(sorted)).mul(-50).exp();
  const rowOf = new Int32Array(N);
  for (let k = 0; k < C; k++) for (let i = ranges.data[2 * k]; i < ranges.data[2 * k + 1]; i++) rowOf[i] = k;
  const expected = new Float64Array(N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    if (!keep[rowOf[i] * C + rowOf[j]]) continue;
    expected[i] += Math.exp(-50 * ((s[2 * i] - s[2 * j]) ** 2 + (s[2 * i + 1] - s[2 * j + 1]) ** 2)) * w[j];
  }
  const op = aslinearoperator(K, { ranges: r });
  const got = await op.matvec(w);
  const scale = Math.max(...expected.map(Math.abs));
  for (let i = 0; i < N; i++) assert.ok(Math.abs(got.data[i] - expected[i]) < 1e-12 * scale, `row ${i}: ${got.data[i]} vs ${expected[i]}`);
  // The mask is symmetric, so the transposed product (axis-0 ranges) gives the same.
  const gotT = await op.rmatvec(w);
  for (let i = 0; i < N; i++) assert.ok(Math.abs(gotT.data[i] - expected[i]) < 1e-12 * scale);
  const kept = keep.reduce((a, v) => a + v, 0);
  assert.ok(kept > C && kept < C * C, 'the mask drops some blocks and keeps others');
});

test.run();
