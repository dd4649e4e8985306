// Fitting a Gaussian Mixture Model: the pykeops tutorial ("Fitting a Gaussian Mixture Model",
// pykeops/tutorials/gaussian_mixture) ported to lazykernel, step for step.
//
// A mixture of M Gaussians with weights W_j = softmax(w)_j and inverse covariances
// Sigma_j^-1 = A_j A_j^T is fitted to a noisy spiral of N points by Adam on
//   Cost = - 1/N sum_i log likelihood(x_i) + s/M sum_j sqrt(W_j),
// a negative log-likelihood with a concave sparsity prior that empties some of the clusters.
// The log-likelihood is one weighted logsumexp reduction over the N x M pairs, never stored.
//
//   node build/examples/gaussian-mixture.js [--n 10000] [--iterations 501] [--res 200] [--no-plots]
//
// Writes out/gaussian-mixture-density-<it>.png at iterations 0, 10, 100, 150, 250, 500, the
// loss curve out/gaussian-mixture-loss.png, and out/gaussian-mixture.json (losses, timing).
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { engineInfo } from '../src/index.js';
import { savePlot, densityMapSpec } from './lib/plot.js';
import { progress } from './lib/progress.js';
import { generator } from './lib/random.js';
import { GaussianMixture, spiral, unitGrid, fit, TUTORIAL } from './lib/gaussian-mixture-model.js';
const { values: opts } = parseArgs({
    options: {
        n: { type: 'string', default: String(TUTORIAL.N) },
        iterations: { type: 'string', default: String(TUTORIAL.iterations) },
        res: { type: 'string', default: '200' },
        'no-plots': { type: 'boolean', default: false },
    },
});
// torch.manual_seed is not in the tutorial; a seeded generator makes the figures repeatable.
const rng = generator(1234);
// Our dataset: N points on a spiral in the unit square, float32 like torch.FloatTensor.
const N = Number(opts.n);
const x = spiral(N, rng);
// A uniform grid on the unit square, for the density maps: row r, column c is (ticks[c], ticks[r]).
const res = Number(opts.res);
const grid = unitGrid(res);
/** The model's density map on the grid, with log-contours and the sample on top. */
async function plot(model, title) {
    const { density, logDensity } = await model.densityMaps(grid);
    return densityMapSpec({ values: density.data, res, title, contours: logDensity.data, levels: 41, points: x.data });
}
// The model (its class, the spiral and the Adam loop are in examples/lib/gaussian-mixture-model.ts,
// shared with the site's live page).
const model = new GaussianMixture(TUTORIAL.M, TUTORIAL.sparsity, { rng });
const iterations = Number(opts.iterations);
const plotAt = [0, 10, 100, 150, 250, 500].filter((it) => it < iterations);
const snapshots = new Map();
// The engine starts (wasm compilation, warm-up, worker threads) before the clock does, as
// KeOps compiles its kernels before the tutorial's loop; its start-up time is printed apart.
const engineStart = performance.now();
await engineInfo();
const engineMs = performance.now() - engineStart;
// The training loop alone is timed. At the plotted iterations it only copies the parameters
// (as the tutorial draws before the step); the maps are drawn from the copies afterwards.
const bar = progress('gaussian-mixture: Adam', iterations);
const start = performance.now();
const cpuStart = process.cpuUsage();
const loss = await fit(model, x, {
    iterations,
    onStep(it, cost) {
        if (plotAt.includes(it))
            snapshots.set(it, { A: model.A.data.slice(), w: model.w.data.slice() });
        bar.tick(1, `loss ${cost.toFixed(4)}`);
    },
});
const trainMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart); // all threads of this process, in microseconds
const cpuMs = (cpu.user + cpu.system) / 1000;
bar.done(`${iterations} iterations in ${(trainMs / 1000).toFixed(2)} s (training loop only; CPU ${(cpuMs / 1000).toFixed(2)} s; engine start before it ${engineMs.toFixed(0)} ms), loss ${loss[0].toFixed(4)} -> ${loss[iterations - 1].toFixed(4)}`);
mkdirSync('out', { recursive: true });
writeFileSync('out/gaussian-mixture.json', JSON.stringify({ N, M: TUTORIAL.M, sparsity: TUTORIAL.sparsity, iterations, trainMs, cpuMs, engineMs, loss: Array.from(loss) }, null, 1));
if (!opts['no-plots']) {
    const plots = progress('gaussian-mixture: figures', plotAt.length + 1);
    const trained = { A: model.A.data.slice(), w: model.w.data.slice() };
    for (const [it, { A, w }] of snapshots) { // the plotted iterations, in order
        model.A.data.set(A);
        model.w.data.set(w);
        model.A.markChanged();
        model.w.markChanged();
        const spec = await plot(model, `Density, iteration ${it}`);
        await savePlot(`out/gaussian-mixture-density-${String(it).padStart(3, '0')}.png`, spec);
        plots.tick();
    }
    model.A.data.set(trained.A);
    model.w.data.set(trained.w);
    model.A.markChanged();
    model.w.markChanged();
    // Monitor the optimisation process.
    await savePlot('out/gaussian-mixture-loss.png', {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: 'Cost per Adam iteration (-log-likelihood + sparsity prior)',
        width: 480, height: 280,
        data: { values: Array.from(loss, (l, it) => ({ iteration: it, cost: l })) },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
            x: { field: 'iteration', type: 'quantitative' },
            y: { field: 'cost', type: 'quantitative', title: 'cost' },
        },
    });
    plots.tick();
    plots.done();
}
