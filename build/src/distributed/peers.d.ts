import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';
/** The two libraries, loaded. */
export interface Peers {
    readonly bullmq: typeof BullMQ;
    readonly Redis: typeof IORedis.Redis;
}
/**
 * Imports an optional peer by name: a MissingDependencyError naming it when it is not installed.
 * @internal
 */
export declare function importPeer<T>(name: string, load?: () => Promise<T>): Promise<T>;
/** bullmq and ioredis, imported once. */
export declare function loadPeers(): Promise<Peers>;
