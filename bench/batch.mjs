// Batch axes: one batched reduction against one unbatched reduction of the same number of
// pairs, and against a loop of unbatched calls (one per batch). The Gaussian matvec
// sum_j exp(-|x_i - y_j|^2 / 2) b_j, float32, D = 3: batched [B, N, 3] x [B, M, 3] with
// B = 64, N = M = 2000, against N = M = 2000 x sqrt(64) = 16000 unbatched (the same 2.56e8 pairs).
// The batched reduction must run at least 0.8x as fast per pair as the unbatched one (issue 18).
//
//   node tools/build.mjs && node bench/batch.mjs [--b 64] [--n 2000] [--threads 2] [--rounds 6] [--samples 4] [--no-loop] [--wait-idle]
//
// Same process, same engine (--threads workers, shared memory), after one untimed call of each
// case (workers started, inputs copied into the engine's cache). Batched and single calls
// alternate ABBA (batched, single, single, batched, ...); each adjacent pair of calls gives a
// ratio of per-pair throughput, and the figure is the median of those ratios (the host's
// speed drifts over minutes, and other processes share the 2 cores). The loop of calls is
// timed once per round, for reference.
import { configure, engineInfo, shutdown, tensor, Vi, Vj } from '../build/src/index.js';
import { getWasmEngine } from '../build/src/api/engine.js';
import { option, flag, positiveNumber, lcg, machine, waitIdle, median } from './common.mjs';

const B = positiveNumber('b', option('b', '64'), { integer: true });
const N = positiveNumber('n', option('n', '2000'), { integer: true });
const THREADS = positiveNumber('threads', option('threads', '2'), { integer: true });
const ROUNDS = positiveNumber('rounds', option('rounds', '6'), { integer: true });
const SAMPLES = positiveNumber('samples', option('samples', '4'), { integer: true });
const LOOP = !flag('no-loop');
/** The unbatched reduction with the same pairs: N x sqrt(B) on each axis. */
const NS = Math.round(N * Math.sqrt(B));

function cloud(shape, seed) {
  const next = lcg(seed);
  return tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => next()), shape);
}
const matvec = (x, y, b) => Vi(x).sqdist(Vj(y)).mul(-0.5).exp().mul(Vj(b)).sum(1);

const Xb = cloud([B, N, 3], 1), Yb = cloud([B, N, 3], 2), Bb = cloud([B, N, 1], 3);
const Xs = cloud([NS, 3], 4), Ys = cloud([NS, 3], 5), Bs = cloud([NS, 1], 6);
// The loop of unbatched calls reads the same data as the batched call, one batch per call.
const view = (t, b) => tensor(t.data.subarray(b * N * t.shape[2], (b + 1) * N * t.shape[2]), [N, t.shape[2]]);
const Xl = Array.from({ length: B }, (_, b) => view(Xb, b)), Yl = Array.from({ length: B }, (_, b) => view(Yb, b)), Bl = Array.from({ length: B }, (_, b) => view(Bb, b));

const CASES = {
  batched: () => matvec(Xb, Yb, Bb),
  single: () => matvec(Xs, Ys, Bs),
  loop: async () => {
    const out = [];
    for (let b = 0; b < B; b++) out.push(await matvec(Xl[b], Yl[b], Bl[b]));
    return out;
  },
};

configure({ threads: THREADS });
const info = await engineInfo();
const pairs = B * N * N;
console.log(`batch axes: Gaussian matvec, float32, D = 3: batched B = ${B}, N = M = ${N} against one N = M = ${NS} (${(pairs / 1e6).toFixed(0)} vs ${(NS * NS / 1e6).toFixed(0)} Mpairs)${LOOP ? ` and a loop of ${B} calls` : ''}; ${info.threads} threads (${info.memory} memory)`);
console.log(`machine: ${JSON.stringify(machine())}`);

// Correctness first: the batched result against the loop of unbatched calls.
const batched = await CASES.batched();
const looped = await CASES.loop();
let maxErr = 0;
looped.forEach((r, b) => r.data.forEach((v, i) => (maxErr = Math.max(maxErr, Math.abs(v - batched.data[b * N + i]) / Math.max(1e-30, Math.abs(v))))));
console.log(`batched vs loop of unbatched calls: max rel. difference ${maxErr.toExponential(2)}`);
await CASES.single();

const engine = await getWasmEngine();
const stats0 = { ...engine.stats };
const timeOne = async (name) => {
  const t = performance.now();
  await CASES[name]();
  return performance.now() - t;
};
// ABBA within each round (batched, single, single, batched): each adjacent pair of calls
// gives one ratio, so that a drift of the host's speed between calls cancels out.
const rounds = [];
for (let r = 0; r < ROUNDS; r++) {
  if (flag('wait-idle')) await waitIdle();
  const row = { batched: [], single: [], ratios: [], loop: NaN };
  for (let s = 0; s < SAMPLES; s++) {
    const order = (r + s) % 2 === 0 ? ['batched', 'single'] : ['single', 'batched'];
    const ms = {};
    for (const name of order) ms[name] = await timeOne(name);
    row.batched.push(ms.batched);
    row.single.push(ms.single);
    row.ratios.push((pairs / ms.batched) / ((NS * NS) / ms.single));
  }
  if (LOOP) row.loop = await timeOne('loop');
  rounds.push(row);
  const gps = (p, t) => (p / t / 1e6).toFixed(3);
  const mb = median(row.batched), ms = median(row.single);
  console.log(`round ${r + 1}: batched ${mb.toFixed(1)} ms (${gps(pairs, mb)} Gpairs/s), single ${ms.toFixed(1)} ms (${gps(NS * NS, ms)} Gpairs/s)`
    + `${LOOP ? `, loop of ${B} calls ${row.loop.toFixed(1)} ms (${gps(pairs, row.loop)} Gpairs/s)` : ''}; per-pair throughput batched / single, per pair of calls: ${row.ratios.map((x) => x.toFixed(3)).join(' ')}`);
}
const all = rounds.flatMap((r) => r.ratios);
const sorted = [...all].sort((a, b) => a - b);
const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
console.log(`median per-pair throughput batched / single over ${all.length} ABBA pairs: ${median(all).toFixed(3)} (quartiles ${q(0.25).toFixed(3)} - ${q(0.75).toFixed(3)}, range ${sorted[0].toFixed(3)} - ${sorted[sorted.length - 1].toFixed(3)}); `
  + `median times: batched ${median(rounds.flatMap((r) => r.batched)).toFixed(1)} ms, single ${median(rounds.flatMap((r) => r.single)).toFixed(1)} ms${LOOP ? `, loop ${median(rounds.map((r) => r.loop)).toFixed(1)} ms` : ''}; `
  + `engine: ${engine.stats.batched - stats0.batched} batched runs, ${engine.stats.pooled - stats0.pooled} pooled jobs`);
await shutdown();
