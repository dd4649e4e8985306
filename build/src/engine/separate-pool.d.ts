/**
 * Workers with memories of their own, for runtimes without shared memory (a page that is not
 * cross-origin isolated has no SharedArrayBuffer). Each worker runs a whole engine with
 * threads: 1 (engine-worker-role.ts); the calling thread cuts a reduction's output rows into
 * blocks, hands them out to the workers as they become free, and writes each block's rows into
 * one output. Every reduction kind is row-independent (axis-0 reductions come with i and j
 * already swapped), so the result is the one the calling thread would compute.
 *
 * Inputs are copied to a worker once: i-variables as the block's rows, j-variables and
 * parameters whole, kept there by tensor id and version (WorkerInputCache records what each
 * worker holds), so that an optimiser's repeated reduction costs small messages only.
 *
 * A batched request is cut into blocks of whole batches instead: each block goes to a worker as
 * a batched request of its own, with the slices of each input its batches read.
 */
import type { CompileMode } from './compiled-tier.js';
import type { RelaxedSimdMode } from '../compile/relaxed-simd.js';
import { BackendError } from '../errors.js';
import type { Tape } from '../tape/tape.js';
import { type ReductionRequest, type ReductionResult } from '../tape/request.js';
import { StartPolicy } from './start-policy.js';
import type { RowLanesMode } from './wasm-engine.js';
export interface SeparatePoolOptions {
    readonly cacheBytes: number;
    readonly rowLanes: RowLanesMode;
    readonly blockBytes?: number;
    readonly compile: CompileMode;
    readonly relaxedSimd: RelaxedSimdMode;
}
/** Counters the pool adds to (the engine's stats). */
export interface SeparatePoolStats {
    /** Reductions run on the separate-memory workers. */
    separate: number;
    /** Bytes of input data sent to workers. */
    copiedBytes: number;
}
/**
 * [r0, r1) blocks covering n rows, in whole tiles of at least MIN_BLOCK_ROWS, shrinking
 * (guided: each a share of the rows left), so that the worker that finishes first waits for a
 * short last block, not a full one. The same rows give the same blocks: a repeated reduction
 * finds its row slices where they were.
 */
export declare function rowBlocks(nRows: number, workers: number): [number, number][];
/** [b0, b1) blocks of whole batches, shrinking (guided) as rowBlocks' rows. */
export declare function batchBlocks(batches: number, workers: number): [number, number][];
export declare class SeparatePool {
    readonly size: number;
    private readonly module;
    private readonly workerUrl;
    private readonly options;
    private readonly stats;
    private readonly slots;
    /** Reductions with blocks left to hand out, oldest first. */
    private readonly open;
    private jobs;
    /** How workers start, retries of those that fail, and when to give up (start-policy.ts). */
    readonly policy: StartPolicy;
    private idleTimer;
    constructor(size: number, module: WebAssembly.Module, workerUrl: URL, options: SeparatePoolOptions, stats: SeparatePoolStats);
    /**
     * What each worker keeps of its inputs (its copies, and its engine's copies in wasm memory):
     * the engine's cacheBytes shared among the workers, so that a page's memory does not grow
     * with its core count; at least enough for a few mid-sized inputs (but never more than asked: 0 caches nothing).
     */
    private get workerCacheBytes();
    /** Set once workers failed to start MAX_START_FAILURES times in a row: reductions then stay on the calling thread. */
    get broken(): BackendError | null;
    get startedWorkers(): number;
    /**
     * Runs a reduction on the workers. `lanesTape` is the request's row-lanes tape where row
     * lanes could apply (a function cannot be sent to a worker). Rejects with an AbortError as
     * soon as the request's signal fires; the workers are told to stop.
     */
    reduce(request: ReductionRequest, lanesTape: Tape | undefined): Promise<ReductionResult>;
    /** Starts the workers in the background, so that they are ready by the first reduction. */
    prestart(): void;
    /** Resolves when every worker has started (retrying failed starts as the policy allows); rejects once the pool gave up. */
    started(): Promise<void>;
    /** Stops every worker (their inputs are lost); the pool starts fresh ones if used again. */
    terminate(): void;
    /** Test hook: makes worker `index` throw an uncaught error, as a crash would. */
    crashWorkerForTesting(index: number): void;
    private resetSlot;
    private ensureStarted;
    /** Hands blocks to the idle workers. */
    private dispatch;
    /**
     * The oldest reduction's next block for worker k: one whose rows it already holds, else one
     * no other worker holds, else any (copying a block's rows costs far less than idling).
     */
    private nextBlock;
    private send;
    /** Sends a block of whole batches: a batched request over the slices its batches read. */
    private sendBatches;
    private onReply;
    private busy;
    private finishIfDone;
    /** Fails a reduction now; its blocks still running are told to stop (their workers stay usable). */
    private fail;
    private close;
    private onWorkerDied;
    /**
     * Where workers cannot be told not to hold the process (Deno), an idle pool stops them after
     * a short grace period, so a script ends; the next reduction starts them again.
     */
    private stopWhenIdle;
}
