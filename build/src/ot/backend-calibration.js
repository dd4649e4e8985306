/**
 * The timings behind `backend: 'auto'` (backend-choice.ts), measured in this process on the
 * engines that will run the loss: the wasm engine's lazy reduction of the loss's own formula
 * (forward and backward) at a few sizes, a block-sparse one against it, and the 'tensorized'
 * backend's dense softmin, cost matrix and backward. Measured once per formula, dtype, dimension and engine
 * set-up (configure() changes the last), extended to larger sizes when a larger problem comes;
 * a faster engine is picked up by the next process without any constant to retune.
 *
 * A problem of n^2 pairs pays at most the measurements up to the next size above n (a few
 * reductions of at most that size, plus those already made).
 */
import { Yielder } from '../abort.js';
import { Vj } from '../api/variables.js';
import { reductionAdapter } from '../api/reduce.js';
import { settings } from '../dispatch/wasm-host.js';
import { fromMatrix } from '../cluster/block-ranges.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { lazyCost } from './cost.js';
import { lazyKernel } from './kernel-samples.js';
import { estimateBackends } from './backend-choice.js';
import { scalingParameters } from './epsilon-schedule.js';
import { multiscaleRoutine } from './sinkhorn-multiscale.js';
import { pairwiseCost } from './pairwise-cost.js';
import { softminTensorized } from './softmin-tensorized.js';
/**
 * Side lengths n of the n x n engine measurements (the larger ones only when a problem needs
 * them): the fixed cost, the calling thread, and 10^6 pairs on the worker pool.
 */
const ENGINE_SIDES = [8, 64, 256, 1024];
/**
 * Side lengths of the host measurements: in cache, then out of it (the dense loops cost more
 * per pair once the matrix leaves the cache).
 */
const HOST_SIDES = [16, 64, 256];
/** Mean cluster sizes of the block-sparse measurement. */
const CLUSTER_SIZES = [4, 16, 64, 256];
/**
 * Dense and block-sparse reductions timed in turn this many times per size, the least of each
 * kept: with 3, a busy machine (another process on a core) left no clean run of the sparse
 * one often enough to double a ratio, and 3-D multiscale's estimate at 10^4 points with it.
 */
const SPARSE_ROUNDS = 6;
/** Points in the unit cube (a fixed generator: the same measurement in every process). */
function points(n, D, dtype, seed) {
    const data = allocateData(dtype, n * D);
    let s = seed;
    for (let k = 0; k < data.length; k++)
        data[k] = (s = (s * 16807) % 2147483647) / 2147483647;
    return new Tensor(data, [n, D]);
}
/** Least wall time (a busy machine only adds to it) of `reps` runs of `f`, after `warm` unmeasured ones (the JIT's turn). */
async function timeMin(f, reps, warm = 1) {
    for (let w = 0; w < warm; w++)
        await f();
    let best = Infinity;
    for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        await f();
        best = Math.min(best, performance.now() - t0);
    }
    return best / 1000;
}
/**
 * The formula of one reduction of the loss: the softmin of the cost (sinkhorn, hausdorff) or
 * the kernel product (energy, gaussian, laplacian). A cost or kernel function is replaced by
 * the default one for p (it may not be cheap or pure to call); formula strings are used as given.
 */
function formulaOf(name, opts) {
    if (name === 'sinkhorn' || name === 'hausdorff') {
        const given = typeof opts.cost === 'string' ? opts.cost : null;
        const cost = lazyCost(opts.p, given);
        return { key: `softmin|${given ?? `p=${opts.p}`}`, lazy: (x, y, h) => cost(x, y, -10).add(Vj(h.reshape([h.size, 1]))), reduce: 'logsumexp' };
    }
    const kernel = typeof opts.kernel === 'string' ? opts.kernel : null;
    const { K } = lazyKernel(name, kernel, opts.blur);
    return { key: `kernel|${name}|${kernel ?? 'default'}`, lazy: (x, y, h) => K(x, y).mul(Vj(h.reshape([h.size, 1]))), reduce: 'sum' };
}
const engineEntries = new Map();
const emptyHost = () => ({ softmin: { pairs: [], seconds: [] }, softminCold: { pairs: [], seconds: [] }, cost: { pairs: [], seconds: [] }, backward: { pairs: [], seconds: [] }, busy: null });
let hostEntry = emptyHost();
let injected = null;
/** Forgets every measurement (tests; a process whose machine changed load for good). */
export function clearCalibration() {
    engineEntries.clear();
    hostEntry = emptyHost();
}
/**
 * Uses `costs` instead of measuring (null: measure again), so that a test makes 'auto'
 * deterministic; returns the previous injection.
 */
export function injectCalibration(costs) {
    const previous = injected;
    injected = costs;
    return previous;
}
async function run(lazy, reduce, ranges) {
    const options = ranges === undefined ? {} : { ranges };
    return reduce === 'logsumexp' ? lazy.logsumexp(1, options) : lazy.sum(1, options);
}
async function measureEngineSide(entry, n, D, dtype, formula) {
    const x = points(n, D, dtype, 11);
    const y = points(n, D, dtype, 23);
    const h = points(n, 1, dtype, 37).reshape([n]);
    // The largest side runs on the worker pool, whose timings scatter by 2-4x from run to run
    // (wake-ups, a busy core): the least of 4 (a few milliseconds each) steadies the estimates
    // of a thousand points, which rest on it alone.
    const reps = n <= 64 ? 5 : n <= 256 ? 3 : 4;
    const forward = await timeMin(() => run(formula.lazy(x, y, h), formula.reduce), reps);
    const xg = new Tensor(x.data, x.shape, true);
    const both = await timeMin(async () => {
        const out = await run(formula.lazy(xg, y, h), formula.reduce);
        await out.sum().backward();
        xg.grad = null;
    }, Math.min(reps, 4));
    entry.engineForward.pairs.push(n * n);
    entry.engineForward.seconds.push(forward);
    entry.engineBackward.pairs.push(n * n);
    entry.engineBackward.seconds.push(Math.max(both - forward, forward * 0.1));
}
/**
 * For multiscale in 3-D: the block-sparse reduction against the dense one (every block kept,
 * clusters of 4 to 256 points among 1024: on the worker pool as large problems are). Some 100
 * reductions of 10^6 pairs.
 */
async function measureSparseRatios(entry, req, formula) {
    const { D, dtype } = req;
    const n = 1024;
    const x = points(n, D, dtype, 11);
    const y = points(n, D, dtype, 23);
    const h = points(n, 1, dtype, 37).reshape([n]);
    const clusterSize = [], ratio = [];
    for (const size of CLUSTER_SIZES) {
        const c = n / size;
        const r = new Int32Array(2 * c);
        for (let k = 0; k < c; k++)
            [r[2 * k], r[2 * k + 1]] = [k * size, (k + 1) * size];
        const ranges = fromMatrix(r, r, new Uint8Array(c * c).fill(1));
        // Dense and sparse in turn, the least of each: a change of load hits both, and a busy
        // machine only adds time. The dense one is timed over a batch of calls as long as one
        // sparse call: a short window finds a quiet moment on a busy machine more often than a
        // long one, which biased the ratio of small clusters (5x slower) upwards by up to 2x.
        let dense = Infinity, t = Infinity, batch = 1;
        for (let r = 0; r < SPARSE_ROUNDS; r++) {
            const calls = batch;
            dense = Math.min(dense, (await timeMin(async () => {
                for (let k = 0; k < calls; k++)
                    await run(formula.lazy(x, y, h), formula.reduce);
            }, 1, r === 0 ? 1 : 0)) / calls);
            const sparse = await timeMin(() => run(formula.lazy(x, y, h), formula.reduce, ranges), 1, r === 0 ? 1 : 0);
            t = Math.min(t, sparse);
            batch = Math.max(1, Math.min(16, Math.round(sparse / dense)));
        }
        clusterSize.push(size);
        // Larger clusters are never slower (fewer blocks): a higher ratio there is the load's.
        ratio.push(Math.max(1, Math.min(t / dense, ratio[ratio.length - 1] ?? Infinity)));
    }
    entry.ratios = { clusterSize, ratio };
}
/**
 * For multiscale: a whole call on 64 points (clustering, sorting, ranges, the coarse loop and
 * the extrapolation), the least of three after three cold ones: ~0.15 s, once per process.
 * What it takes beyond its estimate is the fixed cost of every multiscale call.
 */
async function measureMultiscaleCall(entry, req) {
    const { D, dtype } = req;
    const m = 64;
    const xs = points(m, D, dtype, 41), ys = points(m, D, dtype, 43);
    const w = new Tensor(allocateData(dtype, m).fill(1 / m), [m]);
    const opts = { ...req.opts, potentials: false, verbose: false, onProgress: undefined, signal: undefined };
    const scaling = scalingParameters(xs, ys, opts.p, opts.blur, opts.reach, opts.diameter, opts.scaling);
    const routine = multiscaleRoutine('sinkhorn', null, null);
    const yielder = new Yielder('samplesLoss (calibration)', undefined, Infinity);
    // The first calls of the routine in a process run cold (V8 has not optimised its host
    // code yet): 3 of them untimed, then the least of 3. With 1 and 2 the fixed cost of 2-D
    // came out at 4-20 ms from process to process, 1-10 ms with these.
    const seconds = await timeMin(() => routine(w, xs, w, ys, opts, { scaling, batch: 0, yielder }), 3, 3);
    const problem = {
        loss: 'sinkhorn', B: 1, N: m, M: m, D, p: opts.p, debias: opts.debias, potentials: false, grad: false, epsList: scaling.epsList,
        diameter: scaling.diameter, blur: opts.blur, truncate: opts.truncate, clusterScale: opts.clusterScale, feasible: { tensorized: false, online: false, multiscale: true },
    };
    entry.smallCall = { seconds, problem };
}
/**
 * The block-sparse part of the costs: the ratios when measured (none: sparseRatio's optimistic
 * 1), and the fixed cost of a call (the small call less its estimate on the present curves);
 * undefined before the small call.
 */
function sparseCosts(entry, engine, host) {
    if (!entry.smallCall)
        return undefined;
    const sparse = { clusterSize: entry.ratios?.clusterSize ?? [], ratio: entry.ratios?.ratio ?? [], fixed: 0 };
    const estimate = estimateBackends(entry.smallCall.problem, { engine, sparse, host, gpu: false }).multiscale;
    sparse.fixed = Math.max(0, entry.smallCall.seconds - estimate);
    return sparse;
}
/**
 * The 'tensorized' backend's dense passes at side n: cost matrix, softmin (on the engine's
 * synchronous kernel where it runs, src/dispatch/dense-softmin.ts) and backward; one set per process.
 */
async function measureHostSide(host, n) {
    // Never yields: the measurement is of the loops, not of the event loop's other work.
    const yielder = new Yielder('samplesLoss (calibration)', undefined, Infinity);
    const x = points(n, 3, 'float32', 11).reshape([1, n, 3]);
    const y = points(n, 3, 'float32', 23).reshape([1, n, 3]);
    const h = points(n, 1, 'float32', 37).reshape([1, n]);
    // The JIT's turn at the small sizes; a large matrix (out of cache) is measured once warm.
    const [reps, warm] = n <= 128 ? [5, 5] : [2, 1];
    const C = pairwiseCost(x, y, 'halfsqdist');
    if (host.softmin.pairs.length === 0) {
        // V8 optimises these loops after some 50 calls (5x faster): a run of any length is timed
        // with them optimised, so the first measurement comes after 150 calls (tiny: 256 pairs).
        const xs = new Tensor(x.data.slice(0, 48), [1, 16, 3], true);
        const ys = new Tensor(y.data.slice(0, 48), [1, 16, 3]);
        const hs = new Tensor(h.data.slice(0, 16), [1, 16]);
        for (let k = 0; k < 150; k++) {
            const f = await softminTensorized(k % 2 ? 0.1 : 1e-9, pairwiseCost(xs, ys, 'halfsqdist'), hs, yielder);
            if (k % 3 === 0) {
                await f.sum().backward();
                xs.grad = null;
            }
        }
    }
    const tCost = await timeMin(async () => pairwiseCost(x, y, 'halfsqdist'), reps, warm);
    const tSoftmin = await timeMin(() => softminTensorized(0.1, C, h, yielder), reps, warm);
    // Costs up to 1.5 at a temperature of 1e-9: every term but the row's largest is skipped.
    const tCold = await timeMin(() => softminTensorized(1e-9, C, h, yielder), reps, warm);
    const xg = new Tensor(x.data, x.shape, true);
    const tBoth = await timeMin(async () => {
        const f = await softminTensorized(0.1, pairwiseCost(xg, y, 'halfsqdist'), h, yielder);
        await f.sum().backward();
        xg.grad = null;
    }, reps, warm);
    for (const [curve, t] of [[host.cost, tCost], [host.softmin, tSoftmin], [host.softminCold, tCold], [host.backward, Math.max(tBoth - tCost - tSoftmin, tSoftmin * 0.1)]]) {
        curve.pairs.push(n * n);
        curve.seconds.push(t);
    }
}
/** Measures `sides` up to the first at least `side` (those not measured yet), one measurement at a time. */
async function grow(entry, sides, side, measure, done) {
    while (entry.busy)
        await entry.busy;
    const wanted = sides.findIndex((n) => n >= side);
    const upTo = wanted < 0 ? sides.length : wanted + 1;
    if (done() >= upTo)
        return;
    entry.busy = (async () => {
        for (let k = done(); k < upTo; k++)
            await measure(sides[k]);
    })();
    try {
        await entry.busy;
    }
    finally {
        entry.busy = null;
    }
}
/**
 * The measured timings for one call, measuring what is missing first: the engine up to the
 * first measured size at least as large as the call's clouds, the block-sparse ratio when
 * asked.
 */
export async function measuredCosts(req) {
    if (injected)
        return injected;
    const formula = formulaOf(req.name, req.opts);
    const key = `${formula.key}|${req.dtype}|D=${req.D}|threads=${settings.threads ?? 'default'}|pool=${settings.poolThreshold}|${settings.workerMemory}`;
    let entry = engineEntries.get(key);
    if (!entry) {
        entry = { engineForward: { pairs: [], seconds: [] }, engineBackward: { pairs: [], seconds: [] }, busy: null };
        engineEntries.set(key, entry);
    }
    const side = Math.max(req.N, req.M);
    const e = entry;
    await grow(hostEntry, HOST_SIDES, side, (n) => measureHostSide(hostEntry, n), () => hostEntry.softmin.pairs.length);
    await grow(e, ENGINE_SIDES, side, (n) => measureEngineSide(e, n, req.D, req.dtype, formula), () => e.engineForward.pairs.length);
    if (req.sparse === true && !e.ratios)
        await grow(e, [0], 0, () => measureSparseRatios(e, req, formula), () => (e.ratios ? 1 : 0));
    if (req.sparse && !e.smallCall)
        await grow(e, [0], 0, () => measureMultiscaleCall(e, req), () => (e.smallCall ? 1 : 0));
    const h = hostEntry;
    const monotone = (c) => ({ pairs: c.pairs, seconds: c.seconds.map((_, k) => Math.min(...c.seconds.slice(k))) });
    const gpu = req.dtype === 'float32' && (await reductionAdapter(formula.lazy(req.x.detach(), req.y.detach(), new Tensor(allocateData(req.dtype, req.M), [req.M])), formula.reduce === 'logsumexp' ? 'LOGSUMEXP' : 'SUM', 1)) === 'webgpu';
    const engine = { forward: monotone(e.engineForward), backward: monotone(e.engineBackward) };
    const host = { softmin: monotone(h.softmin), softminCold: monotone(h.softminCold), cost: monotone(h.cost), backward: monotone(h.backward) };
    return { engine, sparse: sparseCosts(e, engine, host), host, gpu };
}
