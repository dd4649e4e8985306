/**
 * How a worker pool retries workers that fail to start (a worker file that 404s, a CSP that
 * forbids it, a script error): a few tries with a growing pause between them, then it gives up
 * for good, so a missing file costs a handful of requests, never a loop of them. Every failure
 * and restart is kept (the last few) for engineInfo().reasons.
 */
export const MAX_START_FAILURES = 3;
/** Pause before the second try; each later one waits BACKOFF_FACTOR times longer. */
export const FIRST_BACKOFF_MS = 100;
const BACKOFF_FACTOR = 4;
/** A worker that neither fails nor answers within this long counts as failed. */
export const WORKER_START_TIMEOUT_MS = 10_000;
const LOG_LENGTH = 8;

export class StartPolicy {
  /** Failed starts since the last one that worked. */
  private failures = 0;
  private notBefore = 0;
  /** Set once the pool has given up: what to tell the reductions that needed it. */
  gaveUp: Error | null = null;
  /** Starts attempted, for tests and engineInfo(). */
  attempts = 0;
  readonly log: string[] = [];

  /** Milliseconds to wait before the next start may be attempted. */
  delay(): number {
    return Math.max(0, this.notBefore - Date.now());
  }

  started(): void {
    this.failures = 0;
    this.notBefore = 0;
  }

  /** Records a failed start; returns true when that was the last try allowed. */
  failed(reason: string): boolean {
    this.failures++;
    const last = this.failures >= MAX_START_FAILURES;
    this.note(last ? `a worker failed to start (${reason}); gave up after ${this.failures} tries` : `a worker failed to start (${reason}); try ${this.failures + 1} of ${MAX_START_FAILURES} in ${FIRST_BACKOFF_MS * BACKOFF_FACTOR ** (this.failures - 1)} ms`);
    this.notBefore = Date.now() + FIRST_BACKOFF_MS * BACKOFF_FACTOR ** (this.failures - 1);
    return last;
  }

  note(line: string): void {
    this.log.push(line);
    if (this.log.length > LOG_LENGTH) this.log.shift();
  }
}
