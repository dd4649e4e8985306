// Benchmark: samplesLoss's default backend ('auto') against every explicit backend, forward +
// gradient, on the issue's workload:
//   samplesLoss('sinkhorn', { p: 2, blur: 0.05, scaling: 0.5, debias: true, backend })
//   -> await loss(X, Y) -> await value.backward()
// X: N points uniform in the unit cube [0, 1]^D, Y: N points uniform in [0.3, 0.9]^D (as
// bench/ot-sinkhorn.mjs), float32, D = 2 and 3, N = M from 100 to 10^5.
//
//   node bench/ot-backends.mjs [--max 10000] [--sizes 100,300,...] [--dims 2,3] [--reps r] [--full] [--bound]
//
// Each repetition makes a new loss (no potentials cached from the previous one). Repetitions:
// 15 up to N = 300, 7 at 1000, 3 at 3000, 1 above (--reps sets them all); up to N = 1000 they
// go on, up to 200, until every backend has been timed for MIN_SECONDS (calls of 4-12 ms at
// N = 100: 15 of them gave medians 0.9-1.35x apart between two runs of the same choice). Up to N = 1000 every
// backend is first called once untimed: calls of 5-20 ms there get 2-5x faster over the first
// tens of calls of a routine in a process (V8's tiers, the workers' caches), and 5 timed
// repetitions without that warm-up made the median a matter of which backend ran first. 'tensorized' is skipped above
// N = 5000 and 'online' at N = 10^5 unless --full (hours of host loops / ~30 min of CPU).
// --bound gives those skipped a measured lower bound instead (labelled "≥" in the table): the
// forward pass's R = 4 (len(epsList) + 2) softmins (bench/ot-lower-bound.mjs), each timed at
// the full size for 'online' (the least of 2 full reductions of the routine's formula), on a
// block of 1000 rows scaled by N / 1000 for 'tensorized' (its cost matrix at the coldest
// temperature, where the pass skips every exponential but the row's largest, plus its 4
// builds); the backward is not counted.
// The backends run in turn within each repetition, in a rotated order (a change of load hits
// all of them). 'auto'
// is called once, untimed, before the timed runs of each size: its first call in a process
// measures the engine (backend-calibration.ts), reported apart as "first call". Above 10^4
// points that call is made on the first 10^4 points of each cloud (the calibration stops at
// 1024-point measurements, so a larger call measures nothing more, and multiscale at 10^5 in
// 3-D takes minutes).
//
// Prints a markdown table (min / median of forward + backward, ms, and the ratio of auto's
// median to the fastest explicit backend's median) and writes bench/results/ot-backends.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, samplesLoss, engineInfo } from '../build/src/index.js';
import { option, flag, positiveNumber, lcg, printHeader, cpuWindow, machine, median, RESULTS_DIR } from './common.mjs';
import { onlineLowerBound, tensorizedLowerBound } from './ot-lower-bound.mjs';

const SIZES = option('sizes', '100,300,1000,3000,10000,30000,100000').split(',').map((n) => positiveNumber('sizes', n, { integer: true }));
const max = positiveNumber('max', option('max', '10000'), { integer: true });
const dims = option('dims', '2,3').split(',').map((d) => positiveNumber('dims', d, { integer: true }));
const repsOption = option('reps');
const full = flag('full');
const bound = flag('bound');
const BACKENDS = ['auto', 'tensorized', 'online', 'multiscale'];

printHeader(`ot-backends: debiased Sinkhorn (p=2, blur 0.05, scaling 0.5) + gradient, float32, 'auto' vs every explicit backend, N = M up to ${max}${full ? ' (--full)' : ''}`);

function clouds(N, D) {
  const rand = lcg(42);
  const X = tensor(Float32Array.from({ length: N * D }, rand), [N, D], { requiresGrad: true });
  const Y = tensor(Float32Array.from({ length: N * D }, () => 0.3 + 0.6 * rand()), [N, D]);
  return { X, Y };
}

/** Seconds of one forward + backward with a fresh loss; the backend it ran on. */
async function once(backend, X, Y) {
  const loss = samplesLoss('sinkhorn', { p: 2, blur: 0.05, scaling: 0.5, debias: true, backend });
  X.grad = null;
  const t0 = performance.now();
  const value = await loss(X, Y);
  const t1 = performance.now();
  await value.backward();
  const t2 = performance.now();
  return { forward: (t1 - t0) / 1000, total: (t2 - t0) / 1000, value: value.item(), ran: loss.lastBackend, reason: loss.lastChoice.reason };
}

function skipReason(backend, N) {
  if (full) return null;
  if (backend === 'tensorized' && N > 5000) return 'skipped (host loops above N = 5000; --full)';
  if (backend === 'online' && N >= 100000) return 'skipped (N = 10^5; --full)';
  return null;
}

/** Up to N = 1000, repetitions go on until every backend has been timed this long (at most MAX_REPS). */
const MIN_SECONDS = 2;
const MAX_REPS = 200;

const rows = [];
const monitor = cpuWindow();
for (const D of dims) {
  for (const N of SIZES.filter((n) => n <= max)) {
    const reps = repsOption ? positiveNumber('reps', repsOption, { integer: true }) : N <= 300 ? 15 : N <= 1000 ? 7 : N <= 3000 ? 3 : 1;
    const { X, Y } = clouds(N, D);
    const row = { D, N, reps, cases: {} };
    const active = BACKENDS.filter((backend) => {
      const skip = skipReason(backend, N);
      if (skip) row.cases[backend] = { skipped: skip };
      return !skip;
    });
    if (bound) {
      for (const backend of ['online', 'tensorized']) {
        if (!row.cases[backend]?.skipped) continue;
        const window = cpuWindow();
        const b = await (backend === 'online' ? onlineLowerBound : tensorizedLowerBound)(X.detach(), Y);
        row.cases[backend] = { lowerBound: b.seconds, method: b.method, foreignCores: window().foreignCores };
        console.log(`D=${D} N=${N} ${backend}: at least ${b.seconds.toFixed(1)} s (${b.method}), other processes ${row.cases[backend].foreignCores.toFixed(2)} cores`);
      }
    }
    // The first call of 'auto' at this size (its engine measurements, when new, included).
    const firstN = Math.min(N, 10000);
    const first = firstN === N ? await once('auto', X, Y) : await once('auto', tensor(X.data.slice(0, firstN * D), [firstN, D], { requiresGrad: true }), tensor(Y.data.slice(0, firstN * D), [firstN, D]));
    row.firstN = firstN;
    // The warm-up round (see the header), untimed.
    if (N <= 1000) for (const backend of active) await once(backend, X, Y);
    // Backends interleaved within each repetition: a change of the machine's load hits them all.
    const runs = Object.fromEntries(active.map((b) => [b, []]));
    const foreign = Object.fromEntries(active.map((b) => [b, []]));
    const timedEnough = () => active.every((b) => runs[b].reduce((t, q) => t + q.total, 0) >= MIN_SECONDS);
    for (let r = 0; r < reps || (!repsOption && N <= 1000 && r < MAX_REPS && !timedEnough()); r++) {
      // A different order in each repetition: what one backend leaves behind (garbage, a
      // colder cache) falls on a different next one.
      for (const backend of active.map((_, k) => active[(k + r) % active.length])) {
        const window = cpuWindow();
        runs[backend].push(await once(backend, X, Y));
        foreign[backend].push(window().foreignCores);
      }
    }
    row.reps = runs[active[0]].length;
    for (const backend of active) {
      const totals = runs[backend].map((r) => r.total);
      const c = runs[backend][0];
      row.cases[backend] = {
        min: Math.min(...totals), median: median(totals), forwardMedian: median(runs[backend].map((r) => r.forward)),
        value: c.value, ran: c.ran, reason: c.reason, firstCall: backend === 'auto' ? first.total : null, foreignCores: median(foreign[backend]),
      };
      console.log(`D=${D} N=${N} ${backend}${backend === 'auto' ? ` (-> ${c.ran})` : ''}: min ${(row.cases[backend].min * 1000).toFixed(1)} ms, median ${(row.cases[backend].median * 1000).toFixed(1)} ms, value ${c.value.toPrecision(6)}, other processes ${row.cases[backend].foreignCores.toFixed(2)} cores${backend === 'auto' ? `\n  ${c.reason}` : ''}`);
    }
    const explicit = BACKENDS.slice(1).map((b) => row.cases[b]).filter((c) => c && c.median !== undefined);
    row.fastest = Math.min(...explicit.map((c) => c.median));
    // A lower bound below the fastest median leaves the fastest backend unknown.
    row.boundBelowFastest = BACKENDS.slice(1).some((b) => row.cases[b]?.lowerBound < row.fastest);
    row.ratio = row.cases.auto.median / row.fastest;
    rows.push(row);
  }
}
const cpu = monitor();

const ms = (s) => (s >= 10 ? `${s.toFixed(1)} s` : `${(s * 1000).toFixed(s >= 1 ? 0 : 1)} ms`);
const cell = (c) => (c.lowerBound !== undefined ? `≥ ${ms(c.lowerBound)} (lower bound)` : c.skipped ? c.skipped : `${ms(c.min)} / ${ms(c.median)}`);
const lines = [
  '| D | N = M | reps | auto (picked) | tensorized | online | multiscale | auto / fastest | other processes (cores) |',
  '|---:|---:|---:|---|---|---|---|---:|---:|',
  ...rows.map((r) => `| ${r.D} | ${r.N} | ${r.reps} | ${cell(r.cases.auto)} (${r.cases.auto.ran}) | ${cell(r.cases.tensorized)} | ${cell(r.cases.online)} | ${cell(r.cases.multiscale)} | ${r.ratio.toFixed(2)}${r.boundBelowFastest ? ' (a bound is lower)' : ''} | ${r.cases.auto.foreignCores.toFixed(2)} |`),
];
console.log('\nforward + backward, min / median:\n');
console.log(lines.join('\n'));
console.log(`\nfirst call of 'auto' (engine measurements included): ${rows.map((r) => `D=${r.D} N=${r.N} ${ms(r.cases.auto.firstCall)}${r.firstN !== r.N ? ` (on ${r.firstN} points)` : ''}`).join(', ')}`);
console.log(`this process used ${cpu.ownCores.toFixed(2)} cores on average; other processes ${cpu.foreignCores.toFixed(2)} cores`);

mkdirSync(RESULTS_DIR, { recursive: true });
const file = join(RESULTS_DIR, 'ot-backends.json');
writeFileSync(file, JSON.stringify({ workload: { p: 2, blur: 0.05, scaling: 0.5, debias: true, dtype: 'float32', max, dims, full, bound }, rows, table: lines, ownCores: cpu.ownCores, foreignCores: cpu.foreignCores, engine: await engineInfo(), machine: machine() }, null, 1));
console.log(`wrote ${file}`);
process.exit(0);
