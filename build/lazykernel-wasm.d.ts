/** The engine, as runtimes that import .wasm files give it: a compiled module for configure({ wasmModule }). */
declare const engine: WebAssembly.Module;
export default engine;
