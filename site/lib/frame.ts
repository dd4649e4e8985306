// Drawing on animation frames: a page's long loop calls `schedule()` as often as it likes (every
// step), and the draw runs at most once per frame, when the browser paints, so that updating
// the progress bar or a chart never costs the loop more than a frame's worth of work.

/** Coalesces calls into one `draw()` per animation frame; `flush()` draws now if one is pending. */
export class FrameScheduler {
  #pending = 0;
  readonly #draw: () => void;

  constructor(draw: () => void) {
    this.#draw = draw;
  }

  /** Asks for a draw on the next frame (once, however often it is called before that frame). */
  schedule(): void {
    if (this.#pending) return;
    this.#pending = requestAnimationFrame(() => {
      this.#pending = 0;
      this.#draw();
    });
  }

  /** Draws now, cancelling the pending frame if any. */
  flush(): void {
    if (this.#pending) cancelAnimationFrame(this.#pending);
    this.#pending = 0;
    this.#draw();
  }
}

/**
 * Whether a step should redraw an expensive view (a chart that needs a reduction, for
 * instance): at least `steps` steps and `ms` milliseconds since the last redraw, and always on
 * the step marked last.
 */
export class RedrawThrottle {
  #lastStep = -Infinity;
  #lastTime = -Infinity;

  constructor(readonly steps: number, readonly ms: number) {}

  /** True (and records the redraw) when step `step` should redraw; `last` forces it. */
  due(step: number, last = false): boolean {
    const now = performance.now();
    if (!last && (step - this.#lastStep < this.steps || now - this.#lastTime < this.ms)) return false;
    this.#lastStep = step;
    this.#lastTime = now;
    return true;
  }

  /** Forgets the last redraw (a new run starts). */
  reset(): void {
    this.#lastStep = -Infinity;
    this.#lastTime = -Infinity;
  }
}

/**
 * Gives the browser a turn (input, painting, timers) when the caller has held the page's
 * thread for `budgetMs` since the last turn: a loop of reductions that resolve at once (small
 * ones, on the calling thread or helped by it) chains promise callbacks without ever
 * returning to the event loop, and a Stop click or a frame would wait for the whole run.
 * `due()` resolves at once when no turn is due; otherwise after one task (a MessageChannel
 * message, not a timer: nested timers are held back to 4 ms each).
 */
export class BrowserTurns {
  #last = performance.now();
  readonly #channel = new MessageChannel();
  #wake: (() => void) | null = null;

  constructor(readonly budgetMs = 25) {
    this.#channel.port1.onmessage = () => {
      const wake = this.#wake;
      this.#wake = null;
      this.#last = performance.now();
      wake?.();
    };
  }

  /** Closes the channel (the run is over). */
  close(): void {
    this.#channel.port1.close();
    this.#wake?.();
    this.#wake = null;
  }

  /** A promise to await between steps: resolved, or resolving after the browser's turn. */
  due(): Promise<void> {
    if (performance.now() - this.#last < this.budgetMs) return Promise.resolve();
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#channel.port2.postMessage(0);
    });
  }
}
