import { Tensor } from '../tensor/tensor.js';
import { collectVars, varNode } from '../formula/node.js';
import { gradFormulas } from '../formula/grad.js';
import { substitute } from '../formula/substitute.js';
import { embed } from '../formula/algebra.js';
import { gradGroups, rowFactorTensor } from './grad-template.js';
import { attachGrad, gradNode } from '../autograd/grad-node.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { castTo } from '../autograd/cast.js';
import { buildPlan } from '../plan/reduction-plan.js';
import { batchCount, batchSlices, tensorLayout } from '../plan/batch-shape.js';
import { runPlan } from './dispatcher.js';
let hoistRowFactorsEnabled = true;
/** Whether gradient sums leave their row-constant factors to the host (tests compare both); returns the previous setting. */
export function setHoistRowFactors(on) {
    const was = hoistRowFactorsEnabled;
    hoistRowFactorsEnabled = on;
    return was;
}
/**
 * Makes the output of a reduction differentiable with respect to every tensor of its formula
 * that requires grad. The gradient of a reduction is itself a reduction (KeOps-style): over the
 * same axis for the variables that index the output rows, over the other axis for the reduced
 * variables, and over both for parameters. logsumexp reuses its own output; min, max and K-min
 * differentiate through their arguments, evaluated at the chosen (i, j) pairs.
 */
export function attachReductionGrad(r, out, indices, signal) {
    // The plan lists its inputs: no walk over the formula to find them.
    if (!isGradEnabled() || !r.inputs.some((input) => input.tensor.requiresGrad))
        return;
    const leaves = r.inputs.map((input) => input.node).filter((v) => v.tensor.requiresGrad);
    const inputs = [...new Set(leaves.map((v) => v.tensor))];
    attachGrad(out, gradNode(`${r.kind.toLowerCase()}Backward`, inputs, (E) => reductionGrads(r, out, indices, leaves, inputs, E, signal), [...inputs, out]));
}
/** Whether a reduction of these formulas will carry a gradient (grad mode on, a leaf requiring grad). */
export function reductionNeedsGrad(result, aux) {
    return isGradEnabled() && collectVars(aux ? [result, aux] : [result]).some((v) => v.tensor.requiresGrad);
}
/**
 * The vector-Jacobian product of a reduction plan with the cotangent E: the gradient of each
 * input, computed by gradient reduction plans (formulas from formula/grad) run through the
 * dispatcher like any other reduction.
 */
async function reductionGrads(r, out, indices, leaves, inputs, E, signal) {
    const where = `${r.kind.toLowerCase()} backward`;
    const { nI, nJ, dtype } = r;
    const rowCat = r.axis === 1 ? 'i' : 'j';
    const nRows = r.axis === 1 ? nI : nJ;
    const nCols = r.axis === 1 ? nJ : nI;
    // Batched plans: every tensor below is [...batch, rows, ...], and so are the gradient plans.
    const batch = r.batchShape;
    const B = batchCount(batch);
    const rowVar = (t, dim) => varNode(t, rowCat, dim);
    const Erows = asDType(E, dtype, [...batch, nRows, E.size / Math.max(1, B * nRows)]);
    const lastDim = (t) => t.shape[t.shape.length - 1];
    const ranges = r.ranges ?? r.batchRanges ?? undefined;
    // The oracle returns float64 values whatever the inputs' dtype: in the formula's dtype.
    const outRows = castTo(out, dtype);
    if (r.kind === 'SUM' || r.kind === 'LOGSUMEXP' || r.kind === 'LOGSUMEXP_WEIGHT' || r.kind === 'SUMSOFTMAXWEIGHT') {
        let lse = null;
        if (r.kind === 'SUMSOFTMAXWEIGHT') {
            const lsePlan = buildPlan({ formula: r.formula, kind: 'LOGSUMEXP', axis: r.axis, backend: r.backend, sizes: { i: nI, j: nJ }, ranges }, where);
            const { values } = await runPlan(lsePlan, signal);
            lse = rowVar(castTo(values, dtype), 1);
        }
        // The formulas (grad-template.ts) are derived once per forward structure and bound to this
        // call's tensors. Built from differentiable pieces (a reduction, host slices, sums and
        // adds), so that under backward({ createGraph: true }) the gradient has a graph of its own:
        // Hessian-vector products.
        const leafSlots = r.inputs.flatMap((input, k) => (input.tensor.requiresGrad ? [k] : []));
        // Row-constant factors leave the sums for dense, unbatched reductions with columns (a
        // block-sparse or empty row would turn c * 0 into NaN where c is infinite, not 0).
        const hoist = hoistRowFactorsEnabled && batch.length === 0 && !ranges && nRows > 0 && nCols > 0;
        // A uniform incoming gradient (a mean's or a sum's backward: the usual loss) is a parameter,
        // so that it is hoisted with the other row-constant factors.
        const Evar = (hoist && !E.requiresGrad ? uniformCotangent(Erows) : null) ?? rowVar(Erows, lastDim(Erows));
        const groups = gradGroups(r, leafSlots, { E: Evar, out: rowVar(outRows, lastDim(outRows)), lse }, hoist);
        const perTensor = new Map();
        for (const { axis, formula, leaves: group, parts, known } of groups) {
            // The gradient of a block-sparse reduction keeps its sparsity: the 6-tuple holds both
            // directions, so the same ranges serve the reduction over the other axis. The gradient
            // sums add their terms as the forward sum did (its sumScheme).
            const plan = buildPlan({ formula, kind: 'SUM', axis, backend: r.backend, sizes: { i: nI, j: nJ }, ranges, sumScheme: r.sumScheme, known }, where);
            const { values } = await runPlan(plan, signal);
            attachReductionGrad(plan, values, null, signal);
            let start = 0;
            for (const [k, leaf] of group.entries()) {
                const { width, factor } = parts[k];
                let part = group.length === 1 ? values : values.narrow(batch.length + 1, start, width);
                start += width;
                if (factor)
                    part = part.mul(rowFactorTensor(factor, axis === 1 ? nI : nJ, part.dtype));
                const t = leaf.tensor;
                const g = sumToLeaf(leaf.category === 'p' ? part.sum(batch.length) : part, batch, tensorLayout(t, leaf.category).batchShape).reshape(t.shape);
                const prev = perTensor.get(t);
                perTensor.set(t, prev ? prev.add(g) : g);
            }
        }
        return inputs.map((t) => perTensor.get(t) ?? null);
    }
    else {
        // min, max, K-min: through the arguments. For each slot and component, the formula is
        // evaluated at the pairs (row, argmin of row) by gathering the reduced variables.
        const grads = new Map(inputs.map((t) => [t, dtype === 'float32' ? new Float32Array(t.size) : new Float64Array(t.size)]));
        const idx = indices.data;
        const D = r.formula.dim;
        // Rows of every batch, one after another: row R is row R % nRows of batch R / nRows.
        const allRows = B * nRows;
        const width = idx.length / Math.max(1, allRows);
        const slots = width / D;
        const colLeaves = leaves.filter((v) => v.category !== rowCat && v.category !== 'p');
        // The slice of a variable's tensor each batch reads (all 0 when not batched).
        const slicesOf = (v) => batchSlices(tensorLayout(v.tensor, v.category).batchShape, batch);
        const allColVars = collectVars([r.formula]).filter((v) => v.category !== rowCat && v.category !== 'p');
        for (let s = 0; s < slots && nCols > 0; s++) {
            for (let c = 0; c < D; c++) {
                const col = new Int32Array(allRows);
                const e = dtype === 'float32' ? new Float32Array(allRows) : new Float64Array(allRows);
                for (let row = 0; row < allRows; row++) {
                    const j = idx[row * width + s * D + c];
                    col[row] = j < 0 ? 0 : j;
                    e[row] = j < 0 ? 0 : Erows.data[row * width + s * D + c];
                }
                const replacements = new Map();
                for (const v of allColVars)
                    replacements.set(v.key, rowVar(gatherRows(v.tensor, col, slicesOf(v), nCols, batch, nRows), v.dim));
                const Fg = substitute(r.formula, replacements);
                const G = embed(rowVar(new Tensor(e, [...batch, nRows, 1]), 1), c, D);
                const sizes = rowCat === 'i' ? { i: nRows, j: 1 } : { i: 1, j: nRows };
                for (const leaf of leaves) {
                    const target = replacements.get(leaf.key) ?? leaf;
                    const g = gradFormulas(Fg, [target], G)[0];
                    const scatter = colLeaves.includes(leaf) ? col : null;
                    await reduceInto(grads.get(leaf.tensor), g, scatter ? rowCat : leaf.category, leaf.dim, r, rowCat, sizes, scatter, { slices: slicesOf(leaf), sliceRows: leaf.category === 'p' ? 1 : scatter ? nCols : nRows }, signal);
                }
            }
        }
        return inputs.map((t) => new Tensor(grads.get(t), t.shape));
    }
}
/**
 * The incoming gradient E [rows, width] as a parameter of `width` components when every element
 * holds the same finite nonzero number, or null. (Zero and infinities stay inside the sums: a
 * hoisted 0 times a sum that overflowed would be NaN where the terms 0 * p add up to 0.) Hoisted
 * out of the gradient sums (hoistRowFactors), it then multiplies their reduced rows once on the
 * host instead of every pair in the engine, and no copy of its rows goes to the engine. It also
 * keeps the terms of those sums away from subnormal numbers: the mixture tutorial's
 * exp(F - out) times E = -1 / 10^4 fell below 2^-126 for a good share of the pairs, and the
 * hardware takes subnormal operands in microcode (its backward reduction ran 14 % faster with
 * E = -1).
 */
function uniformCotangent(E) {
    const data = E.data;
    const width = E.shape[E.shape.length - 1];
    if (data.length === 0 || width === 0)
        return null;
    const c = data[0];
    if (c === 0 || !Number.isFinite(c))
        return null;
    for (let k = 1; k < data.length; k++)
        if (data[k] !== c)
            return null;
    const values = data instanceof Float32Array ? new Float32Array(width) : new Float64Array(width);
    return varNode(new Tensor(values.fill(c), [width]), 'p', width);
}
/**
 * Reduces the gradient formula `g` of one leaf (category `cat`, dimension `dim`) to the leaf's
 * rows and adds it into `acc`:
 * over the output axis for row variables, the other axis for reduced ones, both for parameters.
 * With `scatter`, row r of the result is added to row scatter[r] of acc (gathered variables).
 */
async function reduceInto(acc, g, cat, dim, r, rowCat, sizes, scatter, batch, signal) {
    // First order only: min, max and K-min are piecewise smooth, their second derivative is zero.
    const axis = cat === 'p' || cat === rowCat ? r.axis : r.axis === 1 ? 0 : 1;
    const { values } = await runPlan(buildPlan({ formula: g, kind: 'SUM', axis, backend: r.backend, sizes }, 'gradient'), signal);
    const data = values.data;
    // Row R of the output is row R % nRows of batch b = R / nRows, whose slice of the leaf starts
    // at row slices[b] * sliceRows (broadcast batches add into the same slice).
    const rows = data.length / dim;
    const perBatch = Math.max(1, rows / batch.slices.length);
    for (let R = 0; R < rows; R++) {
        const b = Math.floor(R / perBatch);
        const base = batch.slices[b] * batch.sliceRows;
        const at = (cat === 'p' ? base : scatter ? base + scatter[R] : base + (R - b * perBatch)) * dim;
        for (let k = 0; k < dim; k++)
            acc[at + k] = acc[at + k] + data[R * dim + k];
    }
}
/**
 * A batched gradient [...batch, ...rest] summed over the batch axes its leaf broadcast (those
 * it lacks or has of size 1), differentiably: the gradient of a broadcast is a sum.
 */
function sumToLeaf(g, batch, leafBatch) {
    const padded = [...new Array(batch.length - leafBatch.length).fill(1), ...leafBatch];
    const axes = batch.map((d, k) => (padded[k] === 1 && d !== 1 ? k : -1)).filter((k) => k >= 0);
    return axes.length === 0 ? g : g.sum(axes, { keepdims: true });
}
/**
 * Rows `rows` of a [n, d] (or [n], or [...batch, n, d]) tensor, as a new [...batch, perBatch, d]
 * tensor: row k is row rows[k] of the slice its batch (k / perBatch) reads (`slices`, of n rows).
 */
function gatherRows(t, rows, slices, n, batch, perBatch) {
    const d = t.shape.length === 1 ? 1 : t.shape[t.shape.length - 1];
    const src = t.data;
    const out = src instanceof Float32Array ? new Float32Array(rows.length * d) : new Float64Array(rows.length * d);
    rows.forEach((r, k) => {
        const at = (slices[Math.floor(k / Math.max(1, perBatch))] * n + r) * d;
        out.set(src.subarray(at, at + d), k * d);
    });
    return new Tensor(out, [...batch, perBatch, d]);
}
/**
 * The tensor in `dtype` with `shape`: a differentiable reshape when the dtype already fits (so
 * that under createGraph, the incoming gradient keeps its own graph), a differentiable cast
 * otherwise (the oracle's outputs are float64 even for float32 formulas).
 */
function asDType(t, dtype, shape) {
    return castTo(t, dtype).reshape(shape);
}
