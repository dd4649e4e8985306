import type { ReductionRequest, ReductionResult } from '../tape/request.js';
/** A backend that runs tapes: the wasm engine and the WebGPU engine share this shape. */
export interface TapeEngine {
    reduce(request: ReductionRequest): Promise<ReductionResult>;
}
/**
 * The WebGPU engine to use for a request, or null to run it on wasm. 'webgpu' forces the GPU
 * (BackendError when there is none); 'auto' picks it only where it is faster (see gpu/).
 * This build has no WebGPU engine yet: 'auto' always answers wasm.
 */
export declare function gpuEngineFor(backend: 'auto' | 'wasm' | 'webgpu', _request: Omit<ReductionRequest, 'signal'>): Promise<TapeEngine | null>;
