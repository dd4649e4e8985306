import { Tensor } from '../tensor/tensor.js';
import type { ReductionPlan, PlanBackend } from '../plan/reduction-plan.js';
import { type BackendAdapter, type PlanJob } from './backend-adapter.js';
/**
 * Plans run, by the adapter that ran them (a declined job counts for the adapter that declined
 * it and for wasm; a plan sent to a cluster counts as 'cluster'): for tests and diagnostics, to
 * see that every reduction comes this way.
 */
export declare const dispatchCounts: Record<'oracle' | 'wasm' | 'webgpu' | 'declined' | 'cluster', number>;
/** What a plan produced: values and/or indices as Tensors of the plan's output shape (null when not produced). */
export interface PlanOutput {
    readonly values: Tensor | null;
    readonly indices: Tensor | null;
}
/**
 * The adapter that runs `job` for `backend`: the one named (BackendError when it cannot run
 * the job), or for 'auto' the cheapest by cost that can. Decided without a promise when every
 * adapter answers at once (the usual case: a small reduction, no GPU to ask), so that a small
 * reduction pays no extra turns of the event loop for its dispatch.
 */
export declare function chooseAdapter(backend: PlanBackend, job: PlanJob): BackendAdapter | Promise<BackendAdapter>;
/**
 * What runs a reduction plan on other machines (`lazykernel/distributed`'s connect() returns
 * one; the core only defines the interface, so that it never imports a queue library).
 */
export interface ReductionCluster {
    /**
     * Runs `plan` (already validated by buildPlan) and resolves to its values and/or indices,
     * shaped and typed as the local dispatcher's runPlan would give them.
     */
    runPlan(plan: ReductionPlan, signal?: AbortSignal): Promise<PlanOutput>;
}
/**
 * Runs a plan on its backend, or on `cluster` when one is given; values and/or indices as
 * Tensors (null when the reduction does not produce them).
 */
export declare function runPlan(plan: ReductionPlan, signal?: AbortSignal, cluster?: ReductionCluster): Promise<PlanOutput>;
