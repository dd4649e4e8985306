// Worker pool benchmark: lazykernel on 2 threads (worker pool on shared wasm memory) against
// 1 thread (the calling thread), the hand-fused AssemblyScript kernel on one thread (Gaussian
// matvec D=3 only) and a naive JavaScript loop, float32, N = M = 10^5 by default. Formulas:
//
//   matvec3   sum_j exp(-|x_i - y_j|^2 / (2 s^2)) b_j, D = 3, s = 0.5 (also the fused kernel)
//   lse       log sum_j exp(-|x_i - y_j|^2 / (2 s^2)), D = 3, s = 0.5 (the Sinkhorn workhorse)
//   knn       argKmin over j of |x_i - y_j|^2, K = 10, D = 3 (k-nearest neighbours)
//   matvec16  the Gaussian matvec in D = 16, s = 1
//
// The naive loop at 10^10 pairs would take minutes, so it runs on the first --naive-rows rows
// (500) against all M columns, and the comparison is per pair (pairs per second).
//
//   node tools/build.mjs && node bench/threads.mjs --formula matvec3 [--wait-idle]
//   options: --formula matvec3|lse|knn|matvec16|all (default all, about 6 minutes),
//            --n N (rows, 100000), --m M (columns, = N), --naive-rows R (500),
//            --samples S (samples of each lazykernel/fused case, 2), --wait-idle (wait until
//            the 1-minute load average is below --idle-load, 0.7, before each suite),
//            --paired P (rounds of paired samples, 3; 0 skips them)
//
// The host's speed drifts by 10-30 % over minutes, and the suites run one after another, so
// their ratios can mix a fast minute with a slow one. After the suites, P rounds time one run of
// each case back to back (the order rotating), and the ratios are also given per round: their
// median is the drift-resistant figure.
//
// Before timing, every implementation is checked against the naive loop on the naive rows; after
// timing, the full-size results of 1 and 2 threads (and the fused kernel) are compared.
// Each timed lazykernel run includes building the formula, finding its tape in the cache and
// (first sample only) copying the inputs into wasm memory. Before each mode's suite, an untimed
// run on the naive rows starts the engine (and its workers) and lets V8 tier the wasm up.
import b from 'benny';
import { writeFileSync, mkdirSync } from 'node:fs';
import { configure, engineInfo, tensor, Vi, Vj } from '../build/src/index.js';
import {
  option, positiveNumber, lcg, printHeader, waitIdle, caseMonitor, makeGate, caseStats, makeFused,
  maxRelativeError, fmt, machine, RESULTS_DIR, pinEngineModules, configureEngine,
} from './common.mjs';

pinEngineModules();

const N = positiveNumber('n', option('n', '100000'), { integer: true });
const M = positiveNumber('m', option('m', String(N)), { integer: true });
const R = Math.min(N, positiveNumber('naive-rows', option('naive-rows', '500'), { integer: true }));
const SAMPLES = positiveNumber('samples', option('samples', '2'), { integer: true });
const WHICH = option('formula', 'all');
const K = 10;
const PAIRED = option('paired', '3') === '0' ? 0 : positiveNumber('paired', option('paired', '3'), { integer: true });
const TOLERANCE = 1e-4;

// ------------------------------------------------------------------------------------------------
// naive JavaScript, as a user would write it (rows [0, rows) only)
// ------------------------------------------------------------------------------------------------

function naiveMatvec(x, y, w, rows, m, d, sigma) {
  const out = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) {
        const diff = x[i * d + k] - y[j * d + k];
        r2 += diff * diff;
      }
      s += Math.exp(-r2 / (2 * sigma * sigma)) * w[j];
    }
    out[i] = s;
  }
  return out;
}

/** The stable log-sum-exp: exponents of a row into a buffer, their max, then the shifted sum. */
function naiveLogsumexp(x, y, rows, m, d, sigma) {
  const out = new Float32Array(rows);
  const v = new Float64Array(m);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) {
        const diff = x[i * d + k] - y[j * d + k];
        r2 += diff * diff;
      }
      v[j] = -r2 / (2 * sigma * sigma);
      if (v[j] > max) max = v[j];
    }
    let s = 0;
    for (let j = 0; j < m; j++) s += Math.exp(v[j] - max);
    out[i] = max + Math.log(s);
  }
  return out;
}

/** k-NN by insertion into a sorted list of the K best. */
function naiveArgKmin(x, y, rows, m, d, kk) {
  const out = new Int32Array(rows * kk);
  const best = new Float64Array(kk);
  const idx = new Int32Array(kk);
  for (let i = 0; i < rows; i++) {
    best.fill(Infinity);
    idx.fill(-1);
    for (let j = 0; j < m; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) {
        const diff = x[i * d + k] - y[j * d + k];
        r2 += diff * diff;
      }
      if (r2 < best[kk - 1]) {
        let p = kk - 1;
        while (p > 0 && best[p - 1] > r2) {
          best[p] = best[p - 1];
          idx[p] = idx[p - 1];
          p--;
        }
        best[p] = r2;
        idx[p] = j;
      }
    }
    out.set(idx, i * kk);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// formulas
// ------------------------------------------------------------------------------------------------

const FORMULAS = {
  matvec3: {
    title: 'Gaussian kernel matvec, D = 3, sigma = 0.5',
    d: 3, sigma: 0.5, fused: true, kind: 'values',
    lazy: (t) => Vi(t.X).sqdist(Vj(t.Y)).mul(-1 / (2 * 0.5 ** 2)).exp().mul(Vj(t.B)).sum(1),
    naive: (a, rows) => naiveMatvec(a.X, a.Y, a.B, rows, a.M, 3, 0.5),
  },
  lse: {
    title: 'logsumexp_j(-|x_i - y_j|^2 / (2 sigma^2)), D = 3, sigma = 0.5',
    d: 3, sigma: 0.5, fused: false, kind: 'values',
    lazy: (t) => Vi(t.X).sqdist(Vj(t.Y)).mul(-1 / (2 * 0.5 ** 2)).logsumexp(1),
    naive: (a, rows) => naiveLogsumexp(a.X, a.Y, rows, a.M, 3, 0.5),
  },
  knn: {
    title: `argKmin_j |x_i - y_j|^2, K = ${K}, D = 3`,
    d: 3, fused: false, kind: 'knn',
    lazy: (t) => Vi(t.X).sqdist(Vj(t.Y)).argKmin(K, 1),
    naive: (a, rows) => naiveArgKmin(a.X, a.Y, rows, a.M, 3, K),
  },
  matvec16: {
    title: 'Gaussian kernel matvec, D = 16, sigma = 1',
    d: 16, sigma: 1, fused: false, kind: 'values',
    lazy: (t) => Vi(t.X).sqdist(Vj(t.Y)).mul(-1 / (2 * 1 ** 2)).exp().mul(Vj(t.B)).sum(1),
    naive: (a, rows) => naiveMatvec(a.X, a.Y, a.B, rows, a.M, 16, 1),
  },
};

const names = WHICH === 'all' ? Object.keys(FORMULAS) : WHICH.split(',');
for (const name of names) {
  if (!FORMULAS[name]) {
    console.error(`--formula must be one of ${Object.keys(FORMULAS).join(', ')} or all, received ${JSON.stringify(name)}`);
    process.exit(2);
  }
}

/** How far result `a` is from the naive `ref`, by the formula's own measure. */
function discrepancy(f, a, ref, arrays, rows) {
  if (f.kind === 'values') return maxRelativeError(a, ref);
  // k-NN: the squared distances (float64) of the chosen neighbours, sorted, against the naive's;
  // near-ties may legitimately swap indices.
  const { X, Y } = arrays;
  const dist = (i, j) => {
    let r2 = 0;
    for (let k = 0; k < 3; k++) { const diff = X[i * 3 + k] - Y[j * 3 + k]; r2 += diff * diff; }
    return r2;
  };
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    const mine = Array.from(a.subarray(i * K, i * K + K), (j) => (j < 0 ? Infinity : dist(i, j))).sort((p, q) => p - q);
    const theirs = Array.from(ref.subarray(i * K, i * K + K), (j) => dist(i, j));
    for (let k = 0; k < K; k++) {
      const e = Math.abs(mine[k] - theirs[k]) / Math.max(theirs[k], 1e-12);
      if (!(e <= worst)) worst = e;
    }
  }
  return worst;
}

function identical(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

// ------------------------------------------------------------------------------------------------
// one formula: checks, then one suite per engine mode
// ------------------------------------------------------------------------------------------------

async function benchFormula(name) {
  const f = FORMULAS[name];
  const D = f.d;
  const rand = lcg(20240601);
  const arrays = {
    X: new Float32Array(N * D).map(rand),
    Y: new Float32Array(M * D).map(rand),
    B: new Float32Array(M).map(rand),
    M,
  };
  const full = { X: tensor(arrays.X, [N, D]), Y: tensor(arrays.Y, [M, D]), B: tensor(arrays.B, [M, 1]) };
  const sub = { X: tensor(arrays.X.slice(0, R * D), [R, D]), Y: full.Y, B: full.B };
  const pairs = N * M;
  const naivePairs = R * M;
  console.log(`\n=== ${name}: ${f.title}, float32, N = ${N}, M = ${M} (${pairs.toExponential(2)} pairs); naive JS on ${R} rows (${naivePairs.toExponential(2)} pairs)`);

  const run = async (t) => {
    const r = await f.lazy(t);
    return r.data;
  };
  const ref = f.naive(arrays, R);
  const fused = f.fused ? makeFused(arrays.X, arrays.Y, arrays.B, N, M, 1 / (2 * f.sigma ** 2)) : null;
  if (fused) {
    const e = discrepancy(f, fused(R), ref, arrays, R);
    console.log(`  check fused kernel vs naive (${R} rows): ${e.toExponential(2)}`);
    if (!(e < TOLERANCE)) throw new Error('the fused kernel disagrees with the naive loop');
  }

  const NAMES = {
    t1: `lazykernel 1 thread (N=${N})`,
    t2: `lazykernel 2 threads (N=${N})`,
    fused: `hand-fused kernel 1 thread (N=${N})`,
    naive: `naive JS (${R} rows)`,
  };
  const monitor = caseMonitor();
  const outputs = {};
  const suites = [];
  const info = {};
  let sink = 0;

  for (const threads of [1, 2]) {
    configureEngine(configure, { threads });
    info[threads] = await engineInfo();
    // Untimed: starts the engine and the workers, warms V8's wasm tiers, checks the result.
    const check = await run(sub);
    const e = discrepancy(f, check, ref, arrays, R);
    console.log(`  check lazykernel ${threads} thread(s) (${info[threads].mode}) vs naive (${R} rows): ${e.toExponential(2)}`);
    if (!(e < TOLERANCE)) throw new Error(`lazykernel on ${threads} thread(s) disagrees with the naive loop`);
    await waitIdle();

    const gate = makeGate();
    const key = threads === 1 ? 't1' : 't2';
    const cases = [
      b.add(NAMES[key], gate.case(async () => {
        monitor.enter(NAMES[key]);
        outputs[key] = await run(full);
        sink += outputs[key][0];
      }), { minSamples: SAMPLES, maxTime: 1 }),
    ];
    if (threads === 1 && fused) {
      cases.push(b.add(NAMES.fused, gate.case(async () => {
        monitor.enter(NAMES.fused);
        outputs.fused = fused();
        sink += outputs.fused[0];
      }), { minSamples: SAMPLES, maxTime: 1 }));
    }
    if (threads === 1) {
      cases.push(b.add(NAMES.naive, gate.case(async () => {
        monitor.enter(NAMES.naive);
        sink += f.naive(arrays, R)[0];
      }), { minSamples: 3, maxTime: 2 }));
    }
    suites.push(await b.suite(
      `${name} float32 N=${N} M=${M}, ${threads} thread${threads > 1 ? 's' : ''}`,
      b.configure({ minDisplayPrecision: 3 }),
      ...cases,
      gate.arm(),
      b.cycle(),
      b.complete(),
      b.save({ file: `threads-${name}-n${N}-t${threads}`, folder: RESULTS_DIR, format: 'json', details: true }),
    ));
    monitor.enter(null);
  }
  const windows = monitor.close();

  // ---- agreement of the full-size results ----
  const checks = {};
  checks['1 vs 2 threads identical'] = identical(outputs.t1, outputs.t2);
  if (f.kind === 'values') checks['1 vs 2 threads max rel error'] = maxRelativeError(outputs.t2, outputs.t1);
  if (fused) checks['1 thread vs fused max rel error'] = maxRelativeError(outputs.t1, outputs.fused);

  // ---- summary ----
  const stats = {};
  for (const [key, caseName] of Object.entries(NAMES)) {
    const summary = suites.find((s) => s.results.some((r) => r.name === caseName));
    if (!summary) continue;
    const s = caseStats(summary, caseName);
    const p = key === 'naive' ? naivePairs : pairs;
    stats[key] = { ...s, pairs: p, pairsPerSecond: p / s.mean, load: windows[caseName] };
  }
  console.log(`\nSummary ${name} (sink ${Number.isFinite(sink) ? 'ok' : sink}):`);
  for (const [key, s] of Object.entries(stats)) {
    console.log(
      `  ${NAMES[key].padEnd(38)} ${fmt.ms(s.mean).padStart(11)}/run  ±${s.rme.toFixed(2)}%  ${(s.pairsPerSecond / 1e9).toFixed(3).padStart(7)} Gpairs/s` +
      `  (${s.samples} samples; ${s.load ? fmt.load(s.load) : ''})`,
    );
  }
  const rate = Object.fromEntries(Object.entries(stats).map(([k, s]) => [k, s.pairsPerSecond]));
  const ratios = {
    '2 threads / 1 thread': rate.t2 / rate.t1,
    '1 thread / naive JS (per pair)': rate.t1 / rate.naive,
    '2 threads / naive JS (per pair)': rate.t2 / rate.naive,
  };
  if (fused) {
    ratios['1 thread / fused (thread for thread)'] = rate.t1 / rate.fused;
    ratios['2 threads / fused on 1 thread'] = rate.t2 / rate.fused;
    ratios['fused / naive JS (per pair)'] = rate.fused / rate.naive;
  }
  for (const [what, r] of Object.entries(ratios)) console.log(`  ${what.padEnd(38)} ${fmt.x(r)}`);
  // Under contention (other processes on the 2 cores), pairs per CPU-second of this process is
  // a projection of the uncontended rate: for a 1-thread case it is the rate it would have had on
  // a core of its own; 2 threads x the 2-thread case's figure projects the 2-thread rate.
  const perCpu = Object.fromEntries(Object.entries(stats).map(([k, s]) => [k, s.load ? s.pairsPerSecond / s.load.ownCores : NaN]));
  const projected = {
    '2 threads / 1 thread (CPU-normalised projection)': (2 * perCpu.t2) / perCpu.t1,
    '1 thread / naive JS (per CPU-second)': perCpu.t1 / perCpu.naive,
  };
  if (fused) {
    projected['1 thread / fused (per CPU-second)'] = perCpu.t1 / perCpu.fused;
    projected['2 threads / fused (CPU-normalised projection)'] = (2 * perCpu.t2) / perCpu.fused;
  }
  console.log(`  pairs per CPU-second of this process: ${Object.entries(perCpu).map(([k, v]) => `${k} ${(v / 1e9).toFixed(3)}e9`).join(', ')}`);
  for (const [what, r] of Object.entries(projected)) console.log(`  ${what.padEnd(50)} ${fmt.x(r)}`);
  const paired = PAIRED > 0 ? await pairedRounds(f, full, sub, fused, run) : null;
  if (name === 'matvec3') {
    const targets = [
      ['2 threads >= 1.8x 1 thread', ratios['2 threads / 1 thread'] >= 1.8],
      ['2 threads >= 1.5x fused on 1 thread', ratios['2 threads / fused on 1 thread'] >= 1.5],
      ['1 thread >= 0.75x fused (thread for thread)', ratios['1 thread / fused (thread for thread)'] >= 0.75],
    ];
    for (const [t, met] of targets) console.log(`  target ${t}: ${met ? 'met' : 'NOT met'}`);
    if (paired) {
      const med = paired.medians;
      const pairedTargets = [
        ['2 threads >= 1.8x 1 thread', med['2 threads / 1 thread'] >= 1.8],
        ['2 threads >= 1.5x fused on 1 thread', med['2 threads / fused on 1 thread'] >= 1.5],
        ['1 thread >= 0.75x fused (thread for thread)', med['1 thread / fused (thread for thread)'] >= 0.75],
      ];
      for (const [t, met] of pairedTargets) console.log(`  target ${t}, paired rounds' median: ${met ? 'met' : 'NOT met'}`);
    }
  }
  for (const [what, v] of Object.entries(checks)) console.log(`  check ${what}: ${typeof v === 'number' ? v.toExponential(2) : v}`);
  return { name, title: f.title, N, M, naiveRows: R, stats, ratios, perCpu, projected, paired, checks, engine: info };
}

/**
 * PAIRED rounds of one timed run per case, back to back (1 thread, 2 threads, and the fused
 * kernel when there is one; the order rotates each round), with the ratios of each round.
 * Switching modes restarts the engine: an untimed run on the naive rows follows each switch.
 */
async function pairedRounds(f, full, sub, fused, run) {
  const cases = ['t1', 't2', ...(fused ? ['fused'] : [])];
  const timeOne = async (key) => {
    if (key === 'fused') {
      const t0 = performance.now();
      fused();
      return performance.now() - t0;
    }
    configureEngine(configure, { threads: key === 't1' ? 1 : 2 });
    await run(sub); // untimed: starts the engine and its workers, tiers the wasm up
    const t0 = performance.now();
    await run(full);
    return performance.now() - t0;
  };
  const rounds = [];
  console.log(`\n  paired rounds (${PAIRED}), ms per run:`);
  for (let r = 0; r < PAIRED; r++) {
    const order = cases.map((_, k) => cases[(k + r) % cases.length]);
    const ms = {};
    for (const key of order) ms[key] = await timeOne(key);
    const ratios = { '2 threads / 1 thread': ms.t1 / ms.t2 };
    if (fused) {
      ratios['2 threads / fused on 1 thread'] = ms.fused / ms.t2;
      ratios['1 thread / fused (thread for thread)'] = ms.fused / ms.t1;
    }
    rounds.push({ order, ms, ratios });
    console.log(`    round ${r + 1} (${order.join(', ')}): ${cases.map((k) => `${k} ${ms[k].toFixed(0)}`).join(', ')}; ${Object.entries(ratios).map(([k, v]) => `${k} ${fmt.x(v)}`).join(', ')}`);
  }
  const median = (xs) => { const a = [...xs].sort((p, q) => p - q); return a.length % 2 ? a[a.length >> 1] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2; };
  const medians = Object.fromEntries(Object.keys(rounds[0].ratios).map((k) => [k, median(rounds.map((r) => r.ratios[k]))]));
  for (const [what, v] of Object.entries(medians)) console.log(`  ${(what + ', paired median').padEnd(50)} ${fmt.x(v)}`);
  return { rounds, medians };
}

printHeader(`lazykernel threads benchmark: formulas ${names.join(', ')}, float32, N = ${N}, M = ${M}`);
const report = { machine: machine(), results: [] };
for (const name of names) report.results.push(await benchFormula(name));
mkdirSync(RESULTS_DIR, { recursive: true });
const file = `${RESULTS_DIR}/threads-summary-${names.join('-')}-n${N}.json`;
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`\nwrote ${file}`);
