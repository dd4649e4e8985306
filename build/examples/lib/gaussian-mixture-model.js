// The Gaussian-mixture model of the pykeops tutorial ("Fitting a Gaussian Mixture Model"), its
// data and its training loop, shared by the Node example (examples/gaussian-mixture.ts) and the
// site's live page (site/pages/gaussian-mixture.ts). It imports the library and nothing from
// Node, so that a browser bundle can take it as it is.
//
// A mixture of M Gaussians with weights W_j = softmax(w)_j and inverse covariances
// Sigma_j^-1 = A_j A_j^T is fitted to a noisy spiral of N points by Adam on
//   Cost = - 1/N sum_i log likelihood(x_i) + s/M sum_j sqrt(W_j),
// a negative log-likelihood with a concave sparsity prior that empties some of the clusters.
// The log-likelihood is one weighted logsumexp reduction over the N x M pairs, never stored.
import { tensor, Vi, Vj, Adam, noGrad } from '../../src/index.js';
/** The tutorial's sizes: 10,000 points, 30 components, sparsity 20, 501 Adam steps at lr 0.1. */
export const TUTORIAL = { N: 10000, M: 30, sparsity: 20, iterations: 501, lr: 0.1 };
/** N float32 points on a noisy spiral in the unit square, [N, 2], as the tutorial draws them. */
export function spiral(N, rng) {
    const x = tensor(new Float32Array(2 * N), [N, 2]);
    for (let i = 0; i < N; i++) {
        const t = (2 * Math.PI * i) / N; // torch.linspace(0, 2 pi, N + 1)[:-1]
        x.data[2 * i] = 0.5 + 0.4 * (t / 7) * Math.cos(t) + 0.02 * rng.normal();
        x.data[2 * i + 1] = 0.5 + 0.3 * Math.sin(t) + 0.02 * rng.normal();
    }
    return x;
}
/** A res x res grid of cell centres on the unit square, [res * res, 2]: row r, column c is (c, r). */
export function unitGrid(res) {
    const ticks = Array.from({ length: res }, (_, k) => k / res + 0.5 / res);
    const grid = tensor(new Float32Array(2 * res * res), [res * res, 2]);
    for (let r = 0; r < res; r++) {
        for (let c = 0; c < res; c++) {
            grid.data[2 * (r * res + c)] = ticks[c];
            grid.data[2 * (r * res + c) + 1] = ticks[r];
        }
    }
    return grid;
}
export class GaussianMixture {
    /** gamma: the inverse covariances / 2, [M, D * D]; set by updateCovariances(). */
    params;
    mu;
    A;
    w;
    sparsity;
    /** Passed to every reduction (and so to its gradient): the backend and an AbortSignal. */
    reduceOptions = {};
    constructor(M, sparsity = 0, { D = 2, rng }) {
        this.params = {};
        // We initialise our model with random blobs scattered across the unit square, with a
        // small-ish radius. As in the tutorial, only A and w are optimised; the tutorial also sets
        // requires_grad on mu and on the sample x, whose gradients it never uses, so we leave them
        // out (they would add a gradient reduction over j for x and widen the one over i).
        this.mu = tensor(Float32Array.from({ length: M * D }, rng.uniform), [M, D]);
        const A = new Float32Array(M * D * D);
        for (let j = 0; j < M; j++)
            for (let d = 0; d < D; d++)
                A[j * D * D + d * D + d] = 15; // 15 * eye(D)
        this.A = tensor(A, [M, D, D], { requiresGrad: true });
        this.w = tensor(new Float32Array(M).fill(1), [M, 1], { requiresGrad: true });
        this.sparsity = sparsity;
    }
    /** Computes the full covariance matrices from the model's parameters. */
    updateCovariances() {
        const [M, D] = this.A.shape;
        this.params.gamma = this.A.matmul(this.A.transpose(1, 2)).view(M, D * D).div(2);
    }
    /** Computes the determinants of the covariance matrices (2 x 2 only, by hand as in the tutorial). */
    covariancesDeterminants() {
        const S = this.params.gamma; // weights() and weightsLog() run after updateCovariances()
        if (S.shape[1] !== 2 * 2)
            throw new Error('covariancesDeterminants: only D = 2 is implemented');
        const dets = S.select(1, 0).mul(S.select(1, 3)).sub(S.select(1, 1).mul(S.select(1, 2)));
        return dets.view(-1, 1);
    }
    /** Scalar factor in front of the exponential, in the density formula. */
    weights() {
        return this.w.softmax(0).mul(this.covariancesDeterminants().sqrt());
    }
    /** Logarithm of the scalar factor, in front of the exponential. */
    weightsLog() {
        return this.w.logSoftmax(0).add(this.covariancesDeterminants().log().mul(0.5));
    }
    /** Samples the density on a given point cloud. */
    likelihoods(sample) {
        this.updateCovariances();
        return Vi(sample).weightedsqdist(Vj(this.mu), Vj(this.params.gamma)).neg().exp().mul(Vj(this.weights())).sum(1, this.reduceOptions);
    }
    /** Log-density, sampled on a given point cloud. */
    logLikelihoods(sample) {
        this.updateCovariances();
        const K_ij = Vi(sample).weightedsqdist(Vj(this.mu), Vj(this.params.gamma)).neg();
        return K_ij.logsumexp(1, { ...this.reduceOptions, weight: Vj(this.weights()) });
    }
    /** Returns -log(likelihood(sample)) up to an additive factor. */
    async neglogLikelihood(sample) {
        const ll = await this.logLikelihoods(sample);
        const logLikelihood = ll.mean();
        // We add a custom sparsity prior, which promotes empty clusters through a soft,
        // concave penalisation on the class weights.
        return logLikelihood.neg().add(this.w.softmax(0).sqrt().mean().mul(this.sparsity));
    }
    /** The density and the log-density on `grid`, without a gradient graph: what the maps draw. */
    densityMaps(grid) {
        return noGrad(async () => ({ density: await this.likelihoods(grid), logDensity: await this.logLikelihoods(grid) }));
    }
}
/**
 * Fits the mixture to `sample` by Adam on [A, w], as the tutorial does; resolves to the cost at
 * every iteration. Rejects with an AbortError when `signal` aborts.
 */
export async function fit(model, sample, { iterations, lr = TUTORIAL.lr, signal, onStep }) {
    // In typical PyTorch fashion, we fit the mixture by gradient descent on the empirical
    // log-likelihood with the sparsity prior.
    const optimizer = new Adam([model.A, model.w], { lr });
    const loss = new Float64Array(iterations);
    for (let it = 0; it < iterations; it++) {
        signal?.throwIfAborted();
        optimizer.zeroGrad();
        const cost = await model.neglogLikelihood(sample); // cost to minimise
        await cost.backward(); // backpropagate to compute the gradients
        loss[it] = cost.item();
        const pending = onStep?.(it, loss[it]);
        if (pending)
            await pending;
        optimizer.step();
    }
    return loss;
}
