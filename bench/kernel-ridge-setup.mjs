// The Nystrom preconditioner's set-up, H = mu K_mm + K_mn K_nm (N m^2 / 2 float64
// multiply-adds), by its two paths in one process: the wasm engine's dense SYRK on the calling
// thread (src/engine/kernel-gram.ts, what fit uses by default) and the kernel reductions in
// blocks of 64 centres it replaced (still the path of other backends), alternated --rounds
// times so that both see the same load. Reports wall and CPU seconds (this process, workers
// included) of each, their ratios, and the largest difference between the two H's.
//
//   node bench/kernel-ridge-setup.mjs [--n 20000] [--centers 1000] [--sigma 0.3] [--lambda 1e-6] [--rounds 2] [--wait-idle]
//
// Writes bench/results/kernel-ridge-setup-<n>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { engineInfo } from '../build/src/index.js';
import { Tensor } from '../build/src/tensor/tensor.js';
import { nystromMatrix, nystromMatrixByReductions } from '../build/src/models/nystrom-preconditioner.js';
import { randomSubset } from '../build/src/models/random-subset.js';
import { option, positiveNumber, printHeader, waitIdle, cpuWindow, machine, lcg, RESULTS_DIR } from './common.mjs';

const n = positiveNumber('n', option('n', '20000'), { integer: true });
const centers = positiveNumber('centers', option('centers', '1000'), { integer: true });
const sigma = positiveNumber('sigma', option('sigma', '0.3'));
const lambda = positiveNumber('lambda', option('lambda', '1e-6'));
const rounds = positiveNumber('rounds', option('rounds', '2'), { integer: true });

printHeader(`Nystrom set-up H = mu K_mm + K_mn K_nm: N = ${n}, D = 3, m = ${centers}, Gaussian sigma = ${sigma}, lambda = ${lambda}`);
await waitIdle();
const uniform = lcg(1);
const X = new Tensor(Float64Array.from({ length: n * 3 }, uniform), [n, 3]);
const spec = { kernel: 'gaussian', sigma, X, centres: randomSubset(n, centers, 0), mu: lambda * n, backend: undefined };
const engine = await engineInfo();

async function timed(path, build) {
  const stop = cpuWindow();
  const H = await build('bench', spec, undefined);
  const w = stop();
  const cpu = w.ownCores * w.wall;
  console.log(`  ${path.padEnd(10)} ${w.wall.toFixed(2)} s wall, ${cpu.toFixed(2)} CPU-s (${w.ownCores.toFixed(2)} cores), other processes ${w.foreignCores.toFixed(2)} cores`);
  return { H, run: { path, wall: w.wall, cpu, foreignCores: w.foreignCores } };
}

const runs = [];
let difference = 0;
for (let r = 0; r < rounds; r++) {
  const dense = await timed('dense', nystromMatrix);
  const reductions = await timed('reductions', nystromMatrixByReductions);
  runs.push(dense.run, reductions.run);
  let err = 0;
  let scale = 0;
  for (let k = 0; k < dense.H.length; k++) {
    err = Math.max(err, Math.abs(dense.H[k] - reductions.H[k]));
    scale = Math.max(scale, Math.abs(reductions.H[k]));
  }
  difference = Math.max(difference, err / scale);
}
const sum = (path, key) => runs.filter((r) => r.path === path).reduce((s, r) => s + r[key], 0);
const ratios = { wall: sum('reductions', 'wall') / sum('dense', 'wall'), cpu: sum('reductions', 'cpu') / sum('dense', 'cpu') };
const macs = n * centers * centers / 2;
console.log(`  reductions / dense: ${ratios.cpu.toFixed(2)}x the CPU time, ${ratios.wall.toFixed(2)}x the wall time; dense ${(macs * rounds / sum('dense', 'cpu') / 1e9).toFixed(2)} GMAC per CPU-s`);
console.log(`  max |H_dense - H_reductions| / max |H| = ${difference.toExponential(2)}`);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, `kernel-ridge-setup-${n}.json`), JSON.stringify({
  machine: machine(), engine, loadAtStart: loadavg(), options: { n, centers, sigma, lambda, rounds }, runs, ratios, maxRelativeDifference: difference,
}, null, 2));
process.exit(0);
