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
export declare const MAILBOX_BYTES = 32;
/** How long a worker waits for its next job before it goes back to its event loop. */
export declare const PARK_MS = 50;
export interface Job {
    readonly plan: number;
    readonly table: number;
    readonly scratch: number;
    readonly seq: number;
}
/** Pool side: hands the job to a parked worker; false when it is not parked (send a message). */
export declare function handOff(memory: WebAssembly.Memory, box: number, job: Job): boolean;
/**
 * Pool side: takes back a job the worker has not started (it is still waking up), so that the
 * calling thread, which ran every chunk itself meanwhile, need not wait for it. True when the
 * job was taken back: the worker will not run it, report it or mark it done.
 */
export declare function retract(memory: WebAssembly.Memory, box: number): boolean;
/**
 * Whether the worker of this mailbox should serve it rather than its event loop: it parked
 * after a job, and a next job may already be waiting there (claimed or handed over).
 */
export declare function servesMailbox(memory: WebAssembly.Memory, box: number): boolean;
/** Pool side: a new or gone worker is not parked, so its jobs go by message until it parks. */
export declare function markAway(memory: WebAssembly.Memory, box: number): void;
/** Worker side: records that job `seq` is finished and marks the worker parked (before it reports). */
export declare function markDone(memory: WebAssembly.Memory, box: number, seq: number): void;
/**
 * Pool side: waits, spinning, at most `ms` for the worker to finish job `seq`; true if it has.
 * For the calling thread that has just finished its own share of a short run, when the
 * worker is finishing its last chunk.
 */
export declare function awaitDone(memory: WebAssembly.Memory, box: number, seq: number, ms: number): boolean;
/**
 * Worker side: waits for jobs on the mailbox and serves them, until none comes for PARK_MS;
 * then marks the worker AWAY and returns to the event loop. `serve` runs a job and must call
 * markDone before reporting its end.
 */
export declare function parkAndServe(memory: WebAssembly.Memory, box: number, serve: (job: Job) => void): void;
