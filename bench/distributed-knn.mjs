// The example, at the size this machine allows: the k-nearest-neighbour graph of N
// points (D = 3, float32, K = 10: argKmin of squared distances) over W local workers
// (`lazykernel-worker --threads T` each), with its time and throughput in pairs per second,
// against the local engine on the same machine in the same run. At N = 10^7 the same graph is
// 10^14 pairs: the throughput printed here says how many such workers that takes (see
// docs/distributed.md). Needs redis-server (it starts its own on 127.0.0.1 and stops it).
//
//   node tools/build.mjs && node bench/distributed-knn.mjs [--n 100000] [--workers 2] [--threads 1] [--k 10]
import { readFileSync } from 'node:fs';
import { configure, tensor, Vi, Vj } from '../build/src/index.js';
import { connect } from '../build/src/distributed/index.js';
import { startRedis, startWorker, stopAll } from '../test/helpers/redis-cluster.mjs';

function option(name, fallback) {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
}
const N = option('n', 1e5);
const WORKERS = option('workers', 2);
const THREADS = option('threads', 1);
const K = option('k', 10);

const cpuOf = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const selfCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

let s = 7;
const X = tensor(new Float32Array(N * 3).map(() => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; }), [N, 3]);
const graph = Vi(X).sqdist(Vj(X));
configure({ threads: WORKERS * THREADS });

try {
  const redis = await startRedis();
  const workers = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(redis.url, { threads: THREADS, lockMs: 30000 })));
  const cluster = await connect(redis.url);
  await graph.argKmin(K, 1, { cluster });   // warm: engine start, upload, caches
  const pairs = N * N;
  const run = async (label, options, pids) => {
    const cpu0 = selfCpu() + pids.reduce((a, p) => a + cpuOf(p), 0);
    const t0 = performance.now();
    const out = await graph.argKmin(K, 1, options);
    const wall = (performance.now() - t0) / 1000;
    const cpu = selfCpu() + pids.reduce((a, p) => a + cpuOf(p), 0) - cpu0;
    console.log(`${label.padEnd(28)} wall ${wall.toFixed(2)} s  cpu ${cpu.toFixed(2)} s  ${(pairs / wall / 1e9).toFixed(3)} x 10^9 pairs/s (wall)  ${(pairs / cpu / 1e9).toFixed(3)} x 10^9 pairs per CPU s`);
    return out;
  };
  console.log(`k-NN graph: N = ${N}, D = 3, float32, K = ${K}: ${pairs.toExponential(2)} pairs`);
  const remote = await run(`cluster, ${WORKERS} workers x ${THREADS} thread`, { cluster }, workers.map((w) => w.pid));
  const local = await run(`local, ${WORKERS * THREADS} threads`, {}, []);
  console.log(`cluster graph equal to local: ${remote.data.every((v, i) => v === local.data[i])}; shards: ${cluster.stats.shards / cluster.stats.reductions} per reduction`);
  await cluster.close();
} finally {
  await stopAll();
}
