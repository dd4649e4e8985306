/**
 * Options of `samplesLoss`, with GeomLoss's names (camelCased) and defaults, validated once
 * when the loss is created so that a typo fails before any computation.
 */
import { DTypeError, ValueError, checkOptions, describe } from '../errors.js';
import { checkSignal } from '../abort.js';
import { checkScheduleLength } from './epsilon-schedule.js';
import { parseFormula } from './formula-string.js';
import { checkCluster } from '../api/cluster-option.js';
export const LOSS_NAMES = ['sinkhorn', 'hausdorff', 'energy', 'gaussian', 'laplacian'];
export const OT_BACKENDS = ['auto', 'tensorized', 'online', 'multiscale', 'webgpu'];
const KEYS = ['p', 'blur', 'reach', 'diameter', 'scaling', 'truncate', 'cost', 'kernel', 'clusterScale', 'debias', 'potentials', 'verbose', 'backend', 'signal', 'onProgress', 'cluster'];
/** options[key] as a positive finite number (or null where `nullable`), else a ValueError naming it. */
export function positive(where, key, value, nullable) {
    if (value === null && nullable)
        return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new ValueError(`${where}: options.${key} must be a positive finite number${nullable ? ' or null' : ''}, received ${describe(value)}`);
    }
    return value;
}
/** options[key] as a boolean, else a ValueError naming it. */
export function bool(where, key, value) {
    if (typeof value !== 'boolean')
        throw new ValueError(`${where}: options.${key} must be true or false, received ${describe(value)}`);
    return value;
}
/**
 * Checks the loss name and the options; returns them with GeomLoss's defaults filled in.
 * `where` names the caller in the messages; `extraKeys` are options of the caller that it
 * checks itself (accepted here, ignored).
 */
export function resolveOptions(name, options, where = 'samplesLoss', extraKeys = []) {
    if (typeof name !== 'string' || !LOSS_NAMES.includes(name)) {
        throw new ValueError(`${where}: the loss name must be one of ${LOSS_NAMES.map((n) => `'${n}'`).join(', ')}, received ${describe(name)}`);
    }
    checkOptions(where, options, extraKeys.length ? [...KEYS, ...extraKeys] : KEYS);
    const o = (options ?? {});
    const p = o.p ?? 2;
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 1) {
        throw new ValueError(`${where}: options.p must be a finite number >= 1 (the exponent of the cost |x - y|^p / p), received ${describe(p)}`);
    }
    const blur = positive(where, 'blur', o.blur ?? 0.05, false);
    const reach = positive(where, 'reach', o.reach === undefined ? null : o.reach, true);
    const diameter = positive(where, 'diameter', o.diameter === undefined ? null : o.diameter, true);
    const scaling = o.scaling ?? 0.5;
    if (typeof scaling !== 'number' || !(scaling > 0 && scaling < 1)) {
        throw new ValueError(`${where}: options.scaling must be a number strictly between 0 and 1, received ${describe(scaling)}`);
    }
    const truncate = positive(where, 'truncate', o.truncate === undefined ? 5 : o.truncate, true);
    const clusterScale = positive(where, 'clusterScale', o.clusterScale === undefined ? null : o.clusterScale, true);
    const cost = o.cost ?? null;
    if (cost !== null && typeof cost !== 'string' && typeof cost !== 'function') {
        throw new DTypeError(`${where}: options.cost must be a formula string, a function or null, received ${describe(cost)}`);
    }
    const kernel = o.kernel ?? null;
    if (kernel !== null && typeof kernel !== 'string' && typeof kernel !== 'function') {
        throw new DTypeError(`${where}: options.kernel must be a formula string, a function or null, received ${describe(kernel)}`);
    }
    const debias = bool(where, 'debias', o.debias ?? true);
    const potentials = bool(where, 'potentials', o.potentials ?? false);
    const verbose = bool(where, 'verbose', o.verbose ?? false);
    const backend = o.backend ?? 'auto';
    if (!OT_BACKENDS.includes(backend)) {
        throw new ValueError(`${where}: options.backend must be one of ${OT_BACKENDS.map((b) => `'${b}'`).join(', ')}, received ${describe(backend)}`);
    }
    const signal = checkSignal(where, o.signal);
    const cluster = checkCluster(where, o.cluster);
    if (cluster && backend !== 'auto' && backend !== 'online') {
        throw new ValueError(`${where}: options.cluster runs the 'online' routine's reductions on a cluster; options.backend must then be 'auto' or 'online', received '${backend}'`);
    }
    const onProgress = o.onProgress;
    if (onProgress !== undefined && typeof onProgress !== 'function') {
        throw new ValueError(`${where}: options.onProgress must be a function, received ${describe(onProgress)}`);
    }
    if (name === 'hausdorff' && reach !== null) {
        throw new ValueError(`${where}: 'hausdorff' is defined for balanced measures only; options.reach must be null (received ${reach})`);
    }
    if ((name === 'sinkhorn' || name === 'hausdorff') && kernel !== null) {
        throw new ValueError(`${where}: options.kernel applies to 'energy', 'gaussian' and 'laplacian'; '${name}' takes a ground cost through options.cost`);
    }
    if (name !== 'sinkhorn' && name !== 'hausdorff' && cost !== null) {
        throw new ValueError(`${where}: options.cost applies to 'sinkhorn' and 'hausdorff'; '${name}' takes options.kernel`);
    }
    // Fail at creation, before any work: a formula string that does not parse (or nests too
    // deeply), and a schedule too long for the diameter given.
    if (typeof cost === 'string')
        parseFormula(cost, `${where}: options.cost`);
    if (typeof kernel === 'string')
        parseFormula(kernel, `${where}: options.kernel`);
    if (diameter !== null && (name === 'sinkhorn' || name === 'hausdorff'))
        checkScheduleLength(where, diameter, blur, scaling);
    return { name: name, opts: { p, blur, reach, diameter, scaling, truncate, cost, kernel, clusterScale, debias, potentials, verbose, backend, signal, onProgress, cluster } };
}
