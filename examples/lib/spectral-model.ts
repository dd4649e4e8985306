// The spectral-coordinates tutorial of pykeops + scipy ("Linking KeOps with scipy.sparse.linalg"):
// its point clouds, its kernel operators and graph Laplacians, its eigsh calls and its
// block-sparse setup, shared by the Node example (examples/spectral-coordinates.ts) and the
// site's live page (site/pages/spectral-coordinates.ts). It imports the library and nothing
// from Node, so that a browser bundle can take it as it is.
//
// A Gaussian kernel K_ij = exp(-|x_i - x_j|^2 / (2 sigma^2)) on a point cloud is a lazy linear
// operator; the eigenvectors of the smallest eigenvalues of its graph Laplacians
// L = diag(K 1) - K and I - D^-1/2 K D^-1/2 are the cloud's spectral coordinates.
import {
  tensor, ones, Vi, Vj, aslinearoperator, diags, identity, eigsh,
  gridCluster, clusterRangesCentroids, sortClusters, fromMatrix,
  type Tensor, type LazyTensor, type LinearOperator, type EigshResult, type EigshProgress,
  type Backend, type BlockRanges, type Which,
} from '../../src/index.js';
import type { Generator } from './random.js';

/**
 * The tutorial's sizes: a spiral of 10,000 points at sigma = 0.05, the 5 largest eigenpairs of
 * K and the 7 smallest of each Laplacian; the Swiss roll at 50,000 points (the tutorial's 10^6
 * runs on a GPU; see rollScales for its sigma and cells).
 */
export const TUTORIAL = { N: 10000, sigma: 0.05, kLargest: 5, k: 7, rollN: 50000 } as const;

/** What the reductions behind an operator take: which engine runs them, and a signal that stops them. */
export interface OperatorOptions {
  backend?: Backend;
  signal?: AbortSignal;
}

/** What one eigsh call takes beyond k and which; passed through as they are. */
export interface SolveOptions {
  signal?: AbortSignal;
  onProgress?: (progress: EigshProgress) => void;
  /** eigsh's tolerance (default: its own, 1e-6 relative for float32 operators). */
  tol?: number;
  /** eigsh's restart limit (default: its own, 10 N). */
  maxiter?: number;
}

/** One eigsh run: its result, and the seconds it took. */
export interface Spectrum {
  result: EigshResult;
  seconds: number;
}

// ------------------------------------------------------------------------------------------------
// Point clouds
// ------------------------------------------------------------------------------------------------

/** N float32 points on a noisy 2-D spiral, [N, 2], as the tutorial draws them (np.random is not seeded there; `rng` is). */
export function spiral(N: number, rng: Generator): Tensor {
  const x = new Float32Array(2 * N);
  for (let i = 0; i < N; i++) {
    const t = (2 * Math.PI * i) / N; // np.linspace(0, 2 pi, N + 1)[:-1]
    x[2 * i] = 0.4 + 0.4 * (t / 7) * Math.cos(t) + 0.01 * rng.normal();
    x[2 * i + 1] = 0.5 + 0.3 * Math.sin(t) + 0.01 * rng.normal();
  }
  return tensor(x, [N, 2]);
}

/** A noisy Swiss roll of R float32 points in the unit cube, [R, 3], and the angle t of each point along the roll. */
export function swissRoll(R: number, rng: Generator): { points: Tensor; t: Float64Array } {
  const pts = new Float32Array(3 * R);
  const t = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    const ti = (2 * Math.PI * i) / R;
    t[i] = ti;
    pts[3 * i] = 0.4 + 0.4 * (ti / 7) * Math.cos(1.5 * ti) + 0.01 * rng.normal();
    pts[3 * i + 1] = 0.1 + 0.8 * rng.uniform() + 0.01 * rng.normal();
    pts[3 * i + 2] = 0.5 + 0.3 * (ti / 7) * Math.sin(1.5 * ti) + 0.01 * rng.normal();
  }
  return { points: tensor(pts, [R, 3]), t };
}

/**
 * The Swiss roll's kernel scale and cell size for R points. The tutorial runs 10^6 points at
 * sigma = 0.01 on a GPU (eps = 0.05); on CPUs we take fewer points, with sigma = 0.02 at 10^5
 * points growing like 1 / sqrt(R), so that each point keeps about as many neighbours, and
 * cells of 1.5 sigma (bench/RESULTS.md, eigsh section). A given sigma keeps its cells of 1.5 sigma.
 */
export function rollScales(R: number, sigma = 0.02 * Math.sqrt(1e5 / R)): { sigma: number; eps: number } {
  return { sigma, eps: 1.5 * sigma };
}

// ------------------------------------------------------------------------------------------------
// Kernels, Laplacians, eigsh
// ------------------------------------------------------------------------------------------------

/** The symbolic Gaussian RBF kernel matrix of the rows of x at scale sigma: exp(-|x_i - x_j|^2 / (2 sigma^2)), [N, N]. */
export function gaussianKernel(x: Tensor, sigma: number): LazyTensor {
  const xs = tensor(Float32Array.from(x.data, (v) => v / sigma), x.shape);
  return Vi(xs).sqdist(Vj(xs)).mul(-0.5).exp();
}

/** A kernel as a linear operator, its degrees D = K 1, and its graph Laplacians. */
export interface GraphLaplacians {
  /** K, through its reductions. */
  K: LinearOperator;
  /** D = K 1, the sums along the lines of the adjacency matrix, [N]. */
  D: Tensor;
  /** L = diag(D) - K: the dtype of K (float32) survives. */
  L: LinearOperator;
  /** The symmetric normalised Laplacian I - D^-1/2 K D^-1/2. */
  Lnorm: LinearOperator;
}

/**
 * Wraps a kernel LazyTensor as a linear operator (block-sparse with `ranges`), computes its
 * degrees with one matvec and composes its graph Laplacians; nothing else is evaluated.
 */
export async function graphLaplacians(Kxx: LazyTensor, { backend, signal, ranges }: OperatorOptions & { ranges?: BlockRanges } = {}): Promise<GraphLaplacians> {
  const K = aslinearoperator(Kxx, { ...(backend && { backend }), ...(ranges && { ranges }) });
  const n = K.shape[0];
  const D = await K.matvec(ones([n]), { ...(signal && { signal }) });
  const L = diags(D).sub(K);
  const D2 = diags(D.pow(-0.5));
  const Lnorm = identity(n).sub(D2.matmul(K).matmul(D2));
  return { K, D, L, Lnorm };
}

/** eigsh(A, { k, which }) with the signal, the progress callback and the stopping rules passed through, timed. */
export async function spectrum(A: LinearOperator, k: number, which: Which, { signal, onProgress, tol, maxiter }: SolveOptions = {}): Promise<Spectrum> {
  const t0 = performance.now();
  const result = await eigsh(A, {
    k, which,
    ...(signal && { signal }), ...(onProgress && { onProgress }),
    ...(tol !== undefined && { tol }), ...(maxiter !== undefined && { maxiter }),
  });
  return { result, seconds: (performance.now() - t0) / 1000 };
}

// ------------------------------------------------------------------------------------------------
// Block-sparse kernels
// ------------------------------------------------------------------------------------------------

/** The block-sparse structure of a kernel on a point cloud binned in cubic cells. */
export interface BlockSparseSetup {
  /** The cell of each point (original order), int32 [R]. */
  labels: Tensor;
  /** The points sorted by cell, [R, D]: the kernel is built on these. */
  sorted: Tensor;
  /** Sorted row s is original point perm[s], int32 [R]. */
  perm: Tensor;
  /** The pairs of cells that interact, for the reductions' `ranges`. */
  ranges: BlockRanges;
  /** Number of cells. */
  cells: number;
  /** Number of kernel entries (point pairs) kept. */
  sparseArea: number;
  /** The fraction of the R x R kernel matrix kept, sparseArea / R^2. */
  kept: number;
  /** Seconds the clustering and the pattern took. */
  seconds: number;
}

/**
 * Bins `points` [R, D] in cubic cells of size eps (gridCluster), sorts them by cell
 * (sortClusters), and keeps the pairs of cells whose centroids are closer than
 * 4 sigma + sqrt(D) eps, where a Gaussian of scale sigma is negligible beyond.
 * `pause`, awaited between the steps (each a few tens of ms at 50,000 points), lets a page
 * handle its events (Stop) in between.
 */
export async function blockSparseSetup(points: Tensor, sigma: number, eps: number, { pause }: { pause?: () => Promise<void> } = {}): Promise<BlockSparseSetup> {
  const t0 = performance.now();
  const step = async () => { if (pause) await pause(); };
  const [R, dim] = points.shape;
  const labels = gridCluster(points, eps);
  await step();
  const { ranges, centroids } = clusterRangesCentroids(points, labels);
  await step();
  const { sorted, perm } = sortClusters(points, labels);
  await step();
  const C = ranges.shape[0];
  const c = centroids.data;
  const r = ranges.data;
  const threshold = (4 * sigma + Math.sqrt(dim) * eps) ** 2;
  const keep = new Uint8Array(C * C);
  let sparseArea = 0;
  for (let a = 0; a < C; a++) {
    for (let b = 0; b < C; b++) {
      let d2 = 0;
      for (let d = 0; d < dim; d++) d2 += (c[dim * a + d] - c[dim * b + d]) ** 2;
      if (d2 < threshold) {
        keep[a * C + b] = 1;
        sparseArea += (r[2 * a + 1] - r[2 * a]) * (r[2 * b + 1] - r[2 * b]);
      }
    }
  }
  await step();
  const blockRanges = fromMatrix(ranges, ranges, keep);
  return {
    labels, sorted, perm,
    ranges: blockRanges,
    cells: C, sparseArea, kept: sparseArea / (R * R),
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Column `col` of eigenvectors computed on the sorted points, in the original order of the
 * points: sorted row s is original point perm[s].
 */
export function unsortColumn(vectors: Tensor, perm: Tensor, col: number): Float64Array {
  const [R, k] = vectors.shape;
  const out = new Float64Array(R);
  for (let s = 0; s < R; s++) out[perm.data[s]] = vectors.data[s * k + col];
  return out;
}
