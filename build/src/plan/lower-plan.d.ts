import type { Tape } from '../tape/tape.js';
import type { ReductionRequest } from '../tape/request.js';
import type { ReductionPlan } from './reduction-plan.js';
/**
 * The plan's tape: its formula (and aux) lowered for its dtype, with the i and j roles swapped
 * when it reduces over i (`swapped` swaps them once more: the row-lanes layout). Plans with the
 * same key share one tape (least recently used ones are dropped past 512).
 */
export declare function planTape(plan: ReductionPlan, swapped?: boolean): Tape;
/** Output rows and reduced columns of a plan (rows are j for a reduction over i). */
export declare function planAxes(plan: ReductionPlan): {
    nRows: number;
    nCols: number;
};
/** Whether the plan's reduction produces values / indices (argmin produces indices only...). */
export declare function planOutputs(plan: ReductionPlan): {
    wantValues: boolean;
    wantIndices: boolean;
};
/** Values per output row. */
export declare function planOutWidth(plan: ReductionPlan): number;
/** Batches of a plan (1 when it has no batch axes). */
export declare function planBatches(plan: ReductionPlan): number;
/** The request a tape backend (wasm, WebGPU) runs for a plan: its tape and its inputs bound to their roles. */
export declare function lowerPlan(plan: ReductionPlan): ReductionRequest;
