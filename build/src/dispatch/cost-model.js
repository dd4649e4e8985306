// The cost model behind 'auto': what a reduction would take on each backend, from measured rates
// and fixed costs. The dispatcher runs a plan on the cheapest adapter that can run it.
/**
 * Measured by bench/webgpu.mjs (bench/RESULTS.md, "WebGPU"): a WebGPU reduction costs a fixed
 * round trip (submission, synchronisation, readback) however small it is: 0.6-2.3 ms in
 * Chromium (SwiftShader; a hardware GPU pays the same kind of round trip), 11.4 ms in Deno,
 * whose WebGPU polls for completion about every 10 ms. The wasm engine does about 2.5e9
 * pair-instructions per second per core at best (1.0-5.1e9 on this machine's 2 cores over the
 * benchmark's cases and loads). Below (fixed cost) x (wasm rate) wasm is done before the GPU
 * has even answered; 'auto' waits for 4x that.
 */
export const FIXED_COST_SECONDS = { browser: 1e-3, deno: 12e-3 };
export const WASM_RATE_PER_CORE = 2.5e9;
export const MARGIN = 4;
/** Cores the cost model counts on: the runtime's report (4 where it gives none), at most 16. */
function modelCores() {
    const g = globalThis;
    return Math.min(16, Math.max(1, g.navigator?.hardwareConcurrency ?? 4));
}
/** The wasm engine's modelled rate, in pair-instructions per second. */
function wasmRate() {
    return WASM_RATE_PER_CORE * modelCores();
}
/** Seconds the wasm engine would take for `work` pair-instructions. */
export function wasmSeconds(work) {
    return work / wasmRate();
}
/**
 * The default threshold of 'auto' for this runtime and its number of cores: the work that
 * takes wasm MARGIN times the GPU's fixed round trip.
 */
export function defaultAutoThreshold() {
    const fixed = globalThis.Deno !== undefined ? FIXED_COST_SECONDS.deno : FIXED_COST_SECONDS.browser;
    return MARGIN * fixed * wasmRate();
}
/**
 * Seconds the GPU costs whatever the size, with its margin: the wasm time of `threshold` work
 * (configureGpu({ autoThreshold }) moves it). 'auto' takes the GPU from that work on.
 */
export function gpuFixedSeconds(threshold) {
    return threshold / wasmRate();
}
