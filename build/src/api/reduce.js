import { ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { buildPlan } from '../plan/reduction-plan.js';
import { tensorLayout } from '../plan/batch-shape.js';
import { chooseAdapter, runPlan } from '../dispatch/dispatcher.js';
import { planJob } from '../dispatch/backend-adapter.js';
import { attachReductionGrad, reductionNeedsGrad } from '../dispatch/reduction-grad.js';
import { checkSignal } from '../abort.js';
import { MAX_ARRAY_ELEMENTS } from '../tensor/limits.js';
import { collectVars } from '../formula/node.js';
import { checkCluster } from './cluster-option.js';
const SUM_SCHEMES = ['auto', 'block_sum', 'kahan_scheme', 'direct_sum'];
/** The engines' accumulation for validated sum options; ValueError naming a bad option. */
export function sumAccumulation(where, options) {
    const scheme = options?.sumScheme === undefined ? 'auto' : options.sumScheme;
    if (!SUM_SCHEMES.includes(scheme)) {
        throw new ValueError(`${where}: options.sumScheme must be one of ${SUM_SCHEMES.map((x) => `'${x}'`).join(', ')}, received ${describe(options?.sumScheme)}`);
    }
    const double = options?.useDoubleAcc === undefined ? false : options.useDoubleAcc;
    if (typeof double !== 'boolean')
        throw new ValueError(`${where}: options.useDoubleAcc must be true or false, received ${describe(options?.useDoubleAcc)}`);
    if (double || scheme === 'direct_sum')
        return 'double';
    return scheme === 'kahan_scheme' ? 'kahan' : 'block';
}
const BACKENDS = ['auto', 'wasm', 'webgpu', 'oracle'];
/** `backend` (undefined: 'auto') checked against the known backends; ValueError naming options.backend. */
export function checkBackend(where, backend) {
    const b = backend ?? 'auto';
    if (!BACKENDS.includes(b))
        throw new ValueError(`${where}: options.backend must be one of ${BACKENDS.map((x) => `'${x}'`).join(', ')}, received ${describe(backend)}`);
    return b;
}
/** The options every reduction takes (logsumexp adds `weight`). */
const REDUCE_OPTIONS = ['backend', 'ranges', 'signal', 'ni', 'nj', 'cluster'];
/**
 * The sizes of the i and j axes given as options.ni / options.nj: checked to be positive int32
 * integers, required for an axis without variables (KeOps silently takes 1 there) and equal to
 * the variables' rows where it has some.
 */
function axisSizes(where, roots, options) {
    const vars = collectVars(roots);
    const sizes = {};
    const missing = [];
    for (const cat of ['i', 'j']) {
        const name = `n${cat}`;
        const given = options?.[name];
        const variable = vars.find((v) => v.category === cat)?.tensor;
        const rows = variable ? tensorLayout(variable, cat).rows : undefined;
        if (given === undefined) {
            if (rows === undefined)
                missing.push(cat);
            continue;
        }
        if (typeof given !== 'number' || !Number.isInteger(given) || given < 1 || given > MAX_ARRAY_ELEMENTS) {
            throw new ValueError(`${where}: options.${name} must be a positive integer at most ${MAX_ARRAY_ELEMENTS}, received ${describe(given)}`);
        }
        if (rows !== undefined && rows !== given) {
            throw new ShapeError(`${where}: options.${name} = ${given} differs from the ${rows} rows of the formula's V${cat} variables`);
        }
        sizes[cat] = given;
    }
    if (missing.length) {
        const names = missing.map((c) => `options.n${c}`).join(' and ');
        throw new ShapeError(`${where}: the formula has ${missing.map((c) => `no V${c}`).join(' and ')} variable, so the ${missing.length > 1 ? 'sizes of the i and j axes are' : `size of the ${missing[0]} axis is`} unknown; give ${names} (KeOps takes 1: { ${missing.map((c) => `n${c}: 1`).join(', ')} })`);
    }
    return sizes;
}
const WITH_ARGS = { MIN: 'MIN_ARGMIN', MAX: 'MAX_ARGMAX', KMIN: 'KMIN_ARGKMIN' };
/**
 * Validates and runs one reduction of `lazy` over `axis` (1: over j, N rows out; 0: over i).
 * Every check happens before any engine memory is touched.
 */
export async function reduce(lazy, kind, axis, options, extra = {}) {
    const where = kind.toLowerCase();
    checkOptions(where, options, kind === 'LOGSUMEXP_WEIGHT' ? [...REDUCE_OPTIONS, 'weight'] : kind === 'SUM' ? [...REDUCE_OPTIONS, 'sumScheme', 'useDoubleAcc'] : REDUCE_OPTIONS);
    if (axis !== 0 && axis !== 1)
        throw new ValueError(`${where}: axis must be 0 (reduce over i) or 1 (reduce over j), received ${describe(axis)}`);
    const backend = checkBackend(where, options?.backend);
    const sumScheme = kind === 'SUM' ? sumAccumulation(where, options) : 'block';
    // A duck type ({ aborted: false }) cannot be listened to, so an abort would never reach the pool.
    const signal = checkSignal(where, options?.signal);
    const cluster = checkCluster(where, options?.cluster);
    let k = 0;
    if (extra.k !== undefined) {
        // The engine holds K in an int32; a K whose output is too big fails in buildPlan.
        if (typeof extra.k !== 'number' || !Number.isInteger(extra.k) || extra.k < 1 || extra.k > MAX_ARRAY_ELEMENTS) {
            throw new ValueError(`${where}: K must be a positive integer at most ${MAX_ARRAY_ELEMENTS} (2^31 - 1), received ${describe(extra.k)}`);
        }
        k = extra.k;
    }
    const result = lazy.node;
    const aux = extra.aux?.node ?? null;
    const sizes = axisSizes(where, aux ? [result, aux] : [result], options);
    if (aux && result.dim !== 1) {
        throw new ShapeError(`${where}: the reduced formula must have dimension 1 when a ${kind === 'SUMSOFTMAXWEIGHT' ? 'value' : 'weight'} formula is given, received dimension ${result.dim}`);
    }
    // Differentiating min, max and K-min needs their arguments: compute them alongside.
    const needsArgs = (kind === 'MIN' || kind === 'MAX' || kind === 'KMIN') && reductionNeedsGrad(result, aux);
    const execKind = needsArgs ? WITH_ARGS[kind] : kind;
    const plan = buildPlan({ formula: result, aux, kind: execKind, axis, k, backend, sizes, ranges: options?.ranges, sumScheme }, where);
    const { values, indices } = await runPlan(plan, signal, cluster);
    if (values)
        attachReductionGrad(plan, values, indices, signal);
    return (needsArgs ? [values] : [values, indices]).filter((t) => t !== null);
}
/**
 * The adapter the dispatcher would run this reduction of `lazy` on, with default options
 * (nothing runs): for callers that choose an algorithm by where its reductions go
 * (samplesLoss's 'auto' takes its online backend when they go to WebGPU).
 */
export async function reductionAdapter(lazy, kind, axis) {
    const where = kind.toLowerCase();
    const plan = buildPlan({ formula: lazy.node, aux: null, kind, axis, k: 0, backend: 'auto', sizes: axisSizes(where, [lazy.node], undefined), ranges: undefined, sumScheme: kind === 'SUM' ? sumAccumulation(where, undefined) : 'block' }, where);
    return (await chooseAdapter('auto', planJob(plan))).name;
}
