import { type Tensor, type Backend } from '../../src/index.js';
import type { Generator } from './random.js';
/** The tutorial's sizes: 10,000 points, 30 components, sparsity 20, 501 Adam steps at lr 0.1. */
export declare const TUTORIAL: {
    readonly N: 10000;
    readonly M: 30;
    readonly sparsity: 20;
    readonly iterations: 501;
    readonly lr: 0.1;
};
/** N float32 points on a noisy spiral in the unit square, [N, 2], as the tutorial draws them. */
export declare function spiral(N: number, rng: Generator): Tensor;
/** A res x res grid of cell centres on the unit square, [res * res, 2]: row r, column c is (c, r). */
export declare function unitGrid(res: number): Tensor;
/** Options every reduction of the model takes: which engine runs it, and a signal that stops it. */
export interface ModelReduceOptions {
    backend?: Backend;
    signal?: AbortSignal;
}
export declare class GaussianMixture {
    /** gamma: the inverse covariances / 2, [M, D * D]; set by updateCovariances(). */
    params: {
        gamma?: Tensor;
    };
    mu: Tensor;
    A: Tensor;
    w: Tensor;
    sparsity: number;
    /** Passed to every reduction (and so to its gradient): the backend and an AbortSignal. */
    reduceOptions: ModelReduceOptions;
    constructor(M: number, sparsity: number | undefined, { D, rng }: {
        D?: number;
        rng: Generator;
    });
    /** Computes the full covariance matrices from the model's parameters. */
    updateCovariances(): void;
    /** Computes the determinants of the covariance matrices (2 x 2 only, by hand as in the tutorial). */
    covariancesDeterminants(): Tensor;
    /** Scalar factor in front of the exponential, in the density formula. */
    weights(): Tensor;
    /** Logarithm of the scalar factor, in front of the exponential. */
    weightsLog(): Tensor;
    /** Samples the density on a given point cloud. */
    likelihoods(sample: Tensor): Promise<Tensor>;
    /** Log-density, sampled on a given point cloud. */
    logLikelihoods(sample: Tensor): Promise<Tensor>;
    /** Returns -log(likelihood(sample)) up to an additive factor. */
    neglogLikelihood(sample: Tensor): Promise<Tensor>;
    /** The density and the log-density on `grid`, without a gradient graph: what the maps draw. */
    densityMaps(grid: Tensor): Promise<{
        density: Tensor;
        logDensity: Tensor;
    }>;
}
export interface FitOptions {
    iterations: number;
    /** Adam's learning rate (default 0.1, the tutorial's). */
    lr?: number;
    /** Checked before each step; a step under way stops through the model's reduceOptions.signal. */
    signal?: AbortSignal;
    /**
     * Called after each step's cost and gradient, before the parameters move (where the
     * tutorial draws its figures). A returned promise is awaited before the step goes on.
     */
    onStep?: (it: number, cost: number) => void | Promise<void>;
}
/**
 * Fits the mixture to `sample` by Adam on [A, w], as the tutorial does; resolves to the cost at
 * every iteration. Rejects with an AbortError when `signal` aborts.
 */
export declare function fit(model: GaussianMixture, sample: Tensor, { iterations, lr, signal, onStep }: FitOptions): Promise<Float64Array>;
