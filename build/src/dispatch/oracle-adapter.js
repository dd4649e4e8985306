// The float64 reference evaluator as a backend: it evaluates the plan's formula (not its tape)
// pair by pair. Only run when asked for by name; 'auto' never picks it.
import { oracleReduce } from '../oracle/reduce.js';
import { planAxes, planBatches, planOutWidth } from '../plan/lower-plan.js';
import { batchSlices, tensorLayout } from '../plan/batch-shape.js';
/** Per variable of a batched plan, the element offset of each batch's slice in its data. */
function batchOffsets(plan) {
    const offsets = new Map();
    for (const input of plan.inputs) {
        const { rows, dim } = tensorLayout(input.tensor, input.category);
        offsets.set(input.node.key, batchSlices(input.batchShape, plan.batchShape).map((s) => s * rows * dim));
    }
    return offsets;
}
export const oracleAdapter = {
    name: 'oracle',
    cost: () => Infinity,
    unsupported: () => null,
    async run({ plan }) {
        const batched = plan.batchShape.length > 0;
        return oracleReduce({
            result: plan.formula,
            aux: plan.aux,
            reduction: plan.kind,
            k: plan.k,
            swap: plan.axis === 0,
            ...planAxes(plan),
            outWidth: planOutWidth(plan),
            ranges: plan.sparsity ?? undefined,
            ...(batched ? { batches: planBatches(plan), offsets: batchOffsets(plan) } : {}),
            ...(plan.batchSparsity ? { batchRanges: plan.batchSparsity } : {}),
        });
    },
};
