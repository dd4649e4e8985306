import type { BoundVariable } from '../tape/request.js';
import type { Heap } from './heap.js';
/**
 * Copies of input tensors in wasm memory, keyed by tensor identity, version, layout and dtype,
 * so that repeated reductions on unchanged inputs (eigensolvers, optimisers) skip the copy.
 * Tensors written in place must call `markChanged()`, which bumps their version.
 */
export declare class InputCache {
    private readonly heap;
    private readonly budgetBytes;
    private readonly entries;
    private readonly byPtr;
    private readonly byTensor;
    private cachedBytes;
    private probationBytes;
    /** Copies served from the cache, and copies made for it (inputs too small to cache not counted). */
    readonly stats: {
        hits: number;
        misses: number;
    };
    private readonly finalizer;
    private readonly watched;
    constructor(heap: Heap, budgetBytes: number);
    /**
     * Returns a pointer to `v` laid out as `layout` in `dtype`, writing it with `write` when no
     * current copy exists. The copy stays pinned until `release` is called with the same pointer.
     */
    acquire(v: BoundVariable, owner: object | undefined, layout: string, dtype: string, bytes: number, write: (ptr: number) => void): number;
    /** Unpins a cached copy, or frees an uncached one. */
    release(ptr: number, bytes: number): void;
    /** Frees every unpinned copy. */
    clear(): void;
    get bytes(): number;
    /** Drops the unpinned copies of tensor `id` now (a separate-memory worker was told to drop its input). */
    forget(id: number): void;
    /**
     * Drops the unpinned copies of tensor `id`: all of them once the tensor is collected, or
     * those at another version than `keepVersion`. Copies of the current version in other
     * layouts stay: a forward pass reads an input by rows and its backward as columns
     * (structure of arrays), step after step.
     */
    private evictTensor;
    /** Drops the least recently used unpinned copies that `eligible` accepts until `fits()`. */
    private dropOldest;
    private drop;
}
