// The spectral-coordinates tutorial, live: the clouds, kernel operators and eigsh calls of the
// Node example (examples/lib/spectral-model.ts, shared with examples/spectral-coordinates.ts)
// and the same Vega-Lite figures (examples/lib/spectral-figures.ts), drawn as each solve ends.
//
// The scatters' points are drawn as images (site/lib/point-raster.ts) under the specs' titles
// and axes: six panels of 10^4 marks would hold the page's thread for half a second or more,
// and Stop with it; the images are stamped one panel per task. A figure is drawn a task after
// its data is ready, so that the next solve has sent its first reduction to the workers before
// the chart takes the page's thread, and the Swiss roll's clustering pauses between its steps.
// The progress bar counts the eigenpairs that have met eigsh's tolerance.
import type { TopLevelSpec } from 'vega-lite';
import type { EigshProgress } from 'lazykernel';
import {
  TUTORIAL, spiral, swissRoll, rollScales, gaussianKernel, graphLaplacians, spectrum,
  blockSparseSetup, unsortColumn, type Spectrum,
} from '../../examples/lib/spectral-model.js';
import {
  cloudPoints, spiralFigure, spiralCoordinatesFigure, displaySample, rollFigure,
  rollClustersFigure, rollCoordinatesFigure, type FigureOptions,
} from '../../examples/lib/spectral-figures.js';
import { generator } from '../../examples/lib/random.js';
import { setupRunPage, type RunContext } from '../lib/run-page.js';
import { Chart } from '../lib/charts.js';
import { figureWithRasters } from '../lib/point-raster.js';

/** The pykeops tutorial's own report for its whole script (on a GPU, the Swiss roll at 10^6 points). */
const PYTHON_SECONDS = 55.515;
/** The chart containers, in the order they are drawn. */
const CHART_IDS = ['spiral', 'spiral-coordinates', 'spiral-normalized', 'roll', 'roll-clusters', 'roll-coordinates'] as const;
type ChartId = (typeof CHART_IDS)[number];

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const table = byId<HTMLTableSectionElement>('eigenvalues');
const charts = new Map<ChartId, Chart>();
/** The blob: URLs of the points' images that the charts show, revoked with them. */
const imageUrls = new Map<ChartId, string[]>();

/** Removes the previous run's charts and results. */
function clearFigures(): void {
  for (const id of CHART_IDS) {
    charts.get(id)?.finalize();
    charts.delete(id);
    for (const url of imageUrls.get(id) ?? []) URL.revokeObjectURL(url);
    imageUrls.delete(id);
    byId(id).replaceChildren();
  }
  table.replaceChildren();
}

/** Resolves after the tasks already queued (Stop clicks, workers' replies). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Draws the figure `spec` builds into the container `id` soon: its spec one task from now,
 * after the caller has started its next reductions, the points' images one panel per task,
 * and the chart in the task after; the promise is settled once it is drawn. Nothing is drawn
 * after a Stop.
 */
function drawSoon(id: ChartId, spec: (figure: FigureOptions) => TopLevelSpec, signal: AbortSignal): Promise<void> {
  const drawn = nextTask().then(async () => {
    if (signal.aborted) return;
    const built = await figureWithRasters(spec, signal);
    if (!built) return;
    await nextTask();
    if (signal.aborted) {
      for (const url of built.urls) URL.revokeObjectURL(url);
      return;
    }
    charts.get(id)?.finalize();
    for (const url of imageUrls.get(id) ?? []) URL.revokeObjectURL(url);
    byId(id).replaceChildren();
    imageUrls.set(id, built.urls);
    charts.set(id, await Chart.create(byId(id), built.spec));
  });
  drawn.catch(() => {}); // awaited at the end of the run; a Stop leaves it unobserved
  return drawn;
}

const fmt = (values: ArrayLike<number>, digits = 5) => Array.from(values, (v) => v.toPrecision(digits)).join(', ');

/** One row of the results table. */
function addRow(operator: string, { result, seconds }: Spectrum): void {
  const row = table.insertRow();
  row.insertCell().textContent = operator;
  const values = row.insertCell();
  values.className = 'values';
  values.textContent = fmt(result.values);
  row.insertCell().textContent = `${seconds.toFixed(2)} s`;
  row.insertCell().textContent = String(result.matvecs);
}

/**
 * Progress over the run's solves: the eigenpairs that met the tolerance, out of all those the
 * run asks for; the note names the solve under way.
 */
function solveProgress(ctx: RunContext, ks: number[]) {
  const total = ks.reduce((a, b) => a + b, 0);
  let before = 0;
  let solve = -1;
  return {
    /** Starts solve number `solve` (in the order of `ks`); returns eigsh's onProgress for it. */
    next(label: string): (p: EigshProgress) => void {
      if (solve >= 0) before += ks[solve];
      solve++;
      const k = ks[solve];
      ctx.progress(before, total, `${label}: starting`);
      return (p) => ctx.progress(before + Math.min(k, p.converged), total, `${label}: ${p.converged} of ${k} converged, ${p.matvecs} matvecs`);
    },
    /** Marks the current solve as done. */
    done(label: string): void {
      ctx.progress(before + ks[solve], total, `${label}: done`);
    },
  };
}

setupRunPage({
  form: byId<HTMLFormElement>('controls'),
  banner: byId('engine'),
  fields: [
    { name: 'N', label: 'Spiral points N', value: TUTORIAL.N, small: 1000, min: 100, max: 100000, step: 100, hint: 'a noisy 2-D spiral' },
    { name: 'sigma', label: 'Kernel scale σ', value: TUTORIAL.sigma, small: TUTORIAL.sigma, min: 0.005, max: 1, step: 0.005, hint: 'of the spiral\'s Gaussian kernel' },
    { name: 'k', label: 'Eigenpairs k', value: TUTORIAL.k, small: TUTORIAL.k, min: 2, max: 30, hint: 'smallest, of each Laplacian (the largest of K: 5)' },
    { name: 'tol', label: 'Tolerance (log₁₀)', value: -6, small: -6, min: -8, max: -1, hint: 'eigsh\'s relative tol: 10^this' },
    { name: 'R', label: 'Swiss-roll points', value: TUTORIAL.rollN, small: 4000, min: 1000, max: 1000000, step: 1000, hint: 'the block-sparse part' },
    { name: 'rollSigma', label: 'Roll σ', value: 0, small: 0.05, min: 0, max: 0.5, step: 0.0001, hint: '0: 0.02 √(10⁵ / points)' },
    { name: 'eps', label: 'Roll cell size ε', value: 0, small: 0, min: 0, max: 0.5, step: 0.0001, hint: '0: 1.5 σ' },
  ],
  reference: { seconds: PYTHON_SECONDS, text: 'The pykeops + scipy tutorial reports (whole script, on a GPU, 10⁶-point roll)' },
  async run(ctx) {
    const { values, backend, signal } = ctx;
    const { N, sigma, k, R } = values;
    const tol = 10 ** values.tol;
    const scales = rollScales(R, values.rollSigma > 0 ? values.rollSigma : undefined);
    const eps = values.eps > 0 ? values.eps : scales.eps;
    const solve = { signal, tol };
    const drawings: Promise<void>[] = [];
    const progress = solveProgress(ctx, [Math.min(TUTORIAL.kLargest, N - 1), k, k, k]);
    clearFigures();

    // The spiral, as the Node example draws it (same seed, same order of draws).
    const rng = generator(2024);
    const x = spiral(N, rng);
    const cloud = cloudPoints(x);
    drawings.push(drawSoon('spiral', (figure) => spiralFigure(cloud, figure), signal));
    byId('spiral-caption').textContent = `${N.toLocaleString('en-US')} points; the Gaussian kernel at σ = ${sigma} is a ${N.toLocaleString('en-US')} × ${N.toLocaleString('en-US')} LazyTensor, never stored.`;

    // K as a linear operator, its degrees (one reduction) and its Laplacians, composed lazily.
    const { K, L, Lnorm } = await graphLaplacians(gaussianKernel(x, sigma), { backend, signal });
    await ctx.breathe();

    let label = 'largest eigenvalues of K';
    const largest = await spectrum(K, Math.min(TUTORIAL.kLargest, N - 1), 'LM', { ...solve, onProgress: progress.next(label) });
    progress.done(label);
    addRow('K (largest)', largest);
    await ctx.breathe();

    label = 'graph Laplacian L';
    const smallest = await spectrum(L, k, 'SM', { ...solve, onProgress: progress.next(label) });
    progress.done(label);
    addRow('L = diag(K 1) − K', smallest);
    drawings.push(drawSoon('spiral-coordinates', (figure) => spiralCoordinatesFigure(cloud, smallest.result, 2, 'Spectral coordinates: eigenvectors of the graph Laplacian', figure), signal));
    await ctx.breathe();

    label = 'normalised Laplacian';
    const normalized = await spectrum(Lnorm, k, 'SM', { ...solve, onProgress: progress.next(label) });
    progress.done(label);
    addRow('I − D^-1/2 K D^-1/2', normalized);
    drawings.push(drawSoon('spiral-normalized', (figure) => spiralCoordinatesFigure(cloud, normalized.result, 4, 'Eigenvectors of the normalised graph Laplacian', figure), signal));
    await ctx.breathe();

    // The Swiss roll, binned in cubic cells: a block-sparse kernel.
    const { points, t } = swissRoll(R, rng);
    const display = displaySample(R, rng);
    drawings.push(drawSoon('roll', (figure) => rollFigure(points, display, t, figure), signal));
    const sparse = await blockSparseSetup(points, scales.sigma, eps, { pause: ctx.breathe });
    drawings.push(drawSoon('roll-clusters', (figure) => rollClustersFigure(points, display, sparse.labels, figure), signal));
    const keptText = `${sparse.cells.toLocaleString('en-US')} cubic cells of size ε = ${eps.toFixed(4)} (σ = ${scales.sigma.toFixed(4)}); the block-sparse kernel keeps ${(100 * sparse.kept).toFixed(1)}% of the ${R.toLocaleString('en-US')} × ${R.toLocaleString('en-US')} matrix (${sparse.sparseArea.toExponential(2)} pairs).`;
    byId('clusters-caption').textContent = keptText;
    byId('roll-caption').textContent = `${display.length.toLocaleString('en-US')} of the ${R.toLocaleString('en-US')} points, coloured by the angle along the roll, in an oblique projection.`;
    const { Lnorm: LnormR } = await graphLaplacians(gaussianKernel(sparse.sorted, scales.sigma), { backend, signal, ranges: sparse.ranges });
    await ctx.breathe();

    label = 'Swiss roll, normalised Laplacian';
    const roll = await spectrum(LnormR, k, 'SM', { ...solve, onProgress: progress.next(label) });
    progress.done(label);
    addRow(`Swiss roll, block-sparse (${(100 * sparse.kept).toFixed(1)}% kept)`, roll);
    const vectors = roll.result.vectors!; // eigsh returns them unless returnEigenvectors: false
    drawings.push(drawSoon('roll-coordinates', (figure) => rollCoordinatesFigure(points, display, roll.result.values, (c) => unsortColumn(vectors, sparse.perm, c), figure), signal));

    await Promise.all(drawings);
    signal.throwIfAborted();
    return {
      summary: `Done: ${N.toLocaleString('en-US')} spiral points, ${R.toLocaleString('en-US')} Swiss-roll points (${(100 * sparse.kept).toFixed(1)}% of the kernel kept).`,
      details: {
        N, sigma, k, tol, R, rollSigma: scales.sigma, eps, backend,
        cells: sparse.cells, kept: sparse.kept,
        seconds: { largest: largest.seconds, laplacian: smallest.seconds, normalized: normalized.seconds, clustering: sparse.seconds, roll: roll.seconds },
        values: { largest: Array.from(largest.result.values), laplacian: Array.from(smallest.result.values), normalized: Array.from(normalized.result.values), roll: Array.from(roll.result.values) },
      },
    };
  },
});
