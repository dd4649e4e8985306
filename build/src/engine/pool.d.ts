/** A range of rows of one plan, run by whichever worker is free. */
export interface PoolTask {
    readonly plan: number;
    readonly rowStart: number;
    readonly rowEnd: number;
    /** Scratch area for the worker with the given index (each worker needs its own). */
    scratchFor(worker: number): number;
}
/**
 * A fixed set of workers sharing one WebAssembly.Memory. Workers start lazily on first use and
 * are reused; an idle pool does not keep a Node or Bun process alive. A worker that dies is
 * replaced, and the batch it was serving fails with a BackendError.
 */
export declare class WorkerPool {
    readonly size: number;
    private readonly module;
    private readonly memory;
    private readonly workerUrl;
    private readonly slots;
    private readonly queue;
    private nextId;
    private idleTimer;
    constructor(size: number, module: WebAssembly.Module, memory: WebAssembly.Memory, workerUrl: URL);
    /** Runs the tasks across the workers; resolves when all are done. */
    run(tasks: readonly PoolTask[]): Promise<void>;
    /** Drops queued tasks of a batch (used on abort: running ones stop through the plan's flag). */
    cancelQueued(plan: number): void;
    /** Stops every worker; the pool starts fresh ones if used again. */
    terminate(): void;
    /** Test hook: makes one worker throw an uncaught error, as a crash would. */
    crashWorkerForTesting(index: number): void;
    get startedWorkers(): number;
    private ensureStarted;
    private dispatch;
    private onTaskEnd;
    /**
     * Where workers cannot be told not to hold the process (Deno), an idle pool stops them
     * after a short grace period, so a script ends; the next reduction starts them again.
     */
    private stopWhenIdle;
    private onWorkerDied;
    private failQueued;
    private settle;
}
