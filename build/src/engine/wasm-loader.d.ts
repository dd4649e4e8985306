/** Where the engine's `.wasm` file lives, relative to this module (build/src/engine -> build/). */
export declare function defaultWasmUrl(): URL;
/** Compiles the engine module from its file (or `source`, when the caller has the bytes or the module). */
export declare function loadWasmModule(source?: WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string): Promise<WebAssembly.Module>;
