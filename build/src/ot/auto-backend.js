/**
 * Resolves options.backend for one call of samplesLoss or transportPlan: an explicit backend
 * as given (checked against cluster labels and this build), 'auto' by the measured cost model
 * of backend-choice.ts on this call's sizes, schedule and options.
 */
import { isGradEnabled } from '../autograd/grad-mode.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import { Vi, Vj } from '../api/variables.js';
import { ValueError } from '../errors.js';
import { measuredCosts } from './backend-calibration.js';
import { chooseOTBackend, secondsAt } from './backend-choice.js';
import { multiscaleAvailable } from './sinkhorn-multiscale.js';
import { gridCluster } from '../cluster/grid-cluster.js';
/**
 * Whether a cost or kernel function builds a LazyTensor from (Vi(x), Vj(y)): called once on
 * the first point of each cloud. A function that throws or returns a dense Tensor is one for
 * the 'tensorized' backend only.
 */
function functionIsLazy(name, opts, x, y) {
    const D = x.shape[x.ndim - 1];
    const one = (t) => t.detach().reshape([-1, D]).narrow(0, 0, 1);
    try {
        const out = name === 'sinkhorn' || name === 'hausdorff'
            ? opts.cost(Vi(one(x)), Vj(one(y)))
            : opts.kernel(Vi(one(x)), Vj(one(y)), opts.blur);
        return out instanceof LazyTensor;
    }
    catch {
        return false;
    }
}
/** Which backends can run this call's options (before sizes: the cost model decides among them). */
function feasibleBackends(name, opts, s, t) {
    const fn = typeof (name === 'sinkhorn' || name === 'hausdorff' ? opts.cost : opts.kernel) === 'function';
    const lazy = !fn || functionIsLazy(name, opts, t.x, t.y);
    return {
        // A function that builds LazyTensors was written for the lazy backends (Tensors lack their methods).
        tensorized: !fn || !lazy,
        online: lazy,
        // GeomLoss's multiscale conditions: Sinkhorn, p = 2, D <= 3; kernel truncation evaluates the
        // cost between centroids, which a cost function cannot do.
        multiscale: lazy && name === 'sinkhorn' && opts.p === 2 && s.D <= 3 && multiscaleAvailable() && (!fn || opts.truncate === null),
    };
}
/** The choice of an explicit backend (no estimates: nothing was measured). */
function explicit(backend, why) {
    return { backend, reason: why, estimates: { tensorized: NaN, online: NaN, multiscale: NaN } };
}
/**
 * The backend of one call. `where` names the caller in errors; `costs`, when given, replaces
 * the measurement (tests inject timings to make the choice deterministic).
 */
export async function selectBackend(where, name, opts, s, t, scaling, costs) {
    const backend = opts.backend;
    if (opts.cluster) {
        // A cluster runs reductions: the online routine's, whatever the sizes.
        if (t.labels)
            throw new ValueError(`${where}: options.cluster runs the 'online' routine, which takes no cluster labels`);
        if (backend !== 'auto' && backend !== 'online')
            throw new ValueError(`${where}: options.cluster runs the 'online' routine; options.backend must be 'auto' or 'online', received '${backend}'`);
        return explicit('online', 'options.cluster: the online routine, its reductions on the cluster');
    }
    if (t.labels) {
        if (backend !== 'auto' && backend !== 'multiscale')
            throw new ValueError(`${where}: explicit cluster labels are only supported by the 'auto' and 'multiscale' backends`);
        checkMultiscale(where, 'multiscale');
        return explicit('multiscale', 'cluster labels were given: multiscale');
    }
    if (backend !== 'auto') {
        checkMultiscale(where, backend);
        return explicit(backend, `options.backend is '${backend}'`);
    }
    const problem = {
        loss: name,
        B: Math.max(1, s.B),
        N: s.N,
        M: s.M,
        D: s.D,
        p: opts.p,
        debias: opts.debias,
        potentials: opts.potentials,
        grad: isGradEnabled() && [t.a, t.x, t.b, t.y].some((u) => u.requiresGrad),
        epsList: scaling.epsList,
        diameter: scaling.diameter,
        blur: opts.blur,
        truncate: opts.truncate,
        clusterScale: opts.clusterScale,
        feasible: feasibleBackends(name, opts, s, t),
    };
    if (problem.feasible.multiscale)
        problem.clusters = clusterCounts(opts, s, t, scaling);
    const dtype = t.x.dtype === 'float64' || t.y.dtype === 'float64' ? 'float64' : 'float32';
    const x = t.x.reshape([-1, s.D]).narrow(0, 0, s.N), y = t.y.reshape([-1, s.D]).narrow(0, 0, s.M);
    const measure = (sparse) => measuredCosts({ name, opts, dtype, N: s.N, M: s.M, D: s.D, sparse, x, y });
    const measured = costs ?? await measure(false);
    const choice = chooseOTBackend(problem, measured);
    // Multiscale won with block-sparse reductions as fast as dense ones: measure them (some 30
    // reductions of 10^6 pairs) and choose again, unless that best case gains less than the
    // measurement costs (small problems: then it is not a candidate).
    if (choice.backend === 'multiscale' && !measured.sparse && !costs) {
        const gain = Math.min(choice.estimates.online, choice.estimates.tensorized) - choice.estimates.multiscale;
        if (gain > 30 * secondsAt(measured.engine.forward, 1 << 20))
            return chooseOTBackend(problem, await measure(true));
        const without = chooseOTBackend({ ...problem, feasible: { ...problem.feasible, multiscale: false } }, measured);
        return { ...without, reason: `${without.reason}; multiscale not measured: at best it would gain less than measuring it` };
    }
    return choice;
}
/**
 * The clusters multiscale would make of x and y (of the first measures of a batch): the
 * non-empty cells of the grid at its cluster scale. O(N), a small part of any call that could
 * take multiscale; clouds that fill a part of their box have fewer, fuller clusters.
 */
function clusterCounts(opts, s, t, scaling) {
    const scale = opts.clusterScale ?? scaling.diameter / (Math.sqrt(s.D) * 2000 ** (1 / s.D));
    const count = (p, n) => {
        const labels = gridCluster(p.detach().reshape([-1, s.D]).narrow(0, 0, n), scale).data;
        let max = -1;
        for (let k = 0; k < labels.length; k++)
            if (labels[k] > max)
                max = labels[k];
        return max + 1;
    };
    return { x: count(t.x, s.N), y: count(t.y, s.M) };
}
function checkMultiscale(where, backend) {
    if (backend === 'multiscale' && !multiscaleAvailable()) {
        throw new ValueError(`${where}: the 'multiscale' backend needs block-sparse reductions (the \`ranges\` reduction option), which this build does not support yet; use 'online'`);
    }
}
