import { mayImportNodeBuiltins } from './package-layout.js';

/**
 * What the JavaScript runtime offers the engine: workers, shared memory, core count.
 * Node is told apart from Bun and Deno (which also define `process.versions.node`) because
 * only Node needs `node:worker_threads`; the others run standard Web Workers.
 */
type Global = typeof globalThis & {
  Deno?: unknown;
  Bun?: unknown;
  process?: {
    versions?: { node?: string };
    env?: Record<string, string | undefined>;
    /** Node >= 20.16 / 22.3: a built-in module without an (asynchronous) import. */
    getBuiltinModule?: (id: string) => unknown;
  };
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
};
const g = globalThis as Global;

export const isDeno = typeof g.Deno !== 'undefined';
export const isBun = typeof g.Bun !== 'undefined';
/** Node, with its built-ins at hand: the browser bundle run by Node counts as a plain JS runtime. */
export const isNode = mayImportNodeBuiltins && !isDeno && !isBun && typeof g.process?.versions?.node === 'string';

/** An environment variable where the runtime has them (Node, Bun, Deno with --allow-env). */
export function envVar(name: string): string | undefined {
  try {
    if (isDeno) return (g.Deno as { env: { get(k: string): string | undefined } }).env.get(name);
    return g.process?.env?.[name];
  } catch {
    return undefined; // Deno without env permission
  }
}

/** Why shared-memory threads cannot run here, or null when they can. */
export function threadsUnavailableReason(): string | null {
  if (typeof SharedArrayBuffer === 'undefined') {
    return g.crossOriginIsolated === false
      ? 'the page is not cross-origin isolated (COOP/COEP headers), so SharedArrayBuffer is unavailable'
      : 'SharedArrayBuffer is unavailable in this runtime';
  }
  if (g.crossOriginIsolated === false) return 'the page is not cross-origin isolated (COOP/COEP headers)';
  if (!isNode && typeof Worker !== 'function') return 'this runtime has no Worker';
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  } catch (e) {
    return `shared WebAssembly memory is unavailable (${(e as Error).message})`;
  }
  return null;
}

type NodeOs = { availableParallelism?: () => number; cpus: () => unknown[] };

function nodeCores(os: NodeOs): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

// Older Node has no synchronous way to node:os from an ES module: start the import at load,
// so that hardwareConcurrencySync() knows the answer by the time user code runs.
let loadedNodeOs: NodeOs | null = null;
if (isNode && typeof g.process?.getBuiltinModule !== 'function') {
  import('node:os').then((os) => { loadedNodeOs = os; }, () => {});
}

/**
 * Logical cores, answered synchronously (configure() checks thread counts with it), or null
 * where the runtime does not say yet (Node older than 20.16 in the first moment after load,
 * runtimes without navigator.hardwareConcurrency): callers check again at engine start.
 */
export function hardwareConcurrencySync(): number | null {
  if (isNode) {
    const os = (g.process?.getBuiltinModule?.('os') as NodeOs | undefined) ?? loadedNodeOs;
    if (os) return nodeCores(os);
  }
  const n = g.navigator?.hardwareConcurrency;
  return typeof n === 'number' && n >= 1 ? n : null;
}

/** Logical cores, as the runtime reports them. */
export async function hardwareConcurrency(): Promise<number> {
  if (isNode) {
    return nodeCores(await import('node:os'));
  }
  return Math.max(1, g.navigator?.hardwareConcurrency ?? 1);
}

/** The minimal surface the pool needs from a Node or Web worker. */
export interface WorkerHandle {
  post(message: unknown): void;
  onMessage(handler: (data: unknown) => void): void;
  /** Called once if the worker dies or fails to load; the reason is human-readable. */
  onFailure(handler: (reason: string) => void): void;
  /** Whether an idle worker may keep the process alive (Node and Bun honour this). */
  setKeepsAlive(alive: boolean): void;
  /** False where setKeepsAlive cannot release the process (Deno): idle workers must be stopped. */
  readonly canRelease: boolean;
  terminate(): void;
}

/** Starts the worker script at `url` with the runtime's own Worker. */
export async function startWorker(url: URL): Promise<WorkerHandle> {
  if (isNode) {
    const { Worker: NodeWorker } = await import('node:worker_threads');
    const w = new NodeWorker(url);
    let failed = false;
    return {
      post: (m) => w.postMessage(m),
      onMessage: (h) => void w.on('message', h),
      onFailure: (h) => {
        w.on('error', (e: Error) => { if (!failed) { failed = true; h(e.message); } });
        w.on('exit', (code: number) => { if (!failed) { failed = true; h(`the worker exited with code ${code}`); } });
      },
      setKeepsAlive: (alive) => (alive ? w.ref() : w.unref()),
      canRelease: true,
      terminate: () => { failed = true; void w.terminate(); },
    };
  }
  const w = new Worker(url, { type: 'module' });
  let failed = false;
  // Listen at once: a message or error the worker sends before the pool attaches its handlers
  // (its first 'listening' can come while the calling thread is still busy) would otherwise be
  // dispatched to no listener and lost, and the pool would wait for it forever. Kept until then.
  let onData: ((data: unknown) => void) | null = null;
  let onError: ((reason: string) => void) | null = null;
  const early: unknown[] = [];
  let earlyError: string | null = null;
  w.addEventListener('message', (e) => {
    const data = (e as MessageEvent).data;
    if (onData) onData(data);
    else early.push(data);
  });
  w.addEventListener('error', (e) => {
    (e as Event).preventDefault?.();
    if (failed) return;
    failed = true;
    const reason = (e as ErrorEvent).message || 'the worker script did not load or threw at start (the browser gives no detail: an HTTP error, a blocked request or a script error)';
    if (onError) onError(reason);
    else earlyError = reason;
  });
  return {
    post: (m) => w.postMessage(m),
    onMessage: (h) => {
      onData = h;
      for (const data of early.splice(0)) h(data);
    },
    onFailure: (h) => {
      onError = h;
      if (earlyError !== null) h(earlyError);
    },
    setKeepsAlive: (alive) => {
      const handle = w as unknown as { ref?: () => void; unref?: () => void };
      if (alive) handle.ref?.();
      else handle.unref?.();
    },
    // Browsers never wait for workers; Bun's have unref(); Deno's keep the process alive.
    canRelease: !isDeno || typeof (w as unknown as { unref?: unknown }).unref === 'function',
    terminate: () => { failed = true; w.terminate(); },
  };
}
