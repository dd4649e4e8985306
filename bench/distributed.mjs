// The cluster's overhead: one Gaussian kernel sum, out_i = sum_j exp(-|x_i - y_j|^2 / 2) b_j,
// D = 3, float32, N = M (10^5 by default), run (a) by the local engine and (b) through
// lazykernel/distributed with ONE local worker (`lazykernel-worker --threads T`, the same
// threads as the local engine), alternating, in the same run. The target: (b) at most
// 1.25x (a). The machine may be shared: besides wall time it reports CPU time (this process,
// plus the worker's from /proc for (b)) and the ratio of each pair run back to back.
// Needs redis-server (it starts its own on a free port of 127.0.0.1 and stops it).
//
//   node tools/build.mjs && node bench/distributed.mjs [--n 100000] [--reps 3] [--threads 2]
import { readFileSync } from 'node:fs';
import { configure, tensor, Vi, Vj } from '../build/src/index.js';
import { connect } from '../build/src/distributed/index.js';
import { startRedis, startWorker, stopAll } from '../test/helpers/redis-cluster.mjs';

function option(name, fallback) {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
}
const N = option('n', 1e5);
const REPS = option('reps', 3);
const THREADS = option('threads', 2);

/** User + system CPU seconds of a process, from /proc (Linux). */
function cpuOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}
const selfCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

function cloud(n, seed) {
  let s = seed;
  const data = new Float32Array(n * 3);
  for (let k = 0; k < data.length; k++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    data[k] = s / 2 ** 32;
  }
  return tensor(data, [n, 3]);
}

configure({ threads: THREADS });
const X = cloud(N, 1);
const Y = cloud(N, 2);
const B = tensor(new Float32Array(N).map((_, k) => Math.sin(k)), [N, 1]);
const K = Vi(X).sqdist(Vj(Y)).mul(-0.5).exp().mul(Vj(B));

try {
  const redis = await startRedis();
  const worker = await startWorker(redis.url, { threads: THREADS, lockMs: 30000 });
  const cluster = await connect(redis.url);

  const time = async (label, run, pids) => {
    const cpu0 = selfCpu() + pids.reduce((a, p) => a + cpuOf(p), 0);
    const t0 = performance.now();
    const out = await run();
    const wall = (performance.now() - t0) / 1000;
    const cpu = selfCpu() + pids.reduce((a, p) => a + cpuOf(p), 0) - cpu0;
    console.log(`${label.padEnd(8)} wall ${wall.toFixed(2)} s   cpu ${cpu.toFixed(2)} s`);
    return { out, wall, cpu };
  };

  // Warm both (engine start, input upload and the worker's input cache), and check equality.
  const warmLocal = await K.sum(1);
  const warmCluster = await K.sum(1, { cluster });
  const same = Buffer.from(warmLocal.data.buffer).equals(Buffer.from(warmCluster.data.buffer));
  console.log(`N = M = ${N}, D = 3, float32, ${THREADS} threads each; cluster result bitwise equal to local: ${same}`);
  if (!same) throw new Error('the cluster result differs from the local one');

  const rows = [];
  for (let r = 0; r < REPS; r++) {
    const local = await time('local', () => K.sum(1), []);
    const remote = await time('cluster', () => K.sum(1, { cluster }), [worker.pid]);
    rows.push({ wallRatio: remote.wall / local.wall, cpuRatio: remote.cpu / local.cpu, local, remote });
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(`\nsame-run ratios cluster / local: wall ${rows.map((r) => r.wallRatio.toFixed(3)).join(', ')} (median ${median(rows.map((r) => r.wallRatio)).toFixed(3)});`
    + ` cpu ${rows.map((r) => r.cpuRatio.toFixed(3)).join(', ')} (median ${median(rows.map((r) => r.cpuRatio)).toFixed(3)})`);
  console.log(`shards per reduction: ${cluster.stats.shards / cluster.stats.reductions}; uploaded ${cluster.stats.uploadedBytes} bytes in all (inputs once, by content)`);
  await cluster.close();
} finally {
  await stopAll();
}
