import type { Tape } from '../tape/tape.js';
import type { ReductionRequest } from '../tape/request.js';
/** Pointers the plan record holds for one run (addresses may lie below their buffers: the wasm adds row and column offsets modulo 2^32). */
export interface PlanPointers {
    readonly tapePtr: number;
    readonly constPtr: number;
    readonly varTablePtr: number;
    readonly outPtr: number;
    readonly idxPtr: number;
    readonly accOffset: number;
    /** Rows run together through the row instructions (scratchLayout's). */
    readonly rowBatch: number;
}
/** Writes the plan record of a dense reduction at `planPtr` (row lanes and ranges off) and returns its words. */
export declare function writePlan(buffer: ArrayBufferLike, planPtr: number, request: ReductionRequest, tape: Tape, kind: number, auxDim: number, p: PlanPointers): Int32Array;
