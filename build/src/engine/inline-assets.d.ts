/**
 * The engine's files inlined in the browser bundle: tools/bundle.mjs replaces this module with
 * one holding the two wasm builds (base64) and the bundled worker module (source text). In the
 * package's own modules (Node, Deno, Bun) there is nothing inlined: the files are read beside them.
 */
export interface InlineAssets {
    /** lazykernel.wasm, base64. */
    readonly wasm: string;
    /** lazykernel-threads.wasm, base64. */
    readonly threadsWasm: string;
    /** lazykernel-worker.js, an ES module's source. */
    readonly worker: string;
}
export declare const inlineAssets: InlineAssets | null;
