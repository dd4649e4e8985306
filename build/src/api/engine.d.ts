import { WasmEngine, type WasmSource } from '../engine/wasm-engine.js';
export interface ConfigureOptions {
    /** A compiled module, its bytes or its URL, for runtimes that cannot read the shipped file or compile bytes. */
    wasmModule?: WasmSource;
    /** Threads for the wasm engine: 1 runs on the calling thread, more start a worker pool. */
    threads?: number;
    /** Reductions with less work than this (pairs x instructions) stay on the calling thread. */
    poolThreshold?: number;
    /** Bytes of input copies kept in wasm memory between calls (default 256 MiB). */
    cacheBytes?: number;
}
/** The shared wasm engine, started on first use. */
export declare function getWasmEngine(): Promise<WasmEngine>;
/** Sets engine options; the engine restarts with them on its next use. */
export declare function configure(options: ConfigureOptions): void;
/** Stops the worker pool and frees cached inputs; the next reduction starts the engine again. */
export declare function shutdown(): Promise<void>;
/** What the engine runs on and why. */
export interface EngineInfo {
    backend: 'wasm';
    /** 'workers': a pool of threads sharing one memory; 'calling-thread': no workers. */
    mode: 'workers' | 'calling-thread';
    threads: number;
    simd: boolean;
    tileLanes: number;
    /** Reductions with less work than this run on the calling thread even in 'workers' mode. */
    poolThreshold: number;
    /** Why a faster mode is not in use (empty when none applies). */
    reasons: string[];
}
/** Starts the engine if needed and reports its mode. */
export declare function engineInfo(): Promise<EngineInfo>;
