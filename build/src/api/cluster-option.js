import { ValueError, describe } from '../errors.js';
/** `options.cluster` checked (undefined when absent): a ValueError naming `where` otherwise. */
export function checkCluster(where, cluster) {
    if (cluster === undefined)
        return undefined;
    if (cluster === null || typeof cluster !== 'object' || typeof cluster.runPlan !== 'function') {
        throw new ValueError(`${where}: options.cluster must be a cluster from connect() of 'lazykernel/distributed' (an object with a runPlan method), received ${describe(cluster)}`);
    }
    return cluster;
}
