// The wasm engine's host: its settings (configure() validates them, the environment sets the
// defaults), the one shared engine (started on first use, with its warm-up, retired by
// configure() once its reductions in flight settle) and what it reports for engineInfo().
import { WasmEngine } from '../engine/wasm-engine.js';
import { COMPILE_MODES } from '../engine/compiled-tier.js';
import { RELAXED_SIMD_MODES } from '../compile/relaxed-simd.js';
import { threadsUnavailableReason, hardwareConcurrency, envVar, isNode } from '../engine/runtime.js';
import { WASM32_HEAP_BYTES } from '../engine/heap.js';
import { TILE } from '../tape/opcodes.js';
import { BackendError, ValueError } from '../errors.js';
import { warmUp } from './warm-up.js';
// The engine's runtime facts and asset settings that configure() and engineInfo() read: the API
// reaches the engine only through this host.
export { threadsUnavailableReason, hardwareConcurrencySync } from '../engine/runtime.js';
export { WASM32_HEAP_BYTES };
export { parseAssetBase, setAssetBase } from '../engine/assets.js';
/**
 * Measured on the 2-core CI machine (bench/RESULTS.md, "small problems"): below about 2e6
 * pair-instructions, a worker round trip costs more than it saves.
 */
const DEFAULT_POOL_THRESHOLD = 2e6;
const MAX_DEFAULT_THREADS = 16;
/**
 * configure({ threads }) accepts at most this many threads per reported core: a few more than
 * the cores can help where the count is low, but each worker costs a start (30-100 ms) and a
 * stack, and 1000 of them took 45 s and 8 GB to start on 2 cores.
 */
export const MAX_THREADS_PER_CORE = 4;
/** A non-negative number from the environment, or undefined when unset or malformed. */
function envNumber(name) {
    const text = envVar(name);
    const value = text ? Number(text) : NaN;
    return Number.isFinite(value) && value >= 0 ? value : undefined;
}
// LAZYKERNEL_THREADS and LAZYKERNEL_POOL_THRESHOLD let a test run pick a mode without code.
export const ROW_LANES_MODES = ['auto', 'always', 'never'];
const envRowLanes = envVar('LAZYKERNEL_ROW_LANES');
// LAZYKERNEL_COMPILE=always|never|auto: the compiled tier's default mode (run-tests' compiled pass).
export { COMPILE_MODES };
const envCompile = envVar('LAZYKERNEL_COMPILE');
// LAZYKERNEL_RELAXED_SIMD=auto|never: whether compiled kernels may use relaxed SIMD's fused multiply-adds.
export { RELAXED_SIMD_MODES };
const envRelaxed = envVar('LAZYKERNEL_RELAXED_SIMD');
export const WORKER_MEMORY_MODES = ['auto', 'shared', 'separate'];
// LAZYKERNEL_WORKER_MEMORY=separate: the separate-memory workers of a page without isolation, in Node (tests).
const envWorkerMemory = envVar('LAZYKERNEL_WORKER_MEMORY');
/** Where settings.workerMemory came from, for engineInfo's reason. */
let workerMemoryFrom = envWorkerMemory === 'separate' ? 'LAZYKERNEL_WORKER_MEMORY=separate' : "configure({ workerMemory: 'separate' })";
/** The engine's settings; configure() validates new values, then sets them and restarts the engine. */
export const settings = {
    workerMemory: envWorkerMemory && WORKER_MEMORY_MODES.includes(envWorkerMemory) ? envWorkerMemory : 'auto',
    poolThreshold: envNumber('LAZYKERNEL_POOL_THRESHOLD') ?? DEFAULT_POOL_THRESHOLD,
    rowLanes: envRowLanes && ROW_LANES_MODES.includes(envRowLanes) ? envRowLanes : 'auto',
    compile: envCompile && COMPILE_MODES.includes(envCompile) ? envCompile : 'auto',
    relaxedSimd: envRelaxed && RELAXED_SIMD_MODES.includes(envRelaxed) ? envRelaxed : 'auto',
    cacheBytes: 256 * 2 ** 20,
    warmUp: envVar('LAZYKERNEL_WARM_UP') !== '0',
};
/** Smallest blockBytes: blocks of a few tiles of a few variables. */
export const MIN_BLOCK_BYTES = 65536;
// LAZYKERNEL_BLOCK_BYTES: engine memory per reduction before it streams in blocks (tests use a small one).
const envBlockBytes = envNumber('LAZYKERNEL_BLOCK_BYTES');
if (envBlockBytes !== undefined && envBlockBytes >= MIN_BLOCK_BYTES && envBlockBytes <= WASM32_HEAP_BYTES)
    settings.blockBytes = envBlockBytes;
const envThreads = envNumber('LAZYKERNEL_THREADS');
/** Where settings.threads came from, for the error that refuses too many. */
let threadsFrom = 'configure({ threads })';
if (envThreads !== undefined && Number.isInteger(envThreads) && envThreads >= 1) {
    settings.threads = envThreads;
    threadsFrom = 'LAZYKERNEL_THREADS';
}
/** A ValueError when `threads` is over MAX_THREADS_PER_CORE per core, or null. */
export function tooManyThreads(where, threads, cores) {
    const limit = MAX_THREADS_PER_CORE * cores;
    if (threads <= limit)
        return null;
    return new ValueError(`${where}: threads must be at most ${limit} (${MAX_THREADS_PER_CORE} per core, and the runtime reports ${cores} core${cores === 1 ? '' : 's'}), received ${threads}; more workers than that only add start-up time and memory`);
}
let current = null;
let fallbackReason = null;
/** Why the workers have memories of their own (engineInfo's reason), when they do. */
let separateReason = null;
/** Whether workers can start at all (they need not share memory). */
export function canStartWorkers() {
    return isNode || typeof globalThis.Worker === 'function';
}
/**
 * Why workers would get separate memories: LAZYKERNEL_WORKER_MEMORY=separate (read at each
 * engine start, so that tests can set it), or no shared memory where workers can start
 * (a page that is not cross-origin isolated); null where they share one memory.
 */
function separateMemoryReason(unavailable) {
    if (!canStartWorkers() || settings.workerMemory === 'shared')
        return null;
    if (settings.workerMemory === 'separate')
        return `${workerMemoryFrom} asked for workers with memories of their own, which copy their inputs`;
    if (!unavailable)
        return null;
    return `workers copy their inputs into memories of their own because ${unavailable}; serve the page with the headers `
        + '`Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` (cross-origin isolation) for workers that share one memory';
}
async function chooseThreads() {
    const unavailable = threadsUnavailableReason();
    const separate = separateMemoryReason(unavailable);
    const workerMemory = separate ? 'separate' : 'shared';
    if (settings.threads !== undefined) {
        if (settings.threads > 1 && unavailable && !separate)
            throw new BackendError(`${settings.threads} threads were requested but ${unavailable}`);
        // configure() checks where the core count is known synchronously; this covers the others.
        const refused = tooManyThreads(threadsFrom, settings.threads, await hardwareConcurrency());
        if (refused)
            throw refused;
        if (settings.threads > 1)
            separateReason = separate;
        return { threads: settings.threads, workerMemory };
    }
    if (unavailable && !separate) {
        fallbackReason = unavailable;
        return { threads: 1, workerMemory };
    }
    const cores = Math.min(MAX_DEFAULT_THREADS, await hardwareConcurrency());
    if (cores <= 1)
        fallbackReason = 'the runtime reports a single core';
    else
        separateReason = separate;
    return { threads: cores, workerMemory };
}
function currentSlot() {
    if (!current) {
        const warm = settings.warmUp;
        const engine = chooseThreads()
            .then(({ threads, workerMemory }) => WasmEngine.create({ source: settings.source, threads, workerMemory, poolThreshold: settings.poolThreshold, cacheBytes: settings.cacheBytes, rowLanes: settings.rowLanes, blockBytes: settings.blockBytes, compile: settings.compile, relaxedSimd: settings.relaxedSimd }))
            .then(async (started) => {
            if (warm)
                await warmUp(started);
            return started;
        });
        const slot = { engine, users: 0, retired: false, closed: false };
        current = slot;
        // A failed start must not poison later calls (the user may fix the source and retry).
        engine.catch(() => { if (current === slot)
            current = null; });
    }
    return current;
}
function close(slot) {
    if (slot.closed)
        return;
    slot.closed = true;
    slot.engine.then((engine) => engine.shutdown(), () => { });
}
/** The shared wasm engine, started on first use (not counted as a user: see withWasmEngine). */
export function getWasmEngine() {
    return currentSlot().engine;
}
/**
 * Runs `use` on the shared wasm engine. The engine counts the call as in flight until it
 * settles: a configure() meanwhile does not shut the engine down under it.
 */
export async function withWasmEngine(use) {
    const slot = currentSlot();
    slot.users++; // before any await, so that a configure() from here on sees this call
    try {
        return await use(await slot.engine);
    }
    finally {
        slot.users--;
        if (slot.retired && slot.users === 0)
            close(slot);
    }
}
/** Counts configure()'s restarts: a caller that remembers a failed start tries again after one. */
let restarts = 0;
/** How many times configure() has restarted the engine (its settings may have changed since). */
export function engineRestarts() {
    return restarts;
}
/** Sends later calls to a fresh engine; the old one closes after its calls in flight. */
export function restartWasmEngine() {
    restarts++;
    const old = current;
    current = null;
    fallbackReason = null;
    separateReason = null;
    if (!old)
        return;
    old.retired = true;
    if (old.users === 0)
        close(old);
}
/** A WasmSource (a compiled module, bytes or a URL), checked by its tag across realms too. */
export function isWasmSource(value) {
    if (typeof value === 'string')
        return true;
    if (typeof value !== 'object' || value === null)
        return false;
    if (value instanceof WebAssembly.Module || value instanceof ArrayBuffer || value instanceof Uint8Array || value instanceof URL)
        return true;
    const tag = Object.prototype.toString.call(value);
    return tag === '[object WebAssembly.Module]' || tag === '[object ArrayBuffer]' || tag === '[object Uint8Array]' || tag === '[object URL]';
}
/** Sets the thread count (configure({ threads }), validated there). */
export function setThreads(threads) {
    settings.threads = threads;
    threadsFrom = 'configure({ threads })';
}
/** Sets the workers' memory mode (configure({ workerMemory }), validated there). */
export function setWorkerMemory(mode) {
    settings.workerMemory = mode;
    workerMemoryFrom = `configure({ workerMemory: '${mode}' })`;
}
/** Stops the engine now, reductions in flight included; the next use starts a new one. */
export async function shutdownWasmEngine() {
    const slot = current;
    current = null;
    if (!slot)
        return;
    slot.retired = true;
    close(slot);
    await slot.engine.catch(() => null);
}
/** Starts the engine if needed (its workers included) and reports its mode and why a faster one is not in use. */
export async function describeWasmEngine() {
    // The report stands for a running engine: its workers have started (or said why not).
    const [engine, workersFailed] = await withWasmEngine(async (started) => {
        const pool = started.pool ?? started.separatePool;
        return [started, pool ? await pool.started().then(() => null, (e) => e.message) : null];
    });
    const reasons = [];
    if (workersFailed)
        reasons.push(`the worker pool could not start: ${workersFailed}`);
    // Failed starts and restarts of workers (start-policy.ts), the last few.
    for (const line of (engine.pool ?? engine.separatePool)?.policy.log ?? [])
        reasons.push(`worker pool: ${line}`);
    if (fallbackReason)
        reasons.push(`workers are not used: ${fallbackReason}`);
    if (engine.separatePool && separateReason)
        reasons.push(separateReason);
    if (settings.threads === 1)
        reasons.push('configure({ threads: 1 }) asked for the calling thread');
    const compiler = engine.compiled.report();
    if (settings.compile !== 'never' && !compiler.available && compiler.reason)
        reasons.push(`compiled tier: ${compiler.reason}`);
    return {
        backend: 'wasm',
        mode: engine.threads > 1 ? 'workers' : 'calling-thread',
        threads: engine.threads,
        memory: engine.threads === 1 ? 'single' : engine.pool ? 'shared' : 'separate',
        simd: true,
        tileLanes: TILE,
        poolThreshold: settings.poolThreshold,
        rowLanes: settings.rowLanes,
        compile: settings.compile,
        relaxedSimd: settings.relaxedSimd,
        compiler: engine.compiled.report(),
        reasons,
    };
}
