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
//
// The clouds, operators and eigsh calls are in examples/lib/spectral-model.ts and the figures'
// Vega-Lite specs in examples/lib/spectral-figures.ts, shared with the site's live page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { savePlot } from './lib/plot.js';
import { generator } from './lib/random.js';
import { TUTORIAL, spiral, swissRoll, rollScales, gaussianKernel, graphLaplacians, spectrum, blockSparseSetup, unsortColumn, } from './lib/spectral-model.js';
import { cloudPoints, spiralFigure, spiralCoordinatesFigure, displaySample, rollFigure, rollClustersFigure, rollCoordinatesFigure, } from './lib/spectral-figures.js';
const { values: opts } = parseArgs({
    options: {
        n: { type: 'string', default: String(TUTORIAL.N) },
        'roll-n': { type: 'string', default: String(TUTORIAL.rollN) },
        'roll-sigma': { type: 'string' },
        'roll-eps': { type: 'string' },
        'no-roll': { type: 'boolean', default: false },
        'no-plots': { type: 'boolean', default: false },
    },
});
const plots = !opts['no-plots'];
const report = { spiral: {}, roll: null };
const eigenReport = ({ result, seconds }) => ({ values: Array.from(result.values), seconds, matvecs: result.matvecs });
// np.random is not seeded in the tutorial; a seeded generator makes the figures repeatable.
const rng = generator(2024);
const fmt = (values, digits = 5) => `[${Array.from(values, (v) => v.toPrecision(digits)).join(', ')}]`;
// ------------------------------------------------------------------------------------------------
// A spiral in 2D sampled with 10,000 points, in float32 ("no need for double precision here")
// ------------------------------------------------------------------------------------------------
const N = Number(opts.n);
const x = spiral(N, rng);
const cloud = cloudPoints(x);
if (plots)
    await savePlot('out/spectral-spiral.png', spiralFigure(cloud));
// The Gaussian RBF kernel matrix at scale sigma, symbolic.
const Kxx = gaussianKernel(x, TUTORIAL.sigma);
console.log(String(Kxx));
// As far as eigsh is concerned, the LazyTensor is a linear operator: K, its degrees
// D = K 1 (one matvec), L = diag(D) - K and I - D^-1/2 K D^-1/2, composed lazily.
const { K, L, Lnorm } = await graphLaplacians(Kxx);
const largest = await spectrum(K, TUTORIAL.kLargest, 'LM'); // largest 5 eigenvalues / vectors
report.spiral.largestK = eigenReport(largest);
console.log(`Largest eigenvalues of K, in ${largest.seconds.toFixed(2)} s: ${fmt(largest.result.values)}`);
console.log(`Eigenvectors of shape: [${largest.result.vectors.shape.join(', ')}]`); // eigsh returns them unless returnEigenvectors: false
// Graph Laplacian L = diag(D) - K: the dtype (float32) survives, no patch needed.
const smallest = await spectrum(L, TUTORIAL.k, 'SM');
report.spiral.laplacian = { ...eigenReport(smallest), dtype: L.dtype };
console.log(`Smallest eigenvalues of the graph Laplacian (${L.dtype}), computed in ${smallest.seconds.toFixed(2)} s (${smallest.result.matvecs} matvecs):\n${fmt(smallest.result.values)}`);
// Symmetric normalised Laplacian I - D^-1/2 K D^-1/2.
const normalized = await spectrum(Lnorm, TUTORIAL.k, 'SM');
report.spiral.normalized = eigenReport(normalized);
console.log(`Smallest eigenvalues of the normalised Laplacian, computed in ${normalized.seconds.toFixed(2)} s (${normalized.result.matvecs} matvecs):\n${fmt(normalized.result.values)}`);
if (plots) {
    await savePlot('out/spectral-spiral-coordinates.png', spiralCoordinatesFigure(cloud, smallest.result, 2, 'Spectral coordinates: eigenvectors of the graph Laplacian'));
    await savePlot('out/spectral-spiral-normalized.png', spiralCoordinatesFigure(cloud, normalized.result, 4, 'Eigenvectors of the normalised graph Laplacian'));
}
// ------------------------------------------------------------------------------------------------
// Scaling up with block-sparse matrices: a noisy Swiss roll in the unit cube
// ------------------------------------------------------------------------------------------------
if (!opts['no-roll']) {
    const R = Number(opts['roll-n']);
    // The tutorial runs 10^6 points at sigma = 0.01 on a GPU (eps = 0.05); rollScales picks
    // sigma and the cell size for fewer points on CPUs.
    const scales = rollScales(R, opts['roll-sigma'] === undefined ? undefined : Number(opts['roll-sigma']));
    const rollSigma = scales.sigma;
    const eps = opts['roll-eps'] === undefined ? scales.eps : Number(opts['roll-eps']);
    const { points, t } = swissRoll(R, rng);
    // 10,000 points at random for display, in an oblique projection.
    const display = displaySample(R, rng);
    if (plots)
        await savePlot('out/spectral-roll.png', rollFigure(points, display, t));
    // Cubic bins of size eps, the points sorted by bin, and the pairs of cells whose centroids
    // are closer than 4 sigma + sqrt(3) eps.
    const sparse = await blockSparseSetup(points, rollSigma, eps);
    if (plots)
        await savePlot('out/spectral-roll-clusters.png', rollClustersFigure(points, display, sparse.labels));
    console.log(`\nSwiss roll: ${R.toLocaleString('en-US')} points, sigma = ${rollSigma.toFixed(4)}, ${sparse.cells} cubic cells of size ${eps.toFixed(4)} (clustering ${sparse.seconds.toFixed(2)} s)`);
    console.log(`We keep ${sparse.sparseArea.toExponential(2)}/${(R * R).toExponential(2)} = ${(100 * sparse.kept).toFixed(1)}% of the original kernel matrix.`);
    // The kernel on the sorted points, with its block-sparsity pattern, and its normalised Laplacian.
    const { Lnorm: LnormR } = await graphLaplacians(gaussianKernel(sparse.sorted, rollSigma), { ranges: sparse.ranges });
    const roll = await spectrum(LnormR, TUTORIAL.k, 'SM');
    report.roll = { n: R, sigma: rollSigma, eps, cells: sparse.cells, kept: sparse.kept, ...eigenReport(roll) };
    console.log(`Smallest eigenvalues of the normalised graph Laplacian, computed in ${roll.seconds.toFixed(1)} s (${roll.result.matvecs} matvecs) on a cloud of ${R.toLocaleString('en-US')} points in dimension 3:\n${fmt(roll.result.values)}`);
    if (plots) {
        // Eigenvectors are in the sorted order: unsortColumn maps them back to the points.
        const vectors = roll.result.vectors; // eigsh returns them unless returnEigenvectors: false
        await savePlot('out/spectral-roll-coordinates.png', rollCoordinatesFigure(points, display, roll.result.values, (k) => unsortColumn(vectors, sparse.perm, k)));
    }
}
mkdirSync('out', { recursive: true });
writeFileSync('out/spectral-coordinates.json', `${JSON.stringify(report, null, 1)}\n`);
