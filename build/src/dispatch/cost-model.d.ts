/**
 * Measured by bench/webgpu.mjs (bench/RESULTS.md, "WebGPU"): a WebGPU reduction costs a fixed
 * round trip (submission, synchronisation, readback) however small it is: 0.6-2.3 ms in
 * Chromium (SwiftShader; a hardware GPU pays the same kind of round trip), 11.4 ms in Deno,
 * whose WebGPU polls for completion about every 10 ms. The wasm engine does about 2.5e9
 * pair-instructions per second per core at best (1.0-5.1e9 on this machine's 2 cores over the
 * benchmark's cases and loads). Below (fixed cost) x (wasm rate) wasm is done before the GPU
 * has even answered; 'auto' waits for 4x that.
 */
export declare const FIXED_COST_SECONDS: {
    browser: number;
    deno: number;
};
export declare const WASM_RATE_PER_CORE = 2500000000;
export declare const MARGIN = 4;
/** Seconds the wasm engine would take for `work` pair-instructions. */
export declare function wasmSeconds(work: number): number;
/**
 * The default threshold of 'auto' for this runtime and its number of cores: the work that
 * takes wasm MARGIN times the GPU's fixed round trip.
 */
export declare function defaultAutoThreshold(): number;
/**
 * Seconds the GPU costs whatever the size, with its margin: the wasm time of `threshold` work
 * (configureGpu({ autoThreshold }) moves it). 'auto' takes the GPU from that work on.
 */
export declare function gpuFixedSeconds(threshold: number): number;
