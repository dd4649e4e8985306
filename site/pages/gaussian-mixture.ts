// The Gaussian-mixture tutorial, live: the model and the Adam loop of the Node example
// (examples/lib/gaussian-mixture-model.ts, shared with examples/gaussian-mixture.ts), the
// density map redrawn as the model learns and the cost curve beside it.
//
// Drawing stays out of the loop's way: 10 steps or more and 200 ms or more apart, the loop
// evaluates the density on a 100 x 100 grid (two reductions over 10^4 points, about one
// training step's work), and the map and the curve are drawn on the next animation frame.
import type { TopLevelSpec } from 'vega-lite';
import { GaussianMixture, spiral, unitGrid, fit, TUTORIAL } from '../../examples/lib/gaussian-mixture-model.js';
import { generator } from '../../examples/lib/random.js';
import { setupRunPage } from '../lib/run-page.js';
import { Chart } from '../lib/charts.js';
import { DensityMap, type DensityFrame } from '../lib/density-map.js';
import { FrameScheduler, RedrawThrottle } from '../lib/frame.js';

/** Cells per side of the density map drawn during the run. */
const RES = 100;
/** The pykeops tutorial's own report for its whole script (on a GPU). */
const PYTHON_SECONDS = 3.564;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const densityCaption = byId<HTMLElement>('density-caption');
const densityMap = new DensityMap(byId<HTMLCanvasElement>('density'));
const grid = unitGrid(RES);

/** The cost curve: x over the run's iterations (a parameter, so a new run keeps the chart). */
const lossSpec: TopLevelSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'Cost per Adam iteration',
  width: 'container',
  height: 300,
  autosize: { type: 'fit-x', contains: 'padding' },
  params: [{ name: 'last', value: TUTORIAL.iterations - 1 }],
  data: { name: 'loss' },
  mark: { type: 'line', strokeWidth: 1.5, clip: true },
  encoding: {
    x: { field: 'iteration', type: 'quantitative', title: 'iteration', scale: { domain: [0, { expr: 'last' }] } },
    y: { field: 'cost', type: 'quantitative', title: 'cost', scale: { zero: false } },
  },
};
const lossChart = Chart.create(byId('loss'), lossSpec);

setupRunPage({
  form: byId<HTMLFormElement>('controls'),
  banner: byId('engine'),
  fields: [
    { name: 'N', label: 'Points N', value: TUTORIAL.N, small: 500, min: 100, max: 200000, step: 100, hint: 'on the spiral' },
    { name: 'iterations', label: 'Iterations', value: TUTORIAL.iterations, small: 30, min: 1, max: 5000, hint: 'Adam steps, lr 0.1' },
    { name: 'M', label: 'Components M', value: TUTORIAL.M, small: TUTORIAL.M, min: 1, max: 200, hint: 'Gaussians in the mixture' },
    { name: 'sparsity', label: 'Sparsity', value: TUTORIAL.sparsity, small: TUTORIAL.sparsity, min: 0, max: 200, hint: 'weight of the prior that empties clusters' },
  ],
  reference: { seconds: PYTHON_SECONDS, text: 'The pykeops tutorial reports (whole script, on a GPU)' },
  async run({ values, backend, signal, progress, breathe }) {
    const { N, iterations, M, sparsity } = values;
    const chart = await lossChart;
    // The data and the model as the Node example makes them (same seed, same order of draws).
    const rng = generator(1234);
    const x = spiral(N, rng);
    const model = new GaussianMixture(M, sparsity, { rng });
    model.reduceOptions = { backend, signal };

    densityMap.setPoints(x.data);
    densityMap.clear();
    densityCaption.textContent = 'Density: waiting for the first step…';
    chart.view.signal('last', Math.max(1, iterations - 1));
    let rendering = chart.replace('loss', []);

    const throttle = new RedrawThrottle(10, 200);
    const rows: { iteration: number; cost: number }[] = [];
    let frame: (DensityFrame & { it: number }) | null = null;
    const draw = new FrameScheduler(() => {
      if (frame) {
        densityMap.draw(frame);
        densityCaption.textContent = `Density at iteration ${frame.it}, with its log-contours and the ${N.toLocaleString('en-US')} points`;
        frame = null;
      }
      if (rows.length) {
        const batch = rows.splice(0);
        rendering = rendering.then(() => chart.append('loss', batch));
      }
    });

    const start = performance.now();
    const loss = await fit(model, x, {
      iterations,
      signal,
      async onStep(it, cost) {
        progress(it + 1, iterations, `cost ${cost.toFixed(4)}`);
        rows.push({ iteration: it, cost });
        await breathe(); // Stop and the frames get their turn between steps
        if (!throttle.due(it, it === iterations - 1)) return;
        // The tutorial draws before the step: the density of the parameters that gave this cost.
        const { density, logDensity } = await model.densityMaps(grid);
        frame = { density: density.data, logDensity: logDensity.data, res: RES, it };
        draw.schedule();
      },
    });
    const ms = performance.now() - start;
    draw.flush();
    await rendering;
    return {
      ms,
      timed: `${iterations} Adam steps`,
      summary: `Done: cost ${loss[0].toFixed(4)} → ${loss[iterations - 1].toFixed(4)}.`,
      details: { N, M, sparsity, iterations, backend, firstCost: loss[0], lastCost: loss[iterations - 1] },
    };
  },
});
