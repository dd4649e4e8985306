// Kernel ridge regression with the Nystrom preconditioner against plain CG (issue 20):
// N points uniform in [0, 1]^3, y = sin(2 pi x1) cos(pi x2) + x3^2 + 0.1 noise, Gaussian kernel,
// (K + lambda N I) alpha = y to relative residual --tol.
//
//   node bench/kernel-ridge.mjs [--wait-idle] [--n 100000] [--centers 1000] [--sigma 0.3]
//                               [--lambda 1e-6] [--tol 1e-6] [--plain-n N] [--plain-maxiter 2000]
//                               [--dtype float32] [--no-plain] [--phases]
//
// 1. centers: --centers at N = --n: wall time of the whole fit (centres, the Nystrom set-up, CG),
//    the time until CG's first iteration ended (the set-up, one preconditioner application and
//    one N x N product), the same two as CPU time of this process (workers included: the
//    measure that survives other engineers' load), iterations, the final residual.
// 2. centers: 0 (plain CG) at N = --plain-n (default --n), at most --plain-maxiter iterations,
//    and the preconditioned fit again at that N when it differs from --n, for the ratio.
// Every iteration is one N x N kernel reduction (about N^2 / 1e9 s on the 2-core machine at
// rest, so 10 s at N = 10^5): plain CG's 2000 iterations at 10^5 take hours, hence --plain-n.
// --phases: prints every operator application of the fits (the preconditioner, its two N x m
// reductions, each N x N product) with its wall and CPU time and when it ended; the set-up is
// what comes before the first. Writes bench/results/kernel-ridge-<n>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { tensor, KernelRidge, LinearOperator, engineInfo } from '../build/src/index.js';
import { option, flag, positiveNumber, printHeader, waitIdle, cpuWindow, machine, RESULTS_DIR } from './common.mjs';

const n = positiveNumber('n', option('n', '100000'), { integer: true });
const centers = positiveNumber('centers', option('centers', '1000'), { integer: true });
const sigma = positiveNumber('sigma', option('sigma', '0.3'));
const lambda = positiveNumber('lambda', option('lambda', '1e-6'));
const tol = positiveNumber('tol', option('tol', '1e-6'));
const plainN = positiveNumber('plain-n', option('plain-n', String(n)), { integer: true });
const plainMaxiter = positiveNumber('plain-maxiter', option('plain-maxiter', '2000'), { integer: true });
const dtype = option('dtype', 'float32');

if (flag('phases')) {
  // Wraps LinearOperator.apply: CG applies the system and the preconditioner through it.
  const apply = LinearOperator.prototype.apply;
  let depth = 0;
  const t0 = performance.now();
  LinearOperator.prototype.apply = async function phase(X, cols, signal) {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    depth++;
    try {
      return await apply.call(this, X, cols, signal);
    } finally {
      depth--;
      const c = process.cpuUsage(cpu0);
      const end = performance.now();
      console.log(`    ${'  '.repeat(depth)}${this.name ?? this.toString()} x ${cols}: ${((end - start) / 1e3).toFixed(2)} s, CPU ${((c.user + c.system) / 1e6).toFixed(2)} s, ended at ${((end - t0) / 1e3).toFixed(1)} s`);
    }
  };
}

function data(N, seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const x = new Float64Array(N * 3);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < 3; k++) x[i * 3 + k] = uniform();
    const noise = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    y[i] = Math.sin(2 * Math.PI * x[i * 3]) * Math.cos(Math.PI * x[i * 3 + 1]) + x[i * 3 + 2] ** 2 + 0.1 * noise;
  }
  const X = tensor(dtype === 'float32' ? Float32Array.from(x) : x, [N, 3]);
  return { X, y: tensor(y, [N]) };
}

async function run(N, m, maxiter) {
  const { X, y } = data(N, 1);
  const model = new KernelRidge({ kernel: 'gaussian', sigma, lambda, centers: m, tol, maxiter });
  const stop = cpuWindow();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuSince = () => { const c = process.cpuUsage(cpu0); return (c.user + c.system) / 1e6; };
  let firstIteration = NaN;
  let firstIterationCpu = NaN;
  let last = 0;
  await model.fit(X, y, {
    onProgress: (p) => {
      const now = performance.now();
      if (p.iteration === 1) {
        firstIteration = (now - t0) / 1e3;
        firstIterationCpu = cpuSince();
      }
      if (now - last > 30000) {
        last = now;
        console.log(`    m = ${m}, N = ${N}: iteration ${p.iteration}, residual ${p.residual.toExponential(2)}, ${((now - t0) / 1e3).toFixed(0)} s`);
      }
    },
  });
  const seconds = (performance.now() - t0) / 1e3;
  const cpuSeconds = cpuSince();
  const w = stop();
  const r = { n: N, centers: m, iterations: model.iterations, converged: model.converged, residual: model.residual, seconds, setupSeconds: firstIteration, cpuSeconds, setupCpuSeconds: firstIterationCpu, foreignCores: w.foreignCores, message: model.message };
  console.log(`  N = ${N}, centers = ${m}: ${r.iterations} iterations, converged ${r.converged} (residual ${r.residual.toExponential(2)}), ${seconds.toFixed(1)} s `
    + `(${firstIteration.toFixed(1)} s to the end of iteration 1); CPU ${cpuSeconds.toFixed(1)} s (${firstIterationCpu.toFixed(1)} s to the end of iteration 1), other processes ${w.foreignCores.toFixed(2)} cores`);
  return r;
}

printHeader(`kernel ridge regression: N = ${n}, D = 3, Gaussian sigma = ${sigma}, lambda = ${lambda}, tol = ${tol}, ${dtype}`);
await waitIdle();
const results = { machine: machine(), engine: await engineInfo(), loadAtStart: loadavg(), options: { n, centers, sigma, lambda, tol, plainN, plainMaxiter, dtype }, runs: [] };
results.runs.push(await run(n, centers, plainMaxiter));
if (!flag('no-plain')) {
  if (plainN !== n) results.runs.push(await run(plainN, centers, plainMaxiter));
  results.runs.push(await run(plainN, 0, plainMaxiter));
  const pre = results.runs.at(-2);
  const plain = results.runs.at(-1);
  const verdict = plain.converged ? `${(plain.iterations / pre.iterations).toFixed(1)}x fewer iterations` : `plain CG did not reach ${tol} in ${plainMaxiter}`;
  console.log(`  at N = ${plainN}: preconditioned ${pre.iterations} vs plain ${plain.iterations}${plain.converged ? '' : '+'} iterations: ${verdict}`);
}
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, `kernel-ridge-${n}.json`), JSON.stringify(results, null, 2));
process.exit(0);
