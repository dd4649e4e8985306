/**
 * Where the engine's files come from. Three layouts:
 * - the package's own modules (Node, Deno, Bun): build/src/engine/ beside build/*.wasm;
 * - the browser bundle (tools/bundle.mjs): the wasm and the worker are inlined in the bundle
 *   (inline-assets.ts is replaced there), so an app's bundler, whatever its config, has no file
 *   to copy and a static folder needs nothing beside the one module;
 * - configure({ assetBase }): a folder (a CDN, a custom layout) serving lazykernel.wasm,
 *   lazykernel-threads.wasm and lazykernel-worker.js, the files of the package's build/ folder.
 */
import { inlineAssets } from './inline-assets.js';
import { packageFileUrl } from './package-layout.js';
import { BackendError, ValueError, describe } from '../errors.js';
/** The file each asset has in an assetBase folder (and in the package's build/ folder). */
export const ASSET_FILE_NAMES = {
    'lazykernel.wasm': 'lazykernel.wasm',
    'lazykernel-threads.wasm': 'lazykernel-threads.wasm',
    worker: 'lazykernel-worker.js',
};
let assetBase = null;
/** The page's (or module's) base for relative assetBase strings. */
function baseForRelative() {
    const doc = globalThis.document;
    const loc = globalThis.location;
    return doc?.baseURI ?? loc?.href ?? packageFileUrl('worker')?.href ?? 'file:///';
}
/**
 * Parses configure({ assetBase }): a URL or a string, absolute or relative to the page; a
 * folder, so a missing trailing slash is added. null goes back to the default layout.
 */
export function parseAssetBase(value) {
    if (value === null)
        return null;
    const text = value instanceof URL ? value.href : typeof value === 'string' ? value : null;
    if (text === null || text === '') {
        throw new ValueError(`configure: assetBase must be a URL or a URL string of the folder holding lazykernel.wasm, lazykernel-threads.wasm and lazykernel-worker.js (or null for the default), received ${describe(value)}`);
    }
    let url;
    try {
        url = new URL(text, baseForRelative());
    }
    catch {
        throw new ValueError(`configure: assetBase must be a URL, received ${JSON.stringify(text)}, which is not one`);
    }
    if (!url.pathname.endsWith('/'))
        url.pathname += '/';
    return url;
}
export function setAssetBase(base) {
    assetBase = base;
}
export function getAssetBase() {
    return assetBase;
}
/** The URL of one of the engine's files in the package layout (or assetBase). */
export function assetUrl(file) {
    if (assetBase)
        return new URL(ASSET_FILE_NAMES[file], assetBase);
    const url = packageFileUrl(file);
    // Only the browser bundle has no package layout, and it inlines its files (wasmAsset, workerUrl).
    if (!url)
        throw new BackendError(`lazykernel: the ${file} file has no URL in this bundle; configure({ assetBase }) to load it from a folder`);
    return url;
}
/** A wasm file of the engine: inlined in the browser bundle, a URL otherwise (or with assetBase). */
export function wasmAsset(file) {
    if (!assetBase && inlineAssets) {
        const base64 = file === 'lazykernel.wasm' ? inlineAssets.wasm : inlineAssets.threadsWasm;
        return { kind: 'inline', name: `${file} (inlined in the bundle)`, bytes: () => decodeBase64(base64) };
    }
    return { kind: 'url', url: assetUrl(file) };
}
let inlineWorkerUrl = null;
/**
 * The URL to start the engine's worker from: a blob: URL of the inlined worker module in the
 * browser bundle; with an assetBase on another origin (a CDN), a blob: module that imports it,
 * since a worker's script must be same-origin while a module it imports need only allow CORS.
 */
export function workerUrl() {
    if (!assetBase && inlineAssets) {
        inlineWorkerUrl ??= new URL(URL.createObjectURL(new Blob([inlineAssets.worker], { type: 'text/javascript' })));
        return inlineWorkerUrl;
    }
    const url = assetUrl('worker');
    const origin = globalThis.location?.origin;
    if (origin && origin !== 'null' && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== origin) {
        return new URL(URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' })));
    }
    return url;
}
/** What a worker URL stands for in messages: the file, not an opaque blob: URL. */
export function describeWorkerSource(url) {
    if (url.protocol !== 'blob:')
        return url.href;
    return assetBase ? `${assetUrl('worker').href} (imported by a blob: module)` : 'the worker inlined in the bundle (a blob: URL)';
}
function decodeBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let k = 0; k < binary.length; k++)
        bytes[k] = binary.charCodeAt(k);
    return bytes;
}
