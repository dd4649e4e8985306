// A terminal progress bar for the examples' long steps, in plain ANSI: one line redrawn in
// place at most every 80 ms. When stdout is not a terminal (CI logs, pipes) it draws nothing
// and `done()` prints one summary line instead, so logs stay readable.

/** Where the bar is drawn: process.stdout, or anything with `write` (tests pass a recorder). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  enabled?: boolean;
  width?: number;
}

export interface Progress {
  tick(n?: number, note?: string): void;
  done(summary?: string): void;
}

/**
 * Starts a progress bar for `total` steps labelled `label`.
 * `tick(n = 1, note?)` advances it (the note, e.g. the current loss, is shown after the count);
 * `done(summary?)` finishes it and prints `label: summary` (default: the elapsed time).
 * `stream` defaults to process.stdout; `enabled` defaults to `stream.isTTY`.
 */
export function progress(label: string, total: number, { stream = process.stdout, enabled = Boolean(stream.isTTY), width = 30 }: ProgressOptions = {}): Progress {
  const start = performance.now();
  let count = 0;
  let note = '';
  let lastDraw = -Infinity;
  let finished = false;

  const draw = () => {
    const frac = total > 0 ? Math.min(1, count / total) : 1;
    const full = Math.round(frac * width);
    const elapsed = (performance.now() - start) / 1000;
    const eta = frac > 0 && frac < 1 ? ` eta ${(elapsed * (1 - frac) / frac).toFixed(1)} s` : '';
    const bar = `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
    const text = `${label} ${bar} ${String(Math.round(frac * 100)).padStart(3)}% ${count}/${total}${note ? `  ${note}` : ''}  ${elapsed.toFixed(1)} s${eta}`;
    const columns = stream.columns || 100;
    // \r to the line start, the text cut to the terminal width, \x1b[K clears what is left.
    stream.write(`\r${text.slice(0, columns - 1)}\x1b[K`);
  };

  return {
    tick(n = 1, newNote?: string) {
      count += n;
      if (newNote !== undefined) note = String(newNote);
      if (!enabled || finished) return;
      const now = performance.now();
      if (now - lastDraw >= 80 || count >= total) {
        lastDraw = now;
        draw();
      }
    },
    done(summary?: string) {
      if (finished) return;
      finished = true;
      const elapsed = ((performance.now() - start) / 1000).toFixed(1);
      if (enabled) {
        draw();
        stream.write('\n');
      }
      if (summary !== undefined || !enabled) stream.write(`${label}: ${summary ?? `${count}/${total} in ${elapsed} s`}\n`);
    },
  };
}
