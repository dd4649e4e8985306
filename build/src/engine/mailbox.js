/**
 * A worker's mailbox in shared wasm memory: after a job, a worker waits a short while on it
 * (Atomics.wait) instead of returning to its event loop, so the next job reaches it by
 * Atomics.notify (60-90 us of the calling thread's time on this project's 2-core VM, and the
 * worker runs 0.3-0.4 ms later), where a postMessage to an idle worker costs more. Optimisers
 * run reductions back to back, a millisecond apart: this is their path. A worker that has left
 * (state AWAY) gets its job by postMessage as before.
 *
 * States: AWAY -> (worker parks) PARKED -> (pool: handOff) CLAIMED -> JOB -> (worker takes it)
 * RUNNING -> (worker: markDone) PARKED. A job still in JOB may be taken back by the pool
 * (retract: JOB -> PARKED) when the calling thread has run every chunk before the worker woke.
 *
 * int32 words: [state, plan, table, scratch, seq, doneSeq]: seq numbers the jobs sent to the
 * worker; the worker writes a job's seq to doneSeq when it has finished it, so that a thread
 * waiting for it can see that without its message.
 */
export const MAILBOX_BYTES = 32;
const AWAY = 0; // in its event loop: send jobs by message
const PARKED = 1; // waiting on the mailbox
const CLAIMED = 2; // the pool is writing a job
const JOB = 3; // a job is waiting to be taken
const RUNNING = 4; // the worker took the job and is running it
/** How long a worker waits for its next job before it goes back to its event loop. */
export const PARK_MS = 50;
/** Pool side: hands the job to a parked worker; false when it is not parked (send a message). */
export function handOff(memory, box, job) {
    const words = new Int32Array(memory.buffer);
    const at = box >> 2;
    if (Atomics.compareExchange(words, at, PARKED, CLAIMED) !== PARKED)
        return false;
    words[at + 1] = job.plan;
    words[at + 2] = job.table;
    words[at + 3] = job.scratch;
    words[at + 4] = job.seq;
    Atomics.store(words, at, JOB);
    Atomics.notify(words, at);
    return true;
}
/**
 * Pool side: takes back a job the worker has not started (it is still waking up), so that the
 * calling thread, which ran every chunk itself meanwhile, need not wait for it. True when the
 * job was taken back: the worker will not run it, report it or mark it done.
 */
export function retract(memory, box) {
    return Atomics.compareExchange(new Int32Array(memory.buffer), box >> 2, JOB, PARKED) === JOB;
}
/**
 * Whether the worker of this mailbox should serve it rather than its event loop: it parked
 * after a job, and a next job may already be waiting there (claimed or handed over).
 */
export function servesMailbox(memory, box) {
    return Atomics.load(new Int32Array(memory.buffer), box >> 2) !== AWAY;
}
/** Pool side: a new or gone worker is not parked, so its jobs go by message until it parks. */
export function markAway(memory, box) {
    Atomics.store(new Int32Array(memory.buffer), box >> 2, AWAY);
}
/** Worker side: records that job `seq` is finished and marks the worker parked (before it reports). */
export function markDone(memory, box, seq) {
    const words = new Int32Array(memory.buffer);
    Atomics.store(words, (box >> 2) + 5, seq);
    Atomics.store(words, box >> 2, PARKED);
}
/**
 * Pool side: waits, spinning, at most `ms` for the worker to finish job `seq`; true if it has.
 * For the calling thread that has just finished its own share of a short run, when the
 * worker is finishing its last chunk.
 */
export function awaitDone(memory, box, seq, ms) {
    const words = new Int32Array(memory.buffer);
    const at = (box >> 2) + 5;
    const until = performance.now() + ms;
    do {
        for (let k = 0; k < 64; k++)
            if (Atomics.load(words, at) === seq)
                return true;
    } while (performance.now() < until);
    return false;
}
/**
 * Worker side: waits for jobs on the mailbox and serves them, until none comes for PARK_MS;
 * then marks the worker AWAY and returns to the event loop. `serve` runs a job and must call
 * markDone before reporting its end.
 */
export function parkAndServe(memory, box, serve) {
    const at = box >> 2;
    for (;;) {
        const words = new Int32Array(memory.buffer);
        const state = Atomics.load(words, at);
        if (state === JOB) {
            // Taken only if the pool has not taken it back meanwhile (retract).
            if (Atomics.compareExchange(words, at, JOB, RUNNING) !== JOB)
                continue;
            serve({ plan: words[at + 1], table: words[at + 2], scratch: words[at + 3], seq: words[at + 4] });
            continue;
        }
        if (state === CLAIMED) {
            Atomics.wait(words, at, CLAIMED, 1);
            continue;
        }
        if (state !== PARKED)
            return;
        if (Atomics.wait(words, at, PARKED, PARK_MS) === 'timed-out' && Atomics.compareExchange(words, at, PARKED, AWAY) === PARKED)
            return;
    }
}
