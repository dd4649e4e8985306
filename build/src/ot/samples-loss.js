/**
 * `samplesLoss(name, options)`: GeomLoss's `SamplesLoss` front end. It validates the options
 * once, then each call checks the inputs (shapes as GeomLoss's `check_shapes`, plus the values
 * GeomLoss lets through: NaN coordinates, negative or all-zero weights, unequal masses in
 * balanced transport), picks the backend (auto-backend.ts: by measured cost for 'auto') and
 * runs the routine, over the batch when there is one.
 */
import { Yielder } from '../abort.js';
import { DTypeError, ShapeError, ValueError, describe } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { scalingParameters } from './epsilon-schedule.js';
import { castTo, stack } from './grad-helpers.js';
import { resolveOptions } from './options.js';
import { sinkhornOnline, sinkhornTensorized } from './sinkhorn-samples.js';
import { kernelOnline, kernelTensorized } from './kernel-samples.js';
import { hausdorffOnline, hausdorffTensorized } from './hausdorff.js';
import { multiscaleRoutine } from './sinkhorn-multiscale.js';
import { selectBackend } from './auto-backend.js';
import { checkWeights, uniformWeights } from './weights.js';
import { PotentialCache, measureKey } from './potential-cache.js';
const ROUTINES = {
    sinkhorn: { tensorized: sinkhornTensorized, online: sinkhornOnline },
    hausdorff: { tensorized: hausdorffTensorized, online: hausdorffOnline },
    energy: { tensorized: kernelTensorized('energy'), online: kernelOnline('energy') },
    gaussian: { tensorized: kernelTensorized('gaussian'), online: kernelOnline('gaussian') },
    laplacian: { tensorized: kernelTensorized('laplacian'), online: kernelOnline('laplacian') },
};
function tensorArg(where, value, what, float) {
    if (!(value instanceof Tensor))
        throw new DTypeError(`${where}: ${what} must be a Tensor, received ${describe(value)}`);
    if (float && value.dtype === 'int32')
        throw new DTypeError(`${where}: ${what} must be a float32 or float64 Tensor, received int32`);
    return value;
}
function processArgs(where, args) {
    if (args.length === 2) {
        const x = tensorArg(where, args[0], 'the points x', true);
        const y = tensorArg(where, args[1], 'the points y', true);
        if (x.ndim !== 2 && x.ndim !== 3)
            throw new ShapeError(`${where}: the points x and y must be [N, D] or [B, N, D] Tensors, x has shape [${x.shape.join(', ')}]`);
        if (y.ndim !== 2 && y.ndim !== 3)
            throw new ShapeError(`${where}: the points x and y must be [N, D] or [B, N, D] Tensors, y has shape [${y.shape.join(', ')}]`);
        return { labelsX: null, labelsY: null, a: uniformWeights(x), x, b: uniformWeights(y), y };
    }
    if (args.length === 4) {
        return {
            labelsX: null, labelsY: null,
            a: tensorArg(where, args[0], 'the weights a', true), x: tensorArg(where, args[1], 'the points x', true),
            b: tensorArg(where, args[2], 'the weights b', true), y: tensorArg(where, args[3], 'the points y', true),
        };
    }
    if (args.length === 6) {
        return {
            labelsX: tensorArg(where, args[0], 'the labels of x', false), a: tensorArg(where, args[1], 'the weights a', true), x: tensorArg(where, args[2], 'the points x', true),
            labelsY: tensorArg(where, args[3], 'the labels of y', false), b: tensorArg(where, args[4], 'the weights b', true), y: tensorArg(where, args[5], 'the points y', true),
        };
    }
    throw new ValueError(`${where}: a loss takes two (x, y), four (a, x, b, y) or six (labelsX, a, x, labelsY, b, y) arguments, received ${args.length}`);
}
/** GeomLoss's `check_shapes`, with ShapeErrors. */
function checkShapes(where, inp) {
    const { a, x, b, y } = inp;
    const fmt = (t) => `[${t.shape.join(', ')}]`;
    // The points first: with two arguments the weights are derived from them (uniform, [N] or [B, N]).
    if (x.ndim !== y.ndim)
        throw new ShapeError(`${where}: the points x ${fmt(x)} and y ${fmt(y)} must have the same number of dimensions`);
    if (x.ndim !== 2 && x.ndim !== 3)
        throw new ShapeError(`${where}: the points must be [N, D] or [B, N, D] Tensors, received x ${fmt(x)}`);
    if (a.ndim !== b.ndim)
        throw new ShapeError(`${where}: the weights a ${fmt(a)} and b ${fmt(b)} must have the same number of dimensions`);
    if (x.shape[x.ndim - 1] !== y.shape[y.ndim - 1])
        throw new ShapeError(`${where}: the points x ${fmt(x)} and y ${fmt(y)} must have the same last dimension`);
    const batched = x.ndim === 3;
    const B = batched ? x.shape[0] : 0;
    const N = x.shape[x.ndim - 2];
    const M = y.shape[y.ndim - 2];
    const D = x.shape[x.ndim - 1];
    if (batched && y.shape[0] !== B)
        throw new ShapeError(`${where}: the points x ${fmt(x)} and y ${fmt(y)} must have the same batch size`);
    if (D < 1)
        throw new ShapeError(`${where}: the points need at least one coordinate, received x ${fmt(x)}`);
    if (N < 1 || M < 1)
        throw new ShapeError(`${where}: each measure needs at least one point, received x ${fmt(x)} and y ${fmt(y)}`);
    if (batched && B < 1)
        throw new ShapeError(`${where}: the batch is empty, received x ${fmt(x)}`);
    const okWeights = (w, n) => batched
        ? (w.ndim === 2 && w.shape[0] === B && w.shape[1] === n) || (w.ndim === 3 && w.shape[0] === B && w.shape[1] === n && w.shape[2] === 1)
        : (w.ndim === 1 && w.shape[0] === n) || (w.ndim === 2 && w.shape[0] === n && w.shape[1] === 1);
    const want = (n) => (batched ? `[B, ${n}] or [B, ${n}, 1] with B = ${B}` : `[${n}] or [${n}, 1]`);
    if (!okWeights(a, N))
        throw new ShapeError(`${where}: the weights a must have shape ${want(`N = ${N}`)} for points x ${fmt(x)}, received ${fmt(a)}`);
    if (!okWeights(b, M))
        throw new ShapeError(`${where}: the weights b must have shape ${want(`M = ${M}`)} for points y ${fmt(y)}, received ${fmt(b)}`);
    for (const [l, n, which] of [[inp.labelsX, N, 'x'], [inp.labelsY, M, 'y']]) {
        if (l === null)
            continue;
        if (batched)
            throw new ValueError(`${where}: cluster labels are not supported with batches`);
        if (l.size !== n || l.ndim > 2 || (l.ndim === 2 && l.shape[1] !== 1))
            throw new ShapeError(`${where}: the labels of ${which} must have shape [${n}] or [${n}, 1], received ${fmt(l)}`);
    }
    return { B, N, M, D };
}
function checkFinite(where, t, what) {
    const d = t.data;
    for (let k = 0; k < d.length; k++) {
        if (!Number.isFinite(d[k]))
            throw new ValueError(`${where}: the points ${what} must have finite coordinates, found ${d[k]} at index ${k}`);
    }
}
/**
 * Checks the arguments of one call (`where` names the function in the messages): tensors,
 * shapes, finite coordinates, weights, and equal masses for balanced Sinkhorn.
 */
export function checkCall(where, name, opts, args) {
    const inp = processArgs(where, args);
    const s = checkShapes(where, inp);
    checkFinite(where, inp.x, 'x');
    checkFinite(where, inp.y, 'y');
    const ma = checkWeights(inp.a, 'a', s.B, where);
    const mb = checkWeights(inp.b, 'b', s.B, where);
    if (name === 'sinkhorn' && opts.reach === null) {
        for (let k = 0; k < ma.length; k++) {
            if (Math.abs(ma[k] - mb[k]) > 1e-4 * Math.max(ma[k], mb[k])) {
                throw new ValueError(`${where}: balanced transport (reach: null) needs measures of equal total mass, received ${ma[k]} and ${mb[k]}${s.B ? ` (batch element ${k})` : ''}; normalise the weights or set options.reach for unbalanced transport`);
            }
        }
    }
    return { inp, s };
}
/** 'webgpu' runs float32 reductions only: a DTypeError for float64 points, before any work. */
export function checkBackendDType(where, backend, dtype) {
    if (backend === 'webgpu' && dtype === 'float64') {
        throw new DTypeError(`${where}: the 'webgpu' backend runs float32 reductions (WGSL has no float64) and the points are float64; pass float32 Tensors, or use 'online' for float64`);
    }
}
/** The backend of an OT backend's LazyTensor reductions: WebGPU for 'webgpu', else the engine's default. */
export function reductionBackendOf(backend) {
    return backend === 'webgpu' ? 'webgpu' : undefined;
}
async function run(name, opts, cache, args, record) {
    const { inp, s } = checkCall('samplesLoss', name, opts, args);
    const Bn = Math.max(1, s.B);
    const scaling = scalingParameters(inp.x, inp.y, opts.p, opts.blur, opts.reach, opts.diameter, opts.scaling, name === 'sinkhorn' || name === 'hausdorff');
    // One clock for the whole call: every loop and softmin below ticks it (and an aborted signal
    // stops the call before the backend choice measures anything).
    const yielder = new Yielder('samplesLoss', opts.signal);
    await yielder.tick();
    const choice = await selectBackend('samplesLoss', name, opts, s, { ...inp, labels: inp.labelsX !== null || inp.labelsY !== null }, scaling);
    record(choice);
    if (opts.verbose)
        console.log(`samplesLoss('${name}'): backend '${choice.backend}': ${choice.reason}`);
    const backend = choice.backend;
    // One float dtype for everything (float64 if either cloud is), as GeomLoss's `type_as`.
    const dtype = inp.x.dtype === 'float64' || inp.y.dtype === 'float64' ? 'float64' : 'float32';
    checkBackendDType('samplesLoss', backend, dtype);
    const a = castTo(inp.a, dtype).reshape([Bn, s.N]);
    const b = castTo(inp.b, dtype).reshape([Bn, s.M]);
    const x = castTo(inp.x, dtype).reshape([Bn, s.N, s.D]);
    const y = castTo(inp.y, dtype).reshape([Bn, s.M, s.D]);
    await yielder.tick();
    const selfPotentials = { cache, keyA: measureKey(inp.x, args.length === 2 ? null : inp.a), keyB: measureKey(inp.y, args.length === 2 ? null : inp.b) };
    let result;
    const reductionBackend = reductionBackendOf(backend);
    if (backend === 'tensorized') {
        result = await ROUTINES[name].tensorized(a, x, b, y, opts, { scaling, batch: 0, selfPotentials, backend, yielder });
    }
    else {
        // The lazy backends work on one pair of measures at a time. (The online one could run every
        // pair at once now that LazyTensors take batch axes: its softmin is one logsumexp of
        // Vi(x [B, N, D]), Vj(y [B, M, D]) and Vj(h [B, M, 1]), and the epsilon schedule is already
        // shared by the batch. Multiscale would need per-batch ranges, which reductions also take.)
        const routine = backend === 'multiscale' ? multiscaleRoutine(name, inp.labelsX, inp.labelsY) : ROUTINES[name].online;
        const parts = [];
        for (let k = 0; k < Bn; k++) {
            parts.push(await routine(a.select(0, k), x.select(0, k), b.select(0, k), y.select(0, k), opts, { scaling, batch: k, selfPotentials, backend, reductionBackend, yielder }));
        }
        result = parts[0] instanceof Tensor
            ? stack(parts)
            : [stack(parts.map((p) => p[0])), stack(parts.map((p) => p[1]))];
    }
    if (opts.potentials) {
        const [F, G] = result;
        return [F.reshape(inp.a.shape), G.reshape(inp.b.shape)];
    }
    const values = result;
    return s.B === 0 ? values.reshape([]) : values.reshape([s.B]);
}
export function samplesLoss(name, options) {
    const { name: lossName, opts } = resolveOptions(name, options);
    const cache = new PotentialCache();
    let last = null;
    const fn = (...args) => run(lossName, opts, cache, args, (choice) => {
        last = choice;
    });
    Object.defineProperty(fn, 'lastBackend', { get: () => last?.backend ?? null, enumerable: true });
    Object.defineProperty(fn, 'lastChoice', { get: () => last, enumerable: true });
    Object.defineProperty(fn, 'lossName', { value: lossName, enumerable: true });
    Object.defineProperty(fn, 'options', { value: Object.freeze({ ...opts }), enumerable: true });
    return fn;
}
