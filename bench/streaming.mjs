// Reductions larger than the engine heap: a Gaussian sum over M = 2 x 10^8 float32 3-D points
// (2.4 GB of input, more than the 1 GiB one reduction may hold) against N = 10^3, streamed
// through the heap in column blocks, against the in-heap rate of the same reduction.
//
//   node bench/streaming.mjs [--n 1000] [--m-big 200000000] [--m 20000000] [--rounds 3] [--threads T]
//
// 1. Paired rounds at M = --m (fits in the heap): the in-heap run (input copied to the heap on
//    each call: a fresh tensor, so no cache hit, as the streamed path copies every block) and
//    the same reduction forced to stream (configure({ blockBytes }) a quarter of its input),
//    back to back, order alternating; their ratio per round (the host drifts over minutes).
// 2. The big run at M = --m-big (2.4 GB), once, with its rate against the in-heap rate of the
//    rounds around it. Skipped with --m-big 0.
// Results: pairs per second; the ratio streamed / in-heap (target: at least 0.8).
import { tensor, Vi, Vj, configure, engineInfo } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { option, positiveNumber, printHeader, median } from './common.mjs';

const N = positiveNumber('n', option('n', '1000'), { integer: true });
const M = positiveNumber('m', option('m', '20000000'), { integer: true });
const M_BIG = Number(option('m-big', '200000000'));
const ROUNDS = positiveNumber('rounds', option('rounds', '3'), { integer: true });
const threads = option('threads');
if (threads) configure({ threads: Number(threads) });

printHeader('streaming: reductions larger than the engine heap');
const info = await engineInfo();
console.log(`engine: ${info.mode}, ${info.threads} thread(s); N = ${N}, paired M = ${M}, big M = ${M_BIG}`);

function points(n, seed) {
  const data = new Float32Array(n * 3);
  let s = seed >>> 0;
  for (let k = 0; k < data.length; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[k] = s / 4294967296;
  }
  return data;
}

const X = tensor(points(N, 1), [N, 3]);
const gaussian = (Y) => Vi(X).sqdist(Vj(Y)).mul(-8).exp().sum(1);

/** Seconds for one Gaussian sum over `data` (a fresh tensor each call: no cached copy), and whether it streamed. */
async function timeOnce(data, m) {
  const engine = await getWasmEngine();
  const before = engine.stats.streamed;
  const Y = tensor(data, [m, 3]);
  const t0 = performance.now();
  const out = await gaussian(Y);
  const seconds = (performance.now() - t0) / 1000;
  if (!Number.isFinite(out.data[0])) throw new Error('non-finite result');
  return { seconds, streamed: engine.stats.streamed > before, first: out.data[0] };
}

const data = points(M, 2);
const inputBytes = data.byteLength;
const streamBudget = Math.max(2 ** 20, Math.floor(inputBytes / 4));
const inHeap = async () => { configure({ blockBytes: 2 ** 30 }); return timeOnce(data, M); };
const streamed = async () => { configure({ blockBytes: streamBudget }); return timeOnce(data, M); };

await inHeap(); // warm-up: engine start, pool, TurboFan
const ratios = [];
const heapRates = [];
console.log(`\npaired rounds, M = ${M} (${(inputBytes / 1e6).toFixed(0)} MB of input; streamed with blockBytes ${streamBudget})`);
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? [inHeap, streamed] : [streamed, inHeap];
  const results = [];
  for (const run of order) results.push(await run());
  const [h, s] = r % 2 === 0 ? results : [results[1], results[0]];
  if (h.streamed || !s.streamed) throw new Error(`round ${r}: expected in-heap then streamed, got streamed=${h.streamed}/${s.streamed}`);
  if (Math.abs(h.first - s.first) > 1e-4 * Math.abs(h.first)) throw new Error(`round ${r}: results differ (${h.first} vs ${s.first})`);
  const rh = (N * M) / h.seconds;
  const rs = (N * M) / s.seconds;
  heapRates.push(rh);
  ratios.push(rs / rh);
  console.log(`  round ${r + 1}: in-heap ${h.seconds.toFixed(2)} s (${(rh / 1e6).toFixed(0)} Mpairs/s), streamed ${s.seconds.toFixed(2)} s (${(rs / 1e6).toFixed(0)} Mpairs/s), ratio ${(rs / rh).toFixed(3)}`);
}
console.log(`  median ratio streamed / in-heap: ${median(ratios).toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)})`);

if (M_BIG > 0) {
  configure({ blockBytes: 2 ** 30 });
  console.log(`\nbig run: M = ${M_BIG} (${(M_BIG * 12 / 1e9).toFixed(2)} GB of float32 input, default blockBytes 1 GiB)`);
  const big = points(M_BIG, 3);
  const before = await inHeap();
  const b = await timeOnce(big, M_BIG);
  const after = await inHeap();
  const rb = (N * M_BIG) / b.seconds;
  const around = [(N * M) / before.seconds, (N * M) / after.seconds];
  console.log(`  streamed: ${b.streamed}; ${b.seconds.toFixed(1)} s, ${(rb / 1e6).toFixed(0)} Mpairs/s`);
  console.log(`  in-heap before / after (M = ${M}): ${around.map((r) => (r / 1e6).toFixed(0)).join(' / ')} Mpairs/s`);
  console.log(`  ratio big streamed / mean in-heap around it: ${(rb / ((around[0] + around[1]) / 2)).toFixed(3)}`);
}
process.exit(0);
