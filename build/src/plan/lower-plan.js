// Lowers a reduction plan to what the tape backends run: its tape (compiled once per formula
// structure, dtype and axis, and cached) and the request that binds the tape to the inputs.
import { lowerFormula } from '../formula/lower.js';
import { batchCount, batchSlices } from './batch-shape.js';
const TAPE_CACHE_LIMIT = 512;
const tapeCache = new Map();
/**
 * The plan's tape: its formula (and aux) lowered for its dtype, with the i and j roles swapped
 * when it reduces over i (`swapped` swaps them once more: the row-lanes layout). Plans with the
 * same key share one tape (least recently used ones are dropped past 512).
 */
export function planTape(plan, swapped = false) {
    const swap = (plan.axis === 0) !== swapped;
    const sumProduct = plan.kind === 'SUM';
    const key = `${plan.dtype}|${swap ? 1 : 0}|${sumProduct ? 1 : 0}|${plan.key}`;
    let tape = tapeCache.get(key);
    if (tape) {
        tapeCache.delete(key);
        tapeCache.set(key, tape); // most recently used last
        return tape;
    }
    tape = lowerFormula(plan.formula, plan.aux, plan.dtype === 'float32' ? 4 : 8, swap, sumProduct).tape;
    tapeCache.set(key, tape);
    if (tapeCache.size > TAPE_CACHE_LIMIT)
        tapeCache.delete(tapeCache.keys().next().value);
    return tape;
}
/** Output rows and reduced columns of a plan (rows are j for a reduction over i). */
export function planAxes(plan) {
    return plan.axis === 1 ? { nRows: plan.nI, nCols: plan.nJ } : { nRows: plan.nJ, nCols: plan.nI };
}
/** Whether the plan's reduction produces values / indices (argmin produces indices only...). */
export function planOutputs(plan) {
    const kind = plan.kind;
    return { wantIndices: kind.includes('ARG'), wantValues: kind !== 'ARGMIN' && kind !== 'ARGMAX' && kind !== 'ARGKMIN' };
}
/** Values per output row. */
export function planOutWidth(plan) {
    return plan.outputShape.slice(plan.batchShape.length + 1).reduce((a, b) => a * b, 1);
}
/** Batches of a plan (1 when it has no batch axes). */
export function planBatches(plan) {
    return batchCount(plan.batchShape);
}
/** The request a tape backend (wasm, WebGPU) runs for a plan: its tape and its inputs bound to their roles. */
export function lowerPlan(plan) {
    const swap = plan.axis === 0;
    const batched = plan.batchShape.length > 0;
    const vars = plan.inputs.map(({ category, node, tensor, batchShape }) => ({
        data: tensor.data,
        dim: node.dim,
        category: swap && category !== 'p' ? (category === 'i' ? 'j' : 'i') : category,
        id: tensor.id,
        version: tensor.version,
        owner: tensor,
        ...(batched ? { slices: batchSlices(batchShape, plan.batchShape) } : {}),
    }));
    const { wantValues, wantIndices } = planOutputs(plan);
    return {
        tape: planTape(plan),
        dtype: plan.dtype,
        vars,
        nRows: swap ? plan.nJ : plan.nI,
        nCols: swap ? plan.nI : plan.nJ,
        reduction: plan.kind,
        k: plan.k,
        outWidth: planOutWidth(plan),
        wantValues,
        wantIndices,
        ranges: plan.sparsity ?? undefined,
        ...(batched ? { batches: planBatches(plan) } : {}),
        ...(plan.batchSparsity ? { batchRanges: plan.batchSparsity } : {}),
        ...(plan.sumScheme ? { sumScheme: plan.sumScheme } : {}),
        rowLanesTape: () => planTape(plan, true),
    };
}
