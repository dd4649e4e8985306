/**
 * The calling thread's record of the inputs one separate-memory worker holds (see
 * separate-pool.ts). The record is authoritative: the worker stores what it is sent under the
 * given key and drops the keys it is told to, in the same message, so the two never disagree
 * and no round trip is needed to know whether an input must be sent.
 */

/** One input a job needs: its cache key and the bytes it takes. */
export interface WantedInput {
  readonly key: string;
  readonly bytes: number;
}

/** What a job's message must carry: the inputs to send (to keep, or to use once), and the keys to drop first. */
export interface InputPlan {
  /** Keys the worker does not hold: their data goes in the message. */
  readonly send: ReadonlySet<string>;
  /** Of those, the ones too large for the budget: used for this job only, not kept. */
  readonly once: ReadonlySet<string>;
  /** Keys the worker must drop (least recently used) to make room. */
  readonly evict: readonly string[];
}

export class WorkerInputCache {
  private readonly entries = new Map<string, number>(); // key -> bytes, least recently used first
  private heldBytes = 0;

  constructor(private readonly budgetBytes: number) {}

  /** Whether the worker holds `key`. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get bytes(): number {
    return this.heldBytes;
  }

  /**
   * Plans one job's message and records its outcome: held keys become the most recent, missing
   * ones are recorded as held (unless larger than the whole budget), and the least recently
   * used keys that the job does not need are evicted until everything fits.
   */
  admit(wanted: readonly WantedInput[]): InputPlan {
    const needed = new Set(wanted.map((w) => w.key));
    const send = new Set<string>();
    const once = new Set<string>();
    const evict: string[] = [];
    for (const { key, bytes } of wanted) {
      if (send.has(key)) continue;
      const held = this.entries.get(key);
      if (held !== undefined) {
        this.entries.delete(key);
        this.entries.set(key, held);
        continue;
      }
      send.add(key);
      if (bytes > this.budgetBytes) {
        once.add(key);
        continue;
      }
      for (const [old, oldBytes] of this.entries) {
        if (this.heldBytes + bytes <= this.budgetBytes) break;
        if (needed.has(old)) continue;
        this.entries.delete(old);
        this.heldBytes -= oldBytes;
        evict.push(old);
      }
      if (this.heldBytes + bytes > this.budgetBytes) {
        once.add(key); // the job's own inputs fill the budget: this one is not kept
        continue;
      }
      this.entries.set(key, bytes);
      this.heldBytes += bytes;
    }
    return { send, once, evict };
  }

  /** Forgets everything (the worker is gone, or was replaced). */
  clear(): void {
    this.entries.clear();
    this.heldBytes = 0;
  }
}
