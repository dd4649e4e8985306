// The `cluster` option of reductions and operators: any object that runs a reduction plan
// somewhere else and hands back the same outputs as the local dispatcher. The core defines
// only this small interface; `lazykernel/distributed` provides an implementation on BullMQ, so
// that the core package never imports a queue library (issue 23).
import type { ReductionCluster } from '../dispatch/dispatcher.js';
import { ValueError, describe } from '../errors.js';

export type { ReductionCluster };

/** `options.cluster` checked (undefined when absent): a ValueError naming `where` otherwise. */
export function checkCluster(where: string, cluster: unknown): ReductionCluster | undefined {
  if (cluster === undefined) return undefined;
  if (cluster === null || typeof cluster !== 'object' || typeof (cluster as ReductionCluster).runPlan !== 'function') {
    throw new ValueError(`${where}: options.cluster must be a cluster from connect() of 'lazykernel/distributed' (an object with a runPlan method), received ${describe(cluster)}`);
  }
  return cluster as ReductionCluster;
}
