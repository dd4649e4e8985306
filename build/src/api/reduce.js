import { ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { runReduction } from './run-reduction.js';
import { attachReductionGrad, reductionNeedsGrad } from './reduction-grad.js';
const BACKENDS = ['auto', 'wasm', 'webgpu', 'oracle'];
const WITH_ARGS = { MIN: 'MIN_ARGMIN', MAX: 'MAX_ARGMAX', KMIN: 'KMIN_ARGKMIN' };
/**
 * Validates and runs one reduction of `lazy` over `axis` (1: over j, N rows out; 0: over i).
 * Every check happens before any engine memory is touched.
 */
export async function reduce(lazy, kind, axis, options, extra = {}) {
    const where = kind.toLowerCase();
    checkOptions(where, options, kind === 'LOGSUMEXP_WEIGHT' ? ['backend', 'ranges', 'signal', 'weight'] : ['backend', 'ranges', 'signal']);
    if (axis !== 0 && axis !== 1)
        throw new ValueError(`${where}: axis must be 0 (reduce over i) or 1 (reduce over j), received ${describe(axis)}`);
    const backend = options?.backend ?? 'auto';
    if (!BACKENDS.includes(backend))
        throw new ValueError(`${where}: options.backend must be one of ${BACKENDS.map((b) => `'${b}'`).join(', ')}, received ${describe(backend)}`);
    const signal = options?.signal;
    if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean')) {
        throw new ValueError(`${where}: options.signal must be an AbortSignal, received ${describe(signal)}`);
    }
    let k = 0;
    if (extra.k !== undefined) {
        if (typeof extra.k !== 'number' || !Number.isInteger(extra.k) || extra.k < 1) {
            throw new ValueError(`${where}: K must be a positive integer, received ${describe(extra.k)}`);
        }
        k = extra.k;
    }
    const result = lazy.node;
    const aux = extra.aux?.node ?? null;
    if (aux && result.dim !== 1) {
        throw new ShapeError(`${where}: the reduced formula must have dimension 1 when a ${kind === 'SUMSOFTMAXWEIGHT' ? 'value' : 'weight'} formula is given, received dimension ${result.dim}`);
    }
    // Differentiating min, max and K-min needs their arguments: compute them alongside.
    const needsArgs = (kind === 'MIN' || kind === 'MAX' || kind === 'KMIN') && reductionNeedsGrad(result, aux);
    const execKind = needsArgs ? WITH_ARGS[kind] : kind;
    const request = { result, aux, kind: execKind, axis, k, backend, signal, ranges: options?.ranges };
    const { values, indices } = await runReduction(request, where);
    if (values)
        attachReductionGrad(request, values, indices);
    return (needsArgs ? [values] : [values, indices]).filter((t) => t !== null);
}
