import type { ReductionPlan } from '../plan/reduction-plan.js';
import type { ReductionRequest, ReductionResult } from '../tape/request.js';
export type AdapterName = 'oracle' | 'wasm' | 'webgpu';
/**
 * A plan on its way to a backend. Its tape request is lowered on first use and then shared by
 * the adapters that estimate and run it (the oracle evaluates the formula and never lowers it).
 */
export interface PlanJob {
    readonly plan: ReductionPlan;
    readonly request: ReductionRequest;
    /** Pair-instructions: output rows x reduced columns x (tape instructions + 2). */
    readonly work: number;
}
/** A job for `plan`; its request is lowered once, when first read. */
export declare function planJob(plan: ReductionPlan): PlanJob;
/** Work of a request, in pair-instructions. */
export declare function workOf(request: Omit<ReductionRequest, 'signal'>): number;
export interface BackendAdapter {
    readonly name: AdapterName;
    /**
     * Estimated seconds to run the job here, for 'auto' (Infinity: 'auto' never picks this
     * adapter for it). Cheap: it may ask the hardware what it is, never start an engine.
     */
    cost(job: PlanJob): number | Promise<number>;
    /**
     * Why this adapter cannot run the job (a forced backend fails with it, as a BackendError),
     * or null. May start what running needs (a GPU device).
     */
    unsupported(job: PlanJob): string | null | Promise<string | null>;
    /** Runs the job; rejects with AdapterDeclined to hand it to the wasm adapter instead. */
    run(job: PlanJob, signal?: AbortSignal): Promise<ReductionResult>;
}
/** An adapter that started a job but hands it back, with the reason (the dispatcher runs it on wasm). */
export declare class AdapterDeclined extends Error {
    readonly reason: string;
    constructor(reason: string);
}
