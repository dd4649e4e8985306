// Benchmark: a debiased Sinkhorn divergence with its gradient between two 3-D point clouds, the
// issue's "done when" workload:
//   samplesLoss('sinkhorn', { p: 2, blur: 0.05, scaling: 0.5, debias: true, reach: null, backend })
//   -> await loss(X, Y) -> await value.backward()
// X: N points uniform in the unit cube; Y: N points uniform in the cube [0.3, 0.9]^3; float32.
//
//   node bench/ot-sinkhorn.mjs [--n 20000] [--backend online|multiscale|tensorized|auto]
//                              [--blur 0.05] [--scaling 0.5] [--cluster-scale s] [--wait-idle] [--cold]
//
// The engine (its wasm and worker threads) is started by one small reduction before the clock,
// as in a program that has reduced anything before; --cold times its start as part of the
// forward pass (0.2-0.5 s on this project's 2-core VM).
// Prints one line per Sinkhorn iteration, then the forward and backward times; writes
// bench/results/ot-sinkhorn-<backend>-n<N>.json. With --wait-idle it first waits until other
// processes leave the machine (see bench/common.mjs); the CPU that other processes took during
// the run is reported either way.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, samplesLoss, engineInfo, Vi, Vj } from '../build/src/index.js';
import { option, positiveNumber, lcg, printHeader, waitIdle, cpuWindow, machine, RESULTS_DIR } from './common.mjs';

const N = positiveNumber('n', option('n', '20000'), { integer: true });
const backend = option('backend', 'online');
const blur = positiveNumber('blur', option('blur', '0.05'));
const scaling = positiveNumber('scaling', option('scaling', '0.5'));
const clusterScale = option('cluster-scale') === undefined ? null : positiveNumber('cluster-scale', option('cluster-scale'));
const cold = process.argv.includes('--cold');

printHeader(`ot-sinkhorn: debiased Sinkhorn (p=2, blur ${blur}, scaling ${scaling}) + gradient, N = M = ${N}, D = 3, float32, backend '${backend}'`);
await waitIdle();

const rand = lcg(42);
const X = tensor(Float32Array.from({ length: N * 3 }, rand), [N, 3], { requiresGrad: true });
const Y = tensor(Float32Array.from({ length: N * 3 }, () => 0.3 + 0.6 * rand()), [N, 3]);

if (!cold) await Vi(X.detach()).sqdist(Vj(Y)).sum(1);

const iterations = [];
const start = performance.now();
const loss = samplesLoss('sinkhorn', {
  p: 2, blur, scaling, debias: true, reach: null, backend, clusterScale, verbose: backend === 'multiscale',
  onProgress: ({ iteration, iterations: n, epsilon }) => {
    const t = (performance.now() - start) / 1000;
    iterations.push({ iteration, epsilon, seconds: t });
    console.log(`  iteration ${iteration}/${n}, eps = ${epsilon.toExponential(3)}, ${t.toFixed(1)} s`);
  },
});
const monitor = cpuWindow();
const value = await loss(X, Y);
const forward = (performance.now() - start) / 1000;
await value.backward();
const total = (performance.now() - start) / 1000;
const cpu = monitor();
const gradNorm = Math.sqrt(X.grad.data.reduce((s, g) => s + g * g, 0));
const finite = X.grad.data.every(Number.isFinite);

console.log(`value ${value.item()}, |grad| ${gradNorm.toExponential(4)}${finite ? '' : ' (NOT FINITE)'}`);
console.log(`forward ${forward.toFixed(2)} s, backward ${(total - forward).toFixed(2)} s, total ${total.toFixed(2)} s`);
console.log(`this process used ${cpu.ownCores.toFixed(2)} cores on average; other processes ${cpu.foreignCores.toFixed(2)} cores`);

mkdirSync(RESULTS_DIR, { recursive: true });
const file = join(RESULTS_DIR, `ot-sinkhorn-${backend}-n${N}.json`);
writeFileSync(file, JSON.stringify({
  workload: { N, M: N, D: 3, dtype: 'float32', p: 2, blur, scaling, debias: true, reach: null, backend, clusterScale, engineStartTimed: cold },
  value: value.item(), gradNorm, finite, forwardSeconds: forward, backwardSeconds: total - forward, totalSeconds: total,
  ownCores: cpu.ownCores, foreignCores: cpu.foreignCores, iterations, engine: await engineInfo(), machine: machine(),
}, null, 1));
console.log(`wrote ${file}`);
