/** How often a long loop gives the event loop a turn (the issue asks for at least every 50 ms). */
export declare const YIELD_INTERVAL_MS = 20;
/**
 * Checks that `signal` is an AbortSignal (or undefined): a ValueError naming `where` otherwise.
 * Duck-typed objects such as `{ aborted: false }` are refused: they cannot be listened to, so
 * an abort would never reach work running on the pool.
 */
export declare function checkSignal(where: string, signal: unknown): AbortSignal | undefined;
/** Throws an AbortError naming `where` when `signal` has fired. */
export declare function throwIfAborted(where: string, signal: AbortSignal | undefined): void;
/**
 * Resolves after the event loop has had a turn (timers included): setImmediate where it exists
 * (Node, Bun: no 1-4 ms clamp), a MessageChannel in browsers (setTimeout(0) is clamped to 4 ms
 * there once nested; scheduler.yield() resumes before due timers, which then never fired: 0 of
 * 120 10-ms ticks during a 1.2 s reduction in Chromium, 15% with a message), setTimeout otherwise.
 */
export declare function yieldToEventLoop(): Promise<void>;
/**
 * Gives the event loop a turn every `intervalMs` of a long loop and checks the signal:
 * `await yielder.tick()` once per iteration (cheap: a clock read while the interval runs).
 */
export declare class Yielder {
    private readonly where;
    private readonly signal;
    private readonly intervalMs;
    private last;
    constructor(where: string, signal: AbortSignal | undefined, intervalMs?: number);
    /** Yields when the interval has passed, then throws an AbortError if the signal fired. */
    tick(): Promise<void>;
}
