import { type Tensor, type LazyTensor, type LinearOperator, type EigshResult, type EigshProgress, type Backend, type BlockRanges, type Which } from '../../src/index.js';
import type { Generator } from './random.js';
/**
 * The tutorial's sizes: a spiral of 10,000 points at sigma = 0.05, the 5 largest eigenpairs of
 * K and the 7 smallest of each Laplacian; the Swiss roll at 50,000 points (the tutorial's 10^6
 * runs on a GPU; see rollScales for its sigma and cells).
 */
export declare const TUTORIAL: {
    readonly N: 10000;
    readonly sigma: 0.05;
    readonly kLargest: 5;
    readonly k: 7;
    readonly rollN: 50000;
};
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
/** N float32 points on a noisy 2-D spiral, [N, 2], as the tutorial draws them (np.random is not seeded there; `rng` is). */
export declare function spiral(N: number, rng: Generator): Tensor;
/** A noisy Swiss roll of R float32 points in the unit cube, [R, 3], and the angle t of each point along the roll. */
export declare function swissRoll(R: number, rng: Generator): {
    points: Tensor;
    t: Float64Array;
};
/**
 * The Swiss roll's kernel scale and cell size for R points. The tutorial runs 10^6 points at
 * sigma = 0.01 on a GPU (eps = 0.05); on CPUs we take fewer points, with sigma = 0.02 at 10^5
 * points growing like 1 / sqrt(R), so that each point keeps about as many neighbours, and
 * cells of 1.5 sigma (bench/RESULTS.md, eigsh section). A given sigma keeps its cells of 1.5 sigma.
 */
export declare function rollScales(R: number, sigma?: number): {
    sigma: number;
    eps: number;
};
/** The symbolic Gaussian RBF kernel matrix of the rows of x at scale sigma: exp(-|x_i - x_j|^2 / (2 sigma^2)), [N, N]. */
export declare function gaussianKernel(x: Tensor, sigma: number): LazyTensor;
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
export declare function graphLaplacians(Kxx: LazyTensor, { backend, signal, ranges }?: OperatorOptions & {
    ranges?: BlockRanges;
}): Promise<GraphLaplacians>;
/** eigsh(A, { k, which }) with the signal, the progress callback and the stopping rules passed through, timed. */
export declare function spectrum(A: LinearOperator, k: number, which: Which, { signal, onProgress, tol, maxiter }?: SolveOptions): Promise<Spectrum>;
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
export declare function blockSparseSetup(points: Tensor, sigma: number, eps: number, { pause }?: {
    pause?: () => Promise<void>;
}): Promise<BlockSparseSetup>;
/**
 * Column `col` of eigenvectors computed on the sorted points, in the original order of the
 * points: sorted row s is original point perm[s].
 */
export declare function unsortColumn(vectors: Tensor, perm: Tensor, col: number): Float64Array;
