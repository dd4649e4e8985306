import type { ReductionCluster } from '../dispatch/dispatcher.js';
export type { ReductionCluster };
/** `options.cluster` checked (undefined when absent): a ValueError naming `where` otherwise. */
export declare function checkCluster(where: string, cluster: unknown): ReductionCluster | undefined;
