import { BackendError } from '../errors.js';
/**
 * The WebGPU engine to use for a request, or null to run it on wasm. 'webgpu' forces the GPU
 * (BackendError when there is none); 'auto' picks it only where it is faster (see gpu/).
 * This build has no WebGPU engine yet: 'auto' always answers wasm.
 */
export async function gpuEngineFor(backend, _request) {
    if (backend === 'webgpu')
        throw new BackendError("backend 'webgpu': the WebGPU backend is not available in this build; use backend 'wasm' or 'auto'");
    return null;
}
