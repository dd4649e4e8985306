/**
 * The calling thread's record of the inputs one separate-memory worker holds (see
 * separate-pool.ts). The record is authoritative: the worker stores what it is sent under the
 * given key and drops the keys it is told to, in the same message, so the two never disagree
 * and no round trip is needed to know whether an input must be sent.
 */
export class WorkerInputCache {
    budgetBytes;
    entries = new Map(); // key -> bytes, least recently used first
    heldBytes = 0;
    constructor(budgetBytes) {
        this.budgetBytes = budgetBytes;
    }
    /** Whether the worker holds `key`. */
    has(key) {
        return this.entries.has(key);
    }
    get bytes() {
        return this.heldBytes;
    }
    /**
     * Plans one job's message and records its outcome: held keys become the most recent, missing
     * ones are recorded as held (unless larger than the whole budget), and the least recently
     * used keys that the job does not need are evicted until everything fits.
     */
    admit(wanted) {
        const needed = new Set(wanted.map((w) => w.key));
        const send = new Set();
        const once = new Set();
        const evict = [];
        for (const { key, bytes } of wanted) {
            if (send.has(key))
                continue;
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
                if (this.heldBytes + bytes <= this.budgetBytes)
                    break;
                if (needed.has(old))
                    continue;
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
    clear() {
        this.entries.clear();
        this.heldBytes = 0;
    }
}
