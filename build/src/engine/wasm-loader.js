import { BackendError } from '../errors.js';
import { wasmAsset, getAssetBase } from './assets.js';
import { isNode, isDeno, isBun } from './runtime.js';
import { mayImportNodeBuiltins } from './package-layout.js';
/** How to fix a file the engine could not read, for the error that says so. */
function fixFor(url) {
    return getAssetBase()
        ? `check that configure({ assetBase: '${getAssetBase().href}' }) serves the package's build/ files (lazykernel.wasm, lazykernel-threads.wasm, lazykernel-worker.js)`
        : `serve the package's build/ files beside the module, or point configure({ assetBase }) at a folder (or CDN) that serves them (${url.pathname.split('/').pop()})`;
}
/** Reads the bytes of a URL: through node:fs for file URLs in Node, Bun and Deno, through fetch otherwise. */
async function readBytes(url) {
    // Not from the browser bundle (mayImportNodeBuiltins false): its node: modules are stand-ins.
    if (url.protocol === 'file:' && mayImportNodeBuiltins && (isNode || isDeno || isBun)) {
        const fs = await import('node:fs/promises');
        const { fileURLToPath } = await import('node:url');
        try {
            return await fs.readFile(fileURLToPath(url));
        }
        catch (cause) {
            throw new BackendError(`could not read the lazykernel wasm module ${url.href}: ${cause.message}; ${fixFor(url)}`);
        }
    }
    let response;
    try {
        response = await fetch(url);
    }
    catch (cause) {
        throw new BackendError(`could not fetch the lazykernel wasm module from ${url.href}: ${cause.message}; ${fixFor(url)}`);
    }
    if (!response.ok)
        throw new BackendError(`could not fetch the lazykernel wasm module from ${url.href}: HTTP ${response.status}; ${fixFor(url)}`);
    return response.arrayBuffer();
}
/**
 * Compiles an engine module: `source` when the caller has the bytes, the module or its URL
 * (configure({ wasmModule })), else the packaged one (`file`, inlined in the browser bundle).
 */
export async function loadWasmModule(source, file = 'lazykernel.wasm') {
    if (source instanceof WebAssembly.Module)
        return source;
    const asset = source === undefined ? wasmAsset(file) : source instanceof ArrayBuffer || source instanceof Uint8Array ? { kind: 'inline', name: 'the given bytes', bytes: () => new Uint8Array(source) } : { kind: 'url', url: new URL(String(source)) };
    const where = asset.kind === 'url' ? asset.url.href : asset.name;
    try {
        const bytes = asset.kind === 'url' ? await readBytes(asset.url) : asset.bytes();
        return await WebAssembly.compile(bytes);
    }
    catch (cause) {
        if (cause instanceof BackendError)
            throw cause;
        throw new BackendError(`could not load the lazykernel wasm module (${where}): ${cause.message}. ` +
            'Where compiling wasm bytes is forbidden (edge runtimes, strict Content-Security-Policy without \'wasm-unsafe-eval\'), pass a compiled WebAssembly.Module to configure({ wasmModule }).');
    }
}
