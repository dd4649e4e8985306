import { Tensor } from '../tensor/tensor.js';
import { collectVars } from '../formula/node.js';
import { lowerFormula, canonicalKey } from '../formula/lower.js';
import { oracleReduce } from '../oracle/reduce.js';
import { DTypeError, ShapeError } from '../errors.js';
import { withWasmEngine } from './engine.js';
import { gpuEngineFor } from './gpu-choice.js';
import { blockSparsity } from './ranges.js';
import { flexibleTensors } from './variables.js';
import { MAX_ARRAY_ELEMENTS, tooManyElements } from '../tensor/limits.js';
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
function commonRows(vars, cat, where, given) {
    let rows = given;
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
export function formulaDType(vars, where) {
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
/** Shape of a reduction's output. */
export function outputShape(kind, rows, dim, auxDim, k) {
    if (kind === 'LOGSUMEXP_WEIGHT' || kind === 'SUMSOFTMAXWEIGHT')
        return [rows, auxDim];
    if (kind === 'KMIN' || kind === 'ARGKMIN' || kind === 'KMIN_ARGKMIN')
        return dim === 1 ? [rows, k] : [rows, k, dim];
    return [rows, dim];
}
/** The sizes of the i and j axes of a reduction (ShapeError when one cannot be known). */
export function axisSizes(r, where) {
    const vars = collectVars(r.aux ? [r.result, r.aux] : [r.result]);
    const nI = commonRows(vars, 'i', where, r.sizes?.i);
    const nJ = commonRows(vars, 'j', where, r.sizes?.j);
    if (nI === undefined || nJ === undefined) {
        throw new ShapeError(`${where}: the formula needs at least one i-variable (Vi) and one j-variable (Vj) to have a shape; it has ${nI === undefined ? 'no Vi' : 'no Vj'}`);
    }
    return { nI, nJ };
}
/** A MemoryLimitError, before any work, when the output would not fit in one array. */
function checkOutputSize(where, shape, k) {
    const elements = shape.reduce((a, b) => a * b, 1);
    if (elements <= MAX_ARRAY_ELEMENTS)
        return;
    const advice = k > 0
        ? 'ask for a smaller K, or reduce blocks of output rows (slices of the tensors) one after another'
        : 'reduce blocks of output rows (slices of the tensors) one after another, or a formula of fewer dimensions';
    throw tooManyElements(where, `the output of shape [${shape.join(', ')}]${k > 0 ? ` (K = ${k})` : ''}`, elements, advice);
}
/**
 * Runs a reduction on the chosen backend; values and/or indices as Tensors (null when not
 * produced). `engine` overrides the choice (the engine's own warm-up runs on it before it is
 * handed out).
 */
export async function runReduction(r, where, engine) {
    const { result, aux, kind, k, signal } = r;
    const vars = collectVars(aux ? [result, aux] : [result]);
    const { nI, nJ } = axisSizes(r, where);
    const dtype = formulaDType(vars, where);
    const swap = r.axis === 0;
    const nRows = swap ? nJ : nI;
    const nCols = swap ? nI : nJ;
    const shape = outputShape(kind, nRows, result.dim, aux?.dim ?? 0, k);
    checkOutputSize(where, shape, k);
    const outWidth = shape.slice(1).reduce((a, b) => a * b, 1);
    const wantIndices = kind.includes('ARG');
    const wantValues = kind !== 'ARGMIN' && kind !== 'ARGMAX' && kind !== 'ARGKMIN';
    const ranges = r.ranges ? blockSparsity(r.ranges, r.axis, nI, nJ) : undefined;
    let values;
    let indices;
    if (r.backend === 'oracle') {
        ({ values, indices } = oracleReduce({ result, aux, reduction: kind, k, swap, nRows, nCols, outWidth, ranges }));
    }
    else {
        const tape = cachedTape(result, aux, dtype, swap, kind);
        const bound = vars.map((v) => {
            const cat = v.category;
            const swapped = swap && cat !== 'p' ? (cat === 'i' ? 'j' : 'i') : cat;
            return { data: v.tensor.data, dim: v.dim, category: swapped, id: v.tensor.id, version: v.tensor.version, owner: v.tensor };
        });
        const rowLanesTape = () => cachedTape(result, aux, dtype, !swap, kind);
        const request = { tape, dtype, vars: bound, nRows, nCols, reduction: kind, k, outWidth, wantValues, wantIndices, ranges, rowLanesTape };
        const chosen = engine ?? (await gpuEngineFor(r.backend, request));
        ({ values, indices } = chosen
            ? await chosen.reduce({ ...request, signal })
            : await withWasmEngine((wasm) => wasm.reduce({ ...request, signal })));
    }
    return {
        values: wantValues ? new Tensor(values, shape) : null,
        indices: wantIndices ? new Tensor(indices, shape) : null,
    };
}
