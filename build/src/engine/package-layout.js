/**
 * The engine's files beside the package's own modules: this file is build/src/engine/, the
 * worker beside it and the wasm builds in build/. The browser bundle (tools/bundle.mjs)
 * replaces this module with one that returns null: its files are inlined, and no
 * `new URL('./file', import.meta.url)` may be left in it for an app's bundler to chase.
 */
/**
 * True in the package's own modules, which may import Node built-ins where they run on Node;
 * false in the browser bundle, which has none of them (run there, Node gets the calling thread).
 */
export const mayImportNodeBuiltins = true;
export function packageFileUrl(file) {
    if (file === 'worker')
        return new URL('./worker.js', import.meta.url);
    return new URL(`../../${file}`, import.meta.url);
}
