import type { ReductionPlan } from '../plan/reduction-plan.js';
import type { PlanOutput } from '../dispatch/dispatcher.js';
/** What runs a reduction plan remotely: `lazykernel/distributed`'s connect() returns one. */
export interface ReductionCluster {
    /**
     * Runs `plan` (already validated by buildPlan) and resolves to its values and/or indices,
     * shaped and typed as the local dispatcher's runPlan would give them.
     */
    runPlan(plan: ReductionPlan, signal?: AbortSignal): Promise<PlanOutput>;
}
/** `options.cluster` checked (undefined when absent): a ValueError naming `where` otherwise. */
export declare function checkCluster(where: string, cluster: unknown): ReductionCluster | undefined;
