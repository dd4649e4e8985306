/** Compiles the engine module from its file (or `source`, when the caller has the bytes or the module). */
export declare function loadWasmModule(source?: WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string): Promise<WebAssembly.Module>;
