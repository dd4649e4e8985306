import { lowerPlan } from '../plan/lower-plan.js';
/** A PlanJob that lowers its plan when `request` is first read. */
class LazyPlanJob {
    plan;
    lowered = null;
    constructor(plan) {
        this.plan = plan;
    }
    get request() {
        return (this.lowered ??= lowerPlan(this.plan));
    }
    get work() {
        return workOf(this.request);
    }
}
/** A job for `plan`; its request is lowered once, when first read. */
export function planJob(plan) {
    return new LazyPlanJob(plan);
}
/** Work of a request, in pair-instructions. */
export function workOf(request) {
    return (request.batches ?? 1) * request.nRows * request.nCols * (request.tape.nInstr + 2);
}
/** An adapter that started a job but hands it back, with the reason (the dispatcher runs it on wasm). */
export class AdapterDeclined extends Error {
    reason;
    constructor(reason) {
        super(reason);
        this.reason = reason;
        this.name = 'AdapterDeclined';
    }
}
