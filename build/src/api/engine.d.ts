import type { WasmSource, RowLanesMode } from '../engine/wasm-engine.js';
import { type RelaxedSimdMode, type WorkerMemoryMode, type WasmEngineReport, type CompileMode } from '../dispatch/wasm-host.js';
import { type WebGpuInfo } from '../dispatch/webgpu-host.js';
export { getWasmEngine, withWasmEngine, MAX_THREADS_PER_CORE, type WorkerMemoryMode } from '../dispatch/wasm-host.js';
export interface ConfigureOptions {
    /**
     * A compiled module, its bytes or its URL, for runtimes that cannot read the shipped file or
     * compile bytes; null goes back to the packaged module.
     */
    wasmModule?: WasmSource | null;
    /**
     * The folder (a URL, or a path relative to the page) serving the engine's files
     * lazykernel.wasm, lazykernel-threads.wasm and lazykernel-worker.js (the package's build/
     * folder), for CDNs and custom layouts; null goes back to the default (files beside the
     * package's modules, or inlined in the browser bundle).
     */
    assetBase?: string | URL | null;
    /**
     * Threads for the wasm engine: 1 runs on the calling thread, more start a worker pool; at
     * most MAX_THREADS_PER_CORE (4) per core the runtime reports.
     */
    threads?: number;
    /** Reductions with less work than this (pairs x instructions) stay on the calling thread. */
    poolThreshold?: number;
    /** Bytes of input copies kept in wasm memory between calls (default 256 MiB). */
    cacheBytes?: number;
    /**
     * Engine memory one reduction's inputs and outputs may use at once (default 1 GiB, at most
     * the wasm32 heap's 4 GiB). A reduction whose inputs and output need more streams through the heap in
     * blocks of rows and of reduced columns: inputs that fit in JS memory but not in the heap
     * work, at the cost of copying each column block once per row block.
     */
    blockBytes?: number;
    /**
     * Whether the workers share one memory: 'auto' (default) where the runtime allows it
     * (SharedArrayBuffer: Node, Deno, Bun, cross-origin isolated pages), else each worker gets a
     * memory of its own and is copied the inputs it needs (pages without COOP/COEP); 'separate'
     * forces the latter (to try a page's behaviour elsewhere), 'shared' refuses it.
     */
    workerMemory?: WorkerMemoryMode;
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
    /**
     * The compiled tier: each formula's per-pair instructions compiled to WebAssembly at run time
     * (same results as the interpreter, to the bit). 'auto' (default) compiles a formula once it
     * has reduced enough pairs to repay the compilation (about a millisecond), 'always' wherever
     * the compiler takes the formula, 'never' interprets. Where the runtime refuses to compile
     * WebAssembly from bytes (Cloudflare workerd, a CSP without 'wasm-unsafe-eval') the
     * interpreter runs, and engineInfo().compiler says why. Default: LAZYKERNEL_COMPILE or 'auto'.
     */
    compile?: CompileMode;
    /**
     * Relaxed SIMD in the compiled tier: with 'auto' (the default), where the runtime has it
     * (Chromium, Deno, Bun, Node >= 22; Node 20 with --experimental-wasm-relaxed-simd), compiled
     * kernels use fused multiply-adds in exp, squared distances and dot products: 1.2-1.3x faster
     * Gaussian kernels (bench/RESULTS.md "Relaxed SIMD"), results that differ from the
     * interpreter's by rounding (exp within 1 ulp of the exact value, as without). 'never' keeps
     * compiled results the interpreter's to the bit on every runtime (and a formula's results the
     * same before and after 'auto' compiles it). engineInfo().compiler.relaxedSimd says whether it
     * is in use, and relaxedSimdReason why not. Default: LAZYKERNEL_RELAXED_SIMD or 'auto'.
     */
    relaxedSimd?: RelaxedSimdMode;
}
/**
 * Sets engine options; the engine restarts with them on its next use.
 *
 * @example
 * ```ts
 * import { configure, engineInfo } from 'lazykernel';
 * configure({ threads: 1 });                 // no worker pool: reductions run on the calling thread
 * console.log((await engineInfo()).threads); // => 1
 * ```
 */
export declare function configure(options: ConfigureOptions): void;
/**
 * Stops the worker pool, releases the WebGPU device (shutdownGpu()) and frees cached inputs;
 * the next reduction starts the engines again.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, shutdown } from 'lazykernel';
 * const X = tensor([0, 1, 2], [3, 1]);
 * await Vi(X).sqdist(Vj(X)).sum(1);
 * await shutdown();   // lets a script exit at once; a later reduction starts the engine again
 * ```
 */
export declare function shutdown(): Promise<void>;
/** What the engine runs on and why. */
export interface EngineInfo extends WasmEngineReport {
    /** The WebGPU backend: whether it is available, on which adapter, and why it is not used (webgpuInfo()). */
    webgpu: WebGpuInfo;
}
/**
 * Starts the wasm engine if needed (its workers included, so that a later timed loop does not
 * pay for their start) and reports its mode, with what WebGPU offers (`webgpu`:
 * the adapter is asked for, no device is created; 'not available' at once where the runtime
 * has no navigator.gpu and none was given to configureGpu).
 *
 * @example
 * ```ts
 * import { engineInfo } from 'lazykernel';
 * const info = await engineInfo();
 * console.log(info.threads >= 1);           // => true
 * console.log(typeof info.webgpu.available); // => 'boolean'
 * ```
 */
export declare function engineInfo(): Promise<EngineInfo>;
