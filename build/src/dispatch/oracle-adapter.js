// The float64 reference evaluator as a backend: it evaluates the plan's formula (not its tape)
// pair by pair. Only run when asked for by name; 'auto' never picks it.
import { oracleReduce } from '../oracle/reduce.js';
import { planAxes, planOutWidth } from '../plan/lower-plan.js';
export const oracleAdapter = {
    name: 'oracle',
    cost: () => Infinity,
    unsupported: () => null,
    async run({ plan }) {
        return oracleReduce({
            result: plan.formula,
            aux: plan.aux,
            reduction: plan.kind,
            k: plan.k,
            swap: plan.axis === 0,
            ...planAxes(plan),
            outWidth: planOutWidth(plan),
            ranges: plan.sparsity ?? undefined,
        });
    },
};
