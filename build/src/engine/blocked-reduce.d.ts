import type { ReductionRequest, ReductionResult } from '../tape/request.js';
import type { Heap } from './heap.js';
import type { CompiledTier } from './compiled-tier.js';
import type { WorkerPool } from './pool.js';
import { type Chunk } from './task-table.js';
/** The module's exports this file calls. */
export interface BlockExports {
    accBytes(kind: number, dim: number, auxDim: number, k: number): number;
    initPartial(plan: number, rowStart: number, rowEnd: number, dst: number, scratch: number): void;
    mergeInto(plan: number, rowStart: number, rowEnd: number, dst: number, parts: number, nParts: number, partStride: number, scratch: number): void;
    mergeFinish(plan: number, rowStart: number, rowEnd: number, parts: number, nParts: number, partStride: number, scratch: number): void;
}
/** What a blocked run needs of the engine. */
export interface BlockedRun {
    /** Picks the tier of the row instructions (compiled or interpreted) and writes it into plan records. */
    readonly compiled: CompiledTier;
    readonly exports: BlockExports;
    readonly heap: Heap;
    readonly pool: WorkerPool | null;
    readonly poolThreshold: number;
    readonly stats: {
        streamed: number;
        pooled: number;
        callingThread: number;
    };
    /** Runs chunks to the end (pool or calling thread); after a rejection no worker touches the memory. */
    runChunks(planPtr: number, tablePtr: number, chunks: readonly Chunk[], scratchPtr: number, scratchBytes: number, onPool: boolean, signal: AbortSignal | undefined): Promise<void>;
}
/** The layout the engine computed for the reduction. */
export interface BlockedLayout {
    readonly kind: number;
    readonly auxDim: number;
    readonly esz: number;
    readonly scratch: {
        readonly bytes: number;
        readonly accOffset: number;
        readonly rowBatch: number;
    };
    readonly nScratch: number;
    /** Engine memory the run's inputs and outputs may use (scratch on top). */
    readonly blockBytes: number;
}
/**
 * Runs `request` in blocks through the engine heap (see the file comment). Dense reductions
 * only (the engine refuses block-sparse ones that do not fit), row lanes off.
 */
export declare function reduceInBlocks(run: BlockedRun, request: ReductionRequest, layout: BlockedLayout): Promise<ReductionResult>;
