import type { ReductionRequest } from '../tape/request.js';
import { type BackendAdapter } from '../dispatch/backend-adapter.js';
import type { ConfigureGpuOptions } from '../dispatch/webgpu-options.js';
export type { ConfigureGpuOptions } from '../dispatch/webgpu-options.js';
export { webgpuInfo, shutdownGpu, currentGpuEngine, autoThreshold, type WebGpuInfo } from '../dispatch/webgpu-host.js';
export { defaultAutoThreshold } from '../dispatch/cost-model.js';
/** Sets WebGPU options; the device is requested again on next use. */
export declare function configureGpu(options: ConfigureGpuOptions): void;
/**
 * The WebGPU adapter when the dispatcher would run `request` there for `backend`, else null
 * (for tests and diagnostics: reductions themselves are dispatched as plans).
 */
export declare function gpuEngineFor(backend: 'auto' | 'wasm' | 'webgpu', request: Omit<ReductionRequest, 'signal'>): Promise<BackendAdapter | null>;
