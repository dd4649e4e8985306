// The issue-20 solvers at the sizes of its "Done when": eigs on a non-symmetric kernel operator
// (N = 2000) against the dense Francis QR on the dense kernel, and svds on a 3000 x 2000 kernel
// against the dense symmetric solver on K^T K; plus gmres vs bicgstab on a non-symmetric kernel
// system. Wall times are one run each on this machine (the dense references dominate).
//
//   node bench/solvers.mjs [--n 2000] [--rows 3000] [--cols 2000] [--no-dense]
//
// Writes bench/results/solvers.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, Vi, Vj, aslinearoperator, identity, eigs, svds, gmres, bicgstab, engineInfo } from '../build/src/index.js';
import { generalEigenvalues } from '../build/src/linalg/francis-qr.js';
import { symmetricEigen } from '../build/src/linalg/dense-eigh.js';
import { option, flag, positiveNumber, printHeader, machine, lcg, RESULTS_DIR } from './common.mjs';

const n = positiveNumber('n', option('n', '2000'), { integer: true });
const rows = positiveNumber('rows', option('rows', '3000'), { integer: true });
const cols = positiveNumber('cols', option('cols', '2000'), { integer: true });
const dense = !flag('no-dense');
const results = { machine: machine(), engine: await engineInfo(), eigs: {}, svds: {}, krylov: {} };
printHeader(`solvers: eigs (N = ${n}), svds (${rows} x ${cols}), gmres / bicgstab`);

const uniform = lcg(20);
const seconds = (t0) => (performance.now() - t0) / 1000;

/** Max over `expected` of the relative distance to the nearest unused entry of `actual`. */
function setError(actual, expected) {
  const used = new Set();
  let worst = 0;
  for (let e = 0; e < expected.re.length; e++) {
    let best = Infinity;
    let at = -1;
    for (let a = 0; a < actual.re.length; a++) {
      if (used.has(a)) continue;
      const d = Math.hypot(actual.re[a] - expected.re[e], actual.im[a] - expected.im[e]);
      if (d < best) { best = d; at = a; }
    }
    used.add(at);
    worst = Math.max(worst, best / Math.hypot(expected.re[e], expected.im[e]));
  }
  return worst;
}

// 1. eigs: k_ij = exp(-|x_i - (x_j + s)|^2 / 0.5) w_j, points in [0, 4]^2: non-symmetric, complex eigenvalues.
{
  const xs = Float64Array.from({ length: n * 2 }, () => 4 * uniform());
  const ys = Float64Array.from(xs, (x, i) => x + (i % 2 ? -0.2 : 0.3));
  const w = Float64Array.from({ length: n }, () => 0.5 + uniform());
  const X = tensor(xs, [n, 2], { dtype: 'float64' });
  const Y = tensor(ys, [n, 2], { dtype: 'float64' });
  const W = tensor(w, [n, 1], { dtype: 'float64' });
  const K = aslinearoperator(Vi(X).sqdist(Vj(Y)).mul(-2).exp().mul(Vj(W)));
  let t0 = performance.now();
  const r = await eigs(K, { k: 6, which: 'LM', tol: 1e-10 });
  results.eigs.float64 = { seconds: seconds(t0), restarts: r.iterations, matvecs: r.matvecs, re: Array.from(r.values.re), im: Array.from(r.values.im), maxResidual: Math.max(...r.residuals) };
  console.log(`eigs float64, N = ${n}: ${results.eigs.float64.seconds.toFixed(2)} s, ${r.iterations} restarts, ${r.matvecs} matvecs`);
  console.log(`  values: ${Array.from(r.values.re, (x, i) => `${x.toFixed(10)}${r.values.im[i] >= 0 ? '+' : '-'}${Math.abs(r.values.im[i]).toFixed(10)}i`).join(', ')}`);
  const K32 = aslinearoperator(Vi(tensor(Float32Array.from(xs), [n, 2])).sqdist(Vj(tensor(Float32Array.from(ys), [n, 2]))).mul(-2).exp().mul(Vj(tensor(Float32Array.from(w), [n, 1]))));
  t0 = performance.now();
  const r32 = await eigs(K32, { k: 6, which: 'LM' });
  results.eigs.float32 = { seconds: seconds(t0), restarts: r32.iterations, matvecs: r32.matvecs, errorVsFloat64: setError(r32.values, r.values) };
  console.log(`eigs float32: ${results.eigs.float32.seconds.toFixed(2)} s, ${r32.matvecs} matvecs, max rel. difference to float64 ${results.eigs.float32.errorVsFloat64.toExponential(2)}`);
  if (dense) {
    t0 = performance.now();
    const kd = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) kd[i * n + j] = Math.exp(-2 * ((xs[2 * i] - ys[2 * j]) ** 2 + (xs[2 * i + 1] - ys[2 * j + 1]) ** 2)) * w[j];
    const all = generalEigenvalues(kd, n);
    const order = Array.from(all.re, (_, i) => i).sort((p, q) => Math.hypot(all.re[q], all.im[q]) - Math.hypot(all.re[p], all.im[p])).slice(0, 6);
    const ref = { re: order.map((i) => all.re[i]), im: order.map((i) => all.im[i]) };
    results.eigs.dense = { seconds: seconds(t0), re: ref.re, im: ref.im, maxRelError: setError(r.values, ref) };
    console.log(`  dense Francis QR on the dense kernel: ${results.eigs.dense.seconds.toFixed(1)} s; max rel. error of eigs ${results.eigs.dense.maxRelError.toExponential(2)}`);
  }
}

// 2. svds: the 6 largest singular values of a Gaussian kernel between 3000 and 2000 points in [0, 2]^3.
{
  const xs = Float64Array.from({ length: rows * 3 }, () => 2 * uniform());
  const ys = Float64Array.from({ length: cols * 3 }, () => 2 * uniform());
  const K = aslinearoperator(Vi(tensor(xs, [rows, 3], { dtype: 'float64' })).sqdist(Vj(tensor(ys, [cols, 3], { dtype: 'float64' }))).mul(-1).exp());
  for (const solver of ['arpack', 'lobpcg']) {
    const t0 = performance.now();
    const r = await svds(K, { k: 6, solver, ...(solver === 'lobpcg' && { tol: 1e-6, maxiter: 500 }) });
    results.svds[solver] = { seconds: seconds(t0), iterations: r.iterations, s: Array.from(r.s) };
    console.log(`svds ${solver}, ${rows} x ${cols}: ${results.svds[solver].seconds.toFixed(2)} s, ${r.iterations} iterations; s = ${Array.from(r.s, (x) => x.toFixed(10)).join(', ')}`);
  }
  if (dense) {
    const t0 = performance.now();
    const kd = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
      kd[i * cols + j] = Math.exp(-((xs[3 * i] - ys[3 * j]) ** 2 + (xs[3 * i + 1] - ys[3 * j + 1]) ** 2 + (xs[3 * i + 2] - ys[3 * j + 2]) ** 2));
    }
    const ktk = new Float64Array(cols * cols);
    for (let i = 0; i < rows; i++) {
      const row = kd.subarray(i * cols, (i + 1) * cols);
      for (let p = 0; p < cols; p++) {
        const x = row[p];
        for (let q = 0; q <= p; q++) ktk[p * cols + q] += x * row[q];
      }
    }
    const { values } = symmetricEigen(ktk, cols);
    const ref = Array.from(values.slice(cols - 6)).reverse().map(Math.sqrt);
    const err = (s) => Math.max(...s.map((x, i) => Math.abs(x - ref[i]) / ref[i]));
    results.svds.dense = { seconds: seconds(t0), s: ref, maxRelErrorArpack: err(results.svds.arpack.s), maxRelErrorLobpcg: err(results.svds.lobpcg.s) };
    console.log(`  dense K^T K + symmetric eigensolver: ${results.svds.dense.seconds.toFixed(1)} s; max rel. error arpack ${results.svds.dense.maxRelErrorArpack.toExponential(2)}, lobpcg ${results.svds.dense.maxRelErrorLobpcg.toExponential(2)}`);
  }
}

// 3. gmres vs bicgstab on (K_shifted + 0.5 I) x = b, N = n.
{
  const xs = Float64Array.from({ length: n * 2 }, () => 4 * uniform());
  const X = tensor(xs, [n, 2], { dtype: 'float64' });
  const Y = tensor(Float64Array.from(xs, (x, i) => x + (i % 2 ? 0.1 : 0.2)), [n, 2], { dtype: 'float64' });
  const A = aslinearoperator(Vi(X).sqdist(Vj(Y)).mul(-2).exp()).add(identity(n).mul(0.5));
  const b = Float64Array.from({ length: n }, () => uniform() - 0.5);
  for (const [name, solve] of [['gmres', gmres], ['bicgstab', bicgstab]]) {
    const t0 = performance.now();
    const r = await solve(A, b, { tol: 1e-8, ...(name === 'gmres' && { restart: 50 }) });
    const check = await A.matvec(r.x);
    let rr = 0;
    let bb = 0;
    for (let i = 0; i < n; i++) { rr += (check.data[i] - b[i]) ** 2; bb += b[i] ** 2; }
    results.krylov[name] = { seconds: seconds(t0), iterations: r.iterations, converged: r.converged, trueResidual: Math.sqrt(rr / bb) };
    console.log(`${name}: ${results.krylov[name].seconds.toFixed(2)} s, ${r.iterations} iterations, true relative residual ${results.krylov[name].trueResidual.toExponential(2)}`);
  }
}

mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'solvers.json'), JSON.stringify(results, null, 2));
