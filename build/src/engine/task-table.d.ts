/**
 * The chunks of one pooled reduction, laid out in wasm memory so that workers take them
 * themselves (an atomic counter) instead of one message round trip per chunk.
 *
 * int32 words: [next, nChunks, partialBase, partialStride, then per chunk rowStart, rowEnd,
 * colStart, colEnd]. With partialStride > 0 the reduced axis is split: chunk c reduces
 * columns [colStart, colEnd) of its rows into the raw accumulators at partialBase + c * stride.
 * For block-sparse plans rowStart / rowEnd are a range of the cluster table.
 */
export declare const TABLE_HEADER_WORDS = 4;
export declare const TABLE_CHUNK_WORDS = 4;
export interface Chunk {
    readonly rowStart: number;
    readonly rowEnd: number;
    readonly colStart: number;
    readonly colEnd: number;
}
export declare function tableBytes(nChunks: number): number;
export declare function writeTable(buffer: ArrayBufferLike, at: number, chunks: readonly Chunk[], partialBase: number, partialStride: number): void;
/** Chunks not yet taken by any thread. */
export declare function chunksLeft(buffer: ArrayBufferLike, at: number): number;
interface ChunkRunner {
    run(plan: number, start: number, end: number, scratch: number): void;
    runPartial(plan: number, rowStart: number, rowEnd: number, colStart: number, colEnd: number, scratch: number, partial: number): void;
}
/**
 * Value of a plan's abort word that asks worker k to crash (test hook): CRASH_REQUEST + k.
 * 1 is a plain stop request.
 */
export declare const CRASH_REQUEST = 16;
/**
 * Takes chunks of the table at `at` until none is left or the plan's abort word is set.
 * `abortWord` is the int32 index of that word in the memory. Returns true when the abort word
 * asks this worker (`worker`) to crash, for the pool's tests.
 */
export declare function drainTable(engine: ChunkRunner, memory: WebAssembly.Memory, plan: number, at: number, abortWord: number, scratch: number, worker: number): boolean;
export {};
