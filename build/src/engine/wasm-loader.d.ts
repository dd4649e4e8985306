export type WasmSourceLike = WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string;
/**
 * Compiles an engine module: `source` when the caller has the bytes, the module or its URL
 * (configure({ wasmModule })), else the packaged one (`file`, inlined in the browser bundle).
 */
export declare function loadWasmModule(source?: WasmSourceLike, file?: 'lazykernel.wasm' | 'lazykernel-threads.wasm'): Promise<WebAssembly.Module>;
