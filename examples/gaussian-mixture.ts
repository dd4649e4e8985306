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
import { tensor, Vi, Vj, Adam, noGrad, engineInfo, type Tensor, type DataArray } from '../src/index.js';
import { savePlot, densityMapSpec, type PlotSpec } from './lib/plot.js';
import { progress } from './lib/progress.js';
import { generator } from './lib/random.js';

const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    iterations: { type: 'string', default: '501' },
    res: { type: 'string', default: '200' },
    'no-plots': { type: 'boolean', default: false },
  },
});

// torch.manual_seed is not in the tutorial; a seeded generator makes the figures repeatable.
const rng = generator(1234);

// Our dataset: N points on a spiral in the unit square, float32 like torch.FloatTensor.
const N = Number(opts.n);
const x = tensor(new Float32Array(2 * N), [N, 2]);
for (let i = 0; i < N; i++) {
  const t = (2 * Math.PI * i) / N; // torch.linspace(0, 2 pi, N + 1)[:-1]
  x.data[2 * i] = 0.5 + 0.4 * (t / 7) * Math.cos(t) + 0.02 * rng.normal();
  x.data[2 * i + 1] = 0.5 + 0.3 * Math.sin(t) + 0.02 * rng.normal();
}

// A uniform grid on the unit square, for the density maps: row r, column c is (ticks[c], ticks[r]).
const res = Number(opts.res);
const ticks = Array.from({ length: res }, (_, k) => k / res + 0.5 / res);
const grid = tensor(new Float32Array(2 * res * res), [res * res, 2]);
for (let r = 0; r < res; r++) {
  for (let c = 0; c < res; c++) {
    grid.data[2 * (r * res + c)] = ticks[c];
    grid.data[2 * (r * res + c) + 1] = ticks[r];
  }
}

class GaussianMixture {
  /** gamma: the inverse covariances / 2, [M, D * D]; set by updateCovariances(). */
  params: { gamma?: Tensor };
  mu: Tensor;
  A: Tensor;
  w: Tensor;
  sparsity: number;

  constructor(M: number, sparsity = 0, D = 2) {
    this.params = {};
    // We initialise our model with random blobs scattered across the unit square, with a
    // small-ish radius. As in the tutorial, only A and w are optimised; the tutorial also sets
    // requires_grad on mu and on the sample x, whose gradients it never uses, so we leave them
    // out (they would add a gradient reduction over j for x and widen the one over i).
    this.mu = tensor(Float32Array.from({ length: M * D }, rng.uniform), [M, D]);
    const A = new Float32Array(M * D * D);
    for (let j = 0; j < M; j++) for (let d = 0; d < D; d++) A[j * D * D + d * D + d] = 15; // 15 * eye(D)
    this.A = tensor(A, [M, D, D], { requiresGrad: true });
    this.w = tensor(new Float32Array(M).fill(1), [M, 1], { requiresGrad: true });
    this.sparsity = sparsity;
  }

  /** Computes the full covariance matrices from the model's parameters. */
  updateCovariances(): void {
    const [M, D] = this.A.shape;
    this.params.gamma = this.A.matmul(this.A.transpose(1, 2)).view(M, D * D).div(2);
  }

  /** Computes the determinants of the covariance matrices (2 x 2 only, by hand as in the tutorial). */
  covariancesDeterminants(): Tensor {
    const S = this.params.gamma!; // weights() and weightsLog() run after updateCovariances()
    if (S.shape[1] !== 2 * 2) throw new Error('covariancesDeterminants: only D = 2 is implemented');
    const dets = S.select(1, 0).mul(S.select(1, 3)).sub(S.select(1, 1).mul(S.select(1, 2)));
    return dets.view(-1, 1);
  }

  /** Scalar factor in front of the exponential, in the density formula. */
  weights(): Tensor {
    return this.w.softmax(0).mul(this.covariancesDeterminants().sqrt());
  }

  /** Logarithm of the scalar factor, in front of the exponential. */
  weightsLog(): Tensor {
    return this.w.logSoftmax(0).add(this.covariancesDeterminants().log().mul(0.5));
  }

  /** Samples the density on a given point cloud. */
  likelihoods(sample: Tensor): Promise<Tensor> {
    this.updateCovariances();
    return Vi(sample).weightedsqdist(Vj(this.mu), Vj(this.params.gamma!)).neg().exp().mul(Vj(this.weights())).sum(1);
  }

  /** Log-density, sampled on a given point cloud. */
  logLikelihoods(sample: Tensor): Promise<Tensor> {
    this.updateCovariances();
    const K_ij = Vi(sample).weightedsqdist(Vj(this.mu), Vj(this.params.gamma!)).neg();
    return K_ij.logsumexp(1, { weight: Vj(this.weights()) });
  }

  /** Returns -log(likelihood(sample)) up to an additive factor. */
  async neglogLikelihood(sample: Tensor): Promise<Tensor> {
    const ll = await this.logLikelihoods(sample);
    const logLikelihood = ll.mean();
    // We add a custom sparsity prior, which promotes empty clusters through a soft,
    // concave penalisation on the class weights.
    return logLikelihood.neg().add(this.w.softmax(0).sqrt().mean().mul(this.sparsity));
  }

  /** The model's density map on the grid, with log-contours and the sample on top. */
  async plot(sample: Tensor, title: string): Promise<PlotSpec> {
    const [heatmap, logHeatmap] = await noGrad(async (): Promise<[Tensor, Tensor]> => [await this.likelihoods(grid), await this.logLikelihoods(grid)]);
    return densityMapSpec({ values: heatmap.data, res, title, contours: logHeatmap.data, levels: 41, points: sample.data });
  }
}

// In typical PyTorch fashion, we fit the mixture by gradient descent on the empirical
// log-likelihood with the sparsity prior.
const model = new GaussianMixture(30, 20);
const optimizer = new Adam([model.A, model.w], { lr: 0.1 });
const iterations = Number(opts.iterations);
const loss = new Float64Array(iterations);
const plotAt = [0, 10, 100, 150, 250, 500].filter((it) => it < iterations);
const snapshots = new Map<number, { A: DataArray; w: DataArray }>();

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
for (let it = 0; it < iterations; it++) {
  optimizer.zeroGrad();
  const cost = await model.neglogLikelihood(x); // cost to minimise
  await cost.backward(); // backpropagate to compute the gradients
  loss[it] = cost.item();
  if (plotAt.includes(it)) snapshots.set(it, { A: model.A.data.slice(), w: model.w.data.slice() });
  optimizer.step();
  bar.tick(1, `loss ${loss[it].toFixed(4)}`);
}
const trainMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart); // all threads of this process, in microseconds
const cpuMs = (cpu.user + cpu.system) / 1000;
bar.done(`${iterations} iterations in ${(trainMs / 1000).toFixed(2)} s (training loop only; CPU ${(cpuMs / 1000).toFixed(2)} s; engine start before it ${engineMs.toFixed(0)} ms), loss ${loss[0].toFixed(4)} -> ${loss[iterations - 1].toFixed(4)}`);

mkdirSync('out', { recursive: true });
writeFileSync('out/gaussian-mixture.json', JSON.stringify({ N, M: 30, sparsity: 20, iterations, trainMs, cpuMs, engineMs, loss: Array.from(loss) }, null, 1));

if (!opts['no-plots']) {
  const plots = progress('gaussian-mixture: figures', plotAt.length + 1);
  const trained = { A: model.A.data.slice(), w: model.w.data.slice() };
  for (const [it, { A, w }] of snapshots) { // the plotted iterations, in order
    model.A.data.set(A);
    model.w.data.set(w);
    model.A.markChanged();
    model.w.markChanged();
    const spec = await model.plot(x, `Density, iteration ${it}`);
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
