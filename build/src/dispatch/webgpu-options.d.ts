import type { GpuLike } from '../../gpu/webgpu-types.js';
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
