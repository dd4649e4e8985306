/**
 * A small LRU cache of the loop potentials of the self-transport problems OT(a, a), OT(b, b):
 * they depend only on one measure, the cost and the epsilon schedule, so when a measure is
 * passed again unchanged (a fixed target in a gradient flow or a barycenter), its iterations
 * can be skipped with bitwise-identical results. Measures are identified by the ids and
 * versions of the user's tensors: data written in place must be flagged with `markChanged()`,
 * as for the engines' input caches.
 */
import type { Tensor } from '../tensor/tensor.js';
export declare class PotentialCache {
    private readonly capacity;
    private readonly map;
    constructor(capacity?: number);
    get(key: string): Tensor | null;
    set(key: string, value: Tensor): void;
}
/** The identity of a measure given by the user: points, and weights (null: uniform, generated). */
export declare function measureKey(points: Tensor, weights: Tensor | null): string;
/** Where a routine finds and stores the self-problem potentials of this call. */
export interface SelfPotentials {
    cache: PotentialCache;
    /** measureKey of the first and second measures. */
    keyA: string;
    keyB: string;
}
