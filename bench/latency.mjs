// Latency benchmark for small problems, float32, D = 3, the Gaussian kernel matvec
// sum_j exp(-|x_i - y_j|^2 / (2 s^2)) b_j:
//
//   1. fresh process (child processes, --starts of them per mode): the time to import the
//      library, to start the engine (wasm compile and instantiation; for 2 threads also the
//      workers' spawn and instantiation, started through the pool's internal ensureStarted
//      so that it can be told apart), then the first reduction of a formula never seen
//      before at N = M = 1000, from building the formula to holding the result;
//   2. in this process after the engine has started and warmed up (benny): an unseen formula
//      (a new constant every call, so the tape cache misses) at N = M = 1000 and 100, and the
//      same formula repeated at N = M = 100 and 1000; medians from per-call timings;
//   3. calling thread vs pool: square sizes 32 .. 2048, threads 2 with poolThreshold Infinity
//      (calling thread, threads build) against poolThreshold 0 (always the pool), and the
//      crossover in work = nRows * nCols * (nInstr + 2), the unit of configure({ poolThreshold });
//   4. where the time of a repeated N = M = 100 call goes: JS-side phases timed by wrapping
//      the engine's methods (measurement only; nothing in src/ is changed).
//
//   node tools/build.mjs && node bench/latency.mjs [--wait-idle] [--starts 5] [--skip-crossover]
import b from 'benny';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  option, flag, positiveNumber, lcg, printHeader, waitIdle, makeGate, caseStats, median, quantile, machine, RESULTS_DIR,
  pinEngineModules, configureEngine,
} from './common.mjs';

const SIGMA = 0.5;
const G = -1 / (2 * SIGMA ** 2);

function data(n, seed = 7) {
  const rand = lcg(seed);
  return { X: new Float32Array(n * 3).map(rand), Y: new Float32Array(n * 3).map(rand), B: new Float32Array(n).map(rand) };
}

// ------------------------------------------------------------------------------------------------
// 1. child process: engine start and first call
// ------------------------------------------------------------------------------------------------

if (option('child') === 'first-call') {
  const threads = Number(option('threads', '1'));
  const t0 = performance.now();
  const lk = await import('../build/src/index.js');
  const engineModule = await import('../build/src/api/engine.js');
  const t1 = performance.now();
  lk.configure({ threads });
  const info = await lk.engineInfo();
  const t2 = performance.now();
  // Workers start lazily at the first pooled reduction; start them here to time them apart.
  const engine = await engineModule.getWasmEngine();
  let workersMs = 0;
  if (engine.pool && typeof engine.pool.ensureStarted === 'function') {
    const w0 = performance.now();
    await Promise.all(Array.from({ length: engine.pool.size }, (_, k) => engine.pool.ensureStarted(k)));
    workersMs = performance.now() - w0;
  }
  // Time spent inside the wasm run() on this thread (the pool's workers run elsewhere).
  let wasmMs = 0;
  const exportsObject = engine.exports;
  engine.exports = {
    ...exportsObject,
    run(...args) {
      const s = performance.now();
      try { return exportsObject.run(...args); } finally { wasmMs += performance.now() - s; }
    },
  };
  // --warmup N,COUNT: COUNT reductions at N = M = N (other constants) before the timed call, as
  // an engine-side warm-up at start would do.
  const [wn, wcount] = (option('warmup', '0,0')).split(',').map(Number);
  let warmupMs = 0;
  if (wcount > 0) {
    const w = data(wn, 3);
    const Xw = lk.tensor(w.X, [wn, 3]), Yw = lk.tensor(w.Y, [wn, 3]), Bw = lk.tensor(w.B, [wn, 1]);
    const s = performance.now();
    for (let k = 0; k < wcount; k++) await lk.Vi(Xw).sqdist(lk.Vj(Yw)).mul(G * (2 + k)).exp().mul(lk.Vj(Bw)).sum(1);
    warmupMs = performance.now() - s;
  }
  const n = 1000;
  const { X, Y, B } = data(n);
  const Xt = lk.tensor(X, [n, 3]), Yt = lk.tensor(Y, [n, 3]), Bt = lk.tensor(B, [n, 1]);
  const call = async (c) => {
    const s = performance.now();
    const out = await lk.Vi(Xt).sqdist(lk.Vj(Yt)).mul(c).exp().mul(lk.Vj(Bt)).sum(1);
    const e = performance.now() - s;
    if (!Number.isFinite(out.data[0])) throw new Error('bad result');
    return e;
  };
  wasmMs = 0;
  const first = await call(G);
  const firstWasmMs = wasmMs;
  const sameAgain = await call(G);
  const newConstant = await call(G * 1.001);
  console.log(JSON.stringify({
    threads, mode: info.mode, importMs: t1 - t0, engineMs: t2 - t1, workersMs, warmupMs, firstMs: first, firstWasmMs,
    secondSameMs: sameAgain, thirdNewConstantMs: newConstant,
  }));
  process.exit(0);
}

const STARTS = positiveNumber('starts', option('starts', '5'), { integer: true });
const { configure, engineInfo, tensor, Vi, Vj } = await import('../build/src/index.js');
pinEngineModules();
const { getWasmEngine } = await import('../build/src/api/engine.js');
const { lowerFormula } = await import('../build/src/formula/lower.js');
const DEFAULT_POOL_THRESHOLD = (await engineInfo()).poolThreshold; // before any configure()

printHeader('lazykernel latency benchmark: Gaussian matvec, D = 3, float32');
const report = { machine: machine() };

async function freshProcesses() {
  console.log(`\n--- 1. fresh process, ${STARTS} starts per mode (import, engine start, first call N = M = 1000) ---`);
  await waitIdle();
  const out = {};
  const variants = [
    { key: '1', threads: 1, args: [], label: 'threads 1' },
    { key: '2', threads: 2, args: [], label: 'threads 2' },
    { key: '1-warm', threads: 1, args: ['--warmup', '256,10'], label: 'threads 1 after 10 warm-up calls at N = M = 256' },
  ];
  for (const { key: threads, args, label } of variants) {
    const rows = [];
    for (let k = 0; k < STARTS; k++) {
      const text = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'first-call', '--threads', threads.split('-')[0], ...args], { encoding: 'utf8' });
      rows.push(JSON.parse(text.trim().split('\n').pop()));
    }
    const med = (key) => median(rows.map((r) => r[key]));
    const max = (key) => Math.max(...rows.map((r) => r[key]));
    out[threads] = { rows, median: {}, max: {} };
    for (const key of ['importMs', 'engineMs', 'workersMs', 'warmupMs', 'firstMs', 'firstWasmMs', 'secondSameMs', 'thirdNewConstantMs']) {
      out[threads].median[key] = med(key);
      out[threads].max[key] = max(key);
    }
    const m = out[threads].median;
    console.log(
      `  ${label} (${rows[0].mode}): import ${m.importMs.toFixed(1)} ms, engine start ${m.engineMs.toFixed(1)} ms` +
      (rows[0].mode === 'workers' ? `, workers start ${m.workersMs.toFixed(1)} ms` : '') +
      (m.warmupMs ? `, warm-up ${m.warmupMs.toFixed(1)} ms` : '') +
      `; first call (unseen formula, N = M = 1000) ${m.firstMs.toFixed(2)} ms (max ${out[threads].max.firstMs.toFixed(2)}` +
      (rows[0].mode === 'workers' ? '),' : `; in wasm run() ${m.firstWasmMs.toFixed(2)} ms),`) +
      ` same formula again ${m.secondSameMs.toFixed(2)} ms, new constant ${m.thirdNewConstantMs.toFixed(2)} ms  [medians of ${STARTS}]`,
    );
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// 2. warm engine: unseen and repeated formulas (benny), plus per-call medians
// ------------------------------------------------------------------------------------------------

let constant = 0; // a new constant for every unseen-formula call
const unseen = () => G * (1 + (++constant) * 1e-9);

function problem(n) {
  const { X, Y, B } = data(n, n);
  return { n, X: tensor(X, [n, 3]), Y: tensor(Y, [n, 3]), B: tensor(B, [n, 1]) };
}
const gaussian = (p, c) => Vi(p.X).sqdist(Vj(p.Y)).mul(c).exp().mul(Vj(p.B)).sum(1);

async function perCall(fn, count) {
  const times = [];
  for (let k = 0; k < count; k++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { median: median(times), p10: quantile(times, 0.1), p90: quantile(times, 0.9), max: Math.max(...times), count };
}

async function warmEngine(threads) {
  console.log(`\n--- 2. warm engine, threads ${threads} ---`);
  configureEngine(configure, { threads });
  const info = await engineInfo();
  const p100 = problem(100);
  const p1000 = problem(1000);
  // Warm-up: starts the workers (a pooled call), tiers up JS and wasm.
  for (let k = 0; k < 200; k++) await gaussian(p100, unseen());
  for (let k = 0; k < 30; k++) await gaussian(p1000, unseen());
  await waitIdle();
  const gate = makeGate();
  const NAMES = {
    unseen1000: `unseen formula N=M=1000, threads ${threads}`,
    unseen100: `unseen formula N=M=100, threads ${threads}`,
    repeat1000: `repeated formula N=M=1000, threads ${threads}`,
    repeat100: `repeated formula N=M=100, threads ${threads}`,
  };
  const summary = await b.suite(
    `latency threads ${threads}`,
    b.configure({ minDisplayPrecision: 3, cases: { minSamples: 10, maxTime: 2 } }),
    b.add(NAMES.unseen1000, gate.case(() => gaussian(p1000, unseen()))),
    b.add(NAMES.unseen100, gate.case(() => gaussian(p100, unseen()))),
    b.add(NAMES.repeat1000, gate.case(() => gaussian(p1000, G))),
    b.add(NAMES.repeat100, gate.case(() => gaussian(p100, G))),
    gate.arm(),
    b.cycle(),
    b.complete(),
    b.save({ file: `latency-threads${threads}`, folder: RESULTS_DIR, format: 'json', details: true }),
  );
  const calls = {
    unseen1000: await perCall(() => gaussian(p1000, unseen()), 300),
    unseen100: await perCall(() => gaussian(p100, unseen()), 2000),
    repeat1000: await perCall(() => gaussian(p1000, G), 300),
    repeat100: await perCall(() => gaussian(p100, G), 2000),
  };
  const out = { mode: info.mode, poolThreshold: info.poolThreshold, cases: {} };
  for (const [key, name] of Object.entries(NAMES)) {
    const s = caseStats(summary, name);
    out.cases[key] = { bennyMeanMs: s.mean * 1e3, bennyRme: s.rme, perCall: calls[key] };
    const c = calls[key];
    console.log(
      `  ${name.padEnd(40)} benny mean ${(s.mean * 1e3).toFixed(4)} ms ±${s.rme.toFixed(1)}%;` +
      ` per call: median ${c.median.toFixed(4)} ms, p10 ${c.p10.toFixed(4)}, p90 ${c.p90.toFixed(4)}, max ${c.max.toFixed(3)} (${c.count} calls)`,
    );
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// 3. calling thread vs pool
// ------------------------------------------------------------------------------------------------

const SIZES = [32, 45, 64, 91, 128, 181, 256, 362, 512, 724, 1024, 1448, 2048];

async function crossover() {
  console.log('\n--- 3. calling thread vs pool (threads 2; poolThreshold Infinity vs 0), square sizes ---');
  const problems = SIZES.map((n) => problem(n));
  const q = problems[0];
  const nInstr = lowerFormula(Vi(q.X).sqdist(Vj(q.Y)).mul(G).exp().mul(Vj(q.B)).node, null, 4, false, true).tape.nInstr;
  const modes = {
    here: { label: 'calling thread (threads 2, poolThreshold Infinity)', options: { threads: 2, poolThreshold: Infinity } },
    pool: { label: 'pool (threads 2, poolThreshold 0)', options: { threads: 2, poolThreshold: 0 } },
    single: { label: 'threads 1 (plain build)', options: { threads: 1 } },
  };
  const times = {};
  for (const [key, mode] of Object.entries(modes)) {
    configureEngine(configure, mode.options);
    await engineInfo();
    for (const p of problems) for (let k = 0; k < 5; k++) await gaussian(p, G); // warm-up, workers
    await waitIdle();
    const gate = makeGate();
    const summary = await b.suite(
      `crossover: ${mode.label}`,
      b.configure({ minDisplayPrecision: 4, cases: { minSamples: 5, maxTime: 0.3 } }),
      ...problems.map((p) => b.add(`${key} n=${p.n}`, gate.case(() => gaussian(p, G)))),
      gate.arm(),
      b.cycle(),
      b.complete(),
      b.save({ file: `latency-crossover-${key}`, folder: RESULTS_DIR, format: 'json', details: true }),
    );
    times[key] = problems.map((p) => caseStats(summary, `${key} n=${p.n}`).median);
  }
  console.log(`  Gaussian matvec tape: nInstr = ${nInstr}, work = n^2 * ${nInstr + 2}`);
  console.log('      n         work   threads 1    calling    pool   pool/calling');
  const rows = [];
  let crossing = null;
  for (let k = 0; k < SIZES.length; k++) {
    const n = SIZES[k];
    const work = n * n * (nInstr + 2);
    const [s1, here, pool] = [times.single[k], times.here[k], times.pool[k]];
    rows.push({ n, work, singleMs: s1 * 1e3, callingMs: here * 1e3, poolMs: pool * 1e3 });
    console.log(`  ${String(n).padStart(5)} ${work.toExponential(2).padStart(12)} ${(s1 * 1e3).toFixed(4).padStart(11)} ${(here * 1e3).toFixed(4).padStart(10)} ${(pool * 1e3).toFixed(4).padStart(8)} ${(pool / here).toFixed(2).padStart(10)}`);
    if (crossing === null && pool < here && k > 0) {
      // Interpolate log(work) where pool/here crosses 1 between the previous size and this one.
      const prev = rows[k - 1];
      const r0 = Math.log(prev.poolMs / prev.callingMs), r1 = Math.log(pool / here);
      const w = Math.exp(Math.log(prev.work) + (Math.log(work) - Math.log(prev.work)) * (r0 / (r0 - r1)));
      crossing = r0 > 0 ? w : work;
    }
  }
  console.log(`  crossover (pool faster from here on, log-interpolated): work ~ ${crossing ? crossing.toExponential(2) : 'not reached'}` +
    (crossing ? ` (square n ~ ${Math.round(Math.sqrt(crossing / (nInstr + 2)))})` : ''));
  return { nInstr, rows, crossoverWork: crossing };
}

// ------------------------------------------------------------------------------------------------
// 4. where the time of a small call goes
// ------------------------------------------------------------------------------------------------

async function phases(threads, n, fresh) {
  configureEngine(configure, { threads, poolThreshold: DEFAULT_POOL_THRESHOLD });
  await engineInfo();
  const engine = await getWasmEngine();
  const p = problem(n);
  const proto = Object.getPrototypeOf(engine);
  const acc = { build: 0, total: 0, engineReduce: 0, run: 0, acquire: 0 };
  const per = { build: [], total: [], engineReduce: [], run: [], acquire: [], reduceBeforeEngine: [], engineOther: [] };
  const origReduce = proto.reduce;
  const origExports = engine.exports;
  const origAcquire = engine.cache.acquire;
  engine.reduce = async function (request) {
    const s = performance.now();
    try { return await origReduce.call(this, request); } finally { acc.engineReduce += performance.now() - s; }
  };
  engine.exports = {
    ...origExports,
    run(...args) {
      const s = performance.now();
      try { return origExports.run(...args); } finally { acc.run += performance.now() - s; }
    },
  };
  engine.cache.acquire = function (...args) {
    const s = performance.now();
    try { return origAcquire.apply(this, args); } finally { acc.acquire += performance.now() - s; }
  };
  const call = async (c) => {
    const s0 = performance.now();
    const lazy = Vi(p.X).sqdist(Vj(p.Y)).mul(c).exp().mul(Vj(p.B));
    const s1 = performance.now();
    await lazy.sum(1);
    const s2 = performance.now();
    return [s1 - s0, s2 - s0];
  };
  for (let k = 0; k < 500; k++) await call(fresh ? unseen() : G);
  const count = 3000;
  for (const key of Object.keys(acc)) acc[key] = 0;
  for (const key of Object.keys(per)) per[key] = [];
  for (let k = 0; k < count; k++) {
    const before = { ...acc };
    const [build, total] = await call(fresh ? unseen() : G);
    acc.build += build;
    acc.total += total;
    for (const key of Object.keys(acc)) per[key].push(acc[key] - before[key]);
    const d = (key) => acc[key] - before[key];
    per.reduceBeforeEngine.push(d('total') - d('build') - d('engineReduce'));
    per.engineOther.push(d('engineReduce') - d('run') - d('acquire'));
  }
  delete engine.reduce;
  engine.exports = origExports;
  delete engine.cache.acquire;
  // Medians of each phase over the calls, in microseconds (robust to GC pauses; they need not
  // add up exactly to the median total).
  const t = Object.fromEntries(Object.entries(per).map(([k, v]) => [k, median(v) * 1e3]));
  const out = {
    threads, n, fresh, mode: (await engineInfo()).mode, medianTotalUs: t.total,
    medianUs: {
      total: t.total,
      buildFormula: t.build,
      reduceBeforeEngine: t.reduceBeforeEngine, // validation, collectVars, tape cache key or lowering, awaits, Tensor
      engineExcludingRunAndInputs: t.engineOther,
      inputCopies: t.acquire,
      wasmRun: t.run,
    },
  };
  const m = out.medianUs;
  const pooled = m.wasmRun === 0;
  console.log(
    `  threads ${threads}, N = M = ${n}, ${fresh ? 'unseen formula' : 'repeated formula'}${pooled ? ' (pool)' : ''}: median ${m.total.toFixed(1)} us/call;` +
    ` phase medians: build formula ${m.buildFormula.toFixed(1)}, reduce() before the engine ${m.reduceBeforeEngine.toFixed(1)},` +
    ` engine ${pooled ? 'incl. the pool round trip' : 'bookkeeping'} ${m.engineExcludingRunAndInputs.toFixed(1)}, input copies ${m.inputCopies.toFixed(1)}, wasm run ${m.wasmRun.toFixed(1)}`,
  );
  return out;
}

async function phaseDetail(n) {
  // Pieces of "reduce() before the engine", timed on their own.
  const { canonicalKey } = await import('../build/src/formula/lower.js');
  const { collectVars } = await import('../build/src/formula/node.js');
  const p = problem(n);
  const node = Vi(p.X).sqdist(Vj(p.Y)).mul(G).exp().mul(Vj(p.B)).node;
  const time = (fn, count = 20000) => {
    for (let k = 0; k < 2000; k++) fn();
    const s = performance.now();
    for (let k = 0; k < count; k++) fn();
    return ((performance.now() - s) / count) * 1e3;
  };
  const out = {
    canonicalKeyUs: time(() => canonicalKey([node])),
    collectVarsUs: time(() => collectVars([node])),
    lowerFormulaUs: time(() => lowerFormula(node, null, 4, false, true), 5000),
    awaitResolvedUs: 0,
  };
  {
    const s = performance.now();
    for (let k = 0; k < 20000; k++) await null;
    out.awaitResolvedUs = ((performance.now() - s) / 20000) * 1e3;
  }
  console.log(
    `  pieces: canonicalKey ${out.canonicalKeyUs.toFixed(2)} us, collectVars ${out.collectVarsUs.toFixed(2)} us,` +
    ` lowerFormula (a tape cache miss) ${out.lowerFormulaUs.toFixed(2)} us, one await ${out.awaitResolvedUs.toFixed(3)} us`,
  );
  return out;
}

// ------------------------------------------------------------------------------------------------

report.freshProcess = await freshProcesses();
report.warm = { 1: await warmEngine(1), 2: await warmEngine(2) };
if (!flag('skip-crossover')) report.crossover = await crossover();
console.log('\n--- 4. where the time goes (JS-side phases, wrapped with performance.now) ---');
await waitIdle();
report.phases = [];
for (const threads of [1, 2]) {
  for (const n of [100, 1000]) report.phases.push(await phases(threads, n, false));
}
report.phases.push(await phases(1, 100, true));
report.phaseDetail = await phaseDetail(100);

// targets
const first = report.freshProcess;
const r100 = report.warm[1].cases.repeat100.perCall.median;
const r100t2 = report.warm[2].cases.repeat100.perCall.median;
console.log('\nTargets:');
for (const threads of [1, 2]) {
  const f = first[threads].median.firstMs;
  console.log(`  first call of an unseen formula, N = M = 1000, fresh process, threads ${threads} (engine started apart): ${f.toFixed(2)} ms (target < 5 ms: ${f < 5 ? 'met' : 'NOT met'})`);
  const w = report.warm[threads].cases.unseen1000.perCall.median;
  console.log(`  unseen formula, N = M = 1000, warm engine, threads ${threads}: median ${w.toFixed(3)} ms (target < 5 ms: ${w < 5 ? 'met' : 'NOT met'})`);
}
console.log(`  repeated N = M = 100 median: threads 1 ${r100.toFixed(4)} ms, threads 2 ${r100t2.toFixed(4)} ms (target < 0.1 ms: ${Math.max(r100, r100t2) < 0.1 ? 'met' : 'NOT met'})`);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}/latency-summary.json`, JSON.stringify(report, null, 2));
console.log(`wrote ${RESULTS_DIR}/latency-summary.json`);
