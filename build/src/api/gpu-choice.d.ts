import type { ReductionRequest, ReductionResult } from '../tape/request.js';
import { WebGpuEngine } from '../../gpu/webgpu-engine.js';
import type { GpuLike } from '../../gpu/webgpu-types.js';
/** A backend that runs tapes: the wasm engine and the WebGPU engine share this shape. */
export interface TapeEngine {
    reduce(request: ReductionRequest): Promise<ReductionResult>;
}
export interface ConfigureGpuOptions {
    /**
     * The WebGPU implementation: an object with requestAdapter() (navigator.gpu, or the npm
     * `webgpu` package's `create([])` in Node). Default: navigator.gpu where the runtime has it.
     * null turns WebGPU off; undefined, given explicitly, goes back to the default.
     */
    gpu?: GpuLike | null;
    /**
     * 'auto' uses the GPU from this much work (output rows x reduced columns x (instructions + 2));
     * default: defaultAutoThreshold() (2e7 on 2 cores in a browser).
     */
    autoThreshold?: number;
    /** Let 'auto' pick a software adapter (llvmpipe, SwiftShader...); off by default, as they are slower than wasm. */
    allowSoftwareAdapter?: boolean;
    /** Bytes of input copies kept on the GPU between calls (default 256 MiB). */
    cacheBytes?: number;
    /** Caps one storage binding below the device's limit (to exercise chunking). */
    maxBindingBytes?: number;
    /** Pair-instructions per dispatch before the reduced axis is split over several dispatches. */
    workPerDispatch?: number;
    powerPreference?: 'low-power' | 'high-performance';
}
/** The default threshold of 'auto' for this runtime and its number of cores. */
export declare function defaultAutoThreshold(): number;
/** The work from which 'auto' uses the GPU: configureGpu({ autoThreshold }) or the default. */
export declare const autoThreshold: () => number;
/**
 * The WebGPU engine to use for a request, or null to run it on wasm. 'webgpu' forces the GPU
 * (BackendError when there is none, or for float64, which WGSL cannot compute); 'auto' picks it
 * only for float32 work above the threshold on a hardware adapter.
 */
export declare function gpuEngineFor(backend: 'auto' | 'wasm' | 'webgpu', request: Omit<ReductionRequest, 'signal'>): Promise<TapeEngine | null>;
/** Sets WebGPU options; the device is requested again on next use. */
export declare function configureGpu(options: ConfigureGpuOptions): void;
/** Releases the WebGPU device, its cached inputs and pipelines; the next use requests a new one. */
export declare function shutdownGpu(): Promise<void>;
/** What the WebGPU backend runs on, and why it is not used where it is not. */
export interface WebGpuInfo {
    /** An adapter was found (and no device request on it failed). */
    available: boolean;
    /** The adapter's vendor / architecture / description, or null. */
    adapter: string | null;
    /** The adapter runs on the CPU (llvmpipe, SwiftShader...): 'auto' does not pick it. */
    software: boolean | null;
    /** 'auto' runs large enough float32 reductions on this GPU. */
    autoSelects: boolean;
    /** Work (rows x columns x (instructions + 2)) from which 'auto' uses the GPU. */
    autoThreshold: number;
    /** Why WebGPU is unavailable or not chosen, and the recent reasons requests went back to wasm. */
    reasons: string[];
    /** Counters of the current device (null before a reduction created it): reductions, dispatches, input uploads, compiled pipelines. */
    stats: {
        reductions: number;
        dispatches: number;
        uploads: number;
        pipelinesCompiled: number;
    } | null;
}
/**
 * Reports on WebGPU, for engineInfo(): asks for the adapter if needed (not for a device: the
 * device is created by the first reduction that runs on it).
 */
export declare function webgpuInfo(): Promise<WebGpuInfo>;
/** The current WebGPU engine (requested if needed), or null; for tests and diagnostics. */
export declare function currentGpuEngine(): Promise<WebGpuEngine | null>;
