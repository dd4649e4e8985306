import { WasmEngine, type WasmSource, type RowLanesMode } from '../engine/wasm-engine.js';
import { COMPILE_MODES, type CompileMode, type CompilerReport } from '../engine/compiled-tier.js';
import { RELAXED_SIMD_MODES, type RelaxedSimdMode } from '../compile/relaxed-simd.js';
import { WASM32_HEAP_BYTES } from '../engine/heap.js';
import { ValueError } from '../errors.js';
export { threadsUnavailableReason, hardwareConcurrencySync } from '../engine/runtime.js';
export { WASM32_HEAP_BYTES };
export { parseAssetBase, setAssetBase } from '../engine/assets.js';
/**
 * configure({ threads }) accepts at most this many threads per reported core: a few more than
 * the cores can help where the count is low, but each worker costs a start (30-100 ms) and a
 * stack, and 1000 of them took 45 s and 8 GB to start on 2 cores.
 */
export declare const MAX_THREADS_PER_CORE = 4;
export declare const ROW_LANES_MODES: readonly RowLanesMode[];
export { COMPILE_MODES, type CompileMode, type CompilerReport };
export { RELAXED_SIMD_MODES, type RelaxedSimdMode };
export type WorkerMemoryMode = 'auto' | 'shared' | 'separate';
export declare const WORKER_MEMORY_MODES: readonly WorkerMemoryMode[];
/** The engine's settings; configure() validates new values, then sets them and restarts the engine. */
export declare const settings: {
    workerMemory: WorkerMemoryMode;
    source?: WasmSource;
    threads?: number;
    poolThreshold: number;
    cacheBytes: number;
    blockBytes?: number;
    warmUp: boolean;
    rowLanes: RowLanesMode;
    compile: CompileMode;
    relaxedSimd: RelaxedSimdMode;
};
/** Smallest blockBytes: blocks of a few tiles of a few variables. */
export declare const MIN_BLOCK_BYTES = 65536;
/** A ValueError when `threads` is over MAX_THREADS_PER_CORE per core, or null. */
export declare function tooManyThreads(where: string, threads: number, cores: number): ValueError | null;
/** Whether workers can start at all (they need not share memory). */
export declare function canStartWorkers(): boolean;
/** The shared wasm engine, started on first use (not counted as a user: see withWasmEngine). */
export declare function getWasmEngine(): Promise<WasmEngine>;
/**
 * Runs `use` on the shared wasm engine. The engine counts the call as in flight until it
 * settles: a configure() meanwhile does not shut the engine down under it.
 */
export declare function withWasmEngine<T>(use: (engine: WasmEngine) => Promise<T>): Promise<T>;
/** How many times configure() has restarted the engine (its settings may have changed since). */
export declare function engineRestarts(): number;
/** Sends later calls to a fresh engine; the old one closes after its calls in flight. */
export declare function restartWasmEngine(): void;
/** A WasmSource (a compiled module, bytes or a URL), checked by its tag across realms too. */
export declare function isWasmSource(value: unknown): value is WasmSource;
/** Sets the thread count (configure({ threads }), validated there). */
export declare function setThreads(threads: number): void;
/** Sets the workers' memory mode (configure({ workerMemory }), validated there). */
export declare function setWorkerMemory(mode: WorkerMemoryMode): void;
/** Stops the engine now, reductions in flight included; the next use starts a new one. */
export declare function shutdownWasmEngine(): Promise<void>;
/** What the wasm engine runs on and why (engineInfo() without its WebGPU part). */
export interface WasmEngineReport {
    backend: 'wasm';
    /** 'workers': a pool of workers (see `memory`); 'calling-thread': no workers. */
    mode: 'workers' | 'calling-thread';
    /** Workers, or 1 on the calling thread. */
    threads: number;
    /**
     * 'shared': the workers share one memory; 'separate': each has its own and is copied the
     * inputs it needs (no SharedArrayBuffer: a page that is not cross-origin isolated);
     * 'single': the calling thread alone.
     */
    memory: 'shared' | 'separate' | 'single';
    simd: boolean;
    tileLanes: number;
    /** Reductions with less work than this run on the calling thread even in 'workers' mode. */
    poolThreshold: number;
    /** When reductions over few columns lay the output rows across the SIMD lanes (configure({ rowLanes })). */
    rowLanes: RowLanesMode;
    /** The compiled tier's mode (configure({ compile }), LAZYKERNEL_COMPILE): 'auto', 'always' or 'never'. */
    compile: CompileMode;
    /**
     * Whether compiled kernels may use relaxed SIMD's fused multiply-adds (configure({ relaxedSimd }),
     * LAZYKERNEL_RELAXED_SIMD): 'auto' or 'never'; compiler.relaxedSimd says whether they do.
     */
    relaxedSimd: RelaxedSimdMode;
    /**
     * The compiled tier of the calling thread's engine: whether it is available (and why not),
     * modules compiled and cached, compile time, the tier each reduction's row instructions ran
     * on, and the last one's tier and reason. (Separate-memory workers run engines of their own.)
     */
    compiler: CompilerReport;
    /** Why a faster mode is not in use (empty when none applies). */
    reasons: string[];
}
/** Starts the engine if needed (its workers included) and reports its mode and why a faster one is not in use. */
export declare function describeWasmEngine(): Promise<WasmEngineReport>;
