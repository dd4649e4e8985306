// The engine against a native 128-bit C reference (issue 21, item 5): bench/native/reference.c,
// compiled here with gcc -O3 -msse4.2 -mno-avx -ffast-math -fopenmp (libmvec's 4-lane expf: the
// width of wasm SIMD), on the same inputs in the same run. Formulas (float32, as
// bench/threads.mjs):
//
//   matvec3   sum_j exp(-|x_i - y_j|^2 / (2 s^2)) b_j, D = 3, s = 0.5 (also the hand-fused kernel)
//   lse       log sum_j exp(-|x_i - y_j|^2 / (2 s^2)), D = 3, s = 0.5 (with the max-shift)
//   knn       argKmin over j of |x_i - y_j|^2, K = 10, D = 3
//   matvec16  the Gaussian matvec in D = 16, s = 1
//
// Cases: native on 1 and 2 OpenMP threads, lazykernel on 1 thread (the calling thread) and on
// the 2-thread pool, and the hand-fused AssemblyScript kernel (assembly/bench/fused-gaussian.ts,
// matvec3 only). Each round times one run of every case, the order rotating from round to round
// (the host's speed drifts and other processes come and go), and gives each engine figure as a
// ratio to the native reference on the same number of threads in that round; the summary is the
// median and the best (min time) over the rounds. A native run is the second of two in one
// process (the first pays the page faults and the thread start); a lazykernel run follows an
// untimed one on a few rows after each engine switch. The native results are checked against
// lazykernel's (values: max relative error; k-NN: the chosen neighbours' distances) before any
// figure is reported. Never run in CI: it takes minutes and needs gcc.
//
//   node tools/build.mjs && node bench/native-reference.mjs [--formula matvec3,lse,knn,matvec16]
//        [--n 30000] [--m N] [--rounds 3] [--wait-idle]
//
// Without gcc on the PATH it says so and exits 0.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configure, engineInfo, tensor, Vi, Vj } from '../build/src/index.js';
import {
  option, positiveNumber, lcg, printHeader, waitIdle, cpuWindow, makeFused, fusedAvailable,
  maxRelativeError, median, machine, RESULTS_DIR, pinEngineModules, configureEngine,
} from './common.mjs';

pinEngineModules();

const N = positiveNumber('n', option('n', '30000'), { integer: true });
const M = positiveNumber('m', option('m', String(N)), { integer: true });
const ROUNDS = positiveNumber('rounds', option('rounds', '3'), { integer: true });
const WHICH = option('formula', 'matvec3,lse,knn,matvec16');
const K = 10;
const TOLERANCE = 1e-3; // float32 sums of 10^4-10^5 terms in different orders, two expf's
const WARM_ROWS = Math.min(N, 500);
const CFLAGS = ['-O3', '-msse4.2', '-mno-avx', '-ffast-math', '-fopenmp'];

const FORMULAS = {
  matvec3: {
    title: 'Gaussian kernel matvec, D = 3, sigma = 0.5', d: 3, kind: 'values', fused: true,
    lazy: (t) => Vi(t.X).sqdist(Vj(t.Y)).mul(-1 / (2 * 0.5 ** 2)).exp().mul(Vj(t.B)).sum(1),
  },
  lse: {
    title: 'logsumexp_j(-|x_i - y_j|^2 / (2 sigma^2)), D = 3, sigma = 0.5', d: 3, kind: 'values', fused: false,
    lazy: (t) => Vi(t.X).sqdist(Vj(t.Y)).mul(-1 / (2 * 0.5 ** 2)).logsumexp(1),
  },
  knn: {
    title: `argKmin_j |x_i - y_j|^2, K = ${K}, D = 3`, d: 3, kind: 'knn', fused: false,
    lazy: (t) => Vi(t.X).sqdist(Vj(t.Y)).argKmin(K, 1),
  },
  matvec16: {
    title: 'Gaussian kernel matvec, D = 16, sigma = 1', d: 16, kind: 'values', fused: false,
    lazy: (t) => Vi(t.X).sqdist(Vj(t.Y)).mul(-1 / (2 * 1 ** 2)).exp().mul(Vj(t.B)).sum(1),
  },
};

const names = WHICH.split(',');
for (const name of names) {
  if (!FORMULAS[name]) {
    console.error(`--formula must be a comma-separated list of ${Object.keys(FORMULAS).join(', ')}, received ${JSON.stringify(name)}`);
    process.exit(2);
  }
}

// ------------------------------------------------------------------------------------------------
// the native reference
// ------------------------------------------------------------------------------------------------

function gccVersion() {
  try {
    return execFileSync('gcc', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];
  } catch {
    return null;
  }
}

const gcc = gccVersion();
if (!gcc) {
  console.log('native reference skipped: gcc is not on the PATH (bench/native-reference.mjs compiles bench/native/reference.c with it)');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'lazykernel-native-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130)); // and so through 'exit'
const exe = join(dir, 'reference');
const source = fileURLToPath(new URL('native/reference.c', import.meta.url));
execFileSync('gcc', [...CFLAGS, source, '-o', exe, '-lmvec', '-lm'], { stdio: 'inherit' });
// The point of the reference: its j loops call the 4-lane libmvec expf, not the scalar one.
let calls4 = '?';
try {
  calls4 = String((execFileSync('objdump', ['-d', exe], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] }).match(/call.*<_ZGVbN4v_expf/g) ?? []).length);
} catch { /* no objdump (binutils without it): the count stays unknown */ }

/** One native run of `formula` on `threads` OpenMP threads: the second of two runs, and the load. */
function runNative(name, threads) {
  const stop = cpuWindow();
  const text = execFileSync(exe, [name, dir, String(N), String(M), String(threads), '2'], { encoding: 'utf8' });
  const w = stop();
  const { seconds, cpuSeconds } = JSON.parse(text);
  // cpuWindow counts the child as another process: take its CPU time out.
  return { seconds: seconds[1], foreignCores: Math.max(0, w.foreignCores - cpuSeconds / w.wall) };
}

function readNativeOutput(name) {
  const bytes = readFileSync(join(dir, `out-${name}.bin`));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return FORMULAS[name].kind === 'knn' ? new Int32Array(buffer) : new Float32Array(buffer);
}

// ------------------------------------------------------------------------------------------------
// one formula
// ------------------------------------------------------------------------------------------------

/** How far `a` is from `ref`: max relative error of values; for k-NN, of the chosen neighbours' squared distances. */
function discrepancy(f, a, ref, X, Y) {
  if (f.kind === 'values') return maxRelativeError(a, ref);
  const dist = (i, j) => {
    let r2 = 0;
    for (let k = 0; k < 3; k++) { const d = X[i * 3 + k] - Y[j * 3 + k]; r2 += d * d; }
    return r2;
  };
  let worst = 0;
  for (let i = 0; i < N; i++) {
    const mine = Array.from(a.subarray(i * K, i * K + K), (j) => (j < 0 ? Infinity : dist(i, j))).sort((p, q) => p - q);
    const theirs = Array.from(ref.subarray(i * K, i * K + K), (j) => (j < 0 ? Infinity : dist(i, j))).sort((p, q) => p - q);
    for (let k = 0; k < K; k++) {
      const e = Math.abs(mine[k] - theirs[k]) / Math.max(theirs[k], 1e-12);
      if (!(e <= worst)) worst = e;
    }
  }
  return worst;
}

async function benchFormula(name) {
  const f = FORMULAS[name];
  const D = f.d;
  const rand = lcg(20240601);
  const X = new Float32Array(N * D).map(rand);
  const Y = new Float32Array(M * D).map(rand);
  const B = new Float32Array(M).map(rand);
  writeFileSync(join(dir, 'x.f32'), X);
  writeFileSync(join(dir, 'y.f32'), Y);
  writeFileSync(join(dir, 'b.f32'), B);
  const full = { X: tensor(X, [N, D]), Y: tensor(Y, [M, D]), B: tensor(B, [M, 1]) };
  const warm = { X: tensor(X.slice(0, WARM_ROWS * D), [WARM_ROWS, D]), Y: full.Y, B: full.B };
  const fused = f.fused && fusedAvailable() ? makeFused(X, Y, B, N, M, 1 / (2 * 0.5 ** 2)) : null;
  const pairs = N * M;
  console.log(`\n=== ${name}: ${f.title}, float32, N = ${N}, M = ${M} (${pairs.toExponential(2)} pairs)`);

  let engineThreads = 0;
  const outputs = {};
  const runEngine = async (threads) => {
    if (engineThreads !== threads) {
      configureEngine(configure, { threads });
      await f.lazy(warm); // untimed: starts the engine and its workers, tiers the wasm up
      engineThreads = threads;
    }
    const stop = cpuWindow();
    const t0 = performance.now();
    const out = await f.lazy(full);
    const seconds = (performance.now() - t0) / 1e3;
    outputs[`t${threads}`] = out.data;
    return { seconds, foreignCores: stop().foreignCores };
  };
  const CASES = {
    native1: () => runNative(name, 1),
    native2: () => runNative(name, 2),
    lazy1: () => runEngine(1),
    lazy2: () => runEngine(2),
    ...(fused ? { fused: () => {
      const stop = cpuWindow();
      const t0 = performance.now();
      outputs.fused = fused().slice();
      return { seconds: (performance.now() - t0) / 1e3, foreignCores: stop().foreignCores };
    } } : {}),
  };
  const keys = Object.keys(CASES);

  // Correctness first: one run of each, native against lazykernel on the same inputs.
  await CASES.lazy1();
  CASES.native1();
  const errNative = discrepancy(f, readNativeOutput(name), outputs.t1, X, Y);
  console.log(`  check native (gcc, 1 thread) vs lazykernel 1 thread: ${errNative.toExponential(2)}`);
  if (!(errNative < TOLERANCE)) throw new Error(`${name}: the native reference disagrees with lazykernel (${errNative})`);
  if (fused) {
    CASES.fused();
    const e = maxRelativeError(outputs.fused, outputs.t1);
    console.log(`  check hand-fused kernel vs lazykernel 1 thread: ${e.toExponential(2)}`);
    if (!(e < TOLERANCE)) throw new Error(`${name}: the fused kernel disagrees with lazykernel (${e})`);
  }
  await waitIdle();

  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = keys.map((_, k) => keys[(k + r) % keys.length]);
    const res = {};
    for (const key of order) res[key] = await CASES[key]();
    const ratios = {
      'lazykernel 1 thread / native 1 thread': res.native1.seconds / res.lazy1.seconds,
      'lazykernel 2 threads / native 2 threads': res.native2.seconds / res.lazy2.seconds,
      ...(fused ? { 'hand-fused 1 thread / native 1 thread': res.native1.seconds / res.fused.seconds } : {}),
      'native 2 threads / native 1 thread': res.native1.seconds / res.native2.seconds,
      'lazykernel 2 threads / lazykernel 1 thread': res.lazy1.seconds / res.lazy2.seconds,
    };
    rounds.push({ order, res, ratios });
    console.log(`  round ${r + 1} (${order.join(', ')}): ${keys.map((k) => `${k} ${(res[k].seconds * 1e3).toFixed(0)} ms (others ${res[k].foreignCores.toFixed(2)} cores)`).join(', ')}`);
  }
  // The 2-thread results against the 1-thread ones, and the native run's last output against lazykernel.
  const err2 = f.kind === 'values' ? maxRelativeError(outputs.t2, outputs.t1) : discrepancy(f, outputs.t2, outputs.t1, X, Y);
  const errNative2 = discrepancy(f, readNativeOutput(name), outputs.t1, X, Y); // the last native run (2 threads or 1)
  console.log(`  check lazykernel 2 vs 1 thread: ${err2.toExponential(2)}; last native run vs lazykernel 1 thread: ${errNative2.toExponential(2)}`);
  if (!(err2 < TOLERANCE && errNative2 < TOLERANCE)) throw new Error(`${name}: results disagree after the rounds`);

  const summary = {};
  for (const key of keys) {
    const s = rounds.map((r) => r.res[key].seconds);
    summary[key] = {
      minSeconds: Math.min(...s),
      medianSeconds: median(s),
      bestPairsPerSecond: pairs / Math.min(...s),
      medianPairsPerSecond: pairs / median(s),
      foreignCores: median(rounds.map((r) => r.res[key].foreignCores)),
    };
  }
  const ratios = Object.fromEntries(Object.keys(rounds[0].ratios).map((k) => [k, {
    median: median(rounds.map((r) => r.ratios[k])),
    range: [Math.min(...rounds.map((r) => r.ratios[k])), Math.max(...rounds.map((r) => r.ratios[k]))],
  }]));
  // Each engine case against the native reference on as many threads, and the round ratio naming it.
  const reference = {
    lazy1: ['native1', 'lazykernel 1 thread / native 1 thread'],
    lazy2: ['native2', 'lazykernel 2 threads / native 2 threads'],
    fused: ['native1', 'hand-fused 1 thread / native 1 thread'],
  };
  console.log(`\n  | case | best pairs/s | median pairs/s | vs native on as many threads (best; median of rounds) | other processes (cores) |`);
  console.log('  |---|---:|---:|---|---:|');
  for (const key of keys) {
    const s = summary[key];
    const [ref, ratio] = reference[key] ?? [];
    const vs = ref ? `${(s.bestPairsPerSecond / summary[ref].bestPairsPerSecond).toFixed(3)}x; ${ratios[ratio].median.toFixed(3)}x` : '1 (reference)';
    console.log(`  | ${key} | ${s.bestPairsPerSecond.toExponential(2)} | ${s.medianPairsPerSecond.toExponential(2)} | ${vs} | ${s.foreignCores.toFixed(2)} |`);
  }
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(44)} median ${v.median.toFixed(3)}x [${v.range.map((x) => x.toFixed(3)).join(' - ')}]`);
  return { name, title: f.title, N, M, rounds, summary, ratios, checks: { nativeVsLazy: errNative, lazy2VsLazy1: err2 }, engine: await engineInfo() };
}

printHeader(`native 128-bit C reference vs lazykernel: ${names.join(', ')}, float32, N = ${N}, M = ${M}, ${ROUNDS} rounds`);
console.log(`  ${gcc}; gcc ${CFLAGS.join(' ')} -lmvec; ${calls4} calls of libmvec's 4-lane expf (_ZGVbN4v_expf) in the binary`);
const report = { machine: machine(), gcc, cflags: CFLAGS, loadAtStart: loadavg(), results: [] };
for (const name of names) report.results.push(await benchFormula(name));
report.loadAtEnd = loadavg();
console.log(`\n  load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
mkdirSync(RESULTS_DIR, { recursive: true });
const file = `${RESULTS_DIR}/native-reference-summary-n${N}.json`;
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`wrote ${file}`);
process.exit(0); // the engine's workers would keep the process alive
