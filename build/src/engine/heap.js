/**
 * A first-fit allocator over a WebAssembly.Memory, growing it when needed. The first 64 KiB
 * belong to the module's static data and stack. Blocks are 16-byte aligned for v128 loads.
 */
export class Heap {
    memory;
    static BASE = 65536;
    freeBlocks = [];
    base = Heap.BASE;
    top = Heap.BASE;
    constructor(memory) {
        this.memory = memory;
    }
    /**
     * Sets aside `bytes` for the engine's lifetime (the workers' mailboxes), below everything
     * else and outside `used`. Only before the first allocation.
     */
    reserve(bytes) {
        if (this.top !== this.base)
            throw new Error('Heap.reserve: the heap is already in use');
        const start = this.base;
        this.base += Math.max(16, (bytes + 15) & ~15);
        this.top = this.base;
        const needed = this.top - this.memory.buffer.byteLength;
        if (needed > 0)
            this.memory.grow(Math.ceil(needed / 65536));
        return start;
    }
    /** Allocates `bytes` (rounded up to 16) and returns the byte offset. */
    allocate(bytes) {
        const size = Math.max(16, (bytes + 15) & ~15);
        const k = this.freeBlocks.findIndex((b) => b.bytes >= size);
        if (k >= 0) {
            const block = this.freeBlocks[k];
            const start = block.start;
            if (block.bytes === size)
                this.freeBlocks.splice(k, 1);
            else {
                block.start += size;
                block.bytes -= size;
            }
            return start;
        }
        const start = this.top;
        this.top += size;
        const needed = this.top - this.memory.buffer.byteLength;
        if (needed > 0)
            this.memory.grow(Math.ceil(needed / 65536));
        return start;
    }
    /** Returns a block to the free list, merging it with its neighbours. */
    free(start, bytes) {
        const size = Math.max(16, (bytes + 15) & ~15);
        this.freeBlocks.push({ start, bytes: size });
        this.freeBlocks.sort((a, b) => a.start - b.start);
        for (let k = this.freeBlocks.length - 1; k > 0; k--) {
            const prev = this.freeBlocks[k - 1];
            const cur = this.freeBlocks[k];
            if (prev.start + prev.bytes === cur.start) {
                prev.bytes += cur.bytes;
                this.freeBlocks.splice(k, 1);
            }
        }
        // Give the top block back to the bump pointer so the heap shrinks to its live size.
        const last = this.freeBlocks[this.freeBlocks.length - 1];
        if (last && last.start + last.bytes === this.top) {
            this.top = last.start;
            this.freeBlocks.pop();
        }
    }
    /** Bytes currently reserved above the static area (for memory-use tests). */
    get used() {
        return this.top - this.base - this.freeBlocks.reduce((s, b) => s + b.bytes, 0);
    }
}
