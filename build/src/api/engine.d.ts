import { WasmEngine, type WasmSource, type RowLanesMode } from '../engine/wasm-engine.js';
import { type WebGpuInfo } from './gpu-choice.js';
export interface ConfigureOptions {
    /** A compiled module, its bytes or its URL, for runtimes that cannot read the shipped file or compile bytes. */
    wasmModule?: WasmSource;
    /** Threads for the wasm engine: 1 runs on the calling thread, more start a worker pool. */
    threads?: number;
    /** Reductions with less work than this (pairs x instructions) stay on the calling thread. */
    poolThreshold?: number;
    /** Bytes of input copies kept in wasm memory between calls (default 256 MiB). */
    cacheBytes?: number;
    /**
     * Run a few small reductions when the engine starts (default true), so that the runtime
     * compiles the engine's hot paths then rather than during the first real call. About 10-20 ms
     * once per process; turn off where start-up CPU time matters more (edge runtimes).
     */
    warmUp?: boolean;
    /**
     * Reductions over few columns (a mixture's 30 components against 10^4 points) lay the output
     * rows across the SIMD lanes: 'auto' (default) when that is faster, 'always' wherever the
     * reduction allows it (sums, log-sum-exps, min / max and their arguments, dense), 'never'.
     * The results agree to rounding; the option exists to test and compare both layouts.
     */
    rowLanes?: RowLanesMode;
}
/** The shared wasm engine, started on first use. */
export declare function getWasmEngine(): Promise<WasmEngine>;
/** Sets engine options; the engine restarts with them on its next use. */
export declare function configure(options: ConfigureOptions): void;
/**
 * Stops the worker pool, releases the WebGPU device (shutdownGpu()) and frees cached inputs;
 * the next reduction starts the engines again.
 */
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
    /** When reductions over few columns lay the output rows across the SIMD lanes (configure({ rowLanes })). */
    rowLanes: RowLanesMode;
    /** Why a faster mode is not in use (empty when none applies). */
    reasons: string[];
    /** The WebGPU backend: whether it is available, on which adapter, and why it is not used (webgpuInfo()). */
    webgpu: WebGpuInfo;
}
/**
 * Starts the wasm engine if needed (its workers included, so that a later timed loop does not
 * pay for their start) and reports its mode, with what WebGPU offers (`webgpu`:
 * the adapter is asked for, no device is created; 'not available' at once where the runtime
 * has no navigator.gpu and none was given to configureGpu).
 */
export declare function engineInfo(): Promise<EngineInfo>;
