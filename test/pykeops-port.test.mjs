// The pykeops tutorials' and examples' calls, translated call by call (issue 18, "a port test"):
// each test names the pykeops file it ports (getkeops/keops, pykeops/pykeops/examples/ and
// tutorials/), runs its KeOps calls through lazykernel at a small size, and checks the result
// against a float64 reference computed here pair by pair, as the example checks itself against
// NumPy / PyTorch. Sizes are small (the examples use 10^3-10^5 points on a GPU); the formulas,
// reductions, options and argument orders are theirs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  tensor, Vi, Vj, Pm, Genred, kernelSolve,
  gridCluster, clusterRangesCentroids, sortClusters, fromMatrix,
} from '../build/src/index.js';
import { Rng } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

const DTYPES = ['float32', 'float64'];
const TOL = { float32: 2e-5, float64: 1e-12 };
const array = (dtype, n) => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n));
/** numpy-style random arrays: randn / rand of shape [n, d], as `dtype`. */
const randn = (rng, dtype, n, d) => tensor(array(dtype, n * d).map(() => rng.normal()), [n, d]);
const rand = (rng, dtype, n, d) => tensor(array(dtype, n * d).map(() => rng.uniform(0, 1)), [n, d]);
const row = (t, i) => t.data.subarray(i * t.shape[1], (i + 1) * t.shape[1]);
const dot = (a, b) => a.reduce((s, v, k) => s + v * b[k], 0);
const sqdist = (a, b) => a.reduce((s, v, k) => s + (v - b[k]) ** 2, 0);

// ------------------------------------------------------------------------------------------------
// examples/pytorch/plot_generic_syntax_pytorch.py: a Sum reduction and its gradient
// ------------------------------------------------------------------------------------------------
test('plot_generic_syntax_pytorch: Genred("Square(p-a)*Exp(x+y)", Sum, axis=1) and its gradient in y', async () => {
  for (const dtype of DTYPES) {
    const rng = new Rng(1);
    const M = 30, N = 50;
    const x = randn(rng, dtype, M, 3);
    const y = tensor(randn(rng, dtype, N, 3).data, [N, 3], { requiresGrad: true });
    const a = randn(rng, dtype, N, 1);
    const p = tensor(array(dtype, 1).map(() => rng.normal()), [1]);
    const formula = 'Square(p-a)*Exp(x+y)';
    const variables = ['x = Vi(3)', 'y = Vj(3)', 'a = Vj(1)', 'p = Pm(1)'];
    const myRoutine = Genred(formula, variables, { reductionOp: 'Sum', axis: 1 });
    const c = await myRoutine(x, y, a, p);
    const e = rand(rng, dtype, M, 3);
    // g = [d_y c] . e, as torch.autograd.grad(c, y, e)
    await c.mul(e).sum().backward();
    const cRef = new Float64Array(M * 3), gRef = new Float64Array(N * 3);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let d = 0; d < 3; d++) {
      const term = (p.data[0] - a.data[j]) ** 2 * Math.exp(x.data[3 * i + d] + y.data[3 * j + d]);
      cRef[3 * i + d] += term;
      gRef[3 * j + d] += term * e.data[3 * i + d];
    }
    assert.equal(c.shape, [M, 3]);
    assertClose(c, cRef, { rtol: TOL[dtype], label: `${dtype} c` });
    assertClose(y.grad, gRef, { rtol: TOL[dtype], label: `${dtype} grad y` });
  }
});

// ------------------------------------------------------------------------------------------------
// examples/pytorch/plot_generic_syntax_pytorch_LSE.py: LogSumExp, against log of the Sum
// ------------------------------------------------------------------------------------------------
test('plot_generic_syntax_pytorch_LSE: Genred LogSumExp equals log(Sum) (value and gradient)', async () => {
  const rng = new Rng(2);
  const M = 40, N = 60, dtype = 'float64';
  const x = rand(rng, dtype, M, 1);
  const y = tensor(rand(rng, dtype, N, 1).data, [N, 1], { requiresGrad: true });
  const a = rand(rng, dtype, N, 1);
  const p = tensor([rng.uniform(0, 1)], [1], { dtype });
  const variables = ['x = Vi(1)', 'y = Vj(1)', 'a = Vj(1)', 'p = Pm(1)'];
  const myRoutine = Genred('Square(p-a)*Exp(x+y)', variables, { reductionOp: 'LogSumExp', axis: 1 });
  const myRoutine2 = Genred('Exp(Square(p-a)*Exp(x+y))', variables, { reductionOp: 'Sum', axis: 1 });
  const c = await myRoutine(x, y, a, p);
  const c2 = (await myRoutine2(x, y, a, p)).log();
  assertClose(c, c2, { rtol: 1e-13, label: 'LogSumExp vs log(Sum(Exp))' });
  const e = rand(rng, dtype, M, 1);
  await c.mul(e).sum().backward();
  const g = Float64Array.from(y.grad.data);
  y.grad = null;
  await c2.mul(e).sum().backward();
  assertClose(g, y.grad, { rtol: 1e-12, label: 'gradients' });
});

// ------------------------------------------------------------------------------------------------
// examples/pytorch/plot_advanced_formula.py: scalar product, Elem, a parameter vector
// ------------------------------------------------------------------------------------------------
test('plot_advanced_formula: "Square((X|Y)) * ((Elem(P, 0) * X) + (Elem(P, 1) * Y))"', async () => {
  for (const dtype of DTYPES) {
    const rng = new Rng(3);
    const N = 25, M = 45, D = 3;
    const p = tensor(array(dtype, 2).map(() => rng.normal()), [2]);
    const x = randn(rng, dtype, N, D), y = randn(rng, dtype, M, D);
    const formula = 'Square((X|Y)) * ((Elem(P, 0) * X) + (Elem(P, 1) * Y))';
    const variables = ['P = Pm(2)', 'X = Vi(3)', 'Y = Vj(3)'];
    const myRoutine = Genred(formula, variables, { reductionOp: 'Sum', axis: 1 });
    const aKeops = await myRoutine(p, x, y);
    // a = p0 * (sum_j scals_ij) x_i + p1 * scals @ y, scals = (x y^T)^2
    const ref = new Float64Array(N * D);
    for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) {
      const s = dot(row(x, i), row(y, j)) ** 2;
      for (let d = 0; d < D; d++) ref[D * i + d] += s * (p.data[0] * x.data[D * i + d] + p.data[1] * y.data[D * j + d]);
    }
    assertClose(aKeops, ref, { rtol: TOL[dtype], scale: 10, label: dtype });
  }
});

// ------------------------------------------------------------------------------------------------
// examples/numpy/plot_test_softmax_numpy.py: SumSoftMaxWeight with formula2
// ------------------------------------------------------------------------------------------------
test('plot_test_softmax_numpy: Genred("SqDist(x,y)", SumSoftMaxWeight, formula2 "b")', async () => {
  for (const dtype of DTYPES) {
    const rng = new Rng(4);
    const M = 30, N = 70, D = 3, Dv = 2;
    const x = tensor(randn(rng, dtype, M, D).data.map((v) => 2 * v), [M, D]);
    const y = tensor(randn(rng, dtype, N, D).data.map((v) => 2 * v), [N, D]);
    const b = rand(rng, dtype, N, Dv);
    const softmaxOp = Genred('SqDist(x,y)', [`x = Vi(${D})`, `y = Vj(${D})`, `b = Vj(${Dv})`], { reductionOp: 'SumSoftMaxWeight', axis: 1, formula2: 'b' });
    const c = await softmaxOp(x, y, b);
    // numpy: cc = sqdist; cc -= max; exp(cc) @ b / sum(exp(cc))
    const ref = new Float64Array(M * Dv);
    for (let i = 0; i < M; i++) {
      const cc = Array.from({ length: N }, (_, j) => sqdist(row(x, i), row(y, j)));
      const top = Math.max(...cc);
      const w = cc.map((v) => Math.exp(v - top));
      const total = w.reduce((s, v) => s + v, 0);
      for (let j = 0; j < N; j++) for (let d = 0; d < Dv; d++) ref[Dv * i + d] += (w[j] * b.data[Dv * j + d]) / total;
    }
    assertClose(c, ref, { rtol: dtype === 'float32' ? 1e-4 : 1e-12, label: dtype });
  }
});

// ------------------------------------------------------------------------------------------------
// examples/numpy/plot_test_ArgKMin.py: the K nearest neighbours of each point, itself included
// ------------------------------------------------------------------------------------------------
test('plot_test_ArgKMin: Genred("SqDist(x,y)", ArgKMin, axis=1, k=3) on (x, x)', async () => {
  const rng = new Rng(5);
  const N = 300, D = 2, K = 3;
  const x = rand(rng, 'float32', N, D);
  const myRoutine = Genred('SqDist(x,y)', [`x = Vi(${D})`, `y = Vj(${D})`], { reductionOp: 'ArgKMin', axis: 1, k: K });
  const ind = await myRoutine(x, x);
  assert.equal(ind.shape, [N, K]);
  assert.is(ind.dtype, 'int32');
  for (let i = 0; i < N; i++) {
    const order = Array.from({ length: N }, (_, j) => j).sort((p, q) => sqdist(row(x, i), row(x, p)) - sqdist(row(x, i), row(x, q)) || p - q);
    assert.is(ind.data[K * i], i, `point ${i} is its own nearest neighbour`);
    assert.equal(Array.from(ind.data.subarray(K * i, K * i + K)), order.slice(0, K), `row ${i}`);
  }
});

// ------------------------------------------------------------------------------------------------
// examples/numpy/plot_test_invkernel_numpy.py: KernelSolve, (alpha I + K) c = b with Dv = 2
// ------------------------------------------------------------------------------------------------
test('plot_test_invkernel_numpy: KernelSolve of "Exp(- g * SqDist(x,y)) * b" with alpha, two right-hand sides', async () => {
  const rng = new Rng(6);
  const N = 120, D = 2, Dv = 2, sigma = 0.1, alpha = 0.01;
  const x = rand(rng, 'float64', N, D);
  const b = rand(rng, 'float64', N, Dv);
  const g = 0.5 / sigma ** 2;
  // KernelSolve(formula, aliases, "b", axis=1)(x, x, b, g, alpha=alpha): the kernel without "* b".
  const K = Vi(x).sqdist(Vj(x)).mul(Pm(g)).neg().exp();
  const { x: c, converged } = await kernelSolve(K, b, { alpha, tol: 1e-12 });
  assert.ok(converged);
  // numpy: np.linalg.solve(alpha I + exp(-g D), b), by Gaussian elimination with partial pivoting.
  const A = Array.from({ length: N }, (_, i) => Float64Array.from({ length: N }, (_, j) => Math.exp(-g * sqdist(row(x, i), row(x, j))) + (i === j ? alpha : 0)));
  const B = Array.from({ length: N }, (_, i) => Float64Array.from(row(b, i)));
  for (let col = 0; col < N; col++) {
    let pivot = col;
    for (let r = col + 1; r < N; r++) if (Math.abs(A[r][col]) > Math.abs(A[pivot][col])) pivot = r;
    [A[col], A[pivot]] = [A[pivot], A[col]];
    [B[col], B[pivot]] = [B[pivot], B[col]];
    for (let r = col + 1; r < N; r++) {
      const f = A[r][col] / A[col][col];
      for (let k = col; k < N; k++) A[r][k] -= f * A[col][k];
      for (let d = 0; d < Dv; d++) B[r][d] -= f * B[col][d];
    }
  }
  const ref = new Float64Array(N * Dv);
  for (let r = N - 1; r >= 0; r--) {
    for (let d = 0; d < Dv; d++) {
      let s = B[r][d];
      for (let k = r + 1; k < N; k++) s -= A[r][k] * ref[Dv * k + d];
      ref[Dv * r + d] = s / A[r][r];
    }
  }
  assert.equal(c.shape, [N, Dv]);
  assertClose(c, ref, { rtol: 1e-8, scale: Math.max(...ref.map(Math.abs)), label: 'KernelSolve vs dense solve' });
});

// ------------------------------------------------------------------------------------------------
// examples/pytorch/plot_anisotropic_kernels.py: WeightedSqDist with every kind of weight
// ------------------------------------------------------------------------------------------------
test('plot_anisotropic_kernels: (-Vi(x).weightedsqdist(Vj(y), gamma)).exp() @ b, gamma scalar / per point / diagonal / full, Pm or Vj', async () => {
  const y = tensor([0.2, 0.7, 0.5, 0.3, 0.7, 0.5], [3, 2]);
  const b = tensor([1.0, 1.0, 0.5], [3, 1]);
  const res = 20;
  const ticks = Array.from({ length: res }, (_, k) => k / res + 0.5 / res);
  const x = tensor(Float32Array.from(ticks.flatMap((ty) => ticks.flatMap((tx) => [tx, ty]))), [res * res, 2]);
  const inv = (s) => 1 / s ** 2;
  const cases = [
    { name: 'isotropic Pm', gamma: [inv(0.1)], perPoint: false },
    { name: 'isotropic Vj', gamma: [inv(0.15), inv(0.07), inv(0.3)], perPoint: true, dim: 1 },
    { name: 'diagonal Pm', gamma: [inv(0.2), inv(0.1)], perPoint: false },
    { name: 'diagonal Vj', gamma: [inv(0.2), inv(0.1), inv(0.05), inv(0.15), inv(0.2), inv(0.2)], perPoint: true, dim: 2 },
    { name: 'full Pm', gamma: [inv(0.2), inv(0.25), inv(0.25), inv(0.1)], perPoint: false },
    { name: 'full Vj', gamma: [inv(0.2), inv(0.25), inv(0.25), inv(0.1), inv(0.1), 0, 0, inv(0.12), inv(0.2), inv(0.05), inv(0.05), inv(0.2)].map((v, k) => (k % 4 === 1 || k % 4 === 2 ? v / 4 : v)), perPoint: true, dim: 4 },
  ];
  for (const c of cases) {
    const G = tensor(Float32Array.from(c.gamma), c.perPoint ? [3, c.dim] : [c.gamma.length]);
    const weight = c.perPoint ? Vj(G) : Pm(G);
    const heatmap = await Vi(x).weightedsqdist(Vj(y), weight).neg().exp().matvec(b);
    const ref = new Float64Array(res * res);
    for (let i = 0; i < res * res; i++) for (let j = 0; j < 3; j++) {
      const g = c.perPoint ? c.gamma.slice(c.dim * j, c.dim * (j + 1)) : c.gamma;
      const d = [x.data[2 * i] - y.data[2 * j], x.data[2 * i + 1] - y.data[2 * j + 1]];
      const q = g.length === 1 ? g[0] * (d[0] ** 2 + d[1] ** 2)
        : g.length === 2 ? g[0] * d[0] ** 2 + g[1] * d[1] ** 2
          : d[0] * (g[0] * d[0] + g[1] * d[1]) + d[1] * (g[2] * d[0] + g[3] * d[1]);
      ref[i] += Math.exp(-q) * b.data[j];
    }
    assertClose(heatmap.reshape([res * res]), ref, { rtol: 1e-5, atol: 1e-6, label: c.name });
  }
});

// ------------------------------------------------------------------------------------------------
// examples/numpy/plot_grid_cluster_numpy.py: a block-sparse Gaussian convolution
// ------------------------------------------------------------------------------------------------
test('plot_grid_cluster_numpy: grid_cluster, cluster_ranges_centroids, sort_clusters, from_matrix, then K @ b with ranges', async () => {
  const rng = new Rng(7);
  const M = 600, N = 500, eps = 0.05, sigma = 0.05;
  const xs = new Float32Array(2 * M);
  for (let k = 0; k < M; k++) {
    const t = (2 * Math.PI * k) / M;
    xs[2 * k] = 0.4 + 0.4 * (t / 7) * Math.cos(t) + 0.01 * rng.normal();
    xs[2 * k + 1] = 0.5 + 0.3 * Math.sin(t) + 0.01 * rng.normal();
  }
  const ys = Float32Array.from({ length: 2 * N }, () => rng.normal() / 10 + 0.6);
  let x = tensor(xs, [M, 2]), y = tensor(ys, [N, 2]);
  const xLabels = gridCluster(x, eps), yLabels = gridCluster(y, eps);
  const { ranges: xRanges, centroids: xCentroids } = clusterRangesCentroids(x, xLabels);
  const { ranges: yRanges, centroids: yCentroids } = clusterRangesCentroids(y, yLabels);
  x = sortClusters(x, xLabels).sorted;
  y = sortClusters(y, yLabels).sorted;
  const Cx = xRanges.shape[0], Cy = yRanges.shape[0];
  const keep = new Uint8Array(Cx * Cy);
  for (let a = 0; a < Cx; a++) for (let c = 0; c < Cy; c++) keep[a * Cy + c] = sqdist(row(xCentroids, a), row(yCentroids, c)) < (4 * sigma) ** 2 ? 1 : 0;
  const rangesIJ = fromMatrix(xRanges, yRanges, keep);
  const xScaled = tensor(x.data.map((v) => v / sigma), [M, 2]), yScaled = tensor(y.data.map((v) => v / sigma), [N, 2]);
  const K = Vi(xScaled).sqdist(Vj(yScaled)).div(-2).exp();
  const b = randn(rng, 'float32', N, 1);
  const sparse = await K.matvec(b, { ranges: rangesIJ });
  const dense = await K.matvec(b);
  // The kept blocks, pair by pair, and the whole sum. The dropped pairs are at least
  // 4 sigma - sqrt(2) eps apart (centroids 4 sigma apart, points within a cell of size eps),
  // where the kernel is still exp(-(2.6)^2 / 2) ~ 0.03: the example reports a relative error of
  // a few percent, as here.
  const kept = new Float64Array(M), full = new Float64Array(M);
  const clusterOf = (ranges, n) => { const out = new Int32Array(n); for (let c = 0; c < ranges.shape[0]; c++) out.fill(c, ranges.data[2 * c], ranges.data[2 * c + 1]); return out; };
  const cx = clusterOf(xRanges, M), cy = clusterOf(yRanges, N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    const k = Math.exp(-sqdist(row(xScaled, i), row(yScaled, j)) / 2) * b.data[j];
    full[i] += k;
    if (keep[cx[i] * Cy + cy[j]]) kept[i] += k;
  }
  assertClose(sparse, kept, { rtol: 1e-5, atol: 1e-5, label: 'block-sparse vs the kept blocks' });
  assertClose(dense, full, { rtol: 1e-5, atol: 1e-5, label: 'dense' });
  const worst = Math.max(...Array.from(full, (v, i) => Math.abs(v - sparse.data[i])));
  assert.ok(worst < 0.05 * Math.max(...full.map(Math.abs)), `the dropped blocks weigh ${worst}`);
});

// ------------------------------------------------------------------------------------------------
// tutorials/a_LazyTensors/plot_lazytensors_a.py: argmin, a Laplacian kernel product, second order
// ------------------------------------------------------------------------------------------------
test('plot_lazytensors_a: D_ij.argmin, (-D_ij.sqrt()).exp() @ b, its gradient and a second backward, min and argmin', async () => {
  const rng = new Rng(8);
  const M = 40, N = 60, D = 10;
  // s_i = D_ij.argmin(dim=1) with D_ij = ((x_i - y_j) ** 2).sum(-1)
  const x2 = rand(rng, 'float64', M, 2), y2 = rand(rng, 'float64', N, 2);
  const s = await Vi(x2).sub(Vj(y2)).square().sum(-1).argmin(1);
  for (let i = 0; i < M; i++) {
    const d = Array.from({ length: N }, (_, j) => sqdist(row(x2, i), row(y2, j)));
    assert.is(s.data[i], d.indexOf(Math.min(...d)), `argmin row ${i}`);
  }
  // a_i = K_ij @ b with K_ij = exp(-|x_i - y_j|), then g = grad((a ** 2).sum(), x, create_graph) and h = grad(g.exp().sum(), x)
  const x = tensor(randn(rng, 'float64', M, D).data, [M, D], { requiresGrad: true });
  const y = randn(rng, 'float64', N, D), b = randn(rng, 'float64', N, 4);
  const Kij = Vi(x).sub(Vj(y)).square().sum(-1).sqrt().neg().exp();
  const a = await Kij.matvec(b);
  const aRef = new Float64Array(M * 4);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    const k = Math.exp(-Math.sqrt(sqdist(row(x, i), row(y, j))));
    for (let e = 0; e < 4; e++) aRef[4 * i + e] += k * b.data[4 * j + e];
  }
  assertClose(a, aRef, { rtol: 1e-12, label: 'K @ b' });
  await a.square().sum().backward(undefined, { createGraph: true });
  const g = x.grad;
  // d/dx_i sum_e a_ie^2 = sum_j 2 a_i . b_j * dk/dx_i, dk/dx_i = -k (x_i - y_j) / |x_i - y_j|
  const gRef = new Float64Array(M * D);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    const r = Math.sqrt(sqdist(row(x, i), row(y, j)));
    const k = Math.exp(-r);
    const ab = dot(aRef.subarray(4 * i, 4 * i + 4), row(b, j));
    for (let d = 0; d < D; d++) gRef[D * i + d] += 2 * ab * -k * (x.data[D * i + d] - y.data[D * j + d]) / r;
  }
  assertClose(g, gRef, { rtol: 1e-10, scale: 10, label: 'gradient' });
  assert.ok(g.requiresGrad, 'create_graph: the gradient carries a graph');
  x.grad = null;
  await g.exp().sum().backward();
  assert.equal(x.grad.shape, [M, D]);
  assert.ok(x.grad.data.every(Number.isFinite), 'second backward');
  // to_nn = D_ij.min(dim=1), s_i = D_ij.argmin(dim=1), the same as ((x - y[s_i]) ** 2).sum(-1)
  const y3 = randn(rng, 'float64', N, 3), x3 = randn(rng, 'float64', M, 3);
  const Dij = Vi(x3).sub(Vj(y3)).square().sum(-1);
  const [toNN, si] = [await Dij.min(1), await Dij.argmin(1)];
  for (let i = 0; i < M; i++) assert.ok(Math.abs(toNN.data[i] - sqdist(row(x3, i), row(y3, si.data[i]))) < 1e-12, `min row ${i}`);
});

// tutorials/a_LazyTensors/plot_lazytensors_a.py, its last part: batch dimensions (A, B) broadcast
// like numpy, a per-batch parameter s, then the same formulas reduced over i.
test('plot_lazytensors_a: batch axes (A, B), D_ij = ((l_i * x_i - y_j) ** 2).sum(-1), K = -1.6 D / (1 + s^2), a_i = K.sum(dim=3); and over i', async () => {
  const rng = new Rng(9);
  const A = 3, B = 2, M = 7, N = 11, D = 3;
  const data = (n) => Float64Array.from({ length: n }, () => rng.normal());
  const x = tensor(data(A * B * M * D), [A, B, M, D]);      // pykeops (A, B, M, 1, D)
  const l = tensor(data(M * D), [1, 1, M, D]);              // (1, 1, M, 1, D)
  const y = tensor(data(B * N * D), [1, B, N, D]);          // (1, B, 1, N, D)
  const sv = Float64Array.from({ length: A }, () => rng.uniform(0, 1));
  const s = tensor(sv, [A, 1, 1]);                          // (A, 1, 1, 1, 1): a parameter per batch index of A
  const Dij = Vi(l).mul(Vi(x)).sub(Vj(y)).square().sum(-1);
  const Kij = Dij.mul(-1.6).div(Pm(s).square().add(1));
  const ai = await Kij.sum(1);                              // pykeops sum(dim=3): over j
  assert.equal(ai.shape, [A, B, M, 1]);
  const aj = await Kij.sum(0);                              // over i
  assert.equal(aj.shape, [A, B, N, 1]);
  const refI = new Float64Array(A * B * M), refJ = new Float64Array(A * B * N);
  for (let a = 0; a < A; a++) for (let b = 0; b < B; b++) for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    let d2 = 0;
    for (let d = 0; d < D; d++) d2 += (l.data[i * D + d] * x.data[((a * B + b) * M + i) * D + d] - y.data[(b * N + j) * D + d]) ** 2;
    const k = (-1.6 * d2) / (1 + sv[a] ** 2);
    refI[(a * B + b) * M + i] += k;
    refJ[(a * B + b) * N + j] += k;
  }
  assertClose(ai, refI, { rtol: 1e-12, scale: 10, label: 'a_i' });
  assertClose(aj, refJ, { rtol: 1e-12, scale: 10, label: 'a_j' });
  // K @ b for a batched K and one signal b [N] shared by the batches.
  const bj = tensor(data(N), [N]);
  const Kb = await Dij.neg().exp().matvec(bj);
  assert.equal(Kb.shape, [A, B, M]);
  for (let a = 0; a < A; a++) for (let b = 0; b < B; b++) for (let i = 0; i < M; i++) {
    let ref = 0;
    for (let j = 0; j < N; j++) {
      let d2 = 0;
      for (let d = 0; d < D; d++) d2 += (l.data[i * D + d] * x.data[((a * B + b) * M + i) * D + d] - y.data[(b * N + j) * D + d]) ** 2;
      ref += Math.exp(-d2) * bj.data[j];
    }
    assert.ok(Math.abs(Kb.data[(a * B + b) * M + i] - ref) <= 1e-12 * Math.max(1, Math.abs(ref)), `K @ b [${a}, ${b}, ${i}]`);
  }
});

test.run();
