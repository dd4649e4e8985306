/**
 * A first-fit allocator over a WebAssembly.Memory, growing it when needed. The first 64 KiB
 * belong to the module's static data and stack. Blocks are 16-byte aligned for v128 loads.
 */
export declare class Heap {
    readonly memory: WebAssembly.Memory;
    private static readonly BASE;
    private readonly freeBlocks;
    private base;
    private top;
    constructor(memory: WebAssembly.Memory);
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
}
