import { lowerPlan } from '../plan/lower-plan.js';
/** A job for `plan`; `request` lowers it once, when first read. */
export function planJob(plan) {
    let request;
    return {
        plan,
        get request() {
            return (request ??= lowerPlan(plan));
        },
        get work() {
            return workOf(this.request);
        },
    };
}
/** Work of a request, in pair-instructions. */
export function workOf(request) {
    return request.nRows * request.nCols * (request.tape.nInstr + 2);
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
