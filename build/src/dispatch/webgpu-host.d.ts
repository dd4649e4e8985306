import type { WebGpuEngine, AdapterDescription } from '../../gpu/webgpu-engine.js';
import type { GpuAdapterLike } from '../../gpu/webgpu-types.js';
import type { ConfigureGpuOptions } from './webgpu-options.js';
type GpuModule = typeof import('../../gpu/webgpu-engine.js');
/** The WebGPU engine's code (gpu/), once loaded: null until a runtime with a GPU implementation asks for an adapter. */
export declare let gpuCode: GpuModule | null;
/** WebGPU settings; configureGpu() validates new values and sets them here. */
export declare const settings: Required<Pick<ConfigureGpuOptions, 'allowSoftwareAdapter'>> & Omit<ConfigureGpuOptions, 'allowSoftwareAdapter'>;
/** The work from which 'auto' uses the GPU: configureGpu({ autoThreshold }) or the default. */
export declare const autoThreshold: () => number;
export interface Probe {
    readonly adapter: GpuAdapterLike;
    readonly description: AdapterDescription;
}
export declare function noteFallback(reason: string): void;
/** Asks the implementation for an adapter (once), without creating a device. */
export declare function probeAdapter(): Promise<Probe | null>;
/** The shared WebGPU engine, created on first use; null (with unavailableReason) when there is none. */
export declare function getGpuEngine(): Promise<WebGpuEngine | null>;
/**
 * Releases the WebGPU device, its cached inputs and pipelines; the next use requests a new one.
 *
 * @example
 * ```ts
 * import { shutdownGpu } from 'lazykernel';
 * await shutdownGpu();   // frees the GPU memory lazykernel holds; the next 'webgpu' reduction asks for a new device
 * ```
 */
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
 *
 * @example
 * ```ts
 * import { webgpuInfo } from 'lazykernel';
 * const info = await webgpuInfo();   // in Node without a WebGPU implementation: available false, and why
 * console.log(info.available || info.reasons.length > 0); // => true
 * ```
 */
export declare function webgpuInfo(): Promise<WebGpuInfo>;
/** The current WebGPU engine (requested if needed), or null; for tests and diagnostics. */
export declare function currentGpuEngine(): Promise<WebGpuEngine | null>;
/** Why there is no WebGPU engine, after probeAdapter() or getGpuEngine() found none. */
export declare function gpuUnavailableReason(): string | null;
export {};
