/** Bytes a wasm32 memory can address: 65536 pages of 64 KiB. */
export declare const WASM32_HEAP_BYTES: number;
/** `bytes` rounded up to a multiple of `align` (a power of two), in float arithmetic: exact past 2^31, where `& ~(align - 1)` wraps. */
export declare function alignUp(bytes: number, align: number): number;
/** Human-readable size for error messages: "2.40 GB (2400000000 bytes)". */
export declare function formatBytes(bytes: number): string;
/**
 * A first-fit allocator over a WebAssembly.Memory, growing it when needed. The first 64 KiB
 * belong to the module's static data and stack. Blocks are 16-byte aligned for v128 loads.
 * Sizes are checked as numbers before any rounding: a request the heap cannot hold (past the
 * wasm32 4 GiB, or refused by the runtime when growing) gets a MemoryLimitError and leaves the
 * heap as it was — it never wraps to a small block that later writes would overrun.
 */
export declare class Heap {
    readonly memory: WebAssembly.Memory;
    private readonly limitBytes;
    private static readonly BASE;
    private readonly freeBlocks;
    private base;
    private top;
    constructor(memory: WebAssembly.Memory, limitBytes?: number);
    /**
     * Sets aside `bytes` for the engine's lifetime (the workers' mailboxes), below everything
     * else and outside `used`. Only before the first allocation.
     */
    reserve(bytes: number): number;
    /** Allocates `bytes` (rounded up to 16) and returns the byte offset. */
    allocate(bytes: number): number;
    /** Returns a block to the free list, merging it with its neighbours. */
    free(start: number, bytes: number): void;
    /** Bytes currently reserved above the static area (for memory-use tests). */
    get used(): number;
    /** The most bytes this heap may span (the wasm32 4 GiB unless a smaller limit was given). */
    get limit(): number;
    private blockSize;
    /** Grows the memory so that it spans `end` bytes, or throws a MemoryLimitError naming `size`. */
    private growTo;
}
