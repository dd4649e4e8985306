import { BackendError } from '../errors.js';
import { assetUrl } from './assets.js';
/** Reads the bytes of a URL: through node:fs for file URLs in Node, Bun and Deno, through fetch otherwise. */
async function readBytes(url) {
    const proc = globalThis.process;
    const hasDeno = typeof globalThis.Deno !== 'undefined';
    if (url.protocol === 'file:' && (proc?.versions?.node || hasDeno)) {
        const fs = await import('node:fs/promises');
        const { fileURLToPath } = await import('node:url');
        return fs.readFile(fileURLToPath(url));
    }
    const response = await fetch(url);
    if (!response.ok)
        throw new BackendError(`could not fetch ${url.href}: HTTP ${response.status}`);
    return response.arrayBuffer();
}
/** Compiles the engine module from its file (or `source`, when the caller has the bytes or the module). */
export async function loadWasmModule(source) {
    if (source instanceof WebAssembly.Module)
        return source;
    try {
        const bytes = source instanceof ArrayBuffer || source instanceof Uint8Array
            ? source
            : await readBytes(source === undefined ? assetUrl('lazykernel.wasm') : new URL(String(source)));
        return await WebAssembly.compile(bytes);
    }
    catch (cause) {
        if (cause instanceof BackendError)
            throw cause;
        throw new BackendError(`could not load the lazykernel wasm module: ${cause.message}. ` +
            'Where compiling wasm bytes is forbidden, pass a compiled WebAssembly.Module to configure({ wasmModule }).');
    }
}
