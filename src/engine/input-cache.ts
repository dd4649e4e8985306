import type { BoundVariable } from '../tape/request.js';
import type { Heap } from './heap.js';

interface Entry {
  readonly key: string;
  readonly tensorId: number;
  readonly ptr: number;
  readonly bytes: number;
  pins: number;
}

/** Inputs smaller than this are copied on every call: cheap, and it keeps the cache for big ones. */
const MIN_CACHED_BYTES = 16384;

/**
 * Copies of input tensors in wasm memory, keyed by tensor identity, version, layout and dtype,
 * so that repeated reductions on unchanged inputs (eigensolvers, optimisers) skip the copy.
 * Tensors written in place must call `markChanged()`, which bumps their version.
 */
export class InputCache {
  private readonly entries = new Map<string, Entry>(); // in least-recently-used order
  private cachedBytes = 0;
  private readonly finalizer = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<number>((id) => this.evictTensor(id))
    : null;
  private readonly watched = new WeakSet<object>();

  constructor(private readonly heap: Heap, private readonly budgetBytes: number) {}

  /**
   * Returns a pointer to `v` laid out as `layout` in `dtype`, writing it with `write` when no
   * current copy exists. The copy stays pinned until `release` is called with the same pointer.
   */
  acquire(v: BoundVariable, owner: object | undefined, layout: string, dtype: string, bytes: number, write: (ptr: number) => void): number {
    if (bytes < MIN_CACHED_BYTES || bytes > this.budgetBytes || owner === undefined) {
      const ptr = this.heap.allocate(bytes);
      write(ptr);
      return ptr;
    }
    const key = `${v.id}:${v.version}:${layout}:${dtype}`;
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      this.evictTensor(v.id); // older versions of this tensor are stale
      this.makeRoom(bytes);
      const ptr = this.heap.allocate(bytes);
      write(ptr);
      entry = { key, tensorId: v.id, ptr, bytes, pins: 0 };
      this.entries.set(key, entry);
      this.cachedBytes += bytes;
      if (this.finalizer && !this.watched.has(owner)) {
        this.watched.add(owner);
        this.finalizer.register(owner, v.id);
      }
    }
    entry.pins++;
    return entry.ptr;
  }

  /** Unpins a cached copy, or frees an uncached one. */
  release(ptr: number, bytes: number): void {
    for (const entry of this.entries.values()) {
      if (entry.ptr === ptr) {
        entry.pins--;
        return;
      }
    }
    this.heap.free(ptr, bytes);
  }

  /** Frees every unpinned copy. */
  clear(): void {
    for (const entry of [...this.entries.values()]) if (entry.pins === 0) this.drop(entry);
  }

  get bytes(): number {
    return this.cachedBytes;
  }

  private evictTensor(id: number): void {
    for (const entry of [...this.entries.values()]) if (entry.tensorId === id && entry.pins === 0) this.drop(entry);
  }

  private makeRoom(bytes: number): void {
    for (const entry of [...this.entries.values()]) {
      if (this.cachedBytes + bytes <= this.budgetBytes) return;
      if (entry.pins === 0) this.drop(entry);
    }
  }

  private drop(entry: Entry): void {
    this.entries.delete(entry.key);
    this.cachedBytes -= entry.bytes;
    this.heap.free(entry.ptr, entry.bytes);
  }
}
