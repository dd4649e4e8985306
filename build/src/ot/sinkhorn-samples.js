import { denseCostYielding, lazyCost } from './cost.js';
import { sinkhornCost } from './sinkhorn-cost.js';
import { sinkhornLoop } from './sinkhorn-loop.js';
import { detachLazy, softminOnline } from './softmin-online.js';
import { softminTensorized } from './softmin-tensorized.js';
import { logWeights } from './weights.js';
/** Cache keys of the self problems of this routine call (null: no caching). */
function selfKeys(ctx, opts) {
    const sp = ctx.selfPotentials;
    if (!sp || !opts.debias)
        return null;
    const { epsList, rho } = ctx.scaling;
    const tail = `|${ctx.backend}|${ctx.batch}|${rho}|${epsList.join(',')}`;
    return [sp.keyA + tail, sp.keyB + tail];
}
/** The loop arguments that reuse cached self potentials, and the function storing the new ones. */
function withCache(ctx, opts) {
    const keys = selfKeys(ctx, opts);
    const cache = ctx.selfPotentials?.cache;
    if (!keys || !cache)
        return { cachedAA: null, cachedBB: null, store: () => { } };
    return {
        cachedAA: cache.get(keys[0]),
        cachedBB: cache.get(keys[1]),
        store: (p) => {
            if (p.loopAA)
                cache.set(keys[0], p.loopAA);
            if (p.loopBB)
                cache.set(keys[1], p.loopBB);
        },
    };
}
/** a [B, N], x [B, N, D], b [B, M], y [B, M, D] -> [B] (or potentials [B, N], [B, M]). */
export async function sinkhornTensorized(a, x, b, y, opts, ctx) {
    const cost = denseCostYielding(opts.p, opts.cost, ctx.yielder);
    // The right-hand sides are detached, as in GeomLoss: gradients flow through the rows only.
    const Cxy = await cost(x, y.detach());
    const Cyx = await cost(y, x.detach());
    const Cxx = opts.debias ? await cost(x, x.detach()) : null;
    const Cyy = opts.debias ? await cost(y, y.detach()) : null;
    const { eps, epsList, rho } = ctx.scaling;
    const cached = withCache(ctx, opts);
    const pots = await sinkhornLoop({
        cachedAA: cached.cachedAA,
        cachedBB: cached.cachedBB,
        softmin: (e, C, h) => softminTensorized(e, C, h, ctx.yielder),
        detach: (C) => C.detach(),
        aLogs: [logWeights(a)],
        bLogs: [logWeights(b)],
        Cxxs: Cxx && [Cxx],
        Cyys: Cyy && [Cyy],
        Cxys: [Cxy],
        Cyxs: [Cyx],
        epsList,
        rho,
        debias: opts.debias,
        signal: opts.signal,
        yielder: ctx.yielder,
        onProgress: opts.onProgress,
        p: opts.p,
        batch: ctx.batch,
    });
    cached.store(pots);
    return sinkhornCost(eps, rho, a, b, pots, opts.debias, opts.potentials);
}
/** a [N], x [N, D], b [M], y [M, D] -> scalar (or potentials [N], [M]), with lazy reductions. */
export async function sinkhornOnline(a, x, b, y, opts, ctx) {
    const softmin = softminOnline(lazyCost(opts.p, opts.cost), opts.signal, ctx.yielder, ctx.reductionBackend, opts.cluster);
    const C = (u, v) => ({ x: u, y: v.detach() });
    const { eps, epsList, rho } = ctx.scaling;
    const cached = withCache(ctx, opts);
    const pots = await sinkhornLoop({
        cachedAA: cached.cachedAA,
        cachedBB: cached.cachedBB,
        softmin,
        detach: detachLazy,
        aLogs: [logWeights(a)],
        bLogs: [logWeights(b)],
        Cxxs: opts.debias ? [C(x, x)] : null,
        Cyys: opts.debias ? [C(y, y)] : null,
        Cxys: [C(x, y)],
        Cyxs: [C(y, x)],
        epsList,
        rho,
        debias: opts.debias,
        signal: opts.signal,
        yielder: ctx.yielder,
        onProgress: opts.onProgress,
        p: opts.p,
        batch: ctx.batch,
    });
    cached.store(pots);
    return sinkhornCost(eps, rho, a, b, pots, opts.debias, opts.potentials);
}
