/**
 * The tape translated to straight-line WGSL: one invocation per output row, one workgroup per
 * block of WORKGROUP rows, j-tiles of WORKGROUP columns staged in workgroup memory.
 *
 * Registers. The tape names registers by byte offsets in a scratch area that the builder
 * reuses once a value is dead; WGSL has no such scratch. Reading the instructions in order
 * and remembering which instruction last wrote each offset gives every operand its producing
 * instruction, so each instruction's output becomes an SSA value: one WGSL `let` per component
 * (`v<t>_<k>`). EXTRACT and CONCAT only rename components and emit no code.
 *
 * Phases. Parameter and i-only instructions run once per invocation before the column loop.
 * j-only instructions run once per column of a tile, each invocation of the workgroup taking
 * one column; the j-only values that the rest of the formula reads are written to workgroup
 * memory (`SJ`, component-major), and after a barrier every invocation walks the tile's columns
 * in order, reading them back, running the i-j instructions and updating its accumulators.
 *
 * Reductions follow the interpreter (assembly/reductions/): columns are visited in increasing
 * order, so argmin / argKmin keep the first index on ties. Sums and the log-sum-exp family add
 * each tile's terms in f32, then add the tile's partial to a compensated (Neumaier) f32 row
 * accumulator, which plays the role of the interpreter's f64 accumulator.
 *
 * A dispatch covers a range of columns [colStart, colEnd) (dense) or, for block-sparse
 * reductions, one task per workgroup (rows [r0, r1) of one cluster and its column intervals).
 * Dense reductions split over several dispatches keep their accumulators in the rows buffer
 * between them (`first` / `last` in the uniform block).
 *
 * Batched kernels (batch axes, src/plan/batch-shape.ts) take the batch from the dispatch grid's
 * y axis: batch `P.batchBase + wid.y` reads its parameters from its block of the small buffer,
 * its variables from the offsets of the batch table `BT` (one per variable binding: the slice
 * of the variable that batch reads), and writes the rows buffer from row `wid.y * P.batchRows`.
 */
import { type ReductionKind } from '../src/tape/opcodes.js';
import type { Tape } from '../src/tape/tape.js';
/** Invocations per workgroup, and columns per staged j-tile. */
export declare const WORKGROUP = 64;
export interface KernelVar {
    readonly dim: number;
    readonly category: 'i' | 'j' | 'p';
}
export interface KernelSpec {
    readonly tape: Tape;
    readonly reduction: ReductionKind;
    readonly k: number;
    /** The request's variables by slot (LOAD* arg0). */
    readonly vars: readonly KernelVar[];
    readonly wantValues: boolean;
    readonly wantIndices: boolean;
    /** Block-sparse: rows and column intervals come from a task table. */
    readonly sparse: boolean;
    /** Batched: the batch is the dispatch grid's y axis (absent: false). */
    readonly batched?: boolean;
}
/** A generated kernel and what the runtime needs to bind and size its buffers. */
export interface Kernel {
    readonly code: string;
    readonly workgroupSize: number;
    /** Values (and indices) per output row. */
    readonly outWidth: number;
    /** 32-bit words of accumulator per row, saved between the dispatches of one reduction. */
    readonly stateWords: number;
    /** f32 words of workgroup memory. */
    readonly sharedWords: number;
    /** f32 words of per-invocation arrays (K-min lists). */
    readonly privateWords: number;
    /**
     * Loop iterations per column beyond the column loop itself (looped K-min insertions, at
     * worst K per component); llvmpipe stops an invocation after 65535 loop iterations in all.
     */
    readonly loopItersPerColumn: number;
    /** Storage bindings of i- and j-variables: binding number per variable slot. */
    readonly varBindings: readonly {
        readonly slot: number;
        readonly binding: number;
        readonly category: 'i' | 'j';
    }[];
    /** Binding of the task / interval table (sparse kernels), else -1. */
    readonly taskBinding: number;
    /** Binding of the batch table (batched kernels: per batch, an element offset per entry of varBindings), else -1. */
    readonly batchBinding: number;
    /** Layout of the small buffer S: the tape's constants, then each parameter variable. */
    readonly constCount: number;
    readonly paramOffsets: readonly number[];
    readonly smallWords: number;
}
/** Words of the uniform block (see `Params` in the generated code). */
export declare const PARAM_WORDS = 16;
export declare const PARAM: {
    readonly nRows: 0;
    readonly colStart: 1;
    readonly colEnd: 2;
    readonly colBase: 3;
    readonly first: 4;
    readonly last: 5;
    readonly infBits: 6;
    readonly nanBits: 7;
    readonly outOff: 8;
    readonly idxOff: 9;
    readonly stateOff: 10;
    readonly taskBase: 11;
    readonly intervalsOff: 12;
    readonly batchBase: 13;
    readonly batchRows: 14;
};
/** Output values per row of a reduction. */
export declare function outWidthOf(kind: ReductionKind, dim: number, auxDim: number, k: number): number;
/** Generates the kernel of a reduction. Throws on tapes it cannot translate. */
export declare function generateKernel(spec: KernelSpec): Kernel;
/** Key of the pipeline for a spec: everything the code depends on (not constant values). */
export declare function kernelKey(spec: KernelSpec): string;
