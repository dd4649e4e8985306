export type EngineFile = 'lazykernel.wasm' | 'lazykernel-threads.wasm' | 'worker';
/** The URL of one of the engine's files. */
export declare function assetUrl(file: EngineFile): URL;
