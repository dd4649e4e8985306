// lazykernel/distributed: reductions and operators over workers on Redis (BullMQ).
//   const cluster = await connect('redis://127.0.0.1:6379');
//   await K.sum(1, { cluster });  aslinearoperator(K, { cluster });  await cluster.close();
// bullmq and ioredis are optional peer dependencies: importing this entry without them fails
// at once with a MissingDependencyError naming the package to install.
import { loadPeers } from './peers.js';
await loadPeers();
export { connect, Cluster } from './cluster.js';
export { serveShards } from './worker.js';
export { ClusterError, MissingDependencyError } from './errors.js';
export { importPeer } from './peers.js';
