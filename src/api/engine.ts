import { WasmEngine, type WasmSource, type RowLanesMode } from '../engine/wasm-engine.js';
import { threadsUnavailableReason, hardwareConcurrency, envVar } from '../engine/runtime.js';
import { TILE } from '../tape/opcodes.js';
import { BackendError, ValueError, checkOptions, describe } from '../errors.js';
import { warmUp } from './warm-up.js';
import { webgpuInfo, shutdownGpu, autoThreshold, type WebGpuInfo } from './gpu-choice.js';

export interface ConfigureOptions {
  /** A compiled module, its bytes or its URL, for runtimes that cannot read the shipped file or compile bytes. */
  wasmModule?: WasmSource;
  /** Threads for the wasm engine: 1 runs on the calling thread, more start a worker pool. */
  threads?: number;
  /** Reductions with less work than this (pairs x instructions) stay on the calling thread. */
  poolThreshold?: number;
  /** Bytes of input copies kept in wasm memory between calls (default 256 MiB). */
  cacheBytes?: number;
  /**
   * Run a few small reductions when the engine starts (default true), so that the runtime
   * compiles the engine's hot paths then rather than during the first real call. About 10-20 ms
   * once per process; turn off where start-up CPU time matters more (edge runtimes).
   */
  warmUp?: boolean;
  /**
   * Reductions over few columns (a mixture's 30 components against 10^4 points) lay the output
   * rows across the SIMD lanes: 'auto' (default) when that is faster, 'always' wherever the
   * reduction allows it (sums, log-sum-exps, min / max and their arguments, dense), 'never'.
   * The results agree to rounding; the option exists to test and compare both layouts.
   */
  rowLanes?: RowLanesMode;
}

/**
 * Measured on the 2-core CI machine (bench/RESULTS.md, "small problems"): below about 2e6
 * pair-instructions, a worker round trip costs more than it saves.
 */
const DEFAULT_POOL_THRESHOLD = 2e6;
const MAX_DEFAULT_THREADS = 16;

/** A non-negative number from the environment, or undefined when unset or malformed. */
function envNumber(name: string): number | undefined {
  const text = envVar(name);
  const value = text ? Number(text) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

// LAZYKERNEL_THREADS and LAZYKERNEL_POOL_THRESHOLD let a test run pick a mode without code.
const ROW_LANES_MODES: readonly RowLanesMode[] = ['auto', 'always', 'never'];
const envRowLanes = envVar('LAZYKERNEL_ROW_LANES') as RowLanesMode | undefined;

const settings: { source?: WasmSource; threads?: number; poolThreshold: number; cacheBytes: number; warmUp: boolean; rowLanes: RowLanesMode } = {
  poolThreshold: envNumber('LAZYKERNEL_POOL_THRESHOLD') ?? DEFAULT_POOL_THRESHOLD,
  rowLanes: envRowLanes && ROW_LANES_MODES.includes(envRowLanes) ? envRowLanes : 'auto',
  cacheBytes: 256 * 2 ** 20,
  warmUp: envVar('LAZYKERNEL_WARM_UP') !== '0',
};
// LAZYKERNEL_BLOCK_BYTES: engine memory per reduction before it streams in blocks (tests use a small one).
const envBlockBytes = envNumber('LAZYKERNEL_BLOCK_BYTES');
const envThreads = envNumber('LAZYKERNEL_THREADS');
if (envThreads !== undefined && Number.isInteger(envThreads) && envThreads >= 1) settings.threads = envThreads;

let enginePromise: Promise<WasmEngine> | null = null;
let fallbackReason: string | null = null;

async function chooseThreads(): Promise<number> {
  const unavailable = threadsUnavailableReason();
  if (settings.threads !== undefined) {
    if (settings.threads > 1 && unavailable) throw new BackendError(`${settings.threads} threads were requested but ${unavailable}`);
    return settings.threads;
  }
  if (unavailable) {
    fallbackReason = unavailable;
    return 1;
  }
  const cores = Math.min(MAX_DEFAULT_THREADS, await hardwareConcurrency());
  if (cores <= 1) fallbackReason = 'the runtime reports a single core';
  return cores;
}

/** The shared wasm engine, started on first use. */
export function getWasmEngine(): Promise<WasmEngine> {
  if (!enginePromise) {
    const warm = settings.warmUp;
    enginePromise = chooseThreads()
      .then((threads) => WasmEngine.create({ source: settings.source, threads, poolThreshold: settings.poolThreshold, cacheBytes: settings.cacheBytes, rowLanes: settings.rowLanes, blockBytes: envBlockBytes }))
      .then(async (engine) => {
        if (warm) await warmUp(engine);
        return engine;
      });
    // A failed start must not poison later calls (the user may fix the source and retry).
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

function restart(): void {
  const old = enginePromise;
  enginePromise = null;
  fallbackReason = null;
  // Calls in flight hold the old engine; its workers are unref'd and it is dropped with them.
  old?.then((engine) => engine.pool && setTimeout(() => engine.shutdown(), 0).unref?.(), () => {});
}

/** Sets engine options; the engine restarts with them on its next use. */
export function configure(options: ConfigureOptions): void {
  checkOptions('configure', options, ['wasmModule', 'threads', 'poolThreshold', 'cacheBytes', 'warmUp', 'rowLanes']);
  const { threads, poolThreshold, cacheBytes, wasmModule, warmUp: warm, rowLanes } = options;
  if (warm !== undefined && typeof warm !== 'boolean') throw new ValueError(`configure: warmUp must be true or false, received ${describe(warm)}`);
  if (rowLanes !== undefined && !ROW_LANES_MODES.includes(rowLanes)) {
    throw new ValueError(`configure: rowLanes must be one of ${ROW_LANES_MODES.map((m) => `'${m}'`).join(', ')}, received ${describe(rowLanes)}`);
  }
  if (threads !== undefined) {
    if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
      throw new ValueError(`configure: threads must be a positive integer, received ${describe(threads)}`);
    }
    const unavailable = threadsUnavailableReason();
    if (threads > 1 && unavailable) throw new BackendError(`configure: cannot run ${threads} threads: ${unavailable}`);
  }
  for (const [name, value] of [['poolThreshold', poolThreshold], ['cacheBytes', cacheBytes]] as const) {
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
      throw new ValueError(`configure: ${name} must be a non-negative number, received ${describe(value)}`);
    }
  }
  if (threads !== undefined) settings.threads = threads;
  if (poolThreshold !== undefined) settings.poolThreshold = poolThreshold;
  if (cacheBytes !== undefined) settings.cacheBytes = cacheBytes;
  if (wasmModule !== undefined) settings.source = wasmModule;
  if (warm !== undefined) settings.warmUp = warm;
  if (rowLanes !== undefined) settings.rowLanes = rowLanes;
  restart();
}

/**
 * Stops the worker pool, releases the WebGPU device (shutdownGpu()) and frees cached inputs;
 * the next reduction starts the engines again.
 */
export async function shutdown(): Promise<void> {
  const engine = enginePromise ? await enginePromise.catch(() => null) : null;
  enginePromise = null;
  engine?.shutdown();
  await shutdownGpu();
}

/** What the engine runs on and why. */
export interface EngineInfo {
  backend: 'wasm';
  /** 'workers': a pool of threads sharing one memory; 'calling-thread': no workers. */
  mode: 'workers' | 'calling-thread';
  threads: number;
  simd: boolean;
  tileLanes: number;
  /** Reductions with less work than this run on the calling thread even in 'workers' mode. */
  poolThreshold: number;
  /** When reductions over few columns lay the output rows across the SIMD lanes (configure({ rowLanes })). */
  rowLanes: RowLanesMode;
  /** Why a faster mode is not in use (empty when none applies). */
  reasons: string[];
  /** The WebGPU backend: whether it is available, on which adapter, and why it is not used (webgpuInfo()). */
  webgpu: WebGpuInfo;
}

/**
 * engineInfo() waits at most this long for the WebGPU adapter: a runtime with navigator.gpu
 * but no usable GPU may take long to answer requestAdapter(). Without navigator.gpu (Node)
 * the answer is immediate.
 */
const WEBGPU_INFO_TIMEOUT_MS = 2000;

/** webgpuInfo(), or a "not available" report when it fails or does not answer in time. */
async function webgpuInfoWithin(ms: number): Promise<WebGpuInfo> {
  const unavailable = (reason: string): WebGpuInfo => ({
    available: false, adapter: null, software: null, autoSelects: false, autoThreshold: autoThreshold(),
    reasons: [`WebGPU is not available: ${reason}`], stats: null,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<WebGpuInfo>((resolve) => {
    timer = setTimeout(() => resolve(unavailable(`requestAdapter() did not answer within ${ms} ms (webgpuInfo() waits for it)`)), ms);
  });
  try {
    return await Promise.race([
      webgpuInfo().catch((e: unknown) => unavailable(`webgpuInfo() failed: ${(e as Error)?.message ?? String(e)}`)),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the wasm engine if needed (its workers included, so that a later timed loop does not
 * pay for their start) and reports its mode, with what WebGPU offers (`webgpu`:
 * the adapter is asked for, no device is created; 'not available' at once where the runtime
 * has no navigator.gpu and none was given to configureGpu).
 */
export async function engineInfo(): Promise<EngineInfo> {
  const [engine, webgpu] = await Promise.all([getWasmEngine(), webgpuInfoWithin(WEBGPU_INFO_TIMEOUT_MS)]);
  const reasons: string[] = [];
  // The report stands for a running engine: its workers have started (or said why not).
  const workersFailed = engine.pool ? await engine.pool.started().then(() => null, (e: Error) => e.message) : null;
  if (workersFailed) reasons.push(`the worker pool could not start: ${workersFailed}`);
  if (fallbackReason) reasons.push(`workers are not used: ${fallbackReason}`);
  if (settings.threads === 1) reasons.push('configure({ threads: 1 }) asked for the calling thread');
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
