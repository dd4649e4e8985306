// eigsh on the spectral-coordinates tutorial's graph Laplacians: accuracy against dense float64
// solves and wall time on this machine.
//
//   node bench/eigsh.mjs [--wait-idle] [--n 10000] [--dense-n 2000] [--repeats 3]
//                        [--roll-n 100000] [--roll-sigma 0.02] [--roll-eps 0.03] [--no-roll] [--shift-invert]
//
// 1. Spiral, N = dense-n: the 7 smallest eigenvalues of L = diag(K 1) - K from eigsh (float32
//    operator as in the tutorial, and float64) against a dense float64 eigendecomposition of L.
// 2. Spiral, N = n (10^4, the target): eigsh(L, { k: 7, which: 'SM' }) on the float32
//    operator, timed (median of --repeats runs); no dense solve at this size, so the pairs are
//    checked by their true residuals ||L v - lambda v|| (float64 operator) and by a second method,
//    plain Lanczos for the largest eigenvalues of c I - L in float64 (and, with --shift-invert,
//    shift-invert around sigma = -1 with inner MINRES, which is slow: many inner solves).
// 3. Swiss roll, N = roll-n, block-sparse: the normalised Laplacian's 7 smallest eigenpairs, and
//    one dense and one block-sparse matvec for comparison.
// Writes bench/results/eigsh-<n>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  tensor, ones, Vi, Vj, aslinearoperator, diags, identity, eigsh,
  gridCluster, clusterRangesCentroids, sortClusters, fromMatrix, engineInfo,
} from '../build/src/index.js';
import { symmetricEigen } from '../build/src/linalg/dense-eigh.js';
import { option, flag, positiveNumber, printHeader, waitIdle, cpuWindow, RESULTS_DIR } from './common.mjs';

const n = positiveNumber('n', option('n', '10000'), { integer: true });
const denseN = positiveNumber('dense-n', option('dense-n', '2000'), { integer: true });
const repeats = positiveNumber('repeats', option('repeats', '3'), { integer: true });
const rollN = positiveNumber('roll-n', option('roll-n', '100000'), { integer: true });
const rollSigma = positiveNumber('roll-sigma', option('roll-sigma', '0.02'));
const rollEps = positiveNumber('roll-eps', option('roll-eps', '0.03'));
const results = { machine: null, engine: await engineInfo() };

printHeader(`eigsh benchmark: spiral Laplacians (N = ${denseN}, ${n}), Swiss roll (N = ${rollN})`);
await waitIdle();

/** A seeded standard normal generator (mulberry32 + Box-Muller). */
function normals(seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { uniform, normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) };
}

/** The tutorial's noisy spiral, already divided by sigma = 0.05, as float64 numbers. */
function spiral(N) {
  const rng = normals(7);
  const x = new Float64Array(2 * N);
  for (let i = 0; i < N; i++) {
    const t = (2 * Math.PI * i) / N;
    x[2 * i] = (0.4 + 0.4 * (t / 7) * Math.cos(t) + 0.01 * rng.normal()) / 0.05;
    x[2 * i + 1] = (0.5 + 0.3 * Math.sin(t) + 0.01 * rng.normal()) / 0.05;
  }
  return x;
}

/** L = diag(K 1) - K as an operator of the given dtype, with K and the degrees. */
async function laplacian(x, N, dtype) {
  const X = tensor(dtype === 'float32' ? Float32Array.from(x) : Float64Array.from(x), [N, 2]);
  const K = aslinearoperator(Vi(X).sqdist(Vj(X)).mul(-0.5).exp());
  const D = await K.matvec(ones([N], dtype));
  return { K, D, L: diags(D).sub(K) };
}

const seconds = (t0) => (performance.now() - t0) / 1000;
const relErrors = (got, want) => Array.from(want, (w, c) => (c === 0 ? Math.abs(got[c]) : Math.abs(got[c] - w) / Math.abs(w)));

// ------------------------------------------------------------------------------------------------
// 1. Dense check
// ------------------------------------------------------------------------------------------------
{
  const x = spiral(denseN);
  const dense = new Float64Array(denseN * denseN);
  for (let i = 0; i < denseN; i++) {
    let deg = 0;
    for (let j = 0; j < denseN; j++) {
      const k = Math.exp(-((x[2 * i] - x[2 * j]) ** 2 + (x[2 * i + 1] - x[2 * j + 1]) ** 2) / 2);
      dense[i * denseN + j] = -k;
      deg += k;
    }
    dense[i * denseN + i] += deg;
  }
  let t0 = performance.now();
  const ref = symmetricEigen(dense, denseN).values;
  const denseSeconds = seconds(t0);
  const want = ref.slice(0, 7);
  console.log(`\n1. spiral N = ${denseN}: dense float64 eigendecomposition (Householder + QL) in ${denseSeconds.toFixed(1)} s`);
  console.log(`   7 smallest: ${Array.from(want, (v) => v.toPrecision(8)).join(' ')}  (lambda_max ${ref[denseN - 1].toFixed(1)})`);
  results.dense = { n: denseN, seconds: denseSeconds, values: Array.from(want), lambdaMax: ref[denseN - 1], eigsh: {} };
  for (const dtype of ['float32', 'float64']) {
    const { L } = await laplacian(x, denseN, dtype);
    // Shift-invert wants which: 'LM' (eigenvalues nearest sigma), as in scipy.
    for (const [label, opts] of [['plain', { which: 'SM' }], ['sigma = -1', { sigma: -1, which: 'LM' }]]) {
      t0 = performance.now();
      const r = await eigsh(L, { k: 7, ...opts });
      const s = seconds(t0);
      const errs = relErrors(r.values, want);
      console.log(`   eigsh ${dtype} ${label}: ${s.toFixed(2)} s, ${r.matvecs} matvecs; |lambda_1| = ${errs[0].toExponential(1)}, max relative error of lambda_2..7 = ${Math.max(...errs.slice(1)).toExponential(2)}`);
      results.dense.eigsh[`${dtype} ${label}`] = { seconds: s, matvecs: r.matvecs, values: Array.from(r.values), lambda1: errs[0], maxRelError: Math.max(...errs.slice(1)) };
    }
  }
}

// ------------------------------------------------------------------------------------------------
// 2. N = 10^4: timing, residuals, a second method
// ------------------------------------------------------------------------------------------------
{
  const x = spiral(n);
  const f32 = await laplacian(x, n, 'float32');
  const f64 = await laplacian(x, n, 'float64');
  const runs = [];
  let result = null;
  for (let r = 0; r < repeats; r++) {
    const window = cpuWindow();
    const t0 = performance.now();
    result = await eigsh(f32.L, { k: 7, which: 'SM' });
    const s = seconds(t0);
    const w = window();
    runs.push({ seconds: s, matvecs: result.matvecs, iterations: result.iterations, otherCores: w.foreignCores });
    console.log(`\n2. spiral N = ${n}, float32 L, eigsh(L, { k: 7, which: 'SM' }) run ${r + 1}: ${s.toFixed(2)} s, ${result.matvecs} matvecs, ${result.iterations} restarts (other processes: ${w.foreignCores.toFixed(2)} cores)`);
  }
  const sorted = runs.map((q) => q.seconds).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`   median ${median.toFixed(2)} s; values ${Array.from(result.values, (v) => v.toPrecision(8)).join(' ')}`);
  // True residuals with the float64 operator.
  const V = Float64Array.from(result.vectors.data);
  const LV = await f64.L.apply(V, 7);
  const residuals = Array.from({ length: 7 }, (_, c) => {
    let r2 = 0;
    let v2 = 0;
    for (let i = 0; i < n; i++) {
      r2 += (LV[i * 7 + c] - result.values[c] * V[i * 7 + c]) ** 2;
      v2 += V[i * 7 + c] ** 2;
    }
    return Math.sqrt(r2 / v2);
  });
  const lmax = Math.max(...f64.D.data) * 2;
  console.log(`   true residuals ||L v - lambda v|| (float64 L): ${residuals.map((r) => r.toExponential(1)).join(' ')}  (||L|| <= 2 max degree = ${lmax.toFixed(0)})`);
  // Second method: the largest eigenvalues of c I - L, float64, plain Lanczos.
  const c = Math.max(...f64.D.data) * 2;
  let t0 = performance.now();
  const flipped = await eigsh(identity(n).mul(c).sub(f64.L), { k: 7, which: 'LA' });
  const flippedSeconds = seconds(t0);
  const second = Array.from(flipped.values, (v) => c - v).sort((a, b) => a - b);
  const agreement = relErrors(result.values, second);
  console.log(`   second method, eigsh(${c.toFixed(0)} I - L, 'LA') in float64: ${flippedSeconds.toFixed(2)} s, ${flipped.matvecs} matvecs; values ${second.map((v) => v.toPrecision(8)).join(' ')}`);
  console.log(`   agreement: |lambda_1| = ${Math.abs(second[0]).toExponential(1)}, max relative difference of lambda_2..7 = ${Math.max(...agreement.slice(1)).toExponential(2)}`);
  results.spiral = { n, runs, median, values: Array.from(result.values), residuals, second: { method: `eigsh(c I - L, LA) float64, c = ${c}`, seconds: flippedSeconds, matvecs: flipped.matvecs, values: second, maxRelDifference: Math.max(...agreement.slice(1)) } };
  if (flag('shift-invert')) {
    t0 = performance.now();
    const si = await eigsh(f64.L, { k: 7, sigma: -1, solver: { M: diags(Float64Array.from(f64.D.data, (d) => 1 / d)) } });
    const siAgree = relErrors(result.values, si.values);
    console.log(`   shift-invert, sigma = -1, inner MINRES with a Jacobi preconditioner, float64: ${seconds(t0).toFixed(1)} s, ${si.matvecs} matvecs (inner included); max relative difference of lambda_2..7 = ${Math.max(...siAgree.slice(1)).toExponential(2)}`);
    results.spiral.shiftInvert = { seconds: seconds(t0), matvecs: si.matvecs, values: Array.from(si.values), maxRelDifference: Math.max(...siAgree.slice(1)) };
  }
}

// ------------------------------------------------------------------------------------------------
// 3. Swiss roll, block-sparse
// ------------------------------------------------------------------------------------------------
if (!flag('no-roll')) {
  const R = rollN;
  const rng = normals(3);
  const pts = new Float32Array(3 * R);
  for (let i = 0; i < R; i++) {
    const t = (2 * Math.PI * i) / R;
    pts[3 * i] = 0.4 + 0.4 * (t / 7) * Math.cos(1.5 * t) + 0.01 * rng.normal();
    pts[3 * i + 1] = 0.1 + 0.8 * rng.uniform() + 0.01 * rng.normal();
    pts[3 * i + 2] = 0.5 + 0.3 * (t / 7) * Math.sin(1.5 * t) + 0.01 * rng.normal();
  }
  let t0 = performance.now();
  const X = tensor(pts, [R, 3]);
  const labels = gridCluster(X, rollEps);
  const { ranges, centroids } = clusterRangesCentroids(X, labels);
  const { sorted } = sortClusters(X, labels);
  const C = ranges.shape[0];
  const cd = centroids.data;
  const rd = ranges.data;
  const threshold = (4 * rollSigma + Math.sqrt(3) * rollEps) ** 2;
  const keep = new Uint8Array(C * C);
  let area = 0;
  for (let a = 0; a < C; a++) {
    for (let b = 0; b < C; b++) {
      if ((cd[3 * a] - cd[3 * b]) ** 2 + (cd[3 * a + 1] - cd[3 * b + 1]) ** 2 + (cd[3 * a + 2] - cd[3 * b + 2]) ** 2 < threshold) {
        keep[a * C + b] = 1;
        area += (rd[2 * a + 1] - rd[2 * a]) * (rd[2 * b + 1] - rd[2 * b]);
      }
    }
  }
  const rangesIJ = fromMatrix(ranges, ranges, keep);
  const prep = seconds(t0);
  const xs = tensor(Float32Array.from(sorted.data, (v) => v / rollSigma), [R, 3]);
  const Kxx = Vi(xs).sqdist(Vj(xs)).mul(-0.5).exp();
  const sparse = aslinearoperator(Kxx, { ranges: rangesIJ });
  const D = await sparse.matvec(ones([R]));
  t0 = performance.now();
  await sparse.matvec(D);
  const sparseMatvec = seconds(t0);
  t0 = performance.now();
  await aslinearoperator(Kxx).matvec(D);
  const denseMatvec = seconds(t0);
  console.log(`\n3. Swiss roll N = ${R}, sigma = ${rollSigma}, cells of ${rollEps}: ${C} clusters, ${(100 * area / (R * R)).toFixed(2)}% of the kernel kept (preparation ${prep.toFixed(2)} s)`);
  console.log(`   one matvec: block-sparse ${sparseMatvec.toFixed(2)} s, dense ${denseMatvec.toFixed(2)} s (${(denseMatvec / sparseMatvec).toFixed(1)}x)`);
  const D2 = diags(D.pow(-0.5));
  const Lnorm = identity(R).sub(D2.matmul(sparse).matmul(D2));
  const window = cpuWindow();
  t0 = performance.now();
  const roll = await eigsh(Lnorm, { k: 7, which: 'SM' });
  const s = seconds(t0);
  const w = window();
  console.log(`   eigsh(L_norm, { k: 7, which: 'SM' }): ${s.toFixed(1)} s, ${roll.matvecs} matvecs, ${roll.iterations} restarts (other processes: ${w.foreignCores.toFixed(2)} cores)`);
  console.log(`   values ${Array.from(roll.values, (v) => v.toExponential(4)).join(' ')}`);
  results.roll = { n: R, sigma: rollSigma, eps: rollEps, clusters: C, kept: area / (R * R), sparseMatvec, denseMatvec, seconds: s, matvecs: roll.matvecs, iterations: roll.iterations, otherCores: w.foreignCores, values: Array.from(roll.values) };
}

results.machine = (await import('./common.mjs')).machine();
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, `eigsh-${n}.json`), `${JSON.stringify(results, null, 1)}\n`);
