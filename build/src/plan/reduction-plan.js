import { collectVars } from '../formula/node.js';
import { canonicalKey } from '../formula/lower.js';
import { ShapeError } from '../errors.js';
import { MAX_ARRAY_ELEMENTS, tooManyElements } from '../tensor/limits.js';
import { blockSparsity, rangesArrays } from './block-sparsity.js';
import { formulaDType } from './formula-dtype.js';
import { batchCount, broadcastBatchShapes, tensorLayout } from './batch-shape.js';
/** Version of the plan format (plan-codec.ts refuses other versions). */
export const PLAN_FORMAT_VERSION = 1;
/** Number of rows shared by every variable of a category, or a ShapeError naming both sizes. */
function commonRows(vars, cat, where, given) {
    let rows = given;
    for (const v of vars) {
        if (v.category !== cat)
            continue;
        const n = tensorLayout(v.tensor, cat).rows;
        if (rows !== undefined && n !== rows) {
            throw new ShapeError(`${where}: ${cat}-variables have different numbers of rows (${rows} and ${n}); every V${cat} of one formula must share its first dimension`);
        }
        rows = n;
    }
    return rows;
}
/**
 * The plan's ranges: one 6-tuple shared by every batch, or (batched plans only) an array of one
 * 6-tuple per batch index, each validated against one batch's sizes.
 */
function planRanges(spec, batchShape, nI, nJ, where) {
    const none = { ranges: null, sparsity: null, batchRanges: null, batchSparsity: null };
    if (spec.ranges == null)
        return none;
    const r = spec.ranges;
    // A list of tuples: its first element is itself a list (a tuple's are Tensors or Int32Arrays).
    if (Array.isArray(r) && r.length > 0 && Array.isArray(r[0])) {
        const B = batchCount(batchShape);
        if (batchShape.length === 0 || r.length !== B) {
            throw new ShapeError(`${where}: ranges as a list of 6-tuples needs one tuple per batch index: ${B} for the batch shape [${batchShape.join(', ')}], received ${r.length}`
                + (batchShape.length === 0 ? ' (this reduction has no batch axes: pass a single 6-tuple)' : ''));
        }
        const batchRanges = r.map((t) => rangesArrays(t));
        return { ...none, batchRanges, batchSparsity: batchRanges.map((t) => blockSparsity(t, spec.axis, nI, nJ)) };
    }
    const ranges = rangesArrays(r);
    return { ...none, ranges, sparsity: blockSparsity(ranges, spec.axis, nI, nJ) };
}
/** Shape of a reduction's output (of one batch). */
export function outputShape(kind, rows, dim, auxDim, k) {
    if (kind === 'LOGSUMEXP_WEIGHT' || kind === 'SUMSOFTMAXWEIGHT')
        return [rows, auxDim];
    if (kind === 'KMIN' || kind === 'ARGKMIN' || kind === 'KMIN_ARGKMIN')
        return dim === 1 ? [rows, k] : [rows, k, dim];
    return [rows, dim];
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
 * Validates a reduction and builds its plan: the axes' sizes (ShapeError when they disagree or
 * cannot be known), the dtype (DTypeError when float32 and float64 tensors mix), the output's
 * size and the block-sparse ranges, all before any engine is touched.
 */
export function buildPlan(spec, where) {
    const formula = spec.formula;
    const aux = spec.aux ?? null;
    const roots = aux ? [formula, aux] : [formula];
    const vars = spec.known?.vars ?? collectVars(roots);
    const nI = commonRows(vars, 'i', where, spec.sizes?.i);
    const nJ = commonRows(vars, 'j', where, spec.sizes?.j);
    if (nI === undefined || nJ === undefined) {
        throw new ShapeError(`${where}: the formula needs at least one i-variable (Vi) and one j-variable (Vj) to have a shape; it has ${nI === undefined ? 'no Vi' : 'no Vj'}`);
    }
    const inputs = vars.map((v) => ({
        node: v,
        category: v.category,
        shape: v.tensor.shape,
        batchShape: tensorLayout(v.tensor, v.category).batchShape,
        dtype: v.tensor.dtype,
        tensor: v.tensor,
    }));
    const batchShape = broadcastBatchShapes(where, inputs);
    const dtype = formulaDType(vars, where);
    const k = spec.k ?? 0;
    const nRows = spec.axis === 1 ? nI : nJ;
    const shape = [...batchShape, ...outputShape(spec.kind, nRows, formula.dim, aux?.dim ?? 0, k)];
    checkOutputSize(where, shape, k);
    const { ranges, sparsity, batchRanges, batchSparsity } = planRanges(spec, batchShape, nI, nJ, where);
    return {
        version: PLAN_FORMAT_VERSION,
        formula,
        aux,
        key: spec.known?.key ?? canonicalKey(roots),
        kind: spec.kind,
        axis: spec.axis,
        k,
        inputs,
        batchShape,
        nI,
        nJ,
        dtype,
        outputShape: shape,
        ranges,
        sparsity,
        batchRanges,
        batchSparsity,
        backend: spec.backend,
        ...(spec.kind === 'SUM' && spec.sumScheme && spec.sumScheme !== 'block' ? { sumScheme: spec.sumScheme } : {}),
    };
}
