import type { ReductionRequest, ReductionResult } from '../tape/request.js';
import { Heap } from './heap.js';
import { InputCache } from './input-cache.js';
import { WorkerPool } from './pool.js';
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
}
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
    /** Reductions run so far: on the calling thread, on the pool, and of those, split along the reduced axis. */
    readonly stats: {
        callingThread: number;
        pooled: number;
        splitAxis: number;
        rowLanes: number;
        rowLanesBuffered: number;
    };
    private constructor();
    /** Instantiates the module on the calling thread (workers start on first use). */
    static create(options: WasmEngineOptions): Promise<WasmEngine>;
    get threads(): number;
    reduce(request: ReductionRequest): Promise<ReductionResult>;
    /**
     * Lane state per thread when the reduction runs in row lanes (bytes 0 otherwise), and the
     * columns its two-pass buffer holds (log-sum-exp family; 0: the online form).
     */
    private rowLanesLayout;
    /** Runs the chunks on the calling thread, checking the signal between them. */
    private runHere;
    /** Runs the reduction's task table on the pool; its abort word stops the workers. */
    private runOnPool;
    /** `nRows`: rows of the i-variables; `paddedCols`: lanes of the j-variables' tiles. */
    private varBytes;
    /** i-variables and parameters row-major; j-variables as [dim][paddedCols], zero-padded. */
    private writeVar;
    /** Stops the workers and frees cached inputs; the engine stays usable (workers restart lazily). */
    shutdown(): void;
}
