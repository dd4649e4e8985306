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
    heap;
    budgetBytes;
    entries = new Map(); // in least-recently-used order
    // Indexes of the same entries: optimisers make a new tensor per step, so the cache can hold
    // many entries until their tensors are collected; each call must not scan them all.
    byPtr = new Map();
    byTensor = new Map();
    cachedBytes = 0;
    probationBytes = 0;
    /** Copies served from the cache, and copies made for it (inputs too small to cache not counted). */
    stats = { hits: 0, misses: 0 };
    finalizer = typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry((id) => this.evictTensor(id))
        : null;
    watched = new WeakSet();
    constructor(heap, budgetBytes) {
        this.heap = heap;
        this.budgetBytes = budgetBytes;
    }
    /**
     * Returns a pointer to `v` laid out as `layout` in `dtype`, writing it with `write` when no
     * current copy exists. The copy stays pinned until `release` is called with the same pointer.
     */
    acquire(v, owner, layout, dtype, bytes, write) {
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
        }
        else {
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
            if (ofTensor)
                ofTensor.push(entry);
            else
                this.byTensor.set(v.id, [entry]);
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
    release(ptr, bytes) {
        const entry = this.byPtr.get(ptr);
        if (entry)
            entry.pins--;
        else
            this.heap.free(ptr, bytes);
    }
    /** Frees every unpinned copy. */
    clear() {
        for (const entry of [...this.entries.values()])
            if (entry.pins === 0)
                this.drop(entry);
    }
    get bytes() {
        return this.cachedBytes;
    }
    /** Drops the unpinned copies of tensor `id` now (a separate-memory worker was told to drop its input). */
    forget(id) {
        this.evictTensor(id);
    }
    /**
     * Drops the unpinned copies of tensor `id`: all of them once the tensor is collected, or
     * those at another version than `keepVersion`. Copies of the current version in other
     * layouts stay: a forward pass reads an input by rows and its backward as columns
     * (structure of arrays), step after step.
     */
    evictTensor(id, keepVersion) {
        const ofTensor = this.byTensor.get(id);
        if (!ofTensor)
            return;
        for (const entry of [...ofTensor])
            if (entry.pins === 0 && entry.version !== keepVersion)
                this.drop(entry);
    }
    /** Drops the least recently used unpinned copies that `eligible` accepts until `fits()`. */
    dropOldest(fits, eligible) {
        if (fits())
            return;
        for (const entry of [...this.entries.values()]) {
            if (fits())
                return;
            if (entry.pins === 0 && eligible(entry))
                this.drop(entry);
        }
    }
    drop(entry) {
        if (!entry.reused)
            this.probationBytes -= entry.bytes;
        this.entries.delete(entry.key);
        this.byPtr.delete(entry.ptr);
        const ofTensor = this.byTensor.get(entry.tensorId);
        ofTensor.splice(ofTensor.indexOf(entry), 1);
        if (ofTensor.length === 0)
            this.byTensor.delete(entry.tensorId);
        this.cachedBytes -= entry.bytes;
        this.heap.free(entry.ptr, entry.bytes);
    }
}
