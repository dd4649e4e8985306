import type { Tape } from '../tape/tape.js';
import { type BoundVariable, type ReductionRequest, type ReductionResult } from '../tape/request.js';
import type { Heap } from './heap.js';
import type { CompiledTier } from './compiled-tier.js';
import type { InputCache } from './input-cache.js';
import type { WorkerPool } from './pool.js';
import { type Chunk } from './task-table.js';
/** The module's exports this file calls. */
export interface BatchExports {
    fillEmpty(plan: number, rowStart: number, rowEnd: number, scratch: number): void;
}
/** What a batched run needs of the engine. */
export interface BatchedRun {
    /** Picks the tier of the row instructions (compiled or interpreted) and writes it into plan records. */
    readonly compiled: CompiledTier;
    readonly exports: BatchExports;
    readonly heap: Heap;
    readonly cache: InputCache;
    readonly pool: WorkerPool | null;
    readonly poolThreshold: number;
    readonly stats: {
        pooled: number;
        callingThread: number;
        batched: number;
    };
    /** Runs chunks to the end (pool or calling thread); after a rejection no worker touches the memory. */
    runChunks(planPtr: number, tablePtr: number, chunks: readonly Chunk[], scratchPtr: number, scratchBytes: number, onPool: boolean, signal: AbortSignal | undefined, batchPlans: readonly number[]): Promise<void>;
}
/** The layout the engine computed for the reduction. */
export interface BatchedLayout {
    readonly kind: number;
    readonly auxDim: number;
    readonly esz: number;
    readonly scratch: {
        readonly bytes: number;
        readonly accOffset: number;
        readonly rowBatch: number;
        readonly laneOffset: number;
    };
    readonly nScratch: number;
    /** The tape and variables it runs: the request's, or with the roles swapped for row lanes. */
    readonly tape: Tape;
    readonly vars: readonly BoundVariable[];
    /**
     * Row lanes (output rows across the SIMD lanes, few reduced columns): the columns of the
     * log-sum-exp family's buffer (0: online form), or null when off.
     */
    readonly laneColumns: number | null;
}
/** Engine memory a batched request's inputs and output take (for the engine's block budget). */
export declare function batchedBytes(request: ReductionRequest, esz: number): number;
/** Runs a batched request as one job: every batch's chunks in one task table. */
export declare function reduceBatched(run: BatchedRun, request: ReductionRequest, layout: BatchedLayout): Promise<ReductionResult>;
