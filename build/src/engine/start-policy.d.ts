/**
 * How a worker pool (shared memory, pool.ts, or separate memories, separate-pool.ts) starts its
 * workers and retries those that fail to start (a worker file that 404s, a CSP that forbids it,
 * a script error): one worker first, until one has started once (a missing file then costs one
 * request per try, not one per worker); a few tries with a growing pause between them; then it
 * gives up for good and the engine runs on the calling thread. Every failure and restart is
 * kept (the last few) for engineInfo().reasons.
 */
import { BackendError } from '../errors.js';
import { type WorkerHandle } from './runtime.js';
export declare const MAX_START_FAILURES = 3;
/** Pause before the second try; each later one waits BACKOFF_FACTOR times longer. */
export declare const FIRST_BACKOFF_MS = 100;
/** A worker that neither fails nor answers within this long counts as failed. */
export declare const WORKER_START_TIMEOUT_MS = 10000;
/** A pool's worker slot, as startSlot() fills it in. */
export interface WorkerSlot {
    handle: WorkerHandle | null;
    /** The start under way or done (null: not started, or its start failed). */
    ready: Promise<void> | null;
    started: boolean;
    /** Bumped by the pool's terminate(), so that a start still under way knows it was cancelled. */
    generation: number;
    /** Fails the start under way (its handshake would otherwise wait for a worker that is gone). */
    cancelStart: ((e: Error) => void) | null;
}
/** The pool's side of a worker's start: the worker says 'listening', is sent `init()`, answers `readyType`. */
export interface Handshake {
    init(): unknown;
    readonly readyType: string;
    /** Every other message of the worker, from the start on. */
    onMessage(handle: WorkerHandle, msg: {
        type: string;
        message?: string;
    }): void;
    /** The worker died after it had started. */
    onDied(handle: WorkerHandle, reason: string): void;
    /** The pool has given up starting workers: fail the reductions waiting for them. */
    onGaveUp(error: BackendError): void;
}
/**
 * The error of a start cancelled by the pool's terminate() (shutdown(), configure()): not a
 * failure, and not to be retried, or a pool shut down while starting would start workers again
 * and leak them.
 */
export declare function startCancelled(): BackendError;
export declare class StartPolicy {
    private readonly slots;
    /** Starts slot k's worker (or returns the start under way); waits for pause() first. */
    private readonly ensureStarted;
    /** Whether reductions wait for workers (a failed start is then retried at once, after the pause). */
    private readonly waiting;
    /** A worker has started: hand it work. */
    private readonly onStarted;
    /** Failed starts since the last one that worked. */
    private failures;
    private notBefore;
    /** A worker has started once: the file loads, so the others may start together. */
    private everStarted;
    /** Set once the pool has given up: what to tell the reductions that needed it. */
    gaveUp: BackendError | null;
    /** Bumped by cancelStarts(). */
    private epoch;
    /** Starts attempted, for tests and engineInfo(). */
    attempts: number;
    readonly log: string[];
    constructor(slots: readonly WorkerSlot[], 
    /** Starts slot k's worker (or returns the start under way); waits for pause() first. */
    ensureStarted: (k: number) => Promise<void>, 
    /** Whether reductions wait for workers (a failed start is then retried at once, after the pause). */
    waiting: () => boolean, 
    /** A worker has started: hand it work. */
    onStarted: () => void);
    /** Waits for the pause the failures so far call for; counts the attempt. */
    pause(): Promise<void>;
    /** A worker started: the pause resets, and the other slots may start together. */
    started(): void;
    /**
     * Records a failed start (the error from workerStartError); returns true when that was the
     * last try allowed, with `gaveUp` set.
     */
    failed(error: Error): boolean;
    note(line: string): void;
    /**
     * Starts the worker of `slot` from `url` (after the pause failures call for), with a
     * timeout; resolves once it has answered the handshake. A failed start is counted, and the
     * slot is left empty for the next try.
     */
    startSlot(slot: WorkerSlot, url: URL, handshake: Handshake): Promise<void>;
    /** The pool's terminate(): starts under way in startAll() stop there. */
    cancelStarts(): void;
    /** Starts the slots that are not running: the first alone until one has started once. */
    startMissing(): void;
    /**
     * Resolves when every slot has started (retrying failed starts as the policy allows);
     * rejects once the pool has given up.
     */
    startAll(): Promise<void>;
}
/** A BackendError for a worker that could not start: where it came from, and how to fix it. */
export declare function workerStartError(workerUrl: URL, reason: string): BackendError;
