import type { BoundVariable } from '../tape/request.js';
import type { Heap } from './heap.js';

interface Entry {
  readonly key: string;
  readonly tensorId: number;
  readonly version: number;
  readonly ptr: number;
  readonly bytes: number;
  pins: number;
  /** Used again since it was copied: out of probation (see PROBATION_BYTES). */
  reused: boolean;
}

/** Inputs smaller than this are copied on every call: cheap, and it keeps the cache for big ones. */
const MIN_CACHED_BYTES = 16384;

/**
 * Copies not used a second time yet (on probation) share this many bytes; the oldest go
 * first. An optimiser's loop makes new tensors every step (a loss's saved log-sum-exp, a
 * gradient's seed), used once each: kept until the garbage collector found their tensors
 * dead, they grew the wasm memory a page or two every few steps, and each growth makes a new
 * ArrayBuffer of the whole memory, which V8 counts as fresh external memory: the mixture
 * tutorial's loop ran ~190 scavenges and ~100 mark-compacts for "external memory pressure".
 */
const PROBATION_BYTES = 4 * 2 ** 20;

/**
 * Copies of input tensors in wasm memory, keyed by tensor identity, version, layout and dtype,
 * so that repeated reductions on unchanged inputs (eigensolvers, optimisers) skip the copy.
 * Tensors written in place must call `markChanged()`, which bumps their version.
 */
export class InputCache {
  private readonly entries = new Map<string, Entry>(); // in least-recently-used order
  // Indexes of the same entries: optimisers make a new tensor per step, so the cache can hold
  // many entries until their tensors are collected; each call must not scan them all.
  private readonly byPtr = new Map<number, Entry>();
  private readonly byTensor = new Map<number, Entry[]>();
  private cachedBytes = 0;
  private probationBytes = 0;
  /** Copies served from the cache, and copies made for it (inputs too small to cache not counted). */
  readonly stats = { hits: 0, misses: 0 };
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
      this.stats.hits++;
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (!entry.reused) {
        entry.reused = true;
        this.probationBytes -= entry.bytes;
      }
    } else {
      this.stats.misses++;
      this.evictTensor(v.id, v.version); // older versions of this tensor, in any layout
      // Room in the budget, and on probation, before allocating: the freed blocks can serve.
      this.dropOldest(() => this.cachedBytes + bytes <= this.budgetBytes, () => true);
      this.dropOldest(() => this.probationBytes + bytes <= PROBATION_BYTES, (e) => !e.reused);
      const ptr = this.heap.allocate(bytes);
      write(ptr);
      entry = { key, tensorId: v.id, version: v.version, ptr, bytes, pins: 0, reused: false };
      this.probationBytes += bytes;
      this.entries.set(key, entry);
      this.byPtr.set(ptr, entry);
      const ofTensor = this.byTensor.get(v.id);
      if (ofTensor) ofTensor.push(entry);
      else this.byTensor.set(v.id, [entry]);
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
    const entry = this.byPtr.get(ptr);
    if (entry) entry.pins--;
    else this.heap.free(ptr, bytes);
  }

  /** Frees every unpinned copy. */
  clear(): void {
    for (const entry of [...this.entries.values()]) if (entry.pins === 0) this.drop(entry);
  }

  get bytes(): number {
    return this.cachedBytes;
  }

  /** Drops the unpinned copies of tensor `id` now (a separate-memory worker was told to drop its input). */
  forget(id: number): void {
    this.evictTensor(id);
  }

  /**
   * Drops the unpinned copies of tensor `id`: all of them once the tensor is collected, or
   * those at another version than `keepVersion`. Copies of the current version in other
   * layouts stay: a forward pass reads an input by rows and its backward as columns
   * (structure of arrays), step after step.
   */
  private evictTensor(id: number, keepVersion?: number): void {
    const ofTensor = this.byTensor.get(id);
    if (!ofTensor) return;
    for (const entry of [...ofTensor]) if (entry.pins === 0 && entry.version !== keepVersion) this.drop(entry);
  }

  /** Drops the least recently used unpinned copies that `eligible` accepts until `fits()`. */
  private dropOldest(fits: () => boolean, eligible: (entry: Entry) => boolean): void {
    if (fits()) return;
    for (const entry of [...this.entries.values()]) {
      if (fits()) return;
      if (entry.pins === 0 && eligible(entry)) this.drop(entry);
    }
  }

  private drop(entry: Entry): void {
    if (!entry.reused) this.probationBytes -= entry.bytes;
    this.entries.delete(entry.key);
    this.byPtr.delete(entry.ptr);
    const ofTensor = this.byTensor.get(entry.tensorId)!;
    ofTensor.splice(ofTensor.indexOf(entry), 1);
    if (ofTensor.length === 0) this.byTensor.delete(entry.tensorId);
    this.cachedBytes -= entry.bytes;
    this.heap.free(entry.ptr, entry.bytes);
  }
}
