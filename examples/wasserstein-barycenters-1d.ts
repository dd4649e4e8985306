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
// The tutorial's scipy L-BFGS-B wrapper (maxiter 500, ftol = gtol = tol, 10 corrections) is our
// `lbfgs` with the same stopping rules. `nit` counts closure evaluations, as the tutorial does.
//
//   node build/examples/wasserstein-barycenters-1d.js [--no-plots]
//
// Draws the density curves of every run (nit = 0, 1, 2, 3, then every 4th, like the tutorial's
// panels) into out/barycenters-1d.png, and writes the costs and timings to out/barycenters-1d.json.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tensor, samplesLoss, lbfgs, Vi, Vj, noGrad, type Tensor, type DataArray, type SamplesLossFunction, type LbfgsResult } from '../src/index.js';
import type { VegaLiteView } from './lib/plot.js';

const { values: opts } = parseArgs({ options: { 'no-plots': { type: 'boolean', default: false } } });
const here = new URL('.', import.meta.url);
// The figures need lib/plot.js beside this script (Vega-Lite -> PNG); without it the example still runs.
const plot = existsSync(new URL('lib/plot.js', here)) && !opts['no-plots'] ? await import('./lib/plot.js') : null;

// Dataset ------------------------------------------------------------------------------------
// N, M = (50, 50) on the CPU, as in the tutorial (its gallery ran on a GPU with 500 points,
// hence its initial cost 0.1210 where 50 points give 0.1221; both converge to 0.0904).
const N = 50, M = 50;
const linspace = (n: number, a: number, b: number) => Float32Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const t_i = linspace(M, 0, 1);
const X_i = tensor(t_i.map((t) => 0.1 * t), [M, 1]); // interval [0, 0.1]
const Y_j = tensor(t_i.map((t) => 0.2 * t + 0.8), [M, 1]); // interval [0.8, 1]
// Both runs start from a uniform sample on the unit interval.
const Z_k = tensor(linspace(N, 0, 1), [N, 1]);

// Display routine ------------------------------------------------------------------------------
// Density curves, as sklearn's KernelDensity(kernel="gaussian", bandwidth=blur) with sample
// weights: one Gaussian convolution, computed as a lazy kernel sum over the samples.
const PLOT_POINTS = 300;
const t_plot = tensor(linspace(PLOT_POINTS, -0.1, 1.1), [PLOT_POINTS, 1]);
async function densityCurve(x: Tensor, weights: Tensor | null, blur: number): Promise<number[]> {
  const w = weights ?? tensor(new Float32Array(x.shape[0]).fill(1 / x.shape[0]), [x.shape[0], 1]);
  let total = 0;
  for (const v of w.data) total += v;
  const K = Vi(t_plot).sqdist(Vj(x)).mul(-1 / (2 * blur * blur)).exp();
  const dens = await K.mul(Vj(w.reshape([x.shape[0], 1]))).sum(1);
  const c = 1 / (Math.sqrt(2 * Math.PI) * blur * total);
  const values = Array.from(dens.data, (v) => v * c);
  values[0] = 0;
  values[values.length - 1] = 0;
  return values;
}

// Barycenter models ----------------------------------------------------------------------------
/** The state of one closure evaluation, for the figures: positions z and weights c. */
interface Snapshot {
  nit: number;
  cost: number;
  z: DataArray;
  c: DataArray;
}

abstract class Barycenter {
  loss: SamplesLossFunction;
  w: number;
  x_i: Tensor;
  y_j: Tensor;
  z_k: Tensor;
  // Set by fit().
  costs: number[] = [];
  snapshots: Snapshot[] = [];
  result!: LbfgsResult;
  seconds = 0;

  /** The tensors L-BFGS optimises. */
  abstract parameters(): Tensor[];
  /** The cost to minimise. */
  abstract forward(): Promise<Tensor>;

  constructor(loss: SamplesLossFunction, w = 0.5) {
    this.loss = loss; // Sinkhorn divergence to optimise
    this.w = w; // interpolation coefficient
    // We copy the reference starting points, to prevent in-place modification.
    this.x_i = tensor(X_i.data.slice(), X_i.shape);
    this.y_j = tensor(Y_j.data.slice(), Y_j.shape);
    this.z_k = tensor(Z_k.data.slice(), Z_k.shape);
  }

  /** The default weights are uniform, equal to 1/N. */
  weights(): Tensor {
    return tensor(new Float32Array(this.z_k.shape[0]).fill(1 / this.z_k.shape[0]), [this.z_k.shape[0]]);
  }

  /** Fits the model with L-BFGS, recording the cost of every closure evaluation ("nit"). */
  async fit({ tol = 1e-10 }: { tol?: number } = {}): Promise<this> {
    this.costs = [];
    this.snapshots = [];
    const closure = async () => {
      const nit = this.costs.length;
      const cost = await this.forward();
      this.costs.push(cost.item());
      // The tutorial's panels: nit = 0, 1, 2, 3, 4, then every 4th evaluation.
      if (nit <= 4 || nit % 4 === 0) this.snapshots.push({ nit, cost: cost.item(), z: this.z_k.data.slice(), c: noGrad(() => this.weights()).data.slice() });
      return cost;
    };
    const start = performance.now();
    this.result = await lbfgs(closure, this.parameters(), { maxIter: 500, tol });
    this.seconds = (performance.now() - start) / 1000;
    return this;
  }
}

/** Fixed locations z_k; the log-weights l_k are optimised. */
class EulerianBarycenter extends Barycenter {
  a_i: Tensor;
  b_j: Tensor;
  l_k: Tensor;

  constructor(loss: SamplesLossFunction, w = 0.5) {
    super(loss, w);
    // We work with variable weights, so the (uniform) weights of the endpoints are explicit.
    this.a_i = tensor(new Float32Array(M).fill(1 / M), [M]);
    this.b_j = tensor(new Float32Array(M).fill(1 / M), [M]);
    // Our parameter: the logarithms of the weights.
    this.l_k = tensor(new Float32Array(N), [N], { requiresGrad: true });
  }

  override parameters(): Tensor[] {
    return [this.l_k];
  }

  /** The weights of a probability measure: softmax of the log-weights. */
  override weights(): Tensor {
    return this.l_k.softmax(0);
  }

  /** The cost to minimise. */
  override async forward(): Promise<Tensor> {
    const c_k = this.weights();
    const toA = await this.loss(c_k, this.z_k, this.a_i, this.x_i);
    const toB = await this.loss(c_k, this.z_k, this.b_j, this.y_j);
    return toA.mul(this.w).add(toB.mul(1 - this.w));
  }
}

/** Uniform weights; the positions z_k are optimised. */
class LagrangianBarycenter extends Barycenter {
  constructor(loss: SamplesLossFunction, w = 0.5) {
    super(loss, w);
    this.z_k = tensor(Z_k.data.slice(), Z_k.shape, { requiresGrad: true });
  }

  override parameters(): Tensor[] {
    return [this.z_k];
  }

  override async forward(): Promise<Tensor> {
    // By default, the weights are uniform and sum up to 1.
    const toA = await this.loss(this.z_k, this.x_i);
    const toB = await this.loss(this.z_k, this.y_j);
    return toA.mul(this.w).add(toB.mul(1 - this.w));
  }
}

// The three runs of the tutorial ---------------------------------------------------------------
const start = performance.now();
const cpuStart = process.cpuUsage(); // this process's CPU time (all threads): robust to other load
const runs = [
  // A small blur with a large scaling (many Sinkhorn iterations): the cautious setting.
  { name: 'Eulerian (blur 0.001, scaling 0.99)', model: new EulerianBarycenter(samplesLoss('sinkhorn', { blur: 0.001, scaling: 0.99 })), tol: 1e-10 },
  // The Lagrangian descent converges in a few iterations, even with a smaller scaling.
  { name: 'Lagrangian (blur 0.01, scaling 0.9)', model: new LagrangianBarycenter(samplesLoss('sinkhorn', { blur: 0.01, scaling: 0.9 })), tol: 1e-10 },
  { name: 'Lagrangian (blur 0.01, scaling 0.5, tol 1e-5)', model: new LagrangianBarycenter(samplesLoss('sinkhorn', { blur: 0.01, scaling: 0.5 })), tol: 1e-5 },
];
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
  const red = await densityCurve(X_i, null, 0.002);
  const blue = await densityCurve(Y_j, null, 0.002);
  const rows: VegaLiteView[] = [];
  for (const run of runs) {
    const snaps = run.model.snapshots;
    // At most 8 panels per run: the first five evaluations, then every 4th, and the last.
    const shown = snaps.length <= 8 ? snaps : [...snaps.slice(0, 7), snaps[snaps.length - 1]];
    const panels: VegaLiteView[] = [];
    for (const s of shown) {
      // As in the tutorial, the interpolating measure is blurred a little more than the endpoints.
      const green = await densityCurve(tensor(s.z, [N, 1]), tensor(s.c, [N, 1]), 0.005);
      const values: { t: number; d: number; m: string }[] = [];
      for (let k = 0; k < PLOT_POINTS; k++) {
        const t = t_plot.data[k];
        values.push({ t, d: red[k], m: 'a' }, { t, d: blue[k], m: 'b' }, { t, d: green[k], m: 'barycenter' });
      }
      panels.push({
        title: `nit = ${s.nit}, cost = ${s.cost.toFixed(4)}`,
        width: 240, height: 120,
        data: { values },
        mark: { type: 'area', opacity: 1, interpolate: 'linear' },
        encoding: {
          x: { field: 't', type: 'quantitative', scale: { domain: [-0.1, 1.1] }, axis: null },
          y: { field: 'd', type: 'quantitative', scale: { domain: [-0.1, 20.5] }, axis: null, stack: null },
          color: { field: 'm', type: 'nominal', scale: { domain: ['a', 'b', 'barycenter'], range: ['rgb(242,140,140)', 'rgb(140,140,242)', 'rgb(140,242,140)'] }, legend: null },
          order: { field: 'm' },
        },
      });
    }
    // The tutorial's "waffle": rows of four panels.
    rows.push({ title: { text: run.name, anchor: 'start', fontSize: 14 }, vconcat: [panels.slice(0, 4), panels.slice(4)].filter((r) => r.length).map((r) => ({ hconcat: r })) });
  }
  await plot.savePlot('out/barycenters-1d.png', {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Sinkhorn barycenters of two 1-D measures: Eulerian and Lagrangian L-BFGS descents',
    vconcat: rows,
    config: { view: { stroke: '#ddd' } },
  }, { scale: 1.5, caption: 'Wasserstein barycenters in 1D: density curves along the L-BFGS descents (red, blue: endpoints; green: barycenter)' });
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
