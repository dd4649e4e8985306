/**
 * A small LRU cache of the loop potentials of the self-transport problems OT(a, a), OT(b, b):
 * they depend only on one measure, the cost and the epsilon schedule, so when a measure is
 * passed again unchanged (a fixed target in a gradient flow or a barycenter), its iterations
 * can be skipped with bitwise-identical results. Measures are identified by the ids and
 * versions of the user's tensors: data written in place must be flagged with `markChanged()`,
 * as for the engines' input caches.
 */
import type { Tensor } from '../tensor/tensor.js';

export class PotentialCache {
  private readonly map = new Map<string, Tensor>();

  constructor(private readonly capacity = 8) {}

  get(key: string): Tensor | null {
    const t = this.map.get(key);
    if (t === undefined) return null;
    this.map.delete(key);
    this.map.set(key, t); // most recently used last
    return t;
  }

  set(key: string, value: Tensor): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

/** The identity of a measure given by the user: points, and weights (null: uniform, generated). */
export function measureKey(points: Tensor, weights: Tensor | null): string {
  return `${points.id}@${points.version}/${weights === null ? 'uniform' : `${weights.id}@${weights.version}`}`;
}

/** Where a routine finds and stores the self-problem potentials of this call. */
export interface SelfPotentials {
  cache: PotentialCache;
  /** measureKey of the first and second measures. */
  keyA: string;
  keyB: string;
}
