export declare const TABLE_HEADER_WORDS = 4;
export declare const TABLE_CHUNK_WORDS = 6;
export interface Chunk {
    readonly rowStart: number;
    readonly rowEnd: number;
    readonly colStart: number;
    readonly colEnd: number;
    /** Where the chunk's raw accumulators go (the reduced axis split), or 0 / absent: finish the rows. */
    readonly partial?: number;
    /** The plan record this chunk runs (a batch's), or 0 / absent: the job's plan. */
    readonly plan?: number;
}
export declare function tableBytes(nChunks: number): number;
export declare function writeTable(buffer: ArrayBufferLike, at: number, chunks: readonly Chunk[]): void;
/** Chunks not yet taken by any thread. */
export declare function chunksLeft(buffer: ArrayBufferLike, at: number): number;
interface ChunkRunner {
    run(plan: number, start: number, end: number, scratch: number): void;
    runPartial(plan: number, rowStart: number, rowEnd: number, colStart: number, colEnd: number, scratch: number, partial: number): void;
}
/**
 * Value of a plan's abort word that asks worker k to crash (test hook): CRASH_REQUEST + k.
 * STOP_REQUEST is a plain stop request.
 */
export declare const CRASH_REQUEST = 16;
export declare const STOP_REQUEST = 1;
/**
 * Sets the abort word of the plan at `plan`: every thread running it stops at its next tile
 * (and takes no more chunks of its table). `batchPlans`: a batched job's per-batch plan
 * records, whose tiles check their own abort words.
 */
export declare function requestStop(memory: WebAssembly.Memory, plan: number, value?: number, batchPlans?: readonly number[]): void;
/**
 * Takes chunks of the table at `at` until none is left or the plan's abort word is set.
 * Returns true when the abort word asks this worker (`worker`) to crash, for the pool's tests.
 */
export declare function drainTable(engine: ChunkRunner, memory: WebAssembly.Memory, plan: number, at: number, scratch: number, worker: number): boolean;
/** Runs one chunk: finishes its rows, or (partial != 0) leaves their raw accumulators at `partial`. */
export declare function runChunk(engine: ChunkRunner, plan: number, rowStart: number, rowEnd: number, colStart: number, colEnd: number, partial: number, scratch: number): void;
export {};
