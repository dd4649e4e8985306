import type { Redis } from 'ioredis';
/** Bytes per stored chunk: well under Redis's 512 MB value limit, and a short transfer each. */
export declare const CHUNK_BYTES: number;
export type StoredArray = Float32Array | Float64Array | Int32Array;
export type StoredType = 'float32' | 'float64' | 'int32';
/** An input by content: what a shard job carries instead of the data. */
export interface InputRef {
    readonly hash: string;
    readonly type: StoredType;
    readonly length: number;
    readonly chunks: number;
}
/** The reference of an array: SHA-256 of its type and bytes, its length and number of chunks. */
export declare function inputRef(a: StoredArray): InputRef;
/**
 * Stores the arrays Redis does not hold yet (one EXISTS round trip for all of them), refreshes
 * the expiry of those it does, and returns their references in order. Counts the bytes sent.
 */
export declare function uploadInputs(redis: Redis, arrays: readonly StoredArray[], stats: {
    uploadedBytes: number;
}): Promise<InputRef[]>;
/**
 * A worker's inputs, fetched from Redis once each and kept (least recently used dropped first)
 * up to a budget of bytes.
 */
export declare class InputCache {
    private readonly redis;
    private readonly budgetBytes;
    private readonly arrays;
    private bytes;
    /** Fetches and hits, for the worker's log and the tests. */
    readonly stats: {
        fetched: number;
        hits: number;
        fetchedBytes: number;
    };
    constructor(redis: Redis, budgetBytes?: number);
    /** The array of `ref`, from the cache or Redis; a ClusterError when Redis no longer has it. */
    get(ref: InputRef): Promise<StoredArray>;
    /**
     * Elements [start, end) of the array of `ref` (a shard's rows of an output-axis variable),
     * fetched alone: only the byte ranges of the chunks they overlap cross the network.
     */
    getRange(ref: InputRef, start: number, end: number): Promise<StoredArray>;
}
