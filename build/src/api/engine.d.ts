import { WasmEngine } from '../engine/wasm-engine.js';
/** The shared wasm engine, instantiated on first use. */
export declare function getWasmEngine(): Promise<WasmEngine>;
export interface ConfigureOptions {
    /** A compiled module, its bytes or its URL, for runtimes that cannot read the shipped file or compile bytes. */
    wasmModule?: WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string;
    /** Worker threads for the wasm engine; this build runs on the calling thread only. */
    threads?: number;
}
/** Sets engine options; applies to engines started afterwards. */
export declare function configure(options: ConfigureOptions): void;
/** What the engine runs on and why. */
export interface EngineInfo {
    backend: 'wasm';
    mode: 'calling-thread';
    threads: number;
    simd: boolean;
    tileLanes: number;
    reasons: string[];
}
export declare function engineInfo(): EngineInfo;
