// bullmq and ioredis are optional peer dependencies: the core package stays dependency-free,
// and only this entry loads them, at connect() or when a worker starts.
import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';
import { MissingDependencyError } from './errors.js';

/** The two libraries, loaded. */
export interface Peers {
  readonly bullmq: typeof BullMQ;
  readonly Redis: typeof IORedis.Redis;
}

/**
 * Imports an optional peer by name: a MissingDependencyError naming it when it is not installed.
 * @internal
 */
export async function importPeer<T>(name: string, load: () => Promise<T> = () => import(name) as Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new MissingDependencyError(name, `lazykernel/distributed needs the package '${name}' (an optional peer dependency of lazykernel), which is not installed; install it beside lazykernel: npm install bullmq ioredis`);
    }
    throw e;
  }
}

let loaded: Promise<Peers> | null = null;

/** bullmq and ioredis, imported once. */
export function loadPeers(): Promise<Peers> {
  loaded ??= (async () => {
    const bullmq = await importPeer<typeof BullMQ>('bullmq');
    const ioredis = await importPeer<typeof IORedis>('ioredis');
    return { bullmq, Redis: ioredis.Redis };
  })();
  loaded.catch(() => { loaded = null; });
  return loaded;
}
