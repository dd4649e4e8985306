// Abort latency: a long Gaussian kernel sum (float32, D = 3, N = 10^5 rows, M = 2 * 10^5 columns,
// 2e10 pairs: tens of seconds) is started with an AbortSignal and aborted 200 ms later through
// AbortController.abort(), called from a setTimeout on the calling thread. Measured per sample:
//
//   - abort() -> rejection: from the abort() call to the moment the awaiting code holds the
//     AbortError (target < 100 ms);
//   - timer lateness: how late the 200 ms timer that calls abort() fired. On the calling thread
//     (threads 1) the engine runs the reduction in chunks and only yields to the event loop
//     between chunks, so the timer fires at the end of a chunk; with the pool the main thread
//     is free;
//   - scheduled -> rejection: from the scheduled abort time (start + 200 ms) to the rejection,
//     which is what a caller whose abort comes from the same thread sees;
//   - the time of a small pooled reduction right after the rejection against the same reduction
//     on an idle engine (whether the workers really stopped).
//
// benny runs one abort experiment per sample, 5 samples per mode (threads 1 and 2); the
// latencies are measured with performance.now inside each sample.
//
//   node tools/build.mjs && node bench/abort-latency.mjs [--wait-idle] [--samples 5] [--after 200]
import b from 'benny';
import { writeFileSync, mkdirSync } from 'node:fs';
import { configure, engineInfo, tensor, Vi, Vj } from '../build/src/index.js';
import {
  option, positiveNumber, lcg, printHeader, waitIdle, makeGate, median, machine, RESULTS_DIR, pinEngineModules, configureEngine,
} from './common.mjs';

pinEngineModules();

const N = positiveNumber('n', option('n', '100000'), { integer: true });
const M = positiveNumber('m', option('m', String(2 * N)), { integer: true });
const SAMPLES = positiveNumber('samples', option('samples', '5'), { integer: true });
const AFTER = positiveNumber('after', option('after', '200'));
const TARGET_MS = 100;
const SIGMA = 0.5;
const G = -1 / (2 * SIGMA ** 2);

printHeader(`lazykernel abort latency: Gaussian sum, float32, D = 3, N = ${N}, M = ${M}, abort after ${AFTER} ms`);
const rand = lcg(99);
const X = tensor(new Float32Array(N * 3).map(rand), [N, 3]);
const Y = tensor(new Float32Array(M * 3).map(rand), [M, 3]);
const B = tensor(new Float32Array(M).map(rand), [M, 1]);
const n2 = 2000; // the small reduction after an abort: pooled in 2-thread mode (work 3.2e7)
const Xs = tensor(new Float32Array(n2 * 3).map(rand), [n2, 3]);
const Ys = tensor(new Float32Array(n2 * 3).map(rand), [n2, 3]);
const Bs = tensor(new Float32Array(n2).map(rand), [n2, 1]);
const small = () => Vi(Xs).sqdist(Vj(Ys)).mul(G).exp().mul(Vj(Bs)).sum(1);

/** One experiment: start, abort after AFTER ms, wait for the rejection. */
async function experiment() {
  const controller = new AbortController();
  const t0 = performance.now();
  let tAbort = NaN;
  const timer = setTimeout(() => {
    tAbort = performance.now();
    controller.abort();
  }, AFTER);
  let outcome;
  try {
    await Vi(X).sqdist(Vj(Y)).mul(G).exp().mul(Vj(B)).sum(1, { signal: controller.signal });
    outcome = 'resolved (not aborted)';
  } catch (e) {
    outcome = e?.name ?? String(e);
  }
  const tReject = performance.now();
  clearTimeout(timer);
  const s0 = performance.now();
  await small();
  const smallAfter = performance.now() - s0;
  return {
    outcome,
    abortToRejectMs: tReject - tAbort,
    timerLateMs: tAbort - (t0 + AFTER),
    scheduledToRejectMs: tReject - (t0 + AFTER),
    totalMs: tReject - t0,
    smallAfterMs: smallAfter,
  };
}

const report = { machine: machine(), N, M, afterMs: AFTER, modes: {} };
for (const threads of [1, 2]) {
  configureEngine(configure, { threads });
  const info = await engineInfo();
  // Untimed: uploads the inputs, starts the workers, warms up; then the idle small-call time.
  await experiment();
  for (let k = 0; k < 5; k++) await small();
  const idle = [];
  for (let k = 0; k < 20; k++) {
    const s = performance.now();
    await small();
    idle.push(performance.now() - s);
  }
  await waitIdle();
  const rows = [];
  const gate = makeGate();
  await b.suite(
    `abort latency, threads ${threads}`,
    b.configure({ minDisplayPrecision: 3 }),
    b.add(`abort after ${AFTER} ms, threads ${threads}`, gate.case(async () => { rows.push(await experiment()); }), { minSamples: SAMPLES, maxTime: 0.1 }),
    gate.arm(),
    b.cycle(),
    b.complete(),
    b.save({ file: `abort-latency-threads${threads}`, folder: RESULTS_DIR, format: 'json', details: true }),
  );
  const col = (key) => rows.map((r) => r[key]);
  const mode = {
    mode: info.mode,
    samples: rows,
    outcomes: [...new Set(col('outcome'))],
    abortToReject: { median: median(col('abortToRejectMs')), max: Math.max(...col('abortToRejectMs')) },
    timerLate: { median: median(col('timerLateMs')), max: Math.max(...col('timerLateMs')) },
    scheduledToReject: { median: median(col('scheduledToRejectMs')), max: Math.max(...col('scheduledToRejectMs')) },
    smallAfter: { median: median(col('smallAfterMs')), max: Math.max(...col('smallAfterMs')) },
    smallIdleMedianMs: median(idle),
  };
  report.modes[threads] = mode;
  console.log(`\n  threads ${threads} (${info.mode}), ${rows.length} aborts, outcome ${mode.outcomes.join(', ')}:`);
  console.log(`    abort() -> rejection:        median ${mode.abortToReject.median.toFixed(2)} ms, max ${mode.abortToReject.max.toFixed(2)} ms (target < ${TARGET_MS} ms: ${mode.abortToReject.max < TARGET_MS ? 'met' : 'NOT met'})`);
  console.log(`    timer lateness:              median ${mode.timerLate.median.toFixed(2)} ms, max ${mode.timerLate.max.toFixed(2)} ms`);
  console.log(`    scheduled abort -> rejection: median ${mode.scheduledToReject.median.toFixed(2)} ms, max ${mode.scheduledToReject.max.toFixed(2)} ms`);
  console.log(`    small reduction (N = M = ${n2}) right after: median ${mode.smallAfter.median.toFixed(2)} ms, max ${mode.smallAfter.max.toFixed(2)} ms; on an idle engine ${mode.smallIdleMedianMs.toFixed(2)} ms`);
  for (const r of rows) {
    console.log(`      sample: abort->reject ${r.abortToRejectMs.toFixed(2)} ms, timer late ${r.timerLateMs.toFixed(2)} ms, total ${r.totalMs.toFixed(1)} ms, ${r.outcome}`);
  }
}
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}/abort-latency-summary.json`, JSON.stringify(report, null, 2));
console.log(`\nwrote ${RESULTS_DIR}/abort-latency-summary.json`);
