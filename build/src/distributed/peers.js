import { MissingDependencyError } from './errors.js';
/**
 * Imports an optional peer by name: a MissingDependencyError naming it when it is not installed.
 * @internal
 */
export async function importPeer(name, load = () => import(name)) {
    try {
        return await load();
    }
    catch (e) {
        const code = e.code;
        if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
            throw new MissingDependencyError(name, `lazykernel/distributed needs the package '${name}' (an optional peer dependency of lazykernel), which is not installed; install it beside lazykernel: npm install bullmq ioredis`);
        }
        throw e;
    }
}
let loaded = null;
/** bullmq and ioredis, imported once. */
export function loadPeers() {
    loaded ??= (async () => {
        const bullmq = await importPeer('bullmq');
        const ioredis = await importPeer('ioredis');
        return { bullmq, Redis: ioredis.Redis };
    })();
    loaded.catch(() => { loaded = null; });
    return loaded;
}
