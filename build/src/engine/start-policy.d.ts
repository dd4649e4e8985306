/**
 * How a worker pool retries workers that fail to start (a worker file that 404s, a CSP that
 * forbids it, a script error): a few tries with a growing pause between them, then it gives up
 * for good, so a missing file costs a handful of requests, never a loop of them. Every failure
 * and restart is kept (the last few) for engineInfo().reasons.
 */
export declare const MAX_START_FAILURES = 3;
/** Pause before the second try; each later one waits BACKOFF_FACTOR times longer. */
export declare const FIRST_BACKOFF_MS = 100;
/** A worker that neither fails nor answers within this long counts as failed. */
export declare const WORKER_START_TIMEOUT_MS = 10000;
export declare class StartPolicy {
    /** Failed starts since the last one that worked. */
    private failures;
    private notBefore;
    /** Set once the pool has given up: what to tell the reductions that needed it. */
    gaveUp: Error | null;
    /** Starts attempted, for tests and engineInfo(). */
    attempts: number;
    readonly log: string[];
    /** Milliseconds to wait before the next start may be attempted. */
    delay(): number;
    started(): void;
    /** Records a failed start; returns true when that was the last try allowed. */
    failed(reason: string): boolean;
    note(line: string): void;
}
