/**
 * The WebGPU backend: runs a tape's reduction as a WGSL compute kernel (gpu/wgsl.ts).
 *
 * - Pipelines are cached by kernel key (the tape's code and layout, the reduction, K, the
 *   variables' dimensions; not the constants' values, which live in a buffer).
 * - Inputs are copied to GPU buffers once per tensor version and kept (keyed by tensor id and
 *   version, like the wasm engine's input cache); other buffers come from a pool.
 * - Rows are split into chunks that respect the dispatch limits, and columns into chunks of
 *   bounded work; a variable larger than maxStorageBufferBindingSize (or maxBufferSize) is held
 *   in several buffers and each chunk binds the slice it reads.
 * - Whatever the engine cannot do (a float64 request, a kernel that fails to compile, a lost
 *   device, a problem beyond the limits) is reported by throwing GpuFallback with the reason;
 *   the caller (the dispatcher, src/dispatch/) then runs the request on wasm.
 */
import { type ReductionRequest, type ReductionResult, type BlockSparsity } from '../src/tape/request.js';
import { type Kernel, type KernelSpec } from './wgsl.js';
import { type GpuLike, type GpuAdapterLike, type GpuAdapterInfoLike, type GpuDeviceLike, type GpuComputePipelineLike } from './webgpu-types.js';
/** A request the WebGPU engine hands back to wasm, with the reason. */
export declare class GpuFallback extends Error {
    readonly reason: string;
    constructor(reason: string);
}
export interface WebGpuEngineOptions {
    /** Bytes of input copies kept on the GPU between calls (default 256 MiB). */
    cacheBytes?: number;
    /** Caps the bytes of one storage binding below the device's limit (tests use it to force chunking). */
    maxBindingBytes?: number;
    /** Pair-instructions per dispatch before columns are split into several dispatches. */
    workPerDispatch?: number;
}
export interface AdapterDescription {
    /** vendor / architecture / device / description, as the adapter reports them. */
    readonly text: string;
    /** A CPU implementation (llvmpipe, lavapipe, SwiftShader, WARP...) or a fallback adapter. */
    readonly software: boolean;
    readonly info: GpuAdapterInfoLike;
}
/** An adapter and what it is; GpuFallback when the implementation has none. */
export declare function requestGpuAdapter(gpu: GpuLike, powerPreference?: 'low-power' | 'high-performance'): Promise<{
    adapter: GpuAdapterLike;
    description: AdapterDescription;
}>;
/** What the adapter is, and whether it runs on the CPU. */
export declare function describeAdapter(adapter: GpuAdapterLike): Promise<AdapterDescription>;
interface PipelineEntry {
    readonly kernel: Kernel;
    readonly pipeline: GpuComputePipelineLike;
}
/** Counters for tests and engineInfo. */
export interface WebGpuStats {
    reductions: number;
    dispatches: number;
    uploads: number;
    pipelinesCompiled: number;
}
export declare class WebGpuEngine {
    readonly device: GpuDeviceLike;
    readonly adapter: AdapterDescription;
    private readonly options;
    readonly stats: WebGpuStats;
    private readonly pipelines;
    private readonly pool;
    private readonly inputs;
    private lostReason;
    private destroyed;
    private tail;
    /**
     * Serialises the parts that open device error scopes (a stack per device, so concurrent
     * reductions would pop each other's) and use the pooled buffers; resolves to the release.
     */
    private lock;
    private constructor();
    /** A device on `adapter` (from requestGpuAdapter) with the adapter's largest buffer limits. */
    static create(adapter: GpuAdapterLike, description: AdapterDescription, options?: WebGpuEngineOptions): Promise<WebGpuEngine>;
    /** Why the engine cannot run anything any more (lost device), or null. */
    get lost(): string | null;
    get cachedInputBytes(): number;
    destroy(): void;
    /** Frees cached inputs and pooled buffers (the device stays). */
    clear(): void;
    /** The compiled kernel for a request (cached); GpuFallback when it cannot be made. */
    pipelineFor(spec: KernelSpec): Promise<PipelineEntry>;
    private compile;
    reduce(request: ReductionRequest): Promise<ReductionResult>;
    /**
     * Whether a batched request runs with the batch in the dispatch grid: shared ranges or none
     * (per-batch ranges have a task table per batch), every variable whole in one binding (all
     * its slices; the batch table gives each batch's offset), a batch's rows in one dispatch.
     */
    private gridApplies;
    /** Largest bytes of one binding (and one buffer). */
    private bindingBytes;
    /** Rows per buffer segment of a variable of dimension `dim`. */
    private segmentRows;
    /**
     * Encodes, submits and reads back one reduction. `unlock` releases the engine's lock once the
     * work is submitted and the error scopes are popped: the read-back then waits outside it, so
     * that concurrent reductions overlap their waits (Deno completes a mapAsync only every 10 ms;
     * its buffers stay out of the pool until it is done).
     */
    private run;
}
/**
 * The task table of a block-sparse reduction: [r0, r1, s0, s1] per workgroup (at most
 * WORKGROUP rows of one cluster, and the cluster's column intervals sorted by start), then the
 * intervals [c0, c1). Rows of no cluster get tasks without intervals (the identity).
 */
export declare function sparseTasks(ranges: BlockSparsity, nRows: number): {
    words: Uint32Array;
    nTasks: number;
    intervalsOff: number;
    pairs: number;
    maxIntervals: number;
};
export {};
