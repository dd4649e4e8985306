import { ValueError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { denseCost, lazyCost } from './cost.js';
import { gridCluster } from '../cluster/grid-cluster.js';
import { clusterRangesCentroids } from '../cluster/cluster-ranges.js';
import { sortClusters } from '../cluster/sort-clusters.js';
import { fromMatrix, swapAxes } from '../cluster/block-ranges.js';
import { gatherRows, inversePermutation as inverse, relabel } from './clustering.js';
import { doubleGrad } from './grad-helpers.js';
import { hausdorffOnline } from './hausdorff.js';
import { kernelConv, kernelOnline, lazyKernel, preprocess } from './kernel-samples.js';
import { scal, sinkhornCost } from './sinkhorn-cost.js';
import { sinkhornLoop } from './sinkhorn-loop.js';
import { softminOnline } from './softmin-online.js';
import { logWeights } from './weights.js';
/** Whether block-sparse reductions are available in this build. */
export function multiscaleAvailable() {
    return true;
}
/** The multiscale routine of a loss (with optional explicit cluster labels of x and y). */
export function multiscaleRoutine(name, labelsX, labelsY) {
    if (name === 'sinkhorn')
        return (a, x, b, y, opts, ctx) => sinkhornMultiscale(a, x, b, y, opts, ctx, labelsX, labelsY);
    if (name === 'hausdorff')
        return hausdorffOnline;
    return kernelMultiscale(name);
}
function clusterize(w, x, scale, labels, clusterPoints = x) {
    const lab = labels ? relabel(labels) : gridCluster(clusterPoints.detach(), scale).data;
    const c = clusterRangesCentroids(x.detach(), lab, { weights: w.detach() });
    const ranges = c.ranges.data;
    const xc = c.centroids;
    // A cluster of one point is that point exactly ((w x) / w may be an ulp away).
    const D = x.shape[1];
    const perm = sortClusters(x.detach(), lab).perm.data;
    for (let k = 0; k < ranges.length / 2; k++) {
        if (ranges[2 * k + 1] - ranges[2 * k] === 1)
            for (let d = 0; d < D; d++)
                xc.data[k * D + d] = x.data[perm[ranges[2 * k]] * D + d];
    }
    return { wc: c.weights, xc, ranges, w: gatherRows(w, perm), x: gatherRows(x, perm), perm };
}
/**
 * The cluster pairs (i, j) to keep, as a [Ci * Cj] mask: rule(i, j, C(xc_i, yc_j)) on the dense
 * cost between centroids, computed by blocks of rows so that no Ci x Cj float matrix is stored,
 * with a tick of `yielder` between blocks (millions of pairs: tens of milliseconds).
 */
async function keepMask(cost, xc, yc, rule, yielder) {
    const [Ci, D] = xc.shape;
    const Cj = yc.shape[0];
    const keep = new Uint8Array(Ci * Cj);
    const block = Math.max(1, Math.floor(2 ** 18 / Math.max(1, Cj)));
    const Y = yc.detach().reshape([1, Cj, D]);
    for (let i0 = 0; i0 < Ci; i0 += block) {
        await yielder.tick();
        const n = Math.min(block, Ci - i0);
        const C = cost(xc.detach().narrow(0, i0, n).reshape([1, n, D]), Y).data;
        for (let i = 0; i < n; i++)
            for (let j = 0; j < Cj; j++)
                if (rule(i0 + i, j, C[i * Cj + j]))
                    keep[(i0 + i) * Cj + j] = 1;
    }
    return keep;
}
/** GeomLoss's `sinkhorn_multiscale` for one pair of measures (a [N], x [N, D], b [M], y [M, D]). */
async function sinkhornMultiscale(a, x, b, y, opts, ctx, labelsX, labelsY) {
    const { diameter, eps, epsList, rho } = ctx.scaling;
    const { p, debias } = opts;
    if (typeof opts.cost === 'function' && opts.truncate !== null) {
        throw new ValueError("samplesLoss: kernel truncation on the 'multiscale' backend evaluates the cost between cluster centroids, which needs the cost as a formula string; with a cost function pass truncate: null (or use 'online')");
    }
    const D = x.shape[1];
    const clusterScale = opts.clusterScale ?? diameter / (Math.sqrt(D) * 2000 ** (1 / D));
    const A = clusterize(a, x, clusterScale, labelsX);
    const B = clusterize(b, y, clusterScale, labelsY);
    // Jump to the fine scale once the temperature falls below the cluster size.
    let jumps = [epsList.length - 1];
    for (let i = 0; i + 2 < epsList.length; i++) {
        if (clusterScale ** p > epsList[i + 2]) {
            jumps = [i + 1];
            break;
        }
    }
    if (opts.verbose) {
        console.log(`${A.xc.shape[0]}x${B.xc.shape[0]} clusters, computed at scale = ${clusterScale.toFixed(3)}`);
        console.log(`Successive scales :  ${epsList.map((e) => (e ** (1 / p)).toFixed(3)).join(', ')}`);
        if (jumps[0] >= epsList.length - 1)
            console.log('Extrapolate from coarse to fine after the last iteration.');
        else
            console.log(`Jump from coarse to fine between indices ${jumps[0]} (σ=${(epsList[jumps[0]] ** (1 / p)).toFixed(3)}) and ${jumps[0] + 1} (σ=${(epsList[jumps[0] + 1] ** (1 / p)).toFixed(3)}).`);
    }
    const lazy = lazyCost(p, opts.cost);
    const dense = denseCost(p, opts.cost);
    const softmin = softminOnline(lazy, opts.signal, ctx.yielder);
    const coarse = (u, v) => ({ x: u.xc, y: v.xc, rangesX: u.ranges, rangesY: v.ranges });
    const fine = (u, v) => ({ x: u.x, y: v.x.detach() });
    const detach = (C) => ({ ...C, x: C.x.detach(), y: C.y.detach() });
    const kernelTruncation = async (Cxy, _Cyx, CxyFine, CyxFine, f, g, e) => {
        if (opts.truncate === null)
            return [CxyFine, CyxFine];
        const fd = f.data, gd = g.data, t = opts.truncate;
        const keep = await keepMask(dense, Cxy.x, Cxy.y, (i, j, c) => fd[i] + gd[j] > c - t * e, ctx.yielder);
        if (opts.verbose) {
            const kept = keep.reduce((n, k) => n + k, 0);
            console.log(`Keep ${kept}/${keep.length} = ${((100 * kept) / keep.length).toFixed(1)}% of the coarse cost matrix.`);
        }
        const ranges = fromMatrix(Cxy.rangesX, Cxy.rangesY, keep);
        return [{ ...CxyFine, ranges }, { ...CyxFine, ranges: swapAxes(ranges) }];
    };
    // A coarse potential g on the centroids, extrapolated to the fine points of CxyFine.
    const extrapolate = async (_f, g, e, damping, Cxy, bLog, CxyFine) => {
        const h = bLog.add(g.div(e)).detach();
        return (await softmin(e, { x: CxyFine.x, y: Cxy.y.detach() }, h)).mul(damping);
    };
    const pots = await sinkhornLoop({
        softmin,
        detach,
        aLogs: [logWeights(A.wc), logWeights(A.w)],
        bLogs: [logWeights(B.wc), logWeights(B.w)],
        Cxxs: debias ? [coarse(A, A), fine(A, A)] : null,
        Cyys: debias ? [coarse(B, B), fine(B, B)] : null,
        Cxys: [coarse(A, B), fine(A, B)],
        Cyxs: [coarse(B, A), fine(B, A)],
        epsList,
        rho,
        jumps,
        kernelTruncation,
        extrapolate,
        debias,
        signal: opts.signal,
        yielder: ctx.yielder,
        onProgress: opts.onProgress,
        p,
        batch: ctx.batch,
    });
    const out = sinkhornCost(eps, rho, A.w, B.w, pots, debias, opts.potentials);
    if (out instanceof Tensor)
        return out;
    // Potentials back in the input order.
    return [gatherRows(out[0], inverse(A.perm)), gatherRows(out[1], inverse(B.perm))];
}
/** GeomLoss's `kernel_multiscale`: block-sparse kernel sums, clusters at a scale set in blur units. */
function kernelMultiscale(name) {
    const online = kernelOnline(name);
    return async (a, x, b, y, opts, ctx) => {
        if (opts.truncate === null || name === 'energy')
            return online(a, x, b, y, opts, ctx);
        const { K, rescale } = lazyKernel(name, opts.kernel, opts.blur);
        const [xc, yc] = preprocess(x, y, opts.blur, false);
        const D = x.shape[1];
        // Clusters and truncation in units of blur (the kernel's decay length).
        const xr = xc.div(opts.blur), yr = yc.div(opts.blur);
        const scale = opts.clusterScale ?? ctx.scaling.diameter / opts.blur / (Math.sqrt(D) * 2000 ** (1 / D));
        const cell = scale * Math.sqrt(D);
        const A = clusterize(a, rescale ? xr : xc, scale, null, xr);
        const B = clusterize(b, rescale ? yr : yc, scale, null, yr);
        const cr = (u) => (rescale ? u.xc : u.xc.div(opts.blur));
        const sq = denseCost(2, null);
        const bound = (opts.truncate + cell) ** 2 / 2; // denseCost(2) is |x - y|^2 / 2
        const ranges = async (u, v) => fromMatrix(u.ranges, v.ranges, await keepMask(sq, cr(u), cr(v), (_i, _j, c) => c <= bound, ctx.yielder));
        const rxx = await ranges(A, A), ryy = await ranges(B, B), rxy = await ranges(A, B);
        const s = opts.signal;
        const yl = ctx.yielder;
        const ax = await kernelConv(K, doubleGrad(A.x), A.x.detach(), A.w.detach(), rxx, s, yl);
        const by = await kernelConv(K, doubleGrad(B.x), B.x.detach(), B.w.detach(), ryy, s, yl);
        const bx = await kernelConv(K, A.x, B.x, B.w, rxy, s, yl);
        if (opts.potentials) {
            const ay = await kernelConv(K, B.x, A.x, A.w, swapAxes(rxy), s, yl);
            return [gatherRows(ax.sub(bx), inverse(A.perm)), gatherRows(by.sub(ay), inverse(B.perm))];
        }
        return scal(doubleGrad(A.w), ax).mul(0.5).add(scal(doubleGrad(B.w), by).mul(0.5)).sub(scal(A.w, bx));
    };
}
