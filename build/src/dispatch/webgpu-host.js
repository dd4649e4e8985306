import { defaultAutoThreshold } from './cost-model.js';
/** The WebGPU engine's code (gpu/), once loaded: null until a runtime with a GPU implementation asks for an adapter. */
export let gpuCode = null;
/**
 * Loads the WebGPU engine (gpu/: the engine, the WGSL generator and its snippets) on first use:
 * a runtime without WebGPU (Node, most servers) never loads or compiles it, which keeps the
 * package's import a few milliseconds shorter.
 */
function gpuModule() {
    return gpuCode ? Promise.resolve(gpuCode) : import('../../gpu/webgpu-engine.js').then((m) => (gpuCode = m));
}
/** WebGPU settings; configureGpu() validates new values and sets them here. */
export const settings = {
    allowSoftwareAdapter: false,
};
/** The work from which 'auto' uses the GPU: configureGpu({ autoThreshold }) or the default. */
export const autoThreshold = () => settings.autoThreshold ?? defaultAutoThreshold();
/** The adapter, asked for once (null when there is none, with unavailableReason). */
let probePromise = null;
/** The device on it, created on first use by a request that runs on the GPU. */
let enginePromise = null;
/** Why there is no WebGPU engine (set when the last attempt found none). */
let unavailableReason = null;
/** Recent reasons a WebGPU request ran on wasm instead, newest last. */
const fallbacks = [];
const MAX_FALLBACKS = 8;
export function noteFallback(reason) {
    const k = fallbacks.indexOf(reason);
    if (k >= 0)
        fallbacks.splice(k, 1);
    fallbacks.push(reason);
    if (fallbacks.length > MAX_FALLBACKS)
        fallbacks.shift();
}
function defaultGpu() {
    const nav = globalThis.navigator;
    return nav?.gpu ?? null;
}
/** Asks the implementation for an adapter (once), without creating a device. */
export function probeAdapter() {
    if (probePromise)
        return probePromise;
    const gpu = settings.gpu !== undefined ? settings.gpu : defaultGpu();
    if (!gpu) {
        unavailableReason = settings.gpu === null
            ? 'WebGPU was turned off with configureGpu({ gpu: null })'
            : 'this runtime has no navigator.gpu; pass a WebGPU implementation with configureGpu({ gpu })';
        probePromise = Promise.resolve(null);
        return probePromise;
    }
    probePromise = gpuModule().then(({ requestGpuAdapter }) => requestGpuAdapter(gpu, settings.powerPreference)).then((probe) => probe, (e) => {
        unavailableReason = gpuCode && e instanceof gpuCode.GpuFallback ? e.reason : `requestAdapter() failed: ${e?.message ?? String(e)}`;
        return null;
    });
    return probePromise;
}
/** The shared WebGPU engine, created on first use; null (with unavailableReason) when there is none. */
export function getGpuEngine() {
    if (enginePromise) {
        const current = enginePromise;
        return current.then((engine) => {
            if (engine && engine.lost) {
                // A lost device: a new adapter and device, once per loss.
                noteFallback(`the WebGPU device was lost (${engine.lost}); a new device was requested`);
                if (enginePromise === current) {
                    enginePromise = null;
                    probePromise = null;
                }
                return getGpuEngine();
            }
            return engine;
        });
    }
    const p = probeAdapter().then(async (probe) => {
        if (!probe)
            return null;
        try {
            return await (await gpuModule()).WebGpuEngine.create(probe.adapter, probe.description, {
                cacheBytes: settings.cacheBytes,
                maxBindingBytes: settings.maxBindingBytes,
                workPerDispatch: settings.workPerDispatch,
            });
        }
        catch (e) {
            unavailableReason = `the WebGPU device could not be created: ${e?.message ?? String(e)}`;
            return null;
        }
    });
    enginePromise = p;
    return p;
}
/**
 * Releases the WebGPU device, its cached inputs and pipelines; the next use requests a new one.
 *
 * @example
 * ```ts
 * import { shutdownGpu } from 'lazykernel';
 * await shutdownGpu();   // frees the GPU memory lazykernel holds; the next 'webgpu' reduction asks for a new device
 * ```
 */
export async function shutdownGpu() {
    const old = enginePromise;
    enginePromise = null;
    probePromise = null;
    unavailableReason = null;
    const engine = old ? await old.catch(() => null) : null;
    engine?.destroy();
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
export async function webgpuInfo() {
    const probe = await probeAdapter();
    const current = enginePromise ? await enginePromise : null;
    const engine = current && !current.lost ? current : null;
    const reasons = [];
    if (!probe)
        reasons.push(`WebGPU is not available: ${unavailableReason}`);
    else if (probe.description.software && !settings.allowSoftwareAdapter) {
        reasons.push(`'auto' does not use WebGPU: the adapter (${probe.description.text}) runs on the CPU and is slower than wasm; backend 'webgpu' still uses it`);
    }
    if (probe && enginePromise && !current)
        reasons.push(`WebGPU is not available: ${unavailableReason}`);
    reasons.push('float64 reductions run on wasm: WGSL has no float64');
    for (const f of fallbacks)
        reasons.push(`ran on wasm instead of WebGPU: ${f}`);
    return {
        available: probe !== null && !(enginePromise && !current),
        adapter: probe?.description.text ?? null,
        software: probe ? probe.description.software : null,
        autoSelects: probe !== null && (!probe.description.software || settings.allowSoftwareAdapter),
        autoThreshold: autoThreshold(),
        reasons,
        stats: engine ? { ...engine.stats } : null,
    };
}
/** The current WebGPU engine (requested if needed), or null; for tests and diagnostics. */
export async function currentGpuEngine() {
    return getGpuEngine();
}
/** Why there is no WebGPU engine, after probeAdapter() or getGpuEngine() found none. */
export function gpuUnavailableReason() {
    return unavailableReason;
}
