import { StartPolicy } from './start-policy.js';
/**
 * One pooled reduction: its plan and the task table its chunks are taken from (see
 * task-table.ts). Every worker that joins takes chunks until none is left.
 */
export interface PoolBatch {
    readonly plan: number;
    readonly table: number;
    /** Scratch area for the worker with the given index (each worker needs its own). */
    scratchFor(worker: number): number;
}
/**
 * A fixed set of workers sharing one WebAssembly.Memory. Workers start lazily on first use and
 * are reused; an idle pool does not keep a Node or Bun process alive. A reduction costs one
 * message to each worker that joins it and one back, whatever its number of chunks. A worker
 * that dies is replaced, and the reduction it was serving fails with a BackendError.
 */
export declare class WorkerPool {
    readonly size: number;
    private readonly module;
    private readonly memory;
    private readonly workerUrl;
    /** Where the workers' mailboxes are (MAILBOX_BYTES each, zeroed): see mailbox.ts. */
    private readonly mailboxes;
    private readonly slots;
    /** Reductions that idle workers may still join, oldest first. */
    private readonly open;
    private idleTimer;
    /** How workers start, retries of those that fail, and when to give up (start-policy.ts). */
    readonly policy: StartPolicy;
    constructor(size: number, module: WebAssembly.Module, memory: WebAssembly.Memory, workerUrl: URL, 
    /** Where the workers' mailboxes are (MAILBOX_BYTES each, zeroed): see mailbox.ts. */
    mailboxes: number);
    /**
     * Runs a reduction's chunks across at most `maxWorkers` workers; resolves when every chunk
     * is done.
     */
    run(batch: PoolBatch, maxWorkers?: number): Promise<void>;
    /**
     * The error the pool gave up with after its workers failed to start MAX_START_FAILURES
     * times in a row, or null: once set, the engine runs its reductions on the calling thread.
     */
    get broken(): Error | null;
    /**
     * Starts the workers in the background, so that they are ready by the first pooled
     * reduction (spawning one costs 30-100 ms). Failures surface at that reduction.
     */
    prestart(): void;
    /**
     * Resolves when every worker has started (starting those that are not, retrying failed
     * starts as the start policy allows); rejects once the pool has given up.
     */
    started(): Promise<void>;
    /**
     * Stops sending workers to the reduction of `plan`: its chunks are all taken (the calling
     * thread took the rest), or it was aborted (its abort word is set, so the engaged workers
     * stop at their next tile). Its promise settles once the engaged workers have finished.
     */
    close(plan: number): void;
    /** Stops every worker; the pool starts fresh ones if used again. */
    terminate(): void;
    /**
     * Test hook: makes one worker throw an uncaught error, as a crash would: in the middle of
     * the reduction it is running, or at once if it is idle.
     */
    crashWorkerForTesting(index: number): void;
    private mailboxFor;
    /** A new or gone worker is not parked: jobs for slot k go by message until it parks. */
    private resetMailbox;
    get startedWorkers(): number;
    private ensureStarted;
    /** Sends every idle worker to the oldest reduction that still has chunks to take. */
    private dispatch;
    private nextOpen;
    /**
     * The calling thread has finished its share of the run of `plan` and closed it: waits, at
     * most `ms`, for the workers on it to finish, and settles their part without waiting for
     * their messages (which then arrive as stale reports).
     */
    collect(plan: number, ms: number): void;
    private onWorkEnd;
    private closeRun;
    /** A worker left reduction r, with the error that ended its work, if any. */
    private leave;
    private settleIfDone;
    /**
     * Where workers cannot be told not to hold the process (Deno), an idle pool stops them
     * after a short grace period, so a script ends; the next reduction starts them again.
     */
    private stopWhenIdle;
    private onWorkerDied;
    /** The pool gave up starting workers: every reduction waiting for them fails. */
    private failOpen;
}
