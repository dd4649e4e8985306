import { type ReductionRequest, type ReductionResult } from '../tape/request.js';
import { Heap } from './heap.js';
import { InputCache } from './input-cache.js';
import { WorkerPool } from './pool.js';
import { SeparatePool } from './separate-pool.js';
import { DenseSoftmin } from './dense-softmin.js';
import { type KernelGram, type KernelGramSpec } from './kernel-gram.js';
import { CompiledTier, type CompileMode } from './compiled-tier.js';
import type { RelaxedSimdMode } from '../compile/relaxed-simd.js';
export type WasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string;
export interface WasmEngineOptions {
    /** The module to run (the threads build when `threads` > 1). */
    source?: WasmSource;
    /** Worker threads; 1 runs on the calling thread with the plain build. */
    threads: number;
    /** Reductions below this much work (pairs x instructions) stay on the calling thread. */
    poolThreshold: number;
    /** Bytes of input copies kept between calls. */
    cacheBytes: number;
    /**
     * Row lanes (output rows across the SIMD lanes) for reductions over few columns: 'auto' up
     * to ROW_LANES_MAX_COLS columns (ROW_LANES_MAX_COLS_SOFTMAX for the log-sum-exp family),
     * 'always' wherever the reduction allows it (tests, benchmarks), or 'never'.
     */
    rowLanes?: RowLanesMode;
    /**
     * Engine memory one reduction's inputs and outputs may use at once; a larger one streams
     * through the heap in blocks of rows and of reduced columns. Default DEFAULT_BLOCK_BYTES.
     * (Scratch comes on top, at most MAX_SCRATCH_BYTES.)
     */
    blockBytes?: number;
    /**
     * With threads > 1: 'shared' (default) runs one memory shared by every worker (the threads
     * build; needs SharedArrayBuffer), 'separate' gives each worker a whole engine on a memory of
     * its own, and copies it the inputs it needs (pages that are not cross-origin isolated).
     */
    workerMemory?: 'shared' | 'separate';
    /**
     * The compiled tier (compiled-tier.ts): row instructions compiled to WebAssembly per formula
     * ('always'), where it pays ('auto', default), or interpreted ('never').
     */
    compile?: CompileMode;
    /** Fused multiply-adds in compiled kernels where the runtime has relaxed SIMD ('auto', default), or not ('never'). */
    relaxedSimd?: RelaxedSimdMode;
}
/**
 * Default engine memory for one reduction before it runs in blocks: a quarter of the wasm32
 * heap, so that cached inputs and a few concurrent reductions still fit beside it.
 */
export declare const DEFAULT_BLOCK_BYTES: number;
/** Rows and columns per axis at most: indices are int32, and tile loops add a tile to a column index. */
export declare const MAX_AXIS: number;
export type RowLanesMode = 'auto' | 'always' | 'never';
/**
 * The WebAssembly backend: copies the inputs into wasm memory (j-variables transposed to
 * structure-of-arrays, padded to whole tiles; unchanged tensors are reused from the cache),
 * writes the plan record and runs the interpreter, on the calling thread for small problems
 * and across the worker pool otherwise.
 */
export declare class WasmEngine {
    private readonly exports;
    readonly heap: Heap;
    readonly pool: WorkerPool | null;
    private readonly options;
    readonly cache: InputCache;
    /** Reductions run so far: on the calling thread, on the pool, and of those, split along the reduced axis; dense Gram jobs (kernelGram), and those on the pool. */
    readonly stats: {
        callingThread: number;
        pooled: number;
        splitAxis: number;
        rowLanes: number;
        rowLanesBuffered: number;
        streamed: number;
        separate: number;
        copiedBytes: number;
        batched: number;
        batchByBatch: number;
        gram: number;
        gramPooled: number;
    };
    /** The separate-memory workers (workerMemory: 'separate'); `pool` is then null. */
    readonly separatePool: SeparatePool | null;
    /** The compiled tier of the calling thread's instance (the workers install its modules themselves). */
    readonly compiled: CompiledTier;
    /** The dense soft C-transform's rows, run synchronously here (null: a module built before it). */
    readonly denseSoftmin: DenseSoftmin | null;
    private constructor();
    /** Instantiates the module on the calling thread (workers start on first use). */
    static create(options: WasmEngineOptions): Promise<WasmEngine>;
    /** Workers (of either pool), or 1: no pool, or one that gave up starting its workers. */
    get threads(): number;
    reduce(request: ReductionRequest): Promise<ReductionResult>;
    /**
     * A batched reduction: one job over every batch (batched-reduce.ts), or blocks of batches on
     * the separate-memory workers. Batch by batch instead (a call per batch) when the inputs and
     * output exceed the engine's block budget (each batch then streams).
     */
    private reduceBatches;
    /** What reduceBatched needs of this engine. */
    private batchedRun;
    /**
     * One thread's scratch area: registers, a batch of rows' registers, the accumulators and
     * temporaries, then the row-lanes state. Sizes come from the module in f64 and are summed
     * here as numbers, so a huge K or dimension gives a huge size (refused by the caller), never
     * a wrapped one.
     */
    private scratchLayout;
    /** What reduceInBlocks needs of this engine. */
    private blockedRun;
    /**
     * Runs `chunks` of the plan at `planPtr` to the end: on the pool (through the task table at
     * `tablePtr`, which holds them all) or on the calling thread. Rejects with an AbortError when
     * the signal fires; the returned `settled` resolves once no worker touches the memory.
     */
    private runChunks;
    /**
     * Lane state per thread when the reduction runs in row lanes (bytes 0 otherwise), and the
     * columns its two-pass buffer holds (log-sum-exp family; 0: the online form).
     */
    private rowLanesLayout;
    /**
     * The row-lanes tape for a separate-memory worker, computed here where row lanes could apply
     * (few columns, or 'always'): the worker's engine decides for its block of rows as
     * rowLanesLayout does, but cannot call the request's function.
     */
    private rowLanesTapeFor;
    /**
     * Runs the chunks on the calling thread. Between chunks the event loop gets a turn: at every
     * chunk when a signal is given (its abort can only land then), otherwise every
     * YIELD_INTERVAL_MS, so that a long reduction does not freeze a page.
     */
    private runHere;
    /** Runs the reduction's task table on the pool; its abort word stops the workers. */
    private runOnPool;
    /**
     * K_mn K_nm and K_mm in float64 by the dense kernels, on the shared-memory pool when there is
     * one (src/engine/kernel-gram.ts), or null when the module predates them (a custom `source`).
     */
    kernelGram(where: string, spec: KernelGramSpec, signal?: AbortSignal): Promise<KernelGram | null>;
    /** Stops the workers and frees cached inputs; the engine stays usable (workers restart lazily). */
    shutdown(): void;
}
