// The one interface every backend is reached through: what it would cost to run a plan there,
// whether it can, and running it with an AbortSignal. The oracle, the wasm interpreter and
// WebGPU are adapters today; a compiled CPU tier or a cluster would be more of them.
import type { ReductionPlan } from '../plan/reduction-plan.js';
import { lowerPlan } from '../plan/lower-plan.js';
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

/** A PlanJob that lowers its plan when `request` is first read. */
class LazyPlanJob implements PlanJob {
  private lowered: ReductionRequest | null = null;
  constructor(readonly plan: ReductionPlan) {}
  get request(): ReductionRequest {
    return (this.lowered ??= lowerPlan(this.plan));
  }
  get work(): number {
    return workOf(this.request);
  }
}

/** A job for `plan`; its request is lowered once, when first read. */
export function planJob(plan: ReductionPlan): PlanJob {
  return new LazyPlanJob(plan);
}

/** Work of a request, in pair-instructions. */
export function workOf(request: Omit<ReductionRequest, 'signal'>): number {
  return (request.batches ?? 1) * request.nRows * request.nCols * (request.tape.nInstr + 2);
}

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
export class AdapterDeclined extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AdapterDeclined';
  }
}
