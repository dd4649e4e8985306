// Linking KeOps with scipy.sparse.linalg: the pykeops tutorial ("plot_scipy", spectral
// coordinates) ported to lazykernel. A Gaussian kernel on a point cloud becomes a lazy
// linear operator; composed into graph Laplacians, it goes to eigsh, whose eigenvectors are
// the cloud's spectral coordinates.
//
// 1. A noisy 2-D spiral of 10,000 points: the largest eigenvalues of K, and the smallest of
//    the graph Laplacian L = diag(K 1) - K and of the normalised I - D^-1/2 K D^-1/2.
// 2. A noisy Swiss roll in the unit cube, with block-sparse kernels: points binned in cubic
//    cells (gridCluster), sorted (sortClusters), and only pairs of cells whose centroids are
//    close interact (fromMatrix); then the 7 smallest eigenpairs of the normalised Laplacian.
//
//   node build/examples/spectral-coordinates.js [--n 10000] [--roll-n 50000] [--roll-sigma s]
//                                                [--roll-eps e] [--no-roll] [--no-plots]
//
// Writes out/spectral-spiral.png (the cloud), out/spectral-spiral-coordinates.png and
// out/spectral-spiral-normalized.png (6 coordinates each), out/spectral-roll.png,
// out/spectral-roll-clusters.png, out/spectral-roll-coordinates.png, and
// out/spectral-coordinates.json (eigenvalues and timings).
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  tensor, ones, Vi, Vj, aslinearoperator, diags, identity, eigsh,
  gridCluster, clusterRangesCentroids, sortClusters, fromMatrix,
  type EigshResult, type FloatDType,
} from '../src/index.js';
import { savePlot, type PlotSpec, type VegaLiteView } from './lib/plot.js';
import { generator } from './lib/random.js';

const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    'roll-n': { type: 'string', default: '50000' },
    'roll-sigma': { type: 'string' },
    'roll-eps': { type: 'string' },
    'no-roll': { type: 'boolean', default: false },
    'no-plots': { type: 'boolean', default: false },
  },
});
const plots = !opts['no-plots'];

/** One eigsh run, as out/spectral-coordinates.json reports it. */
interface EigenReport {
  values: number[];
  seconds: number;
  matvecs: number;
}
interface Report {
  spiral: { largestK?: EigenReport; laplacian?: EigenReport & { dtype: FloatDType }; normalized?: EigenReport };
  roll: (EigenReport & { n: number; sigma: number; eps: number; cells: number; kept: number }) | null;
}
const report: Report = { spiral: {}, roll: null };

// np.random is not seeded in the tutorial; a seeded generator makes the figures repeatable.
const rng = generator(2024);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const fmt = (values: ArrayLike<number>, digits = 5) => `[${Array.from(values, (v) => v.toPrecision(digits)).join(', ')}]`;

/** A point of a scatter plot; `v` sets its colour. */
interface Point {
  x: number;
  y: number;
  v?: number;
}

interface ScatterOptions {
  title: string;
  size?: number;
  domain?: [number, number];
  width?: number;
  colour?: boolean;
}

/** A Vega-Lite scatter plot of points { x, y, v }, coloured by v (matplotlib's Spectral map). */
function scatter(points: Point[], { title, size = 4, domain = [0, 1], width = 260, colour = true }: ScatterOptions) {
  return {
    title,
    width,
    height: width,
    data: { values: points },
    mark: { type: 'circle', size, opacity: 1 },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: { domain, nice: false }, axis: { title: null, tickCount: 5 } },
      y: { field: 'y', type: 'quantitative', scale: { domain, nice: false }, axis: { title: null, tickCount: 5 } },
      ...(colour ? { color: { field: 'v', type: 'quantitative', scale: { scheme: 'spectral' }, legend: null } } : { color: { value: '#1f77b4' } }),
    },
  } satisfies VegaLiteView; // a panel of grid() or, with its data, a figure of its own
}

/** Six panels on two rows, like plt.subplots(nrows=2, ncols=3). */
function grid(panels: VegaLiteView[], title: string): PlotSpec {
  return {
    title,
    vconcat: [{ hconcat: panels.slice(0, 3) }, { hconcat: panels.slice(3, 6) }],
    resolve: { scale: { color: 'independent' } },
  };
}

// ------------------------------------------------------------------------------------------------
// A spiral in 2D sampled with 10,000 points, in float32 ("no need for double precision here")
// ------------------------------------------------------------------------------------------------

const N = Number(opts.n);
const x = new Float32Array(2 * N);
for (let i = 0; i < N; i++) {
  const t = (2 * Math.PI * i) / N; // np.linspace(0, 2 pi, N + 1)[:-1]
  x[2 * i] = 0.4 + 0.4 * (t / 7) * Math.cos(t) + 0.01 * rng.normal();
  x[2 * i + 1] = 0.5 + 0.3 * Math.sin(t) + 0.01 * rng.normal();
}
const cloud = Array.from({ length: N }, (_, i) => ({ x: x[2 * i], y: x[2 * i + 1] }));
if (plots) await savePlot('out/spectral-spiral.png', scatter(cloud, { title: `A spiral of ${N.toLocaleString('en-US')} points`, size: Math.max(1, 5000 / N), width: 400, colour: false }));

// The Gaussian RBF kernel matrix at scale sigma, symbolic.
const sigma = 0.05;
const xs = tensor(Float32Array.from(x, (v) => v / sigma), [N, 2]);
const Kxx = Vi(xs).sqdist(Vj(xs)).mul(-0.5).exp();
console.log(String(Kxx));

// As far as eigsh is concerned, the LazyTensor is a linear operator.
const K = aslinearoperator(Kxx);
const D = await K.matvec(ones([N])); // sum along the lines of the adjacency matrix

let t0 = performance.now();
const largest = await eigsh(K, { k: 5 }); // largest 5 eigenvalues / vectors
report.spiral.largestK = { values: Array.from(largest.values), seconds: seconds(t0), matvecs: largest.matvecs };
console.log(`Largest eigenvalues of K, in ${seconds(t0).toFixed(2)} s: ${fmt(largest.values)}`);
console.log(`Eigenvectors of shape: [${largest.vectors!.shape.join(', ')}]`); // eigsh returns them unless returnEigenvectors: false

// Graph Laplacian L = diag(D) - K: the dtype (float32) survives, no patch needed.
const L = diags(D).sub(K);
t0 = performance.now();
const smallest = await eigsh(L, { k: 7, which: 'SM' });
report.spiral.laplacian = { values: Array.from(smallest.values), seconds: seconds(t0), matvecs: smallest.matvecs, dtype: L.dtype };
console.log(`Smallest eigenvalues of the graph Laplacian (${L.dtype}), computed in ${seconds(t0).toFixed(2)} s (${smallest.matvecs} matvecs):\n${fmt(smallest.values)}`);

// Symmetric normalised Laplacian I - D^-1/2 K D^-1/2.
const D2 = diags(D.pow(-0.5));
const Lnorm = identity(N).sub(D2.matmul(K).matmul(D2));
t0 = performance.now();
const normalized = await eigsh(Lnorm, { k: 7, which: 'SM' });
report.spiral.normalized = { values: Array.from(normalized.values), seconds: seconds(t0), matvecs: normalized.matvecs };
console.log(`Smallest eigenvalues of the normalised Laplacian, computed in ${seconds(t0).toFixed(2)} s (${normalized.matvecs} matvecs):\n${fmt(normalized.values)}`);

/** The six panels of spectral coordinates 0..5 of `result` on the 2-D cloud. */
function spiralPanels(result: EigshResult, digits: number): VegaLiteView[] {
  const vectors = result.vectors!; // eigsh returns them unless returnEigenvectors: false
  const k = vectors.shape[1];
  return Array.from({ length: 6 }, (_, c) => scatter(
    cloud.map((p, i) => ({ ...p, v: vectors.data[i * k + c] })),
    { title: `Eigenvalue ${c + 1} = ${result.values[c].toFixed(digits)}`, size: Math.max(1, (9 * 500) / N / 2) },
  ));
}
if (plots) {
  await savePlot('out/spectral-spiral-coordinates.png', grid(spiralPanels(smallest, 2), 'Spectral coordinates: eigenvectors of the graph Laplacian'));
  await savePlot('out/spectral-spiral-normalized.png', grid(spiralPanels(normalized, 4), 'Eigenvectors of the normalised graph Laplacian'));
}

// ------------------------------------------------------------------------------------------------
// Scaling up with block-sparse matrices: a noisy Swiss roll in the unit cube
// ------------------------------------------------------------------------------------------------

if (!opts['no-roll']) {
  const R = Number(opts['roll-n']);
  // The tutorial runs 10^6 points at sigma = 0.01 on a GPU (eps = 0.05). On a 2-core CPU we take
  // fewer points, with sigma = 0.02 at 10^5 points, growing like 1 / sqrt(N) so that each point
  // keeps about as many neighbours, and cells of 1.5 sigma (bench/RESULTS.md, eigsh section).
  const rollSigma = Number(opts['roll-sigma'] ?? 0.02 * Math.sqrt(1e5 / R));
  const eps = Number(opts['roll-eps'] ?? 1.5 * rollSigma);
  const pts = new Float32Array(3 * R);
  const tRoll = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    const t = (2 * Math.PI * i) / R;
    tRoll[i] = t;
    pts[3 * i] = 0.4 + 0.4 * (t / 7) * Math.cos(1.5 * t) + 0.01 * rng.normal();
    pts[3 * i + 1] = 0.1 + 0.8 * rng.uniform() + 0.01 * rng.normal();
    pts[3 * i + 2] = 0.5 + 0.3 * (t / 7) * Math.sin(1.5 * t) + 0.01 * rng.normal();
  }
  // 10,000 points at random for display, in an oblique (cabinet) projection: the roll's
  // cross-section (x, z) faces us, its width y recedes at 30 degrees, far points drawn first.
  const display = Array.from({ length: Math.min(R, 10000) }, () => Math.floor(rng.uniform() * R));
  const project = (data: Float32Array, i: number) => {
    const [px, py, pz] = [data[3 * i], data[3 * i + 1], data[3 * i + 2]];
    return { x: px + 0.3 * (py - 0.5), y: pz + 0.17 * (py - 0.5), depth: py };
  };
  const view = (data: Float32Array, value: (i: number) => number) => display.map((i) => ({ ...project(data, i), v: value(i) })).sort((a, b) => b.depth - a.depth);
  if (plots) await savePlot('out/spectral-roll.png', scatter(view(pts, (i) => tRoll[i]), { title: `${display.length.toLocaleString('en-US')} out of ${R.toLocaleString('en-US')} points in our source point cloud`, size: 3, width: 400 }));

  // Cubic bins of size eps, their ranges and centroids, and the points sorted by bin.
  t0 = performance.now();
  const X = tensor(pts, [R, 3]);
  const labels = gridCluster(X, eps);
  const { ranges, centroids } = clusterRangesCentroids(X, labels);
  const { sorted, perm } = sortClusters(X, labels);
  if (plots) await savePlot('out/spectral-roll-clusters.png', scatter(view(pts, (i) => (labels.data[i] * 7919) % 997), { title: 'Cluster labels', size: 3, width: 400 }));

  // Keep the pairs of cells whose centroids are closer than 4 sigma + sqrt(3) eps.
  const C = ranges.shape[0];
  const c = centroids.data;
  const r = ranges.data;
  const threshold = (4 * rollSigma + Math.sqrt(3) * eps) ** 2;
  const keep = new Uint8Array(C * C);
  let sparseArea = 0;
  for (let a = 0; a < C; a++) {
    for (let b = 0; b < C; b++) {
      const d2 = (c[3 * a] - c[3 * b]) ** 2 + (c[3 * a + 1] - c[3 * b + 1]) ** 2 + (c[3 * a + 2] - c[3 * b + 2]) ** 2;
      if (d2 < threshold) {
        keep[a * C + b] = 1;
        sparseArea += (r[2 * a + 1] - r[2 * a]) * (r[2 * b + 1] - r[2 * b]);
      }
    }
  }
  const rangesIJ = fromMatrix(ranges, ranges, keep);
  const kept = sparseArea / (R * R);
  console.log(`\nSwiss roll: ${R.toLocaleString('en-US')} points, sigma = ${rollSigma.toFixed(4)}, ${C} cubic cells of size ${eps.toFixed(4)} (clustering ${seconds(t0).toFixed(2)} s)`);
  console.log(`We keep ${sparseArea.toExponential(2)}/${(R * R).toExponential(2)} = ${(100 * kept).toFixed(1)}% of the original kernel matrix.`);

  // The kernel on the sorted points, with its block-sparsity pattern.
  const xr = tensor(Float32Array.from(sorted.data, (v) => v / rollSigma), [R, 3]);
  const Kr = aslinearoperator(Vi(xr).sqdist(Vj(xr)).mul(-0.5).exp(), { ranges: rangesIJ });
  const Dr = await Kr.matvec(ones([R]));
  const Dr2 = diags(Dr.pow(-0.5));
  const LnormR = identity(R).sub(Dr2.matmul(Kr).matmul(Dr2));
  t0 = performance.now();
  const roll = await eigsh(LnormR, { k: 7, which: 'SM' });
  const rollSeconds = seconds(t0);
  report.roll = { n: R, sigma: rollSigma, eps, cells: C, kept, values: Array.from(roll.values), seconds: rollSeconds, matvecs: roll.matvecs };
  console.log(`Smallest eigenvalues of the normalised graph Laplacian, computed in ${rollSeconds.toFixed(1)} s (${roll.matvecs} matvecs) on a cloud of ${R.toLocaleString('en-US')} points in dimension 3:\n${fmt(roll.values)}`);

  if (plots) {
    // Eigenvectors are in the sorted order: sorted row s is original point perm[s].
    const rank = new Int32Array(R);
    for (let s = 0; s < R; s++) rank[perm.data[s]] = s;
    const vectors = roll.vectors!; // eigsh returns them unless returnEigenvectors: false
    const panels = Array.from({ length: 6 }, (_, k) => scatter(view(pts, (i) => vectors.data[rank[i] * 7 + k]), { title: `Eigenvalue ${k + 1} = ${roll.values[k].toExponential(1)}`, size: 3 }));
    await savePlot('out/spectral-roll-coordinates.png', grid(panels, 'Spectral coordinates on the Swiss roll (block-sparse kernel)'));
  }
}

mkdirSync('out', { recursive: true });
writeFileSync('out/spectral-coordinates.json', `${JSON.stringify(report, null, 1)}\n`);
