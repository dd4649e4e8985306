import { WasmEngine } from '../engine/wasm-engine.js';
import { threadsUnavailableReason, hardwareConcurrency, envVar } from '../engine/runtime.js';
import { TILE } from '../tape/opcodes.js';
import { BackendError, ValueError, checkOptions, describe } from '../errors.js';
/**
 * Measured on the 2-core CI machine (bench/RESULTS.md, "small problems"): below about 4e6
 * pair-instructions, a worker round trip costs more than it saves.
 */
const DEFAULT_POOL_THRESHOLD = 4e6;
const MAX_DEFAULT_THREADS = 16;
/** A non-negative number from the environment, or undefined when unset or malformed. */
function envNumber(name) {
    const text = envVar(name);
    const value = text ? Number(text) : NaN;
    return Number.isFinite(value) && value >= 0 ? value : undefined;
}
// LAZYKERNEL_THREADS and LAZYKERNEL_POOL_THRESHOLD let a test run pick a mode without code.
const settings = {
    poolThreshold: envNumber('LAZYKERNEL_POOL_THRESHOLD') ?? DEFAULT_POOL_THRESHOLD,
    cacheBytes: 256 * 2 ** 20,
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
        enginePromise = chooseThreads().then((threads) => WasmEngine.create({ source: settings.source, threads, poolThreshold: settings.poolThreshold, cacheBytes: settings.cacheBytes }));
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
    checkOptions('configure', options, ['wasmModule', 'threads', 'poolThreshold', 'cacheBytes']);
    const { threads, poolThreshold, cacheBytes, wasmModule } = options;
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
    restart();
}
/** Stops the worker pool and frees cached inputs; the next reduction starts the engine again. */
export async function shutdown() {
    const engine = enginePromise ? await enginePromise.catch(() => null) : null;
    enginePromise = null;
    engine?.shutdown();
}
/** Starts the engine if needed and reports its mode. */
export async function engineInfo() {
    const engine = await getWasmEngine();
    const reasons = [];
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
        reasons,
    };
}
