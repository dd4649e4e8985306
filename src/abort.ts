/**
 * Cancellation and yielding for long work. Every loop that can run for more than a few
 * milliseconds (Sinkhorn iterations, eigsh restarts, cg / minres / lbfgs iterations, k-means,
 * host ops over big arrays) takes a `Yielder`: it gives the event loop a turn at least every
 * YIELD_INTERVAL_MS, so an abort() fired from a timer lands within ~one interval and a page
 * stays responsive, and then checks the signal.
 */
import { AbortError, ValueError, describe } from './errors.js';

/** How often a long loop gives the event loop a turn (the issue asks for at least every 50 ms). */
export const YIELD_INTERVAL_MS = 20;

/** True for a real AbortSignal (this realm's, or another realm's by its tag); duck types are refused. */
function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null) return false;
  const Ctor = (globalThis as { AbortSignal?: typeof AbortSignal }).AbortSignal;
  if (typeof Ctor === 'function' && value instanceof Ctor) return true;
  return Object.prototype.toString.call(value) === '[object AbortSignal]'
    && typeof (value as AbortSignal).addEventListener === 'function';
}

/**
 * Checks that `signal` is an AbortSignal (or undefined): a ValueError naming `where` otherwise.
 * Duck-typed objects such as `{ aborted: false }` are refused: they cannot be listened to, so
 * an abort would never reach work running on the pool.
 */
export function checkSignal(where: string, signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  if (!isAbortSignal(signal)) {
    throw new ValueError(`${where}: options.signal must be an AbortSignal (from new AbortController().signal or AbortSignal.timeout()), received ${describe(signal)}`);
  }
  return signal;
}

/** Throws an AbortError naming `where` when `signal` has fired. */
export function throwIfAborted(where: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(`${where}: aborted by the caller's signal`);
}

type Scheduler = { yield?: () => Promise<void> };

/**
 * Resolves after the event loop has had a turn (timers included): setImmediate where it exists
 * (Node, Bun: no 1-4 ms clamp), a MessageChannel in browsers (setTimeout(0) is clamped to 4 ms
 * there once nested; scheduler.yield() resumes before due timers, which then never fired: 0 of
 * 120 10-ms ticks during a 1.2 s reduction in Chromium, 15% with a message), setTimeout otherwise.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown; scheduler?: Scheduler; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => g.setImmediate!(resolve));
  if (typeof g.MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new g.MessageChannel!();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  if (typeof g.scheduler?.yield === 'function') return g.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Gives the event loop a turn every `intervalMs` of a long loop and checks the signal:
 * `await yielder.tick()` once per iteration (cheap: a clock read while the interval runs).
 */
export class Yielder {
  private last = now();

  constructor(
    private readonly where: string,
    private readonly signal: AbortSignal | undefined,
    private readonly intervalMs: number = YIELD_INTERVAL_MS,
  ) {}

  /** Yields when the interval has passed, then throws an AbortError if the signal fired. */
  async tick(): Promise<void> {
    if (now() - this.last >= this.intervalMs) {
      await yieldToEventLoop();
      this.last = now();
    }
    throwIfAborted(this.where, this.signal);
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
