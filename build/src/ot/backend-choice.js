/** Seconds of one call of `pairs` pairs on `curve`. */
export function secondsAt(curve, pairs) {
    const { pairs: P, seconds: S } = curve;
    const n = P.length;
    if (n === 0)
        return Infinity;
    if (pairs <= P[0])
        return S[0];
    for (let k = 1; k < n; k++) {
        if (pairs <= P[k])
            return S[k - 1] + ((S[k] - S[k - 1]) * (pairs - P[k - 1])) / (P[k] - P[k - 1]);
    }
    // Beyond the largest measurement: its marginal cost per pair (its mean one where noise made that negative).
    const last = n > 1 ? (S[n - 1] - S[n - 2]) / (P[n - 1] - P[n - 2]) : 0;
    const slope = last > 0 ? last : S[n - 1] / P[n - 1];
    return S[n - 1] + slope * (pairs - P[n - 1]);
}
/**
 * Block-sparse slowdown at a mean cluster size (1 when not measured: the optimistic bound, so
 * that the caller measures it when multiscale would win without it). Below the smallest
 * measured size, the per-block cost of the smallest measurement grows as 1 / size (clusters
 * of one point pay a block per pair); beyond the largest, the largest's ratio. Between two
 * measured sizes the excess (ratio - 1) follows the power law through them: it falls by
 * some 5x per 4x of cluster size (per-block work and partly filled tiles), so a straight line
 * between sizes 4 and 16 would put clusters of 9 points at twice their slowdown.
 */
export function sparseRatio(costs, clusterSize) {
    const s = costs.sparse;
    if (!s || s.clusterSize.length === 0)
        return 1;
    const sizes = s.clusterSize, ratios = s.ratio;
    const s0 = sizes[0], r0 = ratios[0];
    if (clusterSize < s0)
        return Math.max(1, 1 + ((r0 - 1) * s0) / Math.max(clusterSize, 1e-9));
    for (let k = 1; k < sizes.length; k++) {
        if (clusterSize > sizes[k])
            continue;
        const e0 = ratios[k - 1] - 1, e1 = ratios[k] - 1;
        // An excess of 0 (no slowdown measured) has no logarithm: a straight line there.
        if (!(e0 > 0 && e1 > 0))
            return Math.max(1, secondsAt({ pairs: sizes, seconds: ratios }, clusterSize));
        const slope = Math.log(e1 / e0) / Math.log(sizes[k] / sizes[k - 1]);
        return 1 + e0 * (clusterSize / sizes[k - 1]) ** slope;
    }
    return Math.max(1, ratios[ratios.length - 1]);
}
/** Counts of the routines in sinkhorn-samples.ts, hausdorff.ts and kernel-samples.ts. */
function workOf(q) {
    const { N, M } = q;
    const xy = N * M, xx = N * N, yy = M * M;
    if (q.loss === 'sinkhorn') {
        // Init, one update per temperature, the last (differentiable) step: 2 or 4 problems each.
        const pairs = q.debias ? [xy, xy, xx, yy] : [xy, xy];
        return { rounds: [{ pairs, times: q.epsList.length + 2 }], backward: q.grad ? pairs : [], builds: pairs, extraPasses: 0 };
    }
    if (q.loss === 'hausdorff') {
        // Two symmetric loops, four extensions; with gradients, transposed products and two
        // adjoint solves (Richardson, error / 3 per step: ~13 steps to 1e-6, ~25 to 1e-12).
        const loops = { pairs: [xx, yy], times: q.epsList.length + 1 };
        const ext = { pairs: [xx, xy, xy, yy], times: 1 };
        const adjoint = { pairs: [xx, yy], times: 16 };
        const transposed = { pairs: [xx, xy, xy, yy, xx, yy], times: 1 };
        const rounds = q.grad ? [loops, ext, adjoint, transposed] : [loops, ext];
        return { rounds, backward: q.grad ? [xx, xy, xy, yy] : [], builds: q.grad ? [xx, yy, xx, xy, xy, yy, xx, xy, xy, yy] : [xx, yy, xx, xy, xy, yy], extraPasses: 0 };
    }
    const pairs = q.potentials ? [xx, yy, xy, xy] : [xx, yy, xy];
    return { rounds: [{ pairs, times: 1 }], backward: q.grad ? pairs : [], builds: [xx, yy, xy], extraPasses: 2 };
}
function onlineSeconds(q, w, costs) {
    let s = 0;
    for (const r of w.rounds)
        for (const p of r.pairs)
            s += r.times * secondsAt(costs.engine.forward, p);
    for (const p of w.backward)
        s += secondsAt(costs.engine.backward, p);
    return q.B * s;
}
/**
 * The share of the pairs whose exponential the dense softmin computes at temperature eps: those
 * within 60 eps of their row's smallest cost, for points spread evenly in a cube of the
 * given diameter (a ball of radius (60 p eps)^(1/p) around the nearest point).
 */
function expShare(q, eps) {
    const side = q.diameter / Math.sqrt(q.D);
    if (!(side > 0))
        return 1;
    const radius = (60 * q.p * eps) ** (1 / q.p);
    return Math.min(1, ((Math.PI ** (q.D / 2) / gamma(q.D / 2 + 1)) * radius ** q.D) / side ** q.D);
}
/** Seconds of the rounds' dense softmins: between the cold and the warm pass by the schedule's temperatures. */
function denseSoftminSeconds(q, w, costs) {
    const { softmin, softminCold } = costs.host;
    const eps = q.epsList;
    // The mean share of computed exponentials over the loop's temperatures (1 without a schedule).
    const share = eps.length === 0 || !softminCold ? 1 : eps.reduce((t, e) => t + expShare(q, e), 0) / eps.length;
    let s = 0;
    for (const r of w.rounds) {
        for (const p of r.pairs) {
            const warm = secondsAt(softmin, q.B * p);
            const cold = softminCold ? Math.min(warm, secondsAt(softminCold, q.B * p)) : warm;
            s += r.times * (cold + share * (warm - cold));
        }
    }
    return s;
}
function tensorizedSeconds(q, w, costs) {
    const { softmin, cost, backward } = costs.host;
    // The dense loops run over the whole batch at once: one call of B times the pairs.
    let s = denseSoftminSeconds(q, w, costs);
    for (const p of w.builds)
        s += secondsAt(cost, q.B * p) + w.extraPasses * secondsAt(softmin, q.B * p) / 2;
    for (const p of w.backward)
        s += secondsAt(backward, q.B * p);
    return s;
}
/**
 * GeomLoss's multiscale Sinkhorn (sinkhorn-multiscale.ts): coarse iterations between cluster
 * centroids (at most about 2000 per measure at the default cluster scale), the extrapolation
 * to the points, then the fine iterations on the cluster pairs kept by kernel truncation,
 * block-sparse. Clusters and the kept fraction are those of points spread evenly in a cube of
 * the given diameter: pairs closer than the truncation radius (p truncate eps)^(1/p) plus a
 * cluster diagonal on each side.
 */
/** Multiscale's default cluster scale (GeomLoss's: about 2000 cells over the cube of the diameter). */
function clusterScaleOf(q) {
    return q.clusterScale ?? q.diameter / (Math.sqrt(q.D) * 2000 ** (1 / q.D));
}
/** The iteration after which multiscale jumps from the centroids to the points (the last: after the loop). */
function jumpOf(q) {
    const scale = clusterScaleOf(q);
    for (let i = 0; i + 2 < q.epsList.length; i++)
        if (scale ** q.p > q.epsList[i + 2])
            return i + 1;
    return q.epsList.length - 1;
}
/**
 * Whether multiscale's estimate for `q` depends on the block-sparse slowdown: only when fine
 * iterations run on truncated cluster pairs. When the jump comes after the last temperature
 * (2-D at GeomLoss's cluster scale with blur^p above the cells), the whole loop runs on the
 * centroids and only the call's fixed cost is missing from the estimate.
 */
export function multiscaleUsesSparseRatio(q) {
    return q.truncate !== null && jumpOf(q) < q.epsList.length - 1;
}
function multiscaleSeconds(q, costs) {
    const { N, M, D, p, epsList, diameter } = q;
    const side = diameter / Math.sqrt(D);
    const scale = clusterScaleOf(q);
    const cells = Math.max(1, (side / scale) ** D);
    // Cells that n points spread evenly over them occupy: the clusters.
    const occupied = (n) => Math.max(1, cells * -Math.expm1(-n / cells));
    const Kx = q.clusters?.x ?? occupied(N), Ky = q.clusters?.y ?? occupied(M);
    const jump = jumpOf(q);
    const last = jump >= epsList.length - 1;
    const coarsePairs = q.debias ? [Kx * Ky, Kx * Ky, Kx * Kx, Ky * Ky] : [Kx * Ky, Kx * Ky];
    const finePairs = q.debias ? [N * M, N * M, N * N, M * M] : [N * M, N * M];
    // The extrapolation to the fine points: fine rows against coarse columns.
    const extrapolation = q.debias ? [N * Ky, M * Kx, N * Kx, M * Ky] : [N * Ky, M * Kx];
    let s = 0;
    // Init and the iterations up to the jump on the centroids.
    for (const pr of coarsePairs)
        s += (jump + 2) * secondsAt(costs.engine.forward, pr);
    for (const pr of extrapolation)
        s += secondsAt(costs.engine.forward, pr);
    if (last) {
        // Jump after the last iteration: the extrapolation is the differentiable last step.
        if (q.grad)
            for (const pr of extrapolation)
                s += secondsAt(costs.engine.backward, pr);
    }
    else {
        // The fine iterations after the jump and the last step, on the kept cluster pairs.
        const eps = epsList[epsList.length - 1] ?? q.blur ** p;
        const radius = q.truncate === null ? Infinity : (p * q.truncate * eps) ** (1 / p) + 2 * scale * Math.sqrt(D);
        const ball = (Math.PI ** (D / 2) / gamma(D / 2 + 1)) * radius ** D;
        const kept = Math.min(1, ball / side ** D);
        // Blocks pair a cluster of x with one of y: their mean sizes' geometric mean.
        const penalty = q.truncate === null ? 1 : sparseRatio(costs, Math.sqrt((N / Kx) * (M / Ky)));
        const fineTimes = epsList.length - 1 - jump + 1;
        for (const pr of finePairs)
            s += fineTimes * secondsAt(costs.engine.forward, pr * kept) * penalty;
        if (q.grad)
            for (const pr of finePairs)
                s += secondsAt(costs.engine.backward, pr * kept) * penalty;
        // The truncation masks over the coarse pairs.
        if (q.truncate !== null)
            for (const pr of coarsePairs)
                s += secondsAt(costs.host.cost, pr);
    }
    // Clustering and sorting the points on the host, and the measured fixed cost of a call.
    s += secondsAt(costs.host.cost, 16 * (N + M)) + (costs.sparse?.fixed ?? 0);
    return q.B * s;
}
/** Gamma at integers and half-integers (the volume of the D-ball). */
function gamma(z) {
    if (z === 1)
        return 1;
    if (z === 0.5)
        return Math.sqrt(Math.PI);
    return (z - 1) * gamma(z - 1);
}
/** Estimated seconds of each backend for `q` (Infinity where it cannot run it). */
export function estimateBackends(q, costs) {
    const w = workOf(q);
    return {
        tensorized: q.feasible.tensorized ? tensorizedSeconds(q, w, costs) : Infinity,
        online: q.feasible.online ? onlineSeconds(q, w, costs) : Infinity,
        multiscale: q.feasible.multiscale && q.loss === 'sinkhorn' ? multiscaleSeconds(q, costs) : Infinity,
    };
}
function fmt(seconds) {
    if (!Number.isFinite(seconds))
        return 'n/a';
    return seconds >= 1 ? `${seconds.toFixed(2)} s` : `${(seconds * 1000).toPrecision(3)} ms`;
}
/**
 * Multiscale (GeomLoss's approximation, within ~1e-4 of the exact value) is taken where its
 * estimate is below this share of the best exact backend's: at a tie the exact routine, and
 * the estimates' scatter from process to process (~10%) does not flip the choice between two
 * equal costs (2-D at 100 points, where a cluster holds one point, estimated 9.83 ms for both).
 */
const MULTISCALE_MARGIN = 0.9;
/**
 * The backend of least estimated time for `q` on the measured `costs` (multiscale by a
 * margin: MULTISCALE_MARGIN); when the dispatcher
 * sends the problem's reductions to WebGPU, 'online' (its reductions run there, the dense
 * loops would stay on the host).
 */
export function chooseOTBackend(q, costs) {
    const estimates = estimateBackends(q, costs);
    const size = `${q.B > 1 ? `${q.B} x ` : ''}N = ${q.N}, M = ${q.M}, D = ${q.D}`;
    const listed = Object.keys(estimates).map((b) => `${b} ${fmt(estimates[b])}`).join(', ');
    if (costs.gpu && q.feasible.online) {
        return { backend: 'online', reason: `${size}: the dispatcher runs these reductions on WebGPU, so 'online' (estimates on the wasm engine: ${listed})`, estimates };
    }
    let best = 'online';
    for (const b of ['online', 'tensorized'])
        if (estimates[b] < estimates[best])
            best = b;
    if (estimates.multiscale < MULTISCALE_MARGIN * estimates[best])
        best = 'multiscale';
    if (!Number.isFinite(estimates[best]))
        best = q.feasible.tensorized ? 'tensorized' : 'online';
    const margin = best !== 'multiscale' && estimates.multiscale < estimates[best] ? `; multiscale, an approximation, is taken below ${MULTISCALE_MARGIN} of the best exact estimate` : '';
    const least = margin ? 'the least estimated time of the exact backends' : 'the least estimated time';
    return { backend: best, reason: `${size}: '${best}' has ${least} (${listed})${margin}`, estimates };
}
