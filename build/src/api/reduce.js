import { Tensor } from '../tensor/tensor.js';
import { collectVars } from '../formula/node.js';
import { lowerFormula, canonicalKey } from '../formula/lower.js';
import { oracleReduce } from '../oracle/reduce.js';
import { BackendError, DTypeError, ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { getWasmEngine } from './engine.js';
import { flexibleTensors } from './variables.js';
const BACKENDS = ['auto', 'wasm', 'webgpu', 'oracle'];
const TAPE_CACHE_LIMIT = 512;
const tapeCache = new Map();
function cachedTape(result, aux, dtype, swap, kind) {
    const sumProduct = kind === 'SUM';
    const key = `${dtype}|${swap ? 1 : 0}|${sumProduct ? 1 : 0}|${canonicalKey(aux ? [result, aux] : [result])}`;
    let tape = tapeCache.get(key);
    if (tape) {
        tapeCache.delete(key);
        tapeCache.set(key, tape); // most recently used last
        return tape;
    }
    tape = lowerFormula(result, aux, dtype === 'float32' ? 4 : 8, swap, sumProduct).tape;
    tapeCache.set(key, tape);
    if (tapeCache.size > TAPE_CACHE_LIMIT)
        tapeCache.delete(tapeCache.keys().next().value);
    return tape;
}
/** Number of rows shared by every variable of a category, or a ShapeError naming both sizes. */
function commonRows(vars, cat, where) {
    let rows;
    for (const v of vars) {
        if (v.category !== cat)
            continue;
        const n = v.tensor.shape[0];
        if (rows !== undefined && n !== rows) {
            throw new ShapeError(`${where}: ${cat}-variables have different numbers of rows (${rows} and ${n}); every V${cat} of one formula must share its first dimension`);
        }
        rows = n;
    }
    return rows;
}
/** The formula's dtype: that of its tensors (parameters given as numbers adapt). */
function formulaDType(vars, where) {
    let dtype;
    for (const v of vars) {
        const t = v.tensor;
        if (flexibleTensors.has(t))
            continue;
        const d = t.dtype;
        if (dtype !== undefined && d !== dtype) {
            throw new DTypeError(`${where}: the formula mixes float32 and float64 tensors; convert them to one dtype`);
        }
        dtype = d;
    }
    return dtype ?? 'float64';
}
function outputShape(kind, rows, dim, auxDim, k) {
    if (kind === 'LOGSUMEXP_WEIGHT' || kind === 'SUMSOFTMAXWEIGHT')
        return [rows, auxDim];
    if (kind === 'KMIN' || kind === 'ARGKMIN' || kind === 'KMIN_ARGKMIN')
        return dim === 1 ? [rows, k] : [rows, k, dim];
    return [rows, dim];
}
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
    if (options?.ranges !== undefined) {
        throw new ValueError(`${where}: options.ranges (block-sparse reductions) is not supported by this version yet`);
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
    const vars = collectVars(aux ? [result, aux] : [result]);
    const nI = commonRows(vars, 'i', where);
    const nJ = commonRows(vars, 'j', where);
    if (nI === undefined || nJ === undefined) {
        throw new ShapeError(`${where}: the formula needs at least one i-variable (Vi) and one j-variable (Vj) to have a shape; it has ${nI === undefined ? 'no Vi' : 'no Vj'}`);
    }
    const dtype = formulaDType(vars, where);
    const swap = axis === 0;
    const nRows = swap ? nJ : nI;
    const nCols = swap ? nI : nJ;
    const dim = result.dim;
    const auxDim = aux?.dim ?? 0;
    const shape = outputShape(kind, nRows, dim, auxDim, k);
    const outWidth = shape.slice(1).reduce((a, b) => a * b, 1);
    const wantIndices = kind.includes('ARG');
    const wantValues = kind !== 'ARGMIN' && kind !== 'ARGMAX' && kind !== 'ARGKMIN';
    let values;
    let indices;
    if (backend === 'oracle') {
        ({ values, indices } = oracleReduce({ result, aux, reduction: kind, k, swap, nRows, nCols, outWidth }));
    }
    else {
        if (backend === 'webgpu')
            throw new BackendError(`${where}: the WebGPU backend is not available in this build; use backend 'wasm' or 'auto'`);
        const tape = cachedTape(result, aux, dtype, swap, kind);
        const bound = lowerVarsOrder(result, aux).map((v) => {
            const cat = v.category;
            const swapped = swap && cat !== 'p' ? (cat === 'i' ? 'j' : 'i') : cat;
            return { data: v.tensor.data, dim: v.dim, category: swapped, id: v.tensor.id, version: v.tensor.version, owner: v.tensor };
        });
        const engine = await getWasmEngine();
        ({ values, indices } = await engine.reduce({ tape, dtype, vars: bound, nRows, nCols, reduction: kind, k, outWidth, wantValues, wantIndices, signal }));
    }
    const out = [];
    if (wantValues)
        out.push(new Tensor(values, shape));
    if (wantIndices)
        out.push(new Tensor(indices, shape));
    return out;
}
/** Variables in tape-slot order (the order lowerFormula assigns). */
function lowerVarsOrder(result, aux) {
    return collectVars(aux ? [result, aux] : [result]);
}
