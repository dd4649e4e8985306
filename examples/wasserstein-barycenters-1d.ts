// Wasserstein barycenters in 1D: the GeomLoss tutorial
// (geomloss/examples/optimal_transport/plot_wasserstein_barycenters_1D.py) ported to lazykernel.
//
// Given two endpoint measures a (uniform on [0, 0.1]) and b (uniform on [0.8, 1]), the
// Sinkhorn barycenter g* = argmin_g (1 - w) S(g, a) + w S(g, b) is fitted with L-BFGS, from a
// uniform sample on [0, 1]:
//  - Eulerian: the positions z_k are fixed and the log-weights l_k are optimised (weights
//    softmax(l)), with a small blur and a slow epsilon-scaling (blur 0.001, scaling 0.99);
//  - Lagrangian: the weights are uniform and the positions z_k are optimised (blur 0.01,
//    scaling 0.9, then the cheaper scaling 0.5 with tol 1e-5).
// The models, the data and the L-BFGS runs are in lib/barycenters-model.ts, the density curves
// and the Vega-Lite figure in lib/barycenters-figures.ts: the site's live page
// (site/pages/wasserstein-barycenters.ts) runs and draws the same.
//
//   node build/examples/wasserstein-barycenters-1d.js [--no-plots]
//
// Draws the density curves of every run (nit = 0, 1, 2, 3, then every 4th, like the tutorial's
// panels) into out/barycenters-1d.png, and writes the costs and timings to out/barycenters-1d.json.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { barycenterData, createBarycenter, TUTORIAL, TUTORIAL_RUNS } from './lib/barycenters-model.js';
import { barycentersFigureSpec, endpointCurves, runPanels } from './lib/barycenters-figures.js';

const { values: opts } = parseArgs({ options: { 'no-plots': { type: 'boolean', default: false } } });
const here = new URL('.', import.meta.url);
// The figures need lib/plot.js beside this script (Vega-Lite -> PNG); without it the example still runs.
const plot = existsSync(new URL('lib/plot.js', here)) && !opts['no-plots'] ? await import('./lib/plot.js') : null;

// Dataset: N, M = (50, 50) on the CPU, as in the tutorial. Both runs start from a uniform sample
// on the unit interval.
const data = barycenterData(TUTORIAL.N, TUTORIAL.M);
const { N, M } = data;

// The three runs of the tutorial ---------------------------------------------------------------
const start = performance.now();
const cpuStart = process.cpuUsage(); // this process's CPU time (all threads): robust to other load
const runs = TUTORIAL_RUNS.map((settings) => ({ name: settings.name, tol: settings.tol, model: createBarycenter(settings, data) }));
for (const run of runs) {
  await run.model.fit({ tol: run.tol });
  const { costs, result, seconds } = run.model;
  const firstAt = costs.findIndex((c) => c.toFixed(4) === costs[costs.length - 1].toFixed(4));
  console.log(`${run.name}: cost ${costs[0].toFixed(4)} -> ${costs[costs.length - 1].toFixed(4)} (reached at nit = ${firstAt}), `
    + `${result.iterations} L-BFGS iterations, ${result.evaluations} evaluations, ${seconds.toFixed(2)} s; ${result.message}`);
}
const fitSeconds = (performance.now() - start) / 1000;

// Figures: one row of panels per run -------------------------------------------------------------
let plotSeconds = 0;
if (plot) {
  const plotStart = performance.now();
  const endpoints = await endpointCurves(data.X_i, data.Y_j);
  const rows = [];
  for (const run of runs) rows.push({ name: run.name, panels: await runPanels(run.model.snapshots, endpoints) });
  await plot.savePlot('out/barycenters-1d.png', barycentersFigureSpec(rows), {
    scale: 1.5,
    caption: 'Wasserstein barycenters in 1D: density curves along the L-BFGS descents (red, blue: endpoints; green: barycenter)',
  });
  plotSeconds = (performance.now() - plotStart) / 1000;
} else if (!opts['no-plots']) {
  console.log('(no figures: lib/plot.js is missing beside this script)');
}

const total = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`fits ${fitSeconds.toFixed(2)} s, figures ${plotSeconds.toFixed(2)} s, total ${total.toFixed(2)} s, CPU ${cpuSeconds.toFixed(2)} s (the tutorial reports 1 min 46 s)`);
mkdirSync('out', { recursive: true });
writeFileSync('out/barycenters-1d.json', JSON.stringify({
  N, M, fitSeconds, plotSeconds, totalSeconds: total, cpuSeconds,
  runs: runs.map((r) => ({ name: r.name, costs: r.model.costs, iterations: r.model.result.iterations, evaluations: r.model.result.evaluations, seconds: r.model.seconds, message: r.model.result.message })),
}, null, 1));
