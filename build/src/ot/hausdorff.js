/**
 * The Hausdorff divergence of Feydy & Trouve ("Global divergences between measures: from
 * Hausdorff distance to Optimal Transport", 2018), which GeomLoss lists as 'hausdorff' but
 * routes to its kernel routines without a kernel (a KeyError):
 *
 *   H(a, b) = 1/2 < a - b, grad F(a) - grad F(b) > >= 0,   F(a) = -1/2 OT_eps(a, a),
 *
 * where grad F(a) = -A is minus the symmetric potential of OT_eps(a, a), the fixed point of
 * A(z) = -eps log sum_j a_j exp((A(x_j) - C(z, x_j)) / eps), extended to every point z. So
 *   H = 1/2 [ <a, B(x) - A(x)> + <b, A(y) - B(y)> ],
 * the ICP (chamfer) loss 1/2 <a, d(., y)^p/p> + 1/2 <b, d(., x)^p/p> as blur -> 0 and the
 * kernel distance of the cost as blur -> infinity. The potentials come from GeomLoss's
 * symmetric Sinkhorn loop with its epsilon schedule.
 *
 * Gradients are exact: H depends on the potentials, not only through a min or a max, so the
 * envelope theorem does not apply; the implicit derivative of the fixed point is added through
 * the adjoint equation (I + P^T) w = dH/dA, P the softmax matrix of the fixed-point map (whose
 * spectrum lies in [0, 1] for the default costs, so a damped Richardson iteration converges).
 */
import { isGradEnabled } from '../autograd/grad-mode.js';
import { Vi, Vj } from '../api/variables.js';
import { Tensor } from '../tensor/tensor.js';
import { denseCostYielding, lazyCost } from './cost.js';
import { dampening } from './epsilon-schedule.js';
import { withValue } from './grad-helpers.js';
import { scal } from './sinkhorn-cost.js';
import { asDType, softminOnline } from './softmin-online.js';
import { softminTensorized } from './softmin-tensorized.js';
import { logWeights } from './weights.js';
/** Pairs (i, j) the host pass of `transposed` covers between two looks at the clock. */
const PAIRS_PER_TICK = 1 << 17;
function tensorizedOps(cost, yielder) {
    return {
        softmin: (eps, C, h) => softminTensorized(eps, C, h, yielder),
        cost: (z, s, full) => (full ? cost(z, s) : cost(z.detach(), s.detach())),
        async transposed(C, h, T, v, eps) {
            // v_i exp(e_ij) as sign(v_i) exp(e_ij + log|v_i|): a zero v_i contributes 0 even where
            // exp(e_ij) overflows (zero-weight points far from the others).
            const [B, N, M] = C.shape;
            const c = C.data, hd = h.data, Td = T.data, vd = v.data;
            const out = new Float64Array(B * M);
            let pairs = 0;
            for (let b = 0; b < B; b++) {
                for (let i = 0; i < N; i++) {
                    pairs += M;
                    if (pairs >= PAIRS_PER_TICK) {
                        pairs = 0;
                        await yielder.tick(); // N x M exponentials: long enough to freeze a page
                    }
                    const vi = vd[b * N + i];
                    if (vi === 0)
                        continue;
                    const base = Td[b * N + i] / eps + Math.log(Math.abs(vi));
                    const sign = vi > 0 ? 1 : -1;
                    for (let j = 0; j < M; j++)
                        out[b * M + j] += sign * Math.exp(hd[b * M + j] + base - c[(b * N + i) * M + j] / eps);
                }
            }
            return asDType(new Tensor(out, [B, M]), C.dtype);
        },
    };
}
function onlineOps(cost, signal, yielder, backend, cluster) {
    return {
        softmin: softminOnline(cost, signal, yielder, backend, cluster),
        cost: async (z, s, full) => (full ? { x: z, y: s } : { x: z.detach(), y: s.detach() }),
        async transposed(C, h, T, v, eps) {
            await yielder.tick();
            const z = C.x.detach();
            const s = C.y.detach();
            const dt = z.dtype;
            const N = z.shape[0];
            const M = s.shape[0];
            const col = (t, n) => asDType(t.detach(), dt).reshape([n, 1]);
            // v_i exp(e_ij) = exp(e_ij + log v+_i) - exp(e_ij + log v-_i), both in one pass (dimension 2):
            // a zero v_i contributes exp(-inf) = 0 even where exp(e_ij) overflows.
            const logs = new Float64Array(2 * N);
            v.data.forEach((vi, i) => {
                logs[2 * i] = vi > 0 ? Math.log(vi) : -Infinity;
                logs[2 * i + 1] = vi < 0 ? Math.log(-vi) : -Infinity;
            });
            const expo = cost(z, s, -1 / eps).add(Vj(col(h, M))).add(Vi(col(T.div(eps), N)));
            const out = await expo.add(Vi(asDType(new Tensor(logs, [N, 2]), dt))).exp().sum(0, { signal, ...(backend !== undefined && { backend }), ...(cluster && { cluster }) });
            const d = out.data;
            const r = new Float64Array(M);
            for (let j = 0; j < M; j++)
                r[j] = d[2 * j] - d[2 * j + 1];
            return asDType(new Tensor(r, [M]), dt);
        },
    };
}
/** GeomLoss's symmetric loop for OT_eps(a, a) alone: the (detached) symmetric potential on x. */
async function symmetricPotential(ops, Cxx, aLog, epsList, opts, ctx, rho) {
    const batch = ctx.batch;
    let eps = epsList[0];
    let f = (await ops.softmin(eps, Cxx, aLog)).mul(dampening(eps, rho));
    for (let i = 0; i < epsList.length; i++) {
        await ctx.yielder.tick();
        eps = epsList[i];
        const ft = (await ops.softmin(eps, Cxx, aLog.add(f.div(eps)))).mul(dampening(eps, rho));
        f = f.add(ft).mul(0.5);
        if (opts.onProgress)
            await opts.onProgress({ iteration: i + 1, iterations: epsList.length, epsilon: eps, blur: eps ** (1 / opts.p), batch });
    }
    return f.detach();
}
/**
 * Solves (I + P^T) w = g, (P^T v)_j = a_j * R(v)_j, by damped Richardson iterations
 * (omega = 2/3: error factor 1/3 per step when the spectrum of P is in [0, 1]).
 */
async function solveAdjoint(applyPT, g, yielder) {
    const tol = g.dtype === 'float32' ? 1e-6 : 1e-12;
    const gmax = Math.max(...Array.from(g.data, Math.abs));
    let w = g;
    if (gmax === 0)
        return w;
    for (let it = 0; it < 200; it++) {
        await yielder.tick();
        const r = g.sub(w).sub(await applyPT(w));
        let rmax = 0;
        for (const v of r.data)
            rmax = Math.max(rmax, Math.abs(v));
        if (!(rmax > tol * gmax))
            break;
        w = w.add(r.mul(2 / 3));
    }
    return w;
}
/** The Hausdorff divergence for one backend (weights [.., N], points [.., N, D]). */
async function hausdorff(ops, a, x, b, y, opts, ctx) {
    const { eps, epsList } = ctx.scaling;
    const aLog = logWeights(a);
    const bLog = logWeights(b);
    const A = await symmetricPotential(ops, await ops.cost(x, x, false), aLog, epsList, opts, ctx, null);
    const Bp = await symmetricPotential(ops, await ops.cost(y, y, false), bLog, epsList, opts, ctx, null);
    const hA = aLog.add(A.div(eps));
    const hB = bLog.add(Bp.div(eps));
    // The potentials extended to both clouds, differentiable in every point.
    const Ax = await ops.softmin(eps, await ops.cost(x, x, true), hA);
    const Ay = await ops.softmin(eps, await ops.cost(y, x, true), hA);
    const Bx = await ops.softmin(eps, await ops.cost(x, y, true), hB);
    const By = await ops.softmin(eps, await ops.cost(y, y, true), hB);
    const Fx = Bx.sub(Ax).mul(0.5);
    const Gy = Ay.sub(By).mul(0.5);
    if (opts.potentials)
        return [Fx, Gy];
    const explicit = scal(a, Fx).add(scal(b, Gy));
    const needsGrad = isGradEnabled() && [a, x, b, y].some((t) => t.requiresGrad);
    if (!needsGrad)
        return explicit;
    const Ad = A.div(eps);
    const Bd = Bp.div(eps);
    const ad = a.detach();
    const bd = b.detach();
    const [AxD, AyD, BxD, ByD] = [Ax, Ay, Bx, By].map((t) => t.detach());
    const Cxx = await ops.cost(x, x, false);
    const Cyx = await ops.cost(y, x, false);
    const Cxy = await ops.cost(x, y, false);
    const Cyy = await ops.cost(y, y, false);
    // dH/dA and dH/dB at fixed points, from the softmax weights of the extensions;
    // computed as a * R(A/eps) so that zero weights stay finite in the weight gradients below.
    const RxA = await ops.transposed(Cxx, Ad, AxD, ad, eps);
    const RyA = await ops.transposed(Cyx, Ad, AyD, bd, eps);
    const RyB = await ops.transposed(Cyy, Bd, ByD, bd, eps);
    const RxB = await ops.transposed(Cxy, Bd, BxD, ad, eps);
    const innerA = RxA.sub(RyA).mul(0.5); // dH/dA = a * innerA
    const innerB = RyB.sub(RxB).mul(0.5); // dH/dB = b * innerB
    const wA = await solveAdjoint(async (v) => ad.mul(await ops.transposed(Cxx, Ad, AxD, v, eps)), ad.mul(innerA), ctx.yielder);
    const wB = await solveAdjoint(async (v) => bd.mul(await ops.transposed(Cyy, Bd, ByD, v, eps)), bd.mul(innerB), ctx.yielder);
    // Weight gradients through the log-weights inside the softmins (explicit and adjoint terms).
    const gammaA = innerA.sub(await ops.transposed(Cxx, Ad, AxD, wA, eps)).mul(eps);
    const gammaB = innerB.sub(await ops.transposed(Cyy, Bd, ByD, wB, eps)).mul(eps);
    const graph = explicit
        .add(scal(wA, Ax))
        .add(scal(wB, By))
        .add(scal(gammaA, a))
        .add(scal(gammaB, b));
    return withValue(graph, explicit);
}
/** 'hausdorff' on dense tensors: a [B, N], x [B, N, D], b [B, M], y [B, M, D]. */
export async function hausdorffTensorized(a, x, b, y, opts, ctx) {
    return hausdorff(tensorizedOps(denseCostYielding(opts.p, opts.cost, ctx.yielder), ctx.yielder), a, x, b, y, opts, ctx);
}
/** 'hausdorff' with lazy reductions: a [N], x [N, D], b [M], y [M, D]. */
export async function hausdorffOnline(a, x, b, y, opts, ctx) {
    return hausdorff(onlineOps(lazyCost(opts.p, opts.cost), opts.signal, ctx.yielder, ctx.reductionBackend, opts.cluster), a, x, b, y, opts, ctx);
}
