/**
 * The messages between the calling thread and a separate-memory worker (separate-pool.ts on
 * the calling side, engine-worker-role.ts in the worker). Everything in them is structured-
 * cloneable: a request travels without its owner, signal and rowLanesTape function.
 */
import type { Tape } from '../tape/tape.js';
import type { ReductionRequest } from '../tape/request.js';
import type { RowLanesMode } from './wasm-engine.js';
import type { CompileMode } from './compiled-tier.js';
import type { RelaxedSimdMode } from '../compile/relaxed-simd.js';
/** Starts the engine role: a full engine with threads: 1 on a memory of the worker's own. */
export interface EngineInitMessage {
    readonly type: 'engine-init';
    readonly module: WebAssembly.Module;
    readonly cacheBytes: number;
    readonly rowLanes: RowLanesMode;
    readonly blockBytes?: number;
    /** The compiled tier's mode (compiled-tier.ts), as the calling thread's engine has it. */
    readonly compile: CompileMode;
    /** Whether compiled kernels may use relaxed SIMD (relaxed-simd.ts), as the calling thread's engine has it. */
    readonly relaxedSimd: RelaxedSimdMode;
}
/**
 * One input of a job, in the order of the request's variables. `data` is present when the
 * worker does not hold `key` yet; it keeps it under that key unless `once` (or `key` is null:
 * a variable without a host tensor, which cannot be cached).
 */
export interface JobInput {
    readonly key: string | null;
    readonly data?: Float32Array | Float64Array;
    readonly once?: boolean;
    readonly dim: number;
    readonly category: 'i' | 'j' | 'p';
    /** Batched jobs: the slice of the data each batch reads (BoundVariable.slices). */
    readonly slices?: Int32Array;
}
/** The cloneable part of a ReductionRequest, for the rows of one block. */
export type JobRequest = Omit<ReductionRequest, 'vars' | 'signal' | 'rowLanesTape'> & {
    /** The row-lanes tape, computed on the calling side where row lanes could apply. */
    readonly rowLanesTape?: Tape;
};
export interface ReduceMessage {
    readonly type: 'reduce';
    readonly job: number;
    /** Keys to drop before storing this job's inputs (the calling side's LRU decided). */
    readonly evict: readonly string[];
    readonly inputs: readonly JobInput[];
    readonly request: JobRequest;
}
/** Stops a job (its reduction was aborted): the worker answers with 'reduce-failed'. */
export interface StopMessage {
    readonly type: 'stop';
    readonly job: number;
}
export type ToEngineWorker = EngineInitMessage | ReduceMessage | StopMessage;
export type FromEngineWorker = {
    readonly type: 'engine-ready';
} | {
    readonly type: 'failed';
    readonly message: string;
} | {
    readonly type: 'reduced';
    readonly job: number;
    readonly values: Float32Array | Float64Array | null;
    readonly indices: Int32Array | null;
} | {
    readonly type: 'reduce-failed';
    readonly job: number;
    readonly name: string;
    readonly message: string;
};
