import { BackendError, ValueError, checkOptions, describe } from '../errors.js';
import { threadsUnavailableReason, hardwareConcurrencySync, WASM32_HEAP_BYTES, parseAssetBase, setAssetBase, settings, setThreads, setWorkerMemory, restartWasmEngine, shutdownWasmEngine, describeWasmEngine, tooManyThreads, canStartWorkers, isWasmSource, MIN_BLOCK_BYTES, ROW_LANES_MODES, COMPILE_MODES, RELAXED_SIMD_MODES, WORKER_MEMORY_MODES, } from '../dispatch/wasm-host.js';
import { webgpuInfo, shutdownGpu, autoThreshold } from '../dispatch/webgpu-host.js';
export { getWasmEngine, withWasmEngine, MAX_THREADS_PER_CORE } from '../dispatch/wasm-host.js';
/**
 * Sets engine options; the engine restarts with them on its next use.
 *
 * @example
 * ```ts
 * import { configure, engineInfo } from 'lazykernel';
 * configure({ threads: 1 });                 // no worker pool: reductions run on the calling thread
 * console.log((await engineInfo()).threads); // => 1
 * ```
 */
export function configure(options) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
        throw new ValueError(`configure: options must be an object such as { threads: 2 }, received ${describe(options)}`);
    }
    checkOptions('configure', options, ['wasmModule', 'assetBase', 'workerMemory', 'threads', 'poolThreshold', 'cacheBytes', 'blockBytes', 'warmUp', 'rowLanes', 'compile', 'relaxedSimd']);
    const { threads, poolThreshold, cacheBytes, blockBytes, wasmModule, warmUp: warm, rowLanes, compile, relaxedSimd } = options;
    const assetBase = options.assetBase === undefined ? undefined : parseAssetBase(options.assetBase);
    if (blockBytes !== undefined && (typeof blockBytes !== 'number' || !Number.isSafeInteger(blockBytes) || blockBytes < MIN_BLOCK_BYTES || blockBytes > WASM32_HEAP_BYTES)) {
        throw new ValueError(`configure: blockBytes must be an integer number of bytes from ${MIN_BLOCK_BYTES} to ${WASM32_HEAP_BYTES} (the wasm32 heap), received ${describe(blockBytes)}`);
    }
    const workerMemory = options.workerMemory;
    if (workerMemory !== undefined && !WORKER_MEMORY_MODES.includes(workerMemory)) {
        throw new ValueError(`configure: workerMemory must be one of ${WORKER_MEMORY_MODES.map((m) => `'${m}'`).join(', ')}, received ${describe(workerMemory)}`);
    }
    if (warm !== undefined && typeof warm !== 'boolean')
        throw new ValueError(`configure: warmUp must be true or false, received ${describe(warm)}`);
    if (rowLanes !== undefined && !ROW_LANES_MODES.includes(rowLanes)) {
        throw new ValueError(`configure: rowLanes must be one of ${ROW_LANES_MODES.map((m) => `'${m}'`).join(', ')}, received ${describe(rowLanes)}`);
    }
    if (compile !== undefined && !COMPILE_MODES.includes(compile)) {
        throw new ValueError(`configure: compile must be one of ${COMPILE_MODES.map((m) => `'${m}'`).join(', ')}, received ${describe(compile)}`);
    }
    if (relaxedSimd !== undefined && !RELAXED_SIMD_MODES.includes(relaxedSimd)) {
        throw new ValueError(`configure: relaxedSimd must be one of ${RELAXED_SIMD_MODES.map((m) => `'${m}'`).join(', ')}, received ${describe(relaxedSimd)}`);
    }
    if (threads !== undefined) {
        if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
            throw new ValueError(`configure: threads must be a positive integer, received ${describe(threads)}`);
        }
        const unavailable = threadsUnavailableReason();
        // Without shared memory, workers with memories of their own still run (they need a Worker).
        if (threads > 1 && unavailable && !canStartWorkers())
            throw new BackendError(`configure: cannot run ${threads} threads: ${unavailable}`);
        const cores = hardwareConcurrencySync();
        const refused = cores === null ? null : tooManyThreads('configure', threads, cores);
        if (refused)
            throw refused;
    }
    if (wasmModule !== undefined && wasmModule !== null && !isWasmSource(wasmModule)) {
        throw new ValueError(`configure: wasmModule must be a WebAssembly.Module, an ArrayBuffer or Uint8Array of its bytes, a URL or a URL string (or null for the packaged module), received ${describe(wasmModule)}`);
    }
    for (const [name, value] of [['poolThreshold', poolThreshold], ['cacheBytes', cacheBytes]]) {
        if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
            throw new ValueError(`configure: ${name} must be a non-negative number, received ${describe(value)}`);
        }
    }
    if (threads !== undefined)
        setThreads(threads);
    if (poolThreshold !== undefined)
        settings.poolThreshold = poolThreshold;
    if (cacheBytes !== undefined)
        settings.cacheBytes = cacheBytes;
    if (blockBytes !== undefined)
        settings.blockBytes = blockBytes;
    if (wasmModule !== undefined)
        settings.source = wasmModule ?? undefined;
    if (assetBase !== undefined)
        setAssetBase(assetBase);
    if (workerMemory !== undefined)
        setWorkerMemory(workerMemory);
    if (warm !== undefined)
        settings.warmUp = warm;
    if (rowLanes !== undefined)
        settings.rowLanes = rowLanes;
    if (compile !== undefined)
        settings.compile = compile;
    if (relaxedSimd !== undefined)
        settings.relaxedSimd = relaxedSimd;
    restartWasmEngine();
}
/**
 * Stops the worker pool, releases the WebGPU device (shutdownGpu()) and frees cached inputs;
 * the next reduction starts the engines again.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, shutdown } from 'lazykernel';
 * const X = tensor([0, 1, 2], [3, 1]);
 * await Vi(X).sqdist(Vj(X)).sum(1);
 * await shutdown();   // lets a script exit at once; a later reduction starts the engine again
 * ```
 */
export async function shutdown() {
    await shutdownWasmEngine();
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
 *
 * @example
 * ```ts
 * import { engineInfo } from 'lazykernel';
 * const info = await engineInfo();
 * console.log(info.threads >= 1);           // => true
 * console.log(typeof info.webgpu.available); // => 'boolean'
 * ```
 */
export async function engineInfo() {
    const [wasm, webgpu] = await Promise.all([describeWasmEngine(), webgpuInfoWithin(WEBGPU_INFO_TIMEOUT_MS)]);
    return { ...wasm, webgpu };
}
