export { connect, Cluster, type ConnectOptions, type ClusterProgress } from './cluster.js';
export { serveShards, type WorkerOptions, type ShardWorker } from './worker.js';
export { ClusterError, MissingDependencyError } from './errors.js';
export { importPeer } from './peers.js';
export type { ReductionCluster } from '../api/cluster-option.js';
