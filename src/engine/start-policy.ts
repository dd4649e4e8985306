/**
 * How a worker pool (shared memory, pool.ts, or separate memories, separate-pool.ts) starts its
 * workers and retries those that fail to start (a worker file that 404s, a CSP that forbids it,
 * a script error): one worker first, until one has started once (a missing file then costs one
 * request per try, not one per worker); a few tries with a growing pause between them; then it
 * gives up for good and the engine runs on the calling thread. Every failure and restart is
 * kept (the last few) for engineInfo().reasons.
 */
import { BackendError } from '../errors.js';
import { describeWorkerSource } from './assets.js';
import { startWorker, type WorkerHandle } from './runtime.js';

export const MAX_START_FAILURES = 3;
/** Pause before the second try; each later one waits BACKOFF_FACTOR times longer. */
export const FIRST_BACKOFF_MS = 100;
const BACKOFF_FACTOR = 4;
/** A worker that neither fails nor answers within this long counts as failed. */
export const WORKER_START_TIMEOUT_MS = 10_000;
const LOG_LENGTH = 8;

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
  onMessage(handle: WorkerHandle, msg: { type: string; message?: string }): void;
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
export function startCancelled(): BackendError {
  return Object.assign(new BackendError('the worker pool was shut down while a worker was starting'), { cancelled: true });
}

function isCancelled(e: unknown): boolean {
  return (e as { cancelled?: boolean } | null)?.cancelled === true;
}

export class StartPolicy {
  /** Failed starts since the last one that worked. */
  private failures = 0;
  private notBefore = 0;
  /** A worker has started once: the file loads, so the others may start together. */
  private everStarted = false;
  /** Set once the pool has given up: what to tell the reductions that needed it. */
  gaveUp: BackendError | null = null;
  /** Bumped by cancelStarts(). */
  private epoch = 0;
  /** Starts attempted, for tests and engineInfo(). */
  attempts = 0;
  readonly log: string[] = [];

  constructor(
    private readonly slots: readonly WorkerSlot[],
    /** Starts slot k's worker (or returns the start under way); waits for pause() first. */
    private readonly ensureStarted: (k: number) => Promise<void>,
    /** Whether reductions wait for workers (a failed start is then retried at once, after the pause). */
    private readonly waiting: () => boolean,
    /** A worker has started: hand it work. */
    private readonly onStarted: () => void,
  ) {}

  /** Waits for the pause the failures so far call for; counts the attempt. */
  async pause(): Promise<void> {
    const ms = Math.max(0, this.notBefore - Date.now());
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
    this.attempts++;
  }

  /** A worker started: the pause resets, and the other slots may start together. */
  started(): void {
    this.failures = 0;
    this.notBefore = 0;
    this.everStarted = true;
  }

  /**
   * Records a failed start (the error from workerStartError); returns true when that was the
   * last try allowed, with `gaveUp` set.
   */
  failed(error: Error): boolean {
    const reason = (error as Error & { reason?: string }).reason ?? error.message;
    this.failures++;
    const pause = FIRST_BACKOFF_MS * BACKOFF_FACTOR ** (this.failures - 1);
    this.notBefore = Date.now() + pause;
    if (this.failures < MAX_START_FAILURES) {
      this.note(`a worker failed to start (${reason}); try ${this.failures + 1} of ${MAX_START_FAILURES} in ${pause} ms`);
      return false;
    }
    this.note(`a worker failed to start (${reason}); gave up after ${this.failures} tries`);
    this.gaveUp = new BackendError(`${error.message}; gave up after ${this.attempts} tries, and reductions now run on the calling thread`);
    return true;
  }

  note(line: string): void {
    this.log.push(line);
    if (this.log.length > LOG_LENGTH) this.log.shift();
  }

  /**
   * Starts the worker of `slot` from `url` (after the pause failures call for), with a
   * timeout; resolves once it has answered the handshake. A failed start is counted, and the
   * slot is left empty for the next try.
   */
  startSlot(slot: WorkerSlot, url: URL, handshake: Handshake): Promise<void> {
    if (this.gaveUp) return Promise.reject(this.gaveUp);
    const generation = slot.generation;
    const ready = (async () => {
      await this.pause();
      if (slot.generation !== generation) throw startCancelled();
      const handle = await startWorker(url).catch((e: Error) => {
        throw workerStartError(url, e?.message ?? String(e));
      });
      if (slot.generation !== generation) {
        handle.terminate(); // the pool was shut down meanwhile: the worker must not outlive it
        throw startCancelled();
      }
      slot.handle = handle;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await new Promise<void>((resolve, reject) => {
          slot.cancelStart = reject;
          // A worker that never answers (a script that hangs, a server that never responds)
          // must not leave the reductions waiting forever.
          timer = setTimeout(() => reject(workerStartError(url, `it did not answer within ${WORKER_START_TIMEOUT_MS / 1000} s`)), WORKER_START_TIMEOUT_MS);
          handle.onFailure((reason) => {
            if (slot.started && slot.handle === handle) handshake.onDied(handle, reason);
            else reject(workerStartError(url, reason));
          });
          handle.onMessage((data) => {
            const msg = data as { type: string; message?: string };
            if (msg.type === 'listening') handle.post(handshake.init());
            else if (msg.type === handshake.readyType) resolve();
            else if (msg.type === 'failed' && !slot.started) reject(workerStartError(url, `it could not start the engine: ${msg.message}`));
            else handshake.onMessage(handle, msg);
          });
        });
      } finally {
        clearTimeout(timer);
        slot.cancelStart = null;
      }
      if (slot.generation !== generation) throw startCancelled();
      handle.setKeepsAlive(false);
      slot.started = true;
      this.started();
      // Whoever started it (a reduction, or the pool's prestart at engine start), a worker
      // that is ready joins the reductions under way: a worker started by prestart() used to
      // wait for the next reduction while the first one ran on the other worker alone.
      this.onStarted();
    })();
    slot.ready = ready;
    ready.catch((e: Error) => {
      if (slot.ready !== ready) return; // terminated, or replaced since
      slot.ready = null;
      slot.handle?.terminate();
      slot.handle = null;
      slot.started = false;
      if (slot.generation !== generation) return; // shut down, not a failure
      if (this.failed(e)) handshake.onGaveUp(this.gaveUp!);
    });
    return ready;
  }

  /** The pool's terminate(): starts under way in startAll() stop there. */
  cancelStarts(): void {
    this.epoch++;
  }

  /** Starts the slots that are not running: the first alone until one has started once. */
  startMissing(): void {
    if (this.gaveUp) return;
    if (!this.everStarted) {
      void this.ensureStarted(0).then(() => {
        if (this.waiting()) this.startMissing();
      }, (e: unknown) => {
        if (!isCancelled(e) && this.waiting()) this.startMissing();
      });
      return;
    }
    this.slots.forEach((slot, k) => {
      if (slot.ready) return;
      void this.ensureStarted(k).then(() => {}, () => {
        // Every worker gone (crashes) and this restart failed: try again while reductions wait.
        if (this.waiting() && !this.slots.some((s) => s.started)) this.startMissing();
      });
    });
  }

  /**
   * Resolves when every slot has started (retrying failed starts as the policy allows);
   * rejects once the pool has given up.
   */
  async startAll(): Promise<void> {
    const epoch = this.epoch;
    for (;;) {
      if (this.gaveUp) throw this.gaveUp;
      try {
        await this.ensureStarted(0);
        // The pool was terminated meanwhile: starting the others now would leak them.
        if (this.epoch !== epoch) throw startCancelled();
        await Promise.all(this.slots.map((_, k) => this.ensureStarted(k)));
        return;
      } catch (e) {
        if (isCancelled(e)) throw e;
        // A failed start, counted by startSlot; the next try waits for the pause.
      }
    }
  }
}

/** A BackendError for a worker that could not start: where it came from, and how to fix it. */
export function workerStartError(workerUrl: URL, reason: string): BackendError {
  const where = describeWorkerSource(workerUrl);
  const said = reason || 'the worker failed to load';
  return Object.assign(new BackendError(
    `could not start a lazykernel worker from ${where}: ${said}. `
    + 'If that file is not served (HTTP 404), point configure({ assetBase }) at a folder serving lazykernel-worker.js (the package\'s build/ folder); '
    + 'a Content-Security-Policy must allow it (worker-src, and blob: for the bundle\'s inlined worker), '
    + 'and on a cross-origin isolated page a worker from another origin needs CORS or Cross-Origin-Resource-Policy headers',
  ), { reason: `${where}: ${said}` });
}
