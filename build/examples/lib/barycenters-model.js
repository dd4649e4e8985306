// The models of GeomLoss's "Wasserstein barycenters in 1D" tutorial
// (geomloss/examples/optimal_transport/plot_wasserstein_barycenters_1D.py), its data and its
// three L-BFGS runs, shared by the Node example (examples/wasserstein-barycenters-1d.ts) and the
// site's live page (site/pages/wasserstein-barycenters.ts). It imports the library and nothing
// from Node, so that a browser bundle can take it as it is.
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
import { tensor, samplesLoss, lbfgs, noGrad } from '../../src/index.js';
/**
 * The tutorial's sizes: N = M = 50 points (its CPU setting; its gallery ran on a GPU with 500,
 * hence its initial cost 0.1210 where 50 points give 0.1221; both converge to 0.0904), and at
 * most 500 L-BFGS iterations per run.
 */
export const TUTORIAL = { N: 50, M: 50, maxIter: 500 };
/** The time the GeomLoss tutorial reports for its whole script (1 min 46.159 s). */
export const PYTHON_SECONDS = 106.159;
/** Evenly spaced float32 values from a to b, both included (torch.linspace). */
export function linspace(n, a, b) {
    return Float32Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
}
/** The endpoints and the uniform starting sample, as the tutorial builds them. */
export function barycenterData(N = TUTORIAL.N, M = TUTORIAL.M) {
    const t_i = linspace(M, 0, 1);
    const X_i = tensor(t_i.map((t) => 0.1 * t), [M, 1]); // interval [0, 0.1]
    const Y_j = tensor(t_i.map((t) => 0.2 * t + 0.8), [M, 1]); // interval [0.8, 1]
    // Both descents start from a uniform sample on the unit interval.
    const Z_k = tensor(linspace(N, 0, 1), [N, 1]);
    return { N, M, X_i, Y_j, Z_k };
}
/** Whether the tutorial draws a panel for evaluation `nit`: 0 to 4, then every 4th. */
export const isPanel = (nit) => nit <= 4 || nit % 4 === 0;
export class Barycenter {
    loss;
    w;
    x_i;
    y_j;
    z_k;
    // Set by fit().
    costs = [];
    /** The evaluations the tutorial draws as panels (isPanel). */
    snapshots = [];
    result;
    seconds = 0;
    constructor(loss, data, w = 0.5) {
        this.loss = loss; // Sinkhorn divergence to optimise
        this.w = w; // interpolation coefficient
        // We copy the reference starting points, to prevent in-place modification.
        this.x_i = tensor(data.X_i.data.slice(), data.X_i.shape);
        this.y_j = tensor(data.Y_j.data.slice(), data.Y_j.shape);
        this.z_k = tensor(data.Z_k.data.slice(), data.Z_k.shape);
    }
    /** The default weights are uniform, equal to 1/N. */
    weights() {
        return tensor(new Float32Array(this.z_k.shape[0]).fill(1 / this.z_k.shape[0]), [this.z_k.shape[0]]);
    }
    /** The current barycenter: positions and weights, copied. */
    snapshot(nit, cost) {
        return { nit, cost, z: this.z_k.data.slice(), c: noGrad(() => this.weights()).data.slice() };
    }
    /** Fits the model with L-BFGS, recording the cost of every closure evaluation ("nit"). */
    async fit({ tol = 1e-10, maxIter = TUTORIAL.maxIter, signal, onEvaluation } = {}) {
        this.costs = [];
        this.snapshots = [];
        const closure = async () => {
            const nit = this.costs.length;
            const cost = await this.forward();
            const value = cost.item();
            this.costs.push(value);
            const snapshot = isPanel(nit) || onEvaluation ? this.snapshot(nit, value) : null;
            if (snapshot && isPanel(nit))
                this.snapshots.push(snapshot);
            if (snapshot && onEvaluation)
                await onEvaluation(snapshot);
            return cost;
        };
        const start = performance.now();
        this.result = await lbfgs(closure, this.parameters(), { maxIter, tol, signal });
        this.seconds = (performance.now() - start) / 1000;
        return this;
    }
}
/** Fixed locations z_k; the log-weights l_k are optimised. */
export class EulerianBarycenter extends Barycenter {
    a_i;
    b_j;
    l_k;
    constructor(loss, data, w = 0.5) {
        super(loss, data, w);
        // We work with variable weights, so the (uniform) weights of the endpoints are explicit.
        this.a_i = tensor(new Float32Array(data.M).fill(1 / data.M), [data.M]);
        this.b_j = tensor(new Float32Array(data.M).fill(1 / data.M), [data.M]);
        // Our parameter: the logarithms of the weights.
        this.l_k = tensor(new Float32Array(data.N), [data.N], { requiresGrad: true });
    }
    parameters() {
        return [this.l_k];
    }
    /** The weights of a probability measure: softmax of the log-weights. */
    weights() {
        return this.l_k.softmax(0);
    }
    /** The cost to minimise. */
    async forward() {
        const c_k = this.weights();
        const toA = await this.loss(c_k, this.z_k, this.a_i, this.x_i);
        const toB = await this.loss(c_k, this.z_k, this.b_j, this.y_j);
        return toA.mul(this.w).add(toB.mul(1 - this.w));
    }
}
/** Uniform weights; the positions z_k are optimised. */
export class LagrangianBarycenter extends Barycenter {
    constructor(loss, data, w = 0.5) {
        super(loss, data, w);
        this.z_k = tensor(data.Z_k.data.slice(), data.Z_k.shape, { requiresGrad: true });
    }
    parameters() {
        return [this.z_k];
    }
    async forward() {
        // By default, the weights are uniform and sum up to 1.
        const toA = await this.loss(this.z_k, this.x_i);
        const toB = await this.loss(this.z_k, this.y_j);
        return toA.mul(this.w).add(toB.mul(1 - this.w));
    }
}
/** The tutorial's three runs, in its order. */
export const TUTORIAL_RUNS = [
    // A small blur with a large scaling (many Sinkhorn iterations): the cautious setting.
    { name: 'Eulerian (blur 0.001, scaling 0.99)', model: 'eulerian', blur: 0.001, scaling: 0.99, tol: 1e-10 },
    // The Lagrangian descent converges in a few iterations, even with a smaller scaling.
    { name: 'Lagrangian (blur 0.01, scaling 0.9)', model: 'lagrangian', blur: 0.01, scaling: 0.9, tol: 1e-10 },
    // The trade-off between speed and accuracy is tuned with tol and scaling.
    { name: 'Lagrangian (blur 0.01, scaling 0.5, tol 1e-5)', model: 'lagrangian', blur: 0.01, scaling: 0.5, tol: 1e-5 },
];
/** The name the tutorial would give a run with these settings. */
export function runName({ model, blur, scaling, tol }) {
    return `${model === 'eulerian' ? 'Eulerian' : 'Lagrangian'} (blur ${blur}, scaling ${scaling}${tol === 1e-10 ? '' : `, tol ${tol.toExponential()}`})`;
}
/** The model of one run, with its Sinkhorn loss: `SamplesLoss("sinkhorn", blur, scaling)`. */
export function createBarycenter(settings, data, { backend = 'auto', signal } = {}) {
    const loss = samplesLoss('sinkhorn', { blur: settings.blur, scaling: settings.scaling, backend, signal });
    return settings.model === 'eulerian' ? new EulerianBarycenter(loss, data) : new LagrangianBarycenter(loss, data);
}
