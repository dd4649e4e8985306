// Separate-memory workers (the pool for pages that are not cross-origin isolated: each worker
// has its own memory and is copied its inputs) against the shared-memory pool, same process,
// same thread count: the Gaussian matvec sum_j exp(-|x_i - y_j|^2 / 2) b_j, float32, D = 3,
// N = M = 2e4 by default. Also the calling thread's event loop during a ~2 s reduction on the
// separate workers: the share of 10 ms timer ticks that fire.
//
//   node tools/build.mjs && node bench/separate-memory.mjs [--n 20000] [--m N] [--threads 2] [--rounds 5] [--samples 5]
//
// Each round restarts the engine in one mode, then the other (the order alternating), runs one
// untimed call (workers started, inputs copied), then times --samples calls: the steady state of
// a repeated reduction, where the separate workers hold their inputs already. The per-round
// ratios' median is the figure (the host's speed drifts over minutes). The first, copying call
// of the separate pool is timed too.
import { configure, engineInfo, shutdown, tensor, Vi, Vj } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { option, positiveNumber, lcg, machine } from './common.mjs';

const N = positiveNumber('n', option('n', '20000'), { integer: true });
const M = positiveNumber('m', option('m', String(N)), { integer: true });
const THREADS = positiveNumber('threads', option('threads', '2'), { integer: true });
const ROUNDS = positiveNumber('rounds', option('rounds', '5'), { integer: true });
const SAMPLES = positiveNumber('samples', option('samples', '5'), { integer: true });

function cloud(n, d, seed) {
  const next = lcg(seed);
  return tensor(Float32Array.from({ length: n * d }, () => next()), [n, d]);
}

const X = cloud(N, 3, 1), Y = cloud(M, 3, 2), B = cloud(M, 1, 3);
const matvec = (x = X, y = Y, b = B) => Vi(x).sqdist(Vj(y)).mul(-0.5).exp().mul(Vj(b)).sum(1);

async function start(memory) {
  if (memory === 'separate') process.env.LAZYKERNEL_WORKER_MEMORY = 'separate';
  else delete process.env.LAZYKERNEL_WORKER_MEMORY;
  configure({ threads: THREADS });
  const info = await engineInfo();
  if (info.memory !== memory || info.threads !== THREADS) throw new Error(`asked for ${memory} x ${THREADS}, got ${info.memory} x ${info.threads}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeMode(memory) {
  await start(memory);
  const t0 = performance.now();
  const first = await matvec();
  const firstMs = performance.now() - t0;
  const times = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t = performance.now();
    await matvec();
    times.push(performance.now() - t);
  }
  return { first, firstMs, ms: median(times) };
}

console.log(`separate vs shared worker memory: Gaussian matvec, float32, D = 3, N = ${N}, M = ${M}, ${THREADS} threads`);
console.log(`machine: ${JSON.stringify(machine())}`);
const rounds = [];
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? ['shared', 'separate'] : ['separate', 'shared'];
  const res = {};
  for (const memory of order) res[memory] = await timeMode(memory);
  let maxErr = 0;
  for (let k = 0; k < N; k++) maxErr = Math.max(maxErr, Math.abs(res.shared.first.data[k] - res.separate.first.data[k]) / Math.abs(res.shared.first.data[k]));
  const pairs = N * M / 1e9;
  const row = {
    shared: res.shared.ms, separate: res.separate.ms, separateFirst: res.separate.firstMs,
    ratio: res.shared.ms / res.separate.ms, maxErr,
  };
  rounds.push(row);
  console.log(`round ${r + 1}: shared ${row.shared.toFixed(1)} ms (${(pairs / row.shared * 1e3).toFixed(2)} Gpairs/s), separate ${row.separate.toFixed(1)} ms `
    + `(${(pairs / row.separate * 1e3).toFixed(2)} Gpairs/s; first call ${row.separateFirst.toFixed(1)} ms), throughput separate/shared ${row.ratio.toFixed(3)}, max rel. diff ${maxErr.toExponential(1)}`);
}
console.log(`median throughput ratio separate/shared: ${median(rounds.map((r) => r.ratio)).toFixed(3)} `
  + `(shared ${median(rounds.map((r) => r.shared)).toFixed(1)} ms, separate ${median(rounds.map((r) => r.separate)).toFixed(1)} ms)`);

// The event loop during a long reduction on the separate workers.
await start('separate');
const engine = await getWasmEngine();
const Mlong = Math.round(M * Math.max(1, 2000 / median(rounds.map((r) => r.separate))));
const Yl = cloud(Mlong, 3, 4), Bl = cloud(Mlong, 1, 5);
const copied0 = engine.stats.copiedBytes;
let ticks = 0;
const timer = setInterval(() => ticks++, 10);
const t0 = performance.now();
await matvec(X, Yl, Bl);
const ms = performance.now() - t0;
clearInterval(timer);
console.log(`event loop during a ${ms.toFixed(0)} ms reduction (M = ${Mlong}) on the separate workers: ${ticks} of ${Math.floor(ms / 10)} 10 ms ticks fired `
  + `(${(100 * ticks / Math.floor(ms / 10)).toFixed(1)} %); ${((engine.stats.copiedBytes - copied0) / 2 ** 20).toFixed(2)} MiB copied to the workers`);
await shutdown();
