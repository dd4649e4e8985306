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
import { chooseOTBackend, multiscaleUsesSparseRatio, secondsAt } from './backend-choice.js';
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
/**
 * Whether the cost or kernel function of a loss's options builds LazyTensors, by options
 * object (a loss resolves them once and keeps them), loss and dtype: the probe calls the
 * user's function, which may be neither cheap nor pure, so once per loss.
 */
const lazyProbes = new WeakMap();
function functionIsLazyCached(name, opts, x, y) {
    let probes = lazyProbes.get(opts);
    if (!probes)
        lazyProbes.set(opts, (probes = new Map()));
    const key = `${name}|${x.dtype}|${y.dtype}|${x.shape[x.ndim - 1]}`;
    let lazy = probes.get(key);
    if (lazy === undefined)
        probes.set(key, (lazy = functionIsLazy(name, opts, x, y)));
    return lazy;
}
/** Which backends can run this call's options (before sizes: the cost model decides among them). */
function feasibleBackends(name, opts, s, t) {
    const fn = typeof (name === 'sinkhorn' || name === 'hausdorff' ? opts.cost : opts.kernel) === 'function';
    const lazy = !fn || functionIsLazyCached(name, opts, t.x, t.y);
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
    if (choice.backend !== 'multiscale' || costs)
        return choice;
    // Multiscale won on an optimistic estimate: without the fixed cost of a call (its
    // clustering and set-up) and, where fine iterations run on truncated cluster pairs,
    // block-sparse reductions as fast as dense ones.
    if (!multiscaleUsesSparseRatio(problem)) {
        // Only the fixed cost is missing: one multiscale call on 64 points, tens of milliseconds
        // once per process, always worth measuring (2-D at the default cluster scale).
        return measured.sparse ? choice : chooseOTBackend(problem, await measure('fixed'));
    }
    if (measured.sparse && measured.sparse.clusterSize.length > 0)
        return choice;
    // The block-sparse ratios cost some 100 reductions of 10^6 pairs (6 rounds of dense and
    // sparse at 4 cluster sizes, the sparse ones up to 5x slower): measured unless that best
    // case gains less than the measurement costs (small problems: then it is not a candidate).
    const gain = Math.min(choice.estimates.online, choice.estimates.tensorized) - choice.estimates.multiscale;
    if (gain > 100 * secondsAt(measured.engine.forward, 1 << 20))
        return chooseOTBackend(problem, await measure(true));
    const without = chooseOTBackend({ ...problem, feasible: { ...problem.feasible, multiscale: false } }, measured);
    return { ...without, reason: `${without.reason}; multiscale not measured: at best it would gain less than measuring it` };
}
/**
 * The clusters multiscale would make of x and y (of the first measures of a batch): the
 * non-empty cells of the grid at its cluster scale. O(N), a small part of any call that could
 * take multiscale; clouds that fill a part of their box have fewer, fuller clusters.
 */
function clusterCounts(opts, s, t, scaling) {
    const scale = opts.clusterScale ?? scaling.diameter / (Math.sqrt(s.D) * 2000 ** (1 / s.D));
    const count = (p, n) => {
        // Points passed again unchanged (a fixed target, a cloud between two steps of a flow
        // written through the library) are not counted again: id and version name their data.
        const key = `${p.id}@${p.version}|${n}|${s.D}|${scale}`;
        const known = clusterCountCache.get(key);
        if (known !== undefined)
            return known;
        const labels = gridCluster(p.detach().reshape([-1, s.D]).narrow(0, 0, n), scale).data;
        let max = -1;
        for (let k = 0; k < labels.length; k++)
            if (labels[k] > max)
                max = labels[k];
        clusterCountCache.set(key, max + 1);
        // A few clouds at a time are live in a process: keep the most recent ones.
        if (clusterCountCache.size > 32)
            clusterCountCache.delete(clusterCountCache.keys().next().value);
        return max + 1;
    };
    return { x: count(t.x, s.N), y: count(t.y, s.M) };
}
/** Cluster counts by tensor id, version, size and cluster scale (insertion order: oldest first). */
const clusterCountCache = new Map();
function checkMultiscale(where, backend) {
    if (backend === 'multiscale' && !multiscaleAvailable()) {
        throw new ValueError(`${where}: the 'multiscale' backend needs block-sparse reductions (the \`ranges\` reduction option), which this build does not support yet; use 'online'`);
    }
}
