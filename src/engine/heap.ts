import { MemoryLimitError } from '../errors.js';

/** Bytes a wasm32 memory can address: 65536 pages of 64 KiB. */
export const WASM32_HEAP_BYTES = 65536 * 65536;

/** `bytes` rounded up to a multiple of `align` (a power of two), in float arithmetic: exact past 2^31, where `& ~(align - 1)` wraps. */
export function alignUp(bytes: number, align: number): number {
  return Math.ceil(bytes / align) * align;
}

/** Human-readable size for error messages: "2.40 GB (2400000000 bytes)". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${value.toFixed(2)} ${units[u]} (${bytes} bytes)`;
}

/**
 * A first-fit allocator over a WebAssembly.Memory, growing it when needed. The first 64 KiB
 * belong to the module's static data and stack. Blocks are 16-byte aligned for v128 loads.
 * Sizes are checked as numbers before any rounding: a request the heap cannot hold (past the
 * wasm32 4 GiB, or refused by the runtime when growing) gets a MemoryLimitError and leaves the
 * heap as it was — it never wraps to a small block that later writes would overrun.
 */
export class Heap {
  private static readonly BASE = 65536;
  private readonly freeBlocks: { start: number; bytes: number }[] = [];
  private base = Heap.BASE;
  private top = Heap.BASE;

  constructor(readonly memory: WebAssembly.Memory, private readonly limitBytes: number = WASM32_HEAP_BYTES) {}

  /**
   * Sets aside `bytes` for the engine's lifetime (the workers' mailboxes), below everything
   * else and outside `used`. Only before the first allocation.
   */
  reserve(bytes: number): number {
    if (this.top !== this.base) throw new Error('Heap.reserve: the heap is already in use');
    const size = this.blockSize(bytes);
    this.growTo(this.base + size, size);
    const start = this.base;
    this.base += size;
    this.top = this.base;
    return start;
  }

  /** Allocates `bytes` (rounded up to 16) and returns the byte offset. */
  allocate(bytes: number): number {
    const size = this.blockSize(bytes);
    const k = this.freeBlocks.findIndex((b) => b.bytes >= size);
    if (k >= 0) {
      const block = this.freeBlocks[k]!;
      const start = block.start;
      if (block.bytes === size) this.freeBlocks.splice(k, 1);
      else {
        block.start += size;
        block.bytes -= size;
      }
      return start;
    }
    this.growTo(this.top + size, size);
    const start = this.top;
    this.top += size;
    return start;
  }

  /** Returns a block to the free list, merging it with its neighbours. */
  free(start: number, bytes: number): void {
    const size = this.blockSize(bytes);
    this.freeBlocks.push({ start, bytes: size });
    this.freeBlocks.sort((a, b) => a.start - b.start);
    for (let k = this.freeBlocks.length - 1; k > 0; k--) {
      const prev = this.freeBlocks[k - 1]!;
      const cur = this.freeBlocks[k]!;
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
  get used(): number {
    return this.top - this.base - this.freeBlocks.reduce((s, b) => s + b.bytes, 0);
  }

  /** The most bytes this heap may span (the wasm32 4 GiB unless a smaller limit was given). */
  get limit(): number {
    return this.limitBytes;
  }

  private blockSize(bytes: number): number {
    if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) {
      throw new MemoryLimitError(`engine memory: a block of ${String(bytes)} bytes was requested; sizes must be non-negative integers`);
    }
    return Math.max(16, alignUp(bytes, 16));
  }

  /** Grows the memory so that it spans `end` bytes, or throws a MemoryLimitError naming `size`. */
  private growTo(end: number, size: number): void {
    if (end > this.limitBytes) {
      throw new MemoryLimitError(
        `engine memory: a block of ${formatBytes(size)} does not fit in the wasm heap, which holds ${formatBytes(this.limitBytes)} `
        + `(${formatBytes(this.used)} in use); reduce in smaller pieces (ranges, a smaller K, float32, or blocks of rows), or call shutdown() to free cached inputs`,
      );
    }
    const needed = end - this.memory.buffer.byteLength;
    if (needed <= 0) return;
    try {
      this.memory.grow(Math.ceil(needed / 65536));
    } catch (e) {
      throw new MemoryLimitError(
        `engine memory: the runtime refused to grow the wasm heap to ${formatBytes(end)} for a block of ${formatBytes(size)} `
        + `(${(e as Error)?.message ?? String(e)}); reduce in smaller pieces (ranges, a smaller K, float32, or blocks of rows)`,
      );
    }
  }
}
