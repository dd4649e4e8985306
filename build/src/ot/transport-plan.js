/**
 * `transportPlan(x, y, options)`: the entropic transport plan between two sampled measures,
 * and the barycentric map it defines, from the dual potentials of OT_eps(a, b) (GeomLoss's
 * `potentials: true, debias: false`), as a LazyTensor that is never formed as an N x M array.
 *
 * The potentials of samplesLoss come from the epsilon-scaling loop and its last extrapolation
 * step: good enough for the loss and its gradient, but at scaling 0.5 the plan they define
 * misses its marginals by a few percent to tens of percent. So the loop is followed by full
 * (alternating, over-relaxed) Sinkhorn updates at the target temperature (sinkhorn-refine.ts)
 * until the row marginal of the plan is within `tol` of its target; the column marginal is then
 * exact up to rounding, because G is computed from F last.
 */
import { Yielder } from '../abort.js';
import { ShapeError, ValueError, describe } from '../errors.js';
import { Vi, Vj } from '../api/variables.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { lazyCost } from './cost.js';
import { dampening, scalingParameters } from './epsilon-schedule.js';
import { castTo } from './grad-helpers.js';
import { resolveOptions } from './options.js';
import { checkCall, checkBackendDType, reductionBackendOf } from './samples-loss.js';
import { selectBackend } from './auto-backend.js';
import { sinkhornOnline, sinkhornTensorized } from './sinkhorn-samples.js';
import { multiscaleRoutine } from './sinkhorn-multiscale.js';
import { asDType, softminOnline } from './softmin-online.js';
import { logWeights } from './weights.js';
import { refinePotentials } from './sinkhorn-refine.js';
const EXTRA_KEYS = ['tol', 'maxIter'];
function isOptions(value) {
    return value === undefined || (value !== null && typeof value === 'object' && !(value instanceof Tensor));
}
function checkTol(value) {
    if (value === undefined)
        return null;
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
        throw new ValueError(`transportPlan: options.tol must be a positive finite number, received ${describe(value)}`);
    }
    return value;
}
function checkMaxIter(value) {
    if (value === undefined)
        return 1000;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new ValueError(`transportPlan: options.maxIter must be a non-negative integer, received ${describe(value)}`);
    }
    return value;
}
/** Splits `(x, y[, options])` / `(a, x, b, y[, options])` and validates the options. */
function parseArgs(args) {
    const last = args[args.length - 1];
    const hasOptions = (args.length === 3 || args.length === 5) && isOptions(last);
    const tensors = hasOptions ? args.slice(0, -1) : args;
    if (tensors.length !== 2 && tensors.length !== 4) {
        throw new ValueError(`transportPlan: takes (x, y) or (a, x, b, y), each optionally followed by an options object; received ${args.length} arguments`);
    }
    const raw = (hasOptions ? last : undefined);
    if (raw !== undefined && 'potentials' in raw)
        throw new ValueError('transportPlan: options.potentials does not apply: the result always holds the potentials F and G');
    if (raw !== undefined && 'kernel' in raw)
        throw new ValueError("transportPlan: options.kernel does not apply: the plan is Sinkhorn's, with a ground cost through options.cost");
    if (raw !== undefined && raw.debias !== undefined && raw.debias !== false) {
        throw new ValueError(`transportPlan: the plan is built from the potentials of OT_eps(a, b) (GeomLoss's debias: false); options.debias must be false or left out, received ${describe(raw.debias)}`);
    }
    const { opts } = resolveOptions('sinkhorn', { ...raw, debias: false, potentials: true }, 'transportPlan', EXTRA_KEYS);
    return { tensors, opts, tol: checkTol(raw?.tol), maxIter: checkMaxIter(raw?.maxIter) };
}
/** `t` as a fresh float tensor of `shape` with no graph (potentials are constants of the plan). */
function constant(t, dtype, shape) {
    const data = allocateData(dtype, t.size);
    data.set(t.data);
    return new Tensor(data, shape);
}
export async function transportPlan(...args) {
    const { tensors, opts, tol: tolOption, maxIter } = parseArgs(args);
    const { inp, s } = checkCall('transportPlan', 'sinkhorn', opts, tensors);
    if (s.B > 0)
        throw new ShapeError(`transportPlan: the points must be [N, D] Tensors (no batch axis), received x of shape [${inp.x.shape.join(', ')}]`);
    // The plan is lazy: a cost function is called with (Vi(x), Vj(y)), which the dense backend does not do.
    if (typeof opts.cost === 'function' && opts.backend === 'tensorized') {
        throw new ValueError("transportPlan: a cost function is called with (Vi(x), Vj(y)) to build the lazy plan; the 'tensorized' backend calls it with dense Tensors: use 'online' (or 'auto'), or a formula string");
    }
    const scaling = scalingParameters(inp.x, inp.y, opts.p, opts.blur, opts.reach, opts.diameter, opts.scaling);
    const yielder = new Yielder('transportPlan', opts.signal);
    await yielder.tick();
    const choice = await selectBackend('transportPlan', 'sinkhorn', opts, s, { ...inp, labels: false }, scaling);
    const backend = choice.backend;
    const dtype = inp.x.dtype === 'float64' || inp.y.dtype === 'float64' ? 'float64' : 'float32';
    checkBackendDType('transportPlan', backend, dtype);
    const tol = tolOption ?? (dtype === 'float64' ? 1e-6 : 1e-4);
    const { N, M, D } = s;
    const a = castTo(inp.a, dtype).reshape([N]).detach();
    const b = castTo(inp.b, dtype).reshape([M]).detach();
    const x = castTo(inp.x, dtype).reshape([N, D]);
    const y = castTo(inp.y, dtype).reshape([M, D]);
    await yielder.tick();
    // 1. GeomLoss's loop (no self problems: debias is false, so no potential cache is involved).
    const reductionBackend = reductionBackendOf(backend);
    const ctx = { scaling, batch: 0, backend, reductionBackend, yielder };
    let result;
    if (backend === 'tensorized') {
        result = await sinkhornTensorized(a.reshape([1, N]), x.detach().reshape([1, N, D]), b.reshape([1, M]), y.detach().reshape([1, M, D]), opts, ctx);
    }
    else {
        const routine = backend === 'multiscale' ? multiscaleRoutine('sinkhorn', null, null) : sinkhornOnline;
        result = await routine(a, x.detach(), b, y.detach(), opts, ctx);
    }
    // Only F is kept: G is recomputed from it below, which makes the column marginal exact.
    const [F0] = result;
    // 2. Full Sinkhorn updates at the target temperature until the marginals hold.
    const { eps, rho } = scaling;
    const damping = dampening(eps, rho);
    const cost = lazyCost(opts.p, opts.cost);
    const softmin = softminOnline(cost, opts.signal, yielder, reductionBackend, opts.cluster);
    const xd = x.detach(), yd = y.detach();
    const aLog = logWeights(a), bLog = logWeights(b);
    const Tb = async (g) => (await softmin(eps, { x: xd, y: yd }, bLog.add(g.div(eps)))).mul(damping);
    const Ta = async (f) => (await softmin(eps, { x: yd, y: xd }, aLog.add(f.div(eps)))).mul(damping);
    const { f, g, iterations, marginalError } = await refinePotentials({ Ta, Tb, a, f: constant(F0, dtype, [N]), eps, rho, damping, tol, maxIter });
    const F = constant(f, dtype, [N]);
    const G = constant(g, dtype, [M]);
    // 3. The plan: exp(u_i + v_j - C_ij / eps) with u = log a + F / eps, v = log b + G / eps.
    const u = asDType(aLog.add(F.div(eps)), dtype).reshape([N, 1]);
    const v = asDType(bLog.add(G.div(eps)), dtype).reshape([M, 1]);
    const logits = () => cost(x, y, -1 / eps).add(Vj(v));
    const plan = logits().add(Vi(u)).exp();
    return {
        plan,
        F,
        G,
        eps,
        iterations,
        marginalError,
        converged: marginalError <= tol,
        // u_i cancels in the ratio: the map is the softmax over j of v_j - C_ij / eps, weighting y_j.
        map: (options) => logits().sumsoftmaxweight(Vj(y), 1, options),
        backend: choice,
    };
}
