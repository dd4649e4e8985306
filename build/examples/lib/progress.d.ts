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
export declare function progress(label: string, total: number, { stream, enabled, width }?: ProgressOptions): Progress;
