import { WasmEngine, type WasmSource, type RowLanesMode } from '../engine/wasm-engine.js';
import { threadsUnavailableReason, hardwareConcurrency, hardwareConcurrencySync, envVar, isNode } from '../engine/runtime.js';
import { TILE } from '../tape/opcodes.js';
import { WASM32_HEAP_BYTES } from '../engine/heap.js';
import { BackendError, ValueError, checkOptions, describe } from '../errors.js';
import { warmUp } from './warm-up.js';
import { parseAssetBase, setAssetBase } from '../engine/assets.js';
import { webgpuInfo, shutdownGpu, autoThreshold, type WebGpuInfo } from './gpu-choice.js';

export interface ConfigureOptions {
  /**
   * A compiled module, its bytes or its URL, for runtimes that cannot read the shipped file or
   * compile bytes; null goes back to the packaged module.
   */
  wasmModule?: WasmSource | null;
  /**
   * The folder (a URL, or a path relative to the page) serving the engine's files
   * lazykernel.wasm, lazykernel-threads.wasm and lazykernel-worker.js (the package's build/
   * folder), for CDNs and custom layouts; null goes back to the default (files beside the
   * package's modules, or inlined in the browser bundle).
   */
  assetBase?: string | URL | null;
  /**
   * Threads for the wasm engine: 1 runs on the calling thread, more start a worker pool; at
   * most MAX_THREADS_PER_CORE (4) per core the runtime reports.
   */
  threads?: number;
  /** Reductions with less work than this (pairs x instructions) stay on the calling thread. */
  poolThreshold?: number;
  /** Bytes of input copies kept in wasm memory between calls (default 256 MiB). */
  cacheBytes?: number;
  /**
   * Engine memory one reduction's inputs and outputs may use at once (default 1 GiB, at most
   * the wasm32 heap's 4 GiB). A reduction whose inputs and output need more streams through the heap in
   * blocks of rows and of reduced columns: inputs that fit in JS memory but not in the heap
   * work, at the cost of copying each column block once per row block.
   */
  blockBytes?: number;
  /**
   * Whether the workers share one memory: 'auto' (default) where the runtime allows it
   * (SharedArrayBuffer: Node, Deno, Bun, cross-origin isolated pages), else each worker gets a
   * memory of its own and is copied the inputs it needs (pages without COOP/COEP); 'separate'
   * forces the latter (to try a page's behaviour elsewhere), 'shared' refuses it.
   */
  workerMemory?: WorkerMemoryMode;
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
/**
 * configure({ threads }) accepts at most this many threads per reported core: a few more than
 * the cores can help where the count is low, but each worker costs a start (30-100 ms) and a
 * stack, and 1000 of them took 45 s and 8 GB to start on 2 cores.
 */
export const MAX_THREADS_PER_CORE = 4;

/** A non-negative number from the environment, or undefined when unset or malformed. */
function envNumber(name: string): number | undefined {
  const text = envVar(name);
  const value = text ? Number(text) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

// LAZYKERNEL_THREADS and LAZYKERNEL_POOL_THRESHOLD let a test run pick a mode without code.
const ROW_LANES_MODES: readonly RowLanesMode[] = ['auto', 'always', 'never'];
const envRowLanes = envVar('LAZYKERNEL_ROW_LANES') as RowLanesMode | undefined;

export type WorkerMemoryMode = 'auto' | 'shared' | 'separate';
const WORKER_MEMORY_MODES: readonly WorkerMemoryMode[] = ['auto', 'shared', 'separate'];
// LAZYKERNEL_WORKER_MEMORY=separate: the separate-memory workers of a page without isolation, in Node (tests).
const envWorkerMemory = envVar('LAZYKERNEL_WORKER_MEMORY') as WorkerMemoryMode | undefined;
/** Where settings.workerMemory came from, for engineInfo's reason. */
let workerMemoryFrom = envWorkerMemory === 'separate' ? 'LAZYKERNEL_WORKER_MEMORY=separate' : "configure({ workerMemory: 'separate' })";

const settings: { workerMemory: WorkerMemoryMode; source?: WasmSource; threads?: number; poolThreshold: number; cacheBytes: number; blockBytes?: number; warmUp: boolean; rowLanes: RowLanesMode } = {
  workerMemory: envWorkerMemory && WORKER_MEMORY_MODES.includes(envWorkerMemory) ? envWorkerMemory : 'auto',
  poolThreshold: envNumber('LAZYKERNEL_POOL_THRESHOLD') ?? DEFAULT_POOL_THRESHOLD,
  rowLanes: envRowLanes && ROW_LANES_MODES.includes(envRowLanes) ? envRowLanes : 'auto',
  cacheBytes: 256 * 2 ** 20,
  warmUp: envVar('LAZYKERNEL_WARM_UP') !== '0',
};
/** Smallest blockBytes: blocks of a few tiles of a few variables. */
const MIN_BLOCK_BYTES = 65536;
// LAZYKERNEL_BLOCK_BYTES: engine memory per reduction before it streams in blocks (tests use a small one).
const envBlockBytes = envNumber('LAZYKERNEL_BLOCK_BYTES');
if (envBlockBytes !== undefined && envBlockBytes >= MIN_BLOCK_BYTES && envBlockBytes <= WASM32_HEAP_BYTES) settings.blockBytes = envBlockBytes;
const envThreads = envNumber('LAZYKERNEL_THREADS');
/** Where settings.threads came from, for the error that refuses too many. */
let threadsFrom = 'configure({ threads })';
if (envThreads !== undefined && Number.isInteger(envThreads) && envThreads >= 1) {
  settings.threads = envThreads;
  threadsFrom = 'LAZYKERNEL_THREADS';
}

/** A ValueError when `threads` is over MAX_THREADS_PER_CORE per core, or null. */
function tooManyThreads(where: string, threads: number, cores: number): ValueError | null {
  const limit = MAX_THREADS_PER_CORE * cores;
  if (threads <= limit) return null;
  return new ValueError(`${where}: threads must be at most ${limit} (${MAX_THREADS_PER_CORE} per core, and the runtime reports ${cores} core${cores === 1 ? '' : 's'}), received ${threads}; more workers than that only add start-up time and memory`);
}

/**
 * One engine (started or starting) and the reductions using it. configure() retires it: new
 * calls go to a fresh engine, and this one is shut down once its last user has settled, so
 * that the reductions in flight finish where they started.
 */
interface EngineSlot {
  readonly engine: Promise<WasmEngine>;
  users: number;
  retired: boolean;
  closed: boolean;
}

let current: EngineSlot | null = null;
let fallbackReason: string | null = null;
/** Why the workers have memories of their own (engineInfo's reason), when they do. */
let separateReason: string | null = null;

/** Whether workers can start at all (they need not share memory). */
function canStartWorkers(): boolean {
  return isNode || typeof (globalThis as { Worker?: unknown }).Worker === 'function';
}

/**
 * Why workers would get separate memories: LAZYKERNEL_WORKER_MEMORY=separate (read at each
 * engine start, so that tests can set it), or no shared memory where workers can start
 * (a page that is not cross-origin isolated); null where they share one memory.
 */
function separateMemoryReason(unavailable: string | null): string | null {
  if (!canStartWorkers() || settings.workerMemory === 'shared') return null;
  if (settings.workerMemory === 'separate') return `${workerMemoryFrom} asked for workers with memories of their own, which copy their inputs`;
  if (!unavailable) return null;
  return `workers copy their inputs into memories of their own because ${unavailable}; serve the page with the headers `
    + '`Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` (cross-origin isolation) for workers that share one memory';
}

async function chooseThreads(): Promise<{ threads: number; workerMemory: 'shared' | 'separate' }> {
  const unavailable = threadsUnavailableReason();
  const separate = separateMemoryReason(unavailable);
  const workerMemory = separate ? 'separate' : 'shared';
  if (settings.threads !== undefined) {
    if (settings.threads > 1 && unavailable && !separate) throw new BackendError(`${settings.threads} threads were requested but ${unavailable}`);
    // configure() checks where the core count is known synchronously; this covers the others.
    const refused = tooManyThreads(threadsFrom, settings.threads, await hardwareConcurrency());
    if (refused) throw refused;
    if (settings.threads > 1) separateReason = separate;
    return { threads: settings.threads, workerMemory };
  }
  if (unavailable && !separate) {
    fallbackReason = unavailable;
    return { threads: 1, workerMemory };
  }
  const cores = Math.min(MAX_DEFAULT_THREADS, await hardwareConcurrency());
  if (cores <= 1) fallbackReason = 'the runtime reports a single core';
  else separateReason = separate;
  return { threads: cores, workerMemory };
}

function currentSlot(): EngineSlot {
  if (!current) {
    const warm = settings.warmUp;
    const engine = chooseThreads()
      .then(({ threads, workerMemory }) => WasmEngine.create({ source: settings.source, threads, workerMemory, poolThreshold: settings.poolThreshold, cacheBytes: settings.cacheBytes, rowLanes: settings.rowLanes, blockBytes: settings.blockBytes }))
      .then(async (started) => {
        if (warm) await warmUp(started);
        return started;
      });
    const slot: EngineSlot = { engine, users: 0, retired: false, closed: false };
    current = slot;
    // A failed start must not poison later calls (the user may fix the source and retry).
    engine.catch(() => { if (current === slot) current = null; });
  }
  return current;
}

function close(slot: EngineSlot): void {
  if (slot.closed) return;
  slot.closed = true;
  slot.engine.then((engine) => engine.shutdown(), () => {});
}

/** The shared wasm engine, started on first use (not counted as a user: see withWasmEngine). */
export function getWasmEngine(): Promise<WasmEngine> {
  return currentSlot().engine;
}

/**
 * Runs `use` on the shared wasm engine. The engine counts the call as in flight until it
 * settles: a configure() meanwhile does not shut the engine down under it.
 */
export async function withWasmEngine<T>(use: (engine: WasmEngine) => Promise<T>): Promise<T> {
  const slot = currentSlot();
  slot.users++; // before any await, so that a configure() from here on sees this call
  try {
    return await use(await slot.engine);
  } finally {
    slot.users--;
    if (slot.retired && slot.users === 0) close(slot);
  }
}

/** Sends later calls to a fresh engine; the old one closes after its calls in flight. */
function restart(): void {
  const old = current;
  current = null;
  fallbackReason = null;
  separateReason = null;
  if (!old) return;
  old.retired = true;
  if (old.users === 0) close(old);
}

/** A WasmSource (a compiled module, bytes or a URL), checked by its tag across realms too. */
function isWasmSource(value: unknown): value is WasmSource {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof WebAssembly.Module || value instanceof ArrayBuffer || value instanceof Uint8Array || value instanceof URL) return true;
  const tag = Object.prototype.toString.call(value);
  return tag === '[object WebAssembly.Module]' || tag === '[object ArrayBuffer]' || tag === '[object Uint8Array]' || tag === '[object URL]';
}

/** Sets engine options; the engine restarts with them on its next use. */
export function configure(options: ConfigureOptions): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`configure: options must be an object such as { threads: 2 }, received ${describe(options)}`);
  }
  checkOptions('configure', options, ['wasmModule', 'assetBase', 'workerMemory', 'threads', 'poolThreshold', 'cacheBytes', 'blockBytes', 'warmUp', 'rowLanes']);
  const { threads, poolThreshold, cacheBytes, blockBytes, wasmModule, warmUp: warm, rowLanes } = options;
  const assetBase = options.assetBase === undefined ? undefined : parseAssetBase(options.assetBase);
  if (blockBytes !== undefined && (typeof blockBytes !== 'number' || !Number.isSafeInteger(blockBytes) || blockBytes < MIN_BLOCK_BYTES || blockBytes > WASM32_HEAP_BYTES)) {
    throw new ValueError(`configure: blockBytes must be an integer number of bytes from ${MIN_BLOCK_BYTES} to ${WASM32_HEAP_BYTES} (the wasm32 heap), received ${describe(blockBytes)}`);
  }
  const workerMemory = options.workerMemory;
  if (workerMemory !== undefined && !WORKER_MEMORY_MODES.includes(workerMemory)) {
    throw new ValueError(`configure: workerMemory must be one of ${WORKER_MEMORY_MODES.map((m) => `'${m}'`).join(', ')}, received ${describe(workerMemory)}`);
  }
  if (warm !== undefined && typeof warm !== 'boolean') throw new ValueError(`configure: warmUp must be true or false, received ${describe(warm)}`);
  if (rowLanes !== undefined && !ROW_LANES_MODES.includes(rowLanes)) {
    throw new ValueError(`configure: rowLanes must be one of ${ROW_LANES_MODES.map((m) => `'${m}'`).join(', ')}, received ${describe(rowLanes)}`);
  }
  if (threads !== undefined) {
    if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
      throw new ValueError(`configure: threads must be a positive integer, received ${describe(threads)}`);
    }
    const unavailable = threadsUnavailableReason();
    // Without shared memory, workers with memories of their own still run (they need a Worker).
    if (threads > 1 && unavailable && !canStartWorkers()) throw new BackendError(`configure: cannot run ${threads} threads: ${unavailable}`);
    const cores = hardwareConcurrencySync();
    const refused = cores === null ? null : tooManyThreads('configure', threads, cores);
    if (refused) throw refused;
  }
  if (wasmModule !== undefined && wasmModule !== null && !isWasmSource(wasmModule)) {
    throw new ValueError(`configure: wasmModule must be a WebAssembly.Module, an ArrayBuffer or Uint8Array of its bytes, a URL or a URL string (or null for the packaged module), received ${describe(wasmModule)}`);
  }
  for (const [name, value] of [['poolThreshold', poolThreshold], ['cacheBytes', cacheBytes]] as const) {
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
      throw new ValueError(`configure: ${name} must be a non-negative number, received ${describe(value)}`);
    }
  }
  if (threads !== undefined) {
    settings.threads = threads;
    threadsFrom = 'configure({ threads })';
  }
  if (poolThreshold !== undefined) settings.poolThreshold = poolThreshold;
  if (cacheBytes !== undefined) settings.cacheBytes = cacheBytes;
  if (blockBytes !== undefined) settings.blockBytes = blockBytes;
  if (wasmModule !== undefined) settings.source = wasmModule ?? undefined;
  if (assetBase !== undefined) setAssetBase(assetBase);
  if (workerMemory !== undefined) {
    settings.workerMemory = workerMemory;
    workerMemoryFrom = `configure({ workerMemory: '${workerMemory}' })`;
  }
  if (warm !== undefined) settings.warmUp = warm;
  if (rowLanes !== undefined) settings.rowLanes = rowLanes;
  restart();
}

/**
 * Stops the worker pool, releases the WebGPU device (shutdownGpu()) and frees cached inputs;
 * the next reduction starts the engines again.
 */
export async function shutdown(): Promise<void> {
  const slot = current;
  current = null;
  if (slot) {
    // An explicit shutdown stops the engine now, reductions in flight included.
    slot.retired = true;
    close(slot);
    await slot.engine.catch(() => null);
  }
  await shutdownGpu();
}

/** What the engine runs on and why. */
export interface EngineInfo {
  backend: 'wasm';
  /** 'workers': a pool of workers (see `memory`); 'calling-thread': no workers. */
  mode: 'workers' | 'calling-thread';
  /** Workers, or 1 on the calling thread. */
  threads: number;
  /**
   * 'shared': the workers share one memory; 'separate': each has its own and is copied the
   * inputs it needs (no SharedArrayBuffer: a page that is not cross-origin isolated);
   * 'single': the calling thread alone.
   */
  memory: 'shared' | 'separate' | 'single';
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
  // The report stands for a running engine: its workers have started (or said why not).
  const [[engine, workersFailed], webgpu] = await Promise.all([
    withWasmEngine(async (started) => {
      const pool = started.pool ?? started.separatePool;
      return [started, pool ? await pool.started().then(() => null, (e: Error) => e.message) : null] as const;
    }),
    webgpuInfoWithin(WEBGPU_INFO_TIMEOUT_MS),
  ]);
  const reasons: string[] = [];
  if (workersFailed) reasons.push(`the worker pool could not start: ${workersFailed}`);
  // Failed starts and restarts of workers (start-policy.ts), the last few.
  for (const line of (engine.pool ?? engine.separatePool)?.policy.log ?? []) reasons.push(`worker pool: ${line}`);
  if (fallbackReason) reasons.push(`workers are not used: ${fallbackReason}`);
  if (engine.separatePool && separateReason) reasons.push(separateReason);
  if (settings.threads === 1) reasons.push('configure({ threads: 1 }) asked for the calling thread');
  return {
    backend: 'wasm',
    mode: engine.threads > 1 ? 'workers' : 'calling-thread',
    threads: engine.threads,
    memory: engine.threads === 1 ? 'single' : engine.pool ? 'shared' : 'separate',
    simd: true,
    tileLanes: TILE,
    poolThreshold: settings.poolThreshold,
    rowLanes: settings.rowLanes,
    reasons,
    webgpu,
  };
}
