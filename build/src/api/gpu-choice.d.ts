import type { ReductionRequest } from '../tape/request.js';
import { type BackendAdapter } from '../dispatch/backend-adapter.js';
import type { ConfigureGpuOptions } from '../dispatch/webgpu-options.js';
export type { ConfigureGpuOptions } from '../dispatch/webgpu-options.js';
export { webgpuInfo, shutdownGpu, currentGpuEngine, autoThreshold, type WebGpuInfo } from '../dispatch/webgpu-host.js';
export { defaultAutoThreshold } from '../dispatch/cost-model.js';
/**
 * Sets WebGPU options; the device is requested again on next use.
 *
 * @example
 * ```ts
 * import { configureGpu, webgpuInfo } from 'lazykernel';
 * configureGpu({ powerPreference: 'high-performance' });   // the device is requested again on next use
 * const info = await webgpuInfo();
 * console.log(info.available ? `WebGPU on ${info.adapter}` : info.reasons[0]);
 * ```
 *
 * In a browser (or Deno), hand over the runtime's WebGPU and ask for it by name:
 * ```ts
 * // doc-example: skip needs a WebGPU adapter (navigator.gpu in a browser or Deno)
 * import { tensor, Vi, Vj, configureGpu } from 'lazykernel';
 * configureGpu({ gpu: navigator.gpu });
 * const X = tensor(new Float32Array(3 * 1000).map(Math.random), [1000, 3]);
 * await Vi(X).sqdist(Vj(X)).neg().exp().sum(1, { backend: 'webgpu' });
 * ```
 */
export declare function configureGpu(options: ConfigureGpuOptions): void;
/**
 * The WebGPU adapter when the dispatcher would run `request` there for `backend`, else null
 * (for tests and diagnostics: reductions themselves are dispatched as plans).
 */
export declare function gpuEngineFor(backend: 'auto' | 'wasm' | 'webgpu', request: Omit<ReductionRequest, 'signal'>): Promise<BackendAdapter | null>;
