import { BackendError, ValueError, checkOptions, describe } from '../errors.js';
import { withWasmEngine } from './engine.js';
import { WebGpuEngine, GpuFallback, requestGpuAdapter } from '../../gpu/webgpu-engine.js';
/**
 * Measured by bench/webgpu.mjs (bench/RESULTS.md, "WebGPU"): a WebGPU reduction costs a fixed
 * round trip (submission, synchronisation, readback) however small it is: 0.6-2.3 ms in
 * Chromium (SwiftShader; a hardware GPU pays the same kind of round trip), 11.4 ms in Deno,
 * whose WebGPU polls for completion about every 10 ms. The wasm engine does about 2.5e9
 * pair-instructions per second per core at best (1.0-5.1e9 on this machine's 2 cores over the
 * benchmark's cases and loads). Below (fixed cost) x (wasm rate) wasm is done before the GPU
 * has even answered; 'auto' waits for 4x that.
 */
const FIXED_COST_SECONDS = { browser: 1e-3, deno: 12e-3 };
const WASM_RATE_PER_CORE = 2.5e9;
const MARGIN = 4;
/** The default threshold of 'auto' for this runtime and its number of cores. */
export function defaultAutoThreshold() {
    const g = globalThis;
    const cores = Math.min(16, Math.max(1, g.navigator?.hardwareConcurrency ?? 4));
    const fixed = g.Deno !== undefined ? FIXED_COST_SECONDS.deno : FIXED_COST_SECONDS.browser;
    return MARGIN * fixed * WASM_RATE_PER_CORE * cores;
}
const settings = {
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
function noteFallback(reason) {
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
function probeAdapter() {
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
    probePromise = requestGpuAdapter(gpu, settings.powerPreference).then((probe) => probe, (e) => {
        unavailableReason = e instanceof GpuFallback ? e.reason : `requestAdapter() failed: ${e?.message ?? String(e)}`;
        return null;
    });
    return probePromise;
}
/** The shared WebGPU engine, created on first use; null (with unavailableReason) when there is none. */
function getGpuEngine() {
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
            return await WebGpuEngine.create(probe.adapter, probe.description, {
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
/** Runs requests on the GPU, and on wasm when the GPU engine hands one back with a reason. */
class GpuWithFallback {
    engine;
    constructor(engine) {
        this.engine = engine;
    }
    async reduce(request) {
        try {
            return await this.engine.reduce(request);
        }
        catch (e) {
            if (!(e instanceof GpuFallback))
                throw e;
            noteFallback(e.reason);
            return withWasmEngine((wasm) => wasm.reduce(request));
        }
    }
}
/** Work of a request, in pair-instructions. */
function workOf(request) {
    return request.nRows * request.nCols * (request.tape.nInstr + 2);
}
/**
 * The WebGPU engine to use for a request, or null to run it on wasm. 'webgpu' forces the GPU
 * (BackendError when there is none, or for float64, which WGSL cannot compute); 'auto' picks it
 * only for float32 work above the threshold on a hardware adapter.
 */
export async function gpuEngineFor(backend, request) {
    if (backend === 'wasm')
        return null;
    if (backend === 'webgpu') {
        if (request.dtype !== 'float32') {
            throw new BackendError("backend 'webgpu': WebGPU computes in float32 only (WGSL has no float64); convert the tensors to float32, or use backend 'auto' or 'wasm' for float64");
        }
        const engine = await getGpuEngine();
        if (!engine)
            throw new BackendError(`backend 'webgpu' is not available: ${unavailableReason}`);
        return new GpuWithFallback(engine);
    }
    if (request.dtype !== 'float32' || workOf(request) < autoThreshold())
        return null;
    // The adapter decides before any device is made: software adapters are slower than wasm.
    const probe = await probeAdapter();
    if (!probe || (probe.description.software && !settings.allowSoftwareAdapter))
        return null;
    const engine = await getGpuEngine();
    return engine ? new GpuWithFallback(engine) : null;
}
/** Sets WebGPU options; the device is requested again on next use. */
export function configureGpu(options) {
    checkOptions('configureGpu', options, ['gpu', 'autoThreshold', 'allowSoftwareAdapter', 'cacheBytes', 'maxBindingBytes', 'workPerDispatch', 'powerPreference']);
    const { gpu, autoThreshold, allowSoftwareAdapter, cacheBytes, maxBindingBytes, workPerDispatch, powerPreference } = options;
    if (gpu !== undefined && gpu !== null && typeof gpu.requestAdapter !== 'function') {
        throw new ValueError(`configureGpu: gpu must have a requestAdapter() method (navigator.gpu or a WebGPU implementation), received ${describe(gpu)}`);
    }
    for (const [name, value] of [['autoThreshold', autoThreshold], ['cacheBytes', cacheBytes], ['maxBindingBytes', maxBindingBytes], ['workPerDispatch', workPerDispatch]]) {
        if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
            throw new ValueError(`configureGpu: ${name} must be a non-negative number, received ${describe(value)}`);
        }
    }
    if (allowSoftwareAdapter !== undefined && typeof allowSoftwareAdapter !== 'boolean') {
        throw new ValueError(`configureGpu: allowSoftwareAdapter must be a boolean, received ${describe(allowSoftwareAdapter)}`);
    }
    if (powerPreference !== undefined && powerPreference !== 'low-power' && powerPreference !== 'high-performance') {
        throw new ValueError(`configureGpu: powerPreference must be 'low-power' or 'high-performance', received ${describe(powerPreference)}`);
    }
    if (autoThreshold !== undefined)
        settings.autoThreshold = autoThreshold;
    if (allowSoftwareAdapter !== undefined)
        settings.allowSoftwareAdapter = allowSoftwareAdapter;
    const restart = 'gpu' in options || cacheBytes !== undefined || maxBindingBytes !== undefined || workPerDispatch !== undefined || powerPreference !== undefined;
    // `gpu: undefined` given explicitly goes back to the runtime's own navigator.gpu.
    if ('gpu' in options)
        settings.gpu = gpu;
    if (cacheBytes !== undefined)
        settings.cacheBytes = cacheBytes;
    if (maxBindingBytes !== undefined)
        settings.maxBindingBytes = maxBindingBytes;
    if (workPerDispatch !== undefined)
        settings.workPerDispatch = workPerDispatch;
    if (powerPreference !== undefined)
        settings.powerPreference = powerPreference;
    if (restart)
        void shutdownGpu();
}
/** Releases the WebGPU device, its cached inputs and pipelines; the next use requests a new one. */
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
