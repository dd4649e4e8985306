import { WasmEngine } from '../engine/wasm-engine.js';
import { threadsUnavailableReason, hardwareConcurrency, envVar } from '../engine/runtime.js';
import { TILE } from '../tape/opcodes.js';
import { BackendError, ValueError, checkOptions, describe } from '../errors.js';
import { warmUp } from './warm-up.js';
import { webgpuInfo, shutdownGpu, autoThreshold } from './gpu-choice.js';
/**
 * Measured on the 2-core CI machine (bench/RESULTS.md, "small problems"): below about 2e6
 * pair-instructions, a worker round trip costs more than it saves.
 */
const DEFAULT_POOL_THRESHOLD = 2e6;
const MAX_DEFAULT_THREADS = 16;
/** A non-negative number from the environment, or undefined when unset or malformed. */
function envNumber(name) {
    const text = envVar(name);
    const value = text ? Number(text) : NaN;
    return Number.isFinite(value) && value >= 0 ? value : undefined;
}
// LAZYKERNEL_THREADS and LAZYKERNEL_POOL_THRESHOLD let a test run pick a mode without code.
const ROW_LANES_MODES = ['auto', 'always', 'never'];
const envRowLanes = envVar('LAZYKERNEL_ROW_LANES');
const settings = {
    poolThreshold: envNumber('LAZYKERNEL_POOL_THRESHOLD') ?? DEFAULT_POOL_THRESHOLD,
    rowLanes: envRowLanes && ROW_LANES_MODES.includes(envRowLanes) ? envRowLanes : 'auto',
    cacheBytes: 256 * 2 ** 20,
    warmUp: envVar('LAZYKERNEL_WARM_UP') !== '0',
};
const envThreads = envNumber('LAZYKERNEL_THREADS');
if (envThreads !== undefined && Number.isInteger(envThreads) && envThreads >= 1)
    settings.threads = envThreads;
let enginePromise = null;
let fallbackReason = null;
async function chooseThreads() {
    const unavailable = threadsUnavailableReason();
    if (settings.threads !== undefined) {
        if (settings.threads > 1 && unavailable)
            throw new BackendError(`${settings.threads} threads were requested but ${unavailable}`);
        return settings.threads;
    }
    if (unavailable) {
        fallbackReason = unavailable;
        return 1;
    }
    const cores = Math.min(MAX_DEFAULT_THREADS, await hardwareConcurrency());
    if (cores <= 1)
        fallbackReason = 'the runtime reports a single core';
    return cores;
}
/** The shared wasm engine, started on first use. */
export function getWasmEngine() {
    if (!enginePromise) {
        const warm = settings.warmUp;
        enginePromise = chooseThreads()
            .then((threads) => WasmEngine.create({ source: settings.source, threads, poolThreshold: settings.poolThreshold, cacheBytes: settings.cacheBytes, rowLanes: settings.rowLanes }))
            .then(async (engine) => {
            if (warm)
                await warmUp(engine);
            return engine;
        });
        // A failed start must not poison later calls (the user may fix the source and retry).
        enginePromise.catch(() => { enginePromise = null; });
    }
    return enginePromise;
}
function restart() {
    const old = enginePromise;
    enginePromise = null;
    fallbackReason = null;
    // Calls in flight hold the old engine; its workers are unref'd and it is dropped with them.
    old?.then((engine) => engine.pool && setTimeout(() => engine.shutdown(), 0).unref?.(), () => { });
}
/** Sets engine options; the engine restarts with them on its next use. */
export function configure(options) {
    checkOptions('configure', options, ['wasmModule', 'threads', 'poolThreshold', 'cacheBytes', 'warmUp', 'rowLanes']);
    const { threads, poolThreshold, cacheBytes, wasmModule, warmUp: warm, rowLanes } = options;
    if (warm !== undefined && typeof warm !== 'boolean')
        throw new ValueError(`configure: warmUp must be true or false, received ${describe(warm)}`);
    if (rowLanes !== undefined && !ROW_LANES_MODES.includes(rowLanes)) {
        throw new ValueError(`configure: rowLanes must be one of ${ROW_LANES_MODES.map((m) => `'${m}'`).join(', ')}, received ${describe(rowLanes)}`);
    }
    if (threads !== undefined) {
        if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
            throw new ValueError(`configure: threads must be a positive integer, received ${describe(threads)}`);
        }
        const unavailable = threadsUnavailableReason();
        if (threads > 1 && unavailable)
            throw new BackendError(`configure: cannot run ${threads} threads: ${unavailable}`);
    }
    for (const [name, value] of [['poolThreshold', poolThreshold], ['cacheBytes', cacheBytes]]) {
        if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
            throw new ValueError(`configure: ${name} must be a non-negative number, received ${describe(value)}`);
        }
    }
    if (threads !== undefined)
        settings.threads = threads;
    if (poolThreshold !== undefined)
        settings.poolThreshold = poolThreshold;
    if (cacheBytes !== undefined)
        settings.cacheBytes = cacheBytes;
    if (wasmModule !== undefined)
        settings.source = wasmModule;
    if (warm !== undefined)
        settings.warmUp = warm;
    if (rowLanes !== undefined)
        settings.rowLanes = rowLanes;
    restart();
}
/**
 * Stops the worker pool, releases the WebGPU device (shutdownGpu()) and frees cached inputs;
 * the next reduction starts the engines again.
 */
export async function shutdown() {
    const engine = enginePromise ? await enginePromise.catch(() => null) : null;
    enginePromise = null;
    engine?.shutdown();
    await shutdownGpu();
}
/**
 * engineInfo() waits at most this long for the WebGPU adapter: a runtime with navigator.gpu
 * but no usable GPU may take long to answer requestAdapter(). Without navigator.gpu (Node)
 * the answer is immediate.
 */
const WEBGPU_INFO_TIMEOUT_MS = 2000;
/** webgpuInfo(), or a "not available" report when it fails or does not answer in time. */
async function webgpuInfoWithin(ms) {
    const unavailable = (reason) => ({
        available: false, adapter: null, software: null, autoSelects: false, autoThreshold: autoThreshold(),
        reasons: [`WebGPU is not available: ${reason}`], stats: null,
    });
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(unavailable(`requestAdapter() did not answer within ${ms} ms (webgpuInfo() waits for it)`)), ms);
    });
    try {
        return await Promise.race([
            webgpuInfo().catch((e) => unavailable(`webgpuInfo() failed: ${e?.message ?? String(e)}`)),
            timeout,
        ]);
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * Starts the wasm engine if needed (its workers included, so that a later timed loop does not
 * pay for their start) and reports its mode, with what WebGPU offers (`webgpu`:
 * the adapter is asked for, no device is created; 'not available' at once where the runtime
 * has no navigator.gpu and none was given to configureGpu).
 */
export async function engineInfo() {
    const [engine, webgpu] = await Promise.all([getWasmEngine(), webgpuInfoWithin(WEBGPU_INFO_TIMEOUT_MS)]);
    const reasons = [];
    // The report stands for a running engine: its workers have started (or said why not).
    const workersFailed = engine.pool ? await engine.pool.started().then(() => null, (e) => e.message) : null;
    if (workersFailed)
        reasons.push(`the worker pool could not start: ${workersFailed}`);
    if (fallbackReason)
        reasons.push(`workers are not used: ${fallbackReason}`);
    if (settings.threads === 1)
        reasons.push('configure({ threads: 1 }) asked for the calling thread');
    return {
        backend: 'wasm',
        mode: engine.pool ? 'workers' : 'calling-thread',
        threads: engine.threads,
        simd: true,
        tileLanes: TILE,
        poolThreshold: settings.poolThreshold,
        rowLanes: settings.rowLanes,
        reasons,
        webgpu,
    };
}
