export type EngineFile = 'lazykernel.wasm' | 'lazykernel-threads.wasm' | 'worker';
/** The file each asset has in an assetBase folder (and in the package's build/ folder). */
export declare const ASSET_FILE_NAMES: Readonly<Record<EngineFile, string>>;
/**
 * Parses configure({ assetBase }): a URL or a string, absolute or relative to the page; a
 * folder, so a missing trailing slash is added. null goes back to the default layout.
 */
export declare function parseAssetBase(value: unknown): URL | null;
export declare function setAssetBase(base: URL | null): void;
export declare function getAssetBase(): URL | null;
/** Where one of the engine's files is read from, or its inlined bytes / source. */
export type EngineAsset = {
    readonly kind: 'url';
    readonly url: URL;
} | {
    readonly kind: 'inline';
    readonly name: string;
    readonly bytes: () => Uint8Array;
};
/** The URL of one of the engine's files in the package layout (or assetBase). */
export declare function assetUrl(file: EngineFile): URL;
/** A wasm file of the engine: inlined in the browser bundle, a URL otherwise (or with assetBase). */
export declare function wasmAsset(file: 'lazykernel.wasm' | 'lazykernel-threads.wasm'): EngineAsset;
/**
 * The URL to start the engine's worker from: a blob: URL of the inlined worker module in the
 * browser bundle; with an assetBase on another origin (a CDN), a blob: module that imports it,
 * since a worker's script must be same-origin while a module it imports need only allow CORS.
 */
export declare function workerUrl(): URL;
/** What a worker URL stands for in messages: the file, not an opaque blob: URL. */
export declare function describeWorkerSource(url: URL): string;
