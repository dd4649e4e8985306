// Dense peer: TensorFlow.js (tfjs-core with the wasm backend, SIMD build) computes the Gaussian
// kernel matvec out = K b, K_ij = exp(-|x_i - y_j|^2 / (2 s^2)), D = 3, float32, s = 0.5, the
// way a dense library does it: it materialises the N x M matrix K, then multiplies. lazykernel
// (2 threads, and 1 thread thread for thread) computes the same without K.
//
// The peer's K is built with the fewest N x M temporaries (at most two alive at a time):
//   E = (2g X) Y^T  ->  E += -g|x_i|^2  ->  E += -g|y_j|^2  ->  K = exp(E)  ->  out = K b,
// with g = 1 / (2 s^2), disposing each N x M tensor as soon as the next one exists.
//
// Largest size: N = M = 2000, 4000, 8000, ... each in a fresh child process (an out-of-memory
// abort must not poison the timed process) until one fails or takes more than 20 s; after a
// failure, the size sqrt(2) times the last success is tried too. The sizes that ran are then
// timed with benny in this process (tfjs and lazykernel in the same suite), and lazykernel is
// timed alone at the first size the peer could not hold.
//
// tfjs-backend-wasm in Node: its multi-threaded build is off (the WASM_HAS_MULTITHREAD_SUPPORT
// flag is hard-wired to false under Node; forcing it fails because the pthread workers are
// blob: URLs, which worker_threads cannot load), so the peer runs on one thread with SIMD.
//
//   node tools/build.mjs && node bench/dense-peer.mjs [--wait-idle] [--max-n 64000]
import b from 'benny';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  option, positiveNumber, lcg, printHeader, waitIdle, makeGate, caseStats, maxRelativeError, machine, RESULTS_DIR, pinEngineModules, configureEngine,
} from './common.mjs';

const SIGMA = 0.5;
const G = 1 / (2 * SIGMA ** 2);
const LIMIT_MS = 20000;
const WASM_DIR = fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));

function data(n) {
  const rand = lcg(20240601);
  return { X: new Float32Array(n * 3).map(rand), Y: new Float32Array(n * 3).map(rand), B: new Float32Array(n).map(rand) };
}

async function loadTf() {
  const tf = await import('@tensorflow/tfjs-core');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  // A plain directory path (with the trailing slash) works in Node, and so does a file:// URL.
  setWasmPaths(WASM_DIR);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not initialise');
  await tf.ready();
  return tf;
}

/** The peer: materialise K, then K b. Returns a Float32Array. */
async function tfGaussian(tf, Xt, Yt, Bt, n, m) {
  const [xs, xx, yy] = tf.tidy(() => [
    tf.mul(Xt, 2 * G),
    tf.mul(tf.sum(tf.square(Xt), 1, true), -G), //             [n, 1]
    tf.mul(tf.reshape(tf.sum(tf.square(Yt), 1), [1, m]), -G), // [1, m]
  ]);
  const E0 = tf.matMul(xs, Yt, false, true); //                [n, m]
  xs.dispose();
  const E1 = tf.add(E0, xx);
  E0.dispose();
  xx.dispose();
  const E2 = tf.add(E1, yy);
  E1.dispose();
  yy.dispose();
  const K = tf.exp(E2); //                                      the materialised kernel matrix
  E2.dispose();
  const out = tf.matMul(K, Bt);
  K.dispose();
  const values = await out.data();
  out.dispose();
  return values;
}

// ------------------------------------------------------------------------------------------------
// child: one trial at one size
// ------------------------------------------------------------------------------------------------

if (option('child') === 'trial') {
  const n = Number(option('n'));
  let result;
  try {
    const tf = await loadTf();
    const { X, Y, B } = data(n);
    const Xt = tf.tensor2d(X, [n, 3]), Yt = tf.tensor2d(Y, [n, 3]), Bt = tf.tensor2d(B, [n, 1]);
    const t0 = performance.now();
    const out = await tfGaussian(tf, Xt, Yt, Bt, n, n);
    const ms = performance.now() - t0;
    result = { n, ok: Number.isFinite(out[0]), ms, kernelBytes: n * n * 4, numBytes: tf.memory().numBytes };
  } catch (e) {
    result = { n, ok: false, error: String(e?.message ?? e).split('\n')[0].slice(0, 300) };
  }
  console.log(JSON.stringify(result));
  process.exit(0);
}

// ------------------------------------------------------------------------------------------------
// parent
// ------------------------------------------------------------------------------------------------

const MAX_N = positiveNumber('max-n', option('max-n', '64000'), { integer: true });
const { configure, engineInfo, tensor, Vi, Vj } = await import('../build/src/index.js');
pinEngineModules();
printHeader('dense peer: TensorFlow.js wasm backend (materialised K, then matMul) vs lazykernel, Gaussian matvec D = 3 float32');
const report = { machine: machine(), trials: [], timed: [] };

function trial(n) {
  try {
    const text = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'trial', '--n', String(n)], {
      encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24,
    });
    return JSON.parse(text.trim().split('\n').pop());
  } catch (e) {
    const stderr = String(e.stderr ?? '').trim().split('\n').filter((l) => !/^\s+at /.test(l)).slice(-3).join(' | ');
    return { n, ok: false, error: `child process failed (${e.signal ?? `exit ${e.status}`}): ${stderr.slice(0, 300)}` };
  }
}

// 1. largest size the peer holds (fresh child process per size)
console.log('\n--- 1. largest N = M the peer can hold (one fresh process per size) ---');
await waitIdle();
let lastOk = null;
let firstFail = null;
for (let n = 2000; n <= MAX_N; n *= 2) {
  const r = trial(n);
  report.trials.push(r);
  console.log(`  N = M = ${n}: ${r.ok ? `ok, ${(r.ms / 1e3).toFixed(2)} s (K alone ${(r.kernelBytes / 2 ** 20).toFixed(0)} MiB)` : `FAILED: ${r.error}`}`);
  if (!r.ok) { firstFail = n; break; }
  lastOk = r;
  if (r.ms > LIMIT_MS) { console.log('  (over 20 s: stopping)'); break; }
}
if (firstFail && lastOk) {
  const n = Math.round((lastOk.n * Math.SQRT2) / 16) * 16;
  const r = trial(n);
  report.trials.push(r);
  console.log(`  N = M = ${n} (sqrt(2) x the last success): ${r.ok ? `ok, ${(r.ms / 1e3).toFixed(2)} s` : `FAILED: ${r.error}`}`);
  if (r.ok && r.ms <= LIMIT_MS) lastOk = r;
  else if (!r.ok) firstFail = Math.min(firstFail, n);
}
const largest = lastOk?.n ?? null;
console.log(`  largest N = M held: ${largest ?? 'none'}${lastOk ? ` (${(lastOk.ms / 1e3).toFixed(2)} s in a fresh process)` : ''}; first failure: ${firstFail ?? 'none up to --max-n'}`);
report.largest = largest;
report.firstFail = firstFail;

// 2. timed comparison at the sizes the peer held
const tf = await loadTf();
console.log(`\n  tfjs ${tf.version_core}, backend ${tf.getBackend()}, SIMD ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')}, threads ${await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') ? 'yes' : 'no (1)'}`);
const okSizes = report.trials.filter((r) => r.ok && r.ms <= LIMIT_MS).map((r) => r.n).sort((p, q) => p - q);
const sizes = [...okSizes];
if (firstFail) sizes.push(firstFail);

for (const n of sizes) {
  let peer = okSizes.includes(n);
  const { X, Y, B } = data(n);
  const lk = { X: tensor(X, [n, 3]), Y: tensor(Y, [n, 3]), B: tensor(B, [n, 1]) };
  const lazy = () => Vi(lk.X).sqdist(Vj(lk.Y)).mul(-G).exp().mul(Vj(lk.B)).sum(1);
  const tft = peer ? { X: tf.tensor2d(X, [n, 3]), Y: tf.tensor2d(Y, [n, 3]), B: tf.tensor2d(B, [n, 1]) } : null;
  console.log(`\n--- 2. N = M = ${n}${peer ? '' : ' (lazykernel only: the peer could not hold it)'} ---`);
  let peerError = null;

  const runs = {};
  for (const threads of [2, 1]) {
    configureEngine(configure, { threads });
    await engineInfo();
    runs[threads] = (await lazy()).data; // untimed: uploads, starts workers, warms up
  }
  let check = null;
  let ref = null;
  if (peer) {
    // In this process the wasm heap has served the smaller sizes: the largest size that a fresh
    // process holds may not fit any more (fragmentation); then time lazykernel alone.
    try {
      ref = await tfGaussian(tf, tft.X, tft.Y, tft.B, n, n);
    } catch (e) {
      peerError = String(e?.message ?? e).split('\n')[0];
      console.log(`  the peer failed in this process at N = M = ${n} (after the smaller sizes): ${peerError}; timing lazykernel alone`);
      peer = false;
    }
  }
  if (peer) {
    check = { 'tfjs vs lazykernel 2 threads': maxRelativeError(ref, runs[2]), 'lazykernel 1 vs 2 threads': maxRelativeError(runs[1], runs[2]) };
    for (const [what, e] of Object.entries(check)) console.log(`  check ${what}: max relative error ${e.toExponential(2)}`);
  }

  // One suite per lazykernel mode (the engine restarts on configure); tfjs runs in the first.
  const NAMES = { tf: `tfjs wasm dense N=${n}`, t2: `lazykernel 2 threads N=${n}`, t1: `lazykernel 1 thread N=${n}` };
  const stats = {};
  for (const threads of [2, 1]) {
    configureEngine(configure, { threads });
    await engineInfo();
    await lazy();
    await waitIdle();
    const gate = makeGate();
    const key = `t${threads}`;
    const cases = [b.add(NAMES[key], gate.case(() => lazy()), { minSamples: n >= 16000 ? 2 : 3, maxTime: 1 })];
    if (peer && threads === 2) cases.unshift(b.add(NAMES.tf, gate.case(() => tfGaussian(tf, tft.X, tft.Y, tft.B, n, n)), { minSamples: n >= 16000 ? 2 : 3, maxTime: 1 }));
    const summary = await b.suite(
      `dense peer N=M=${n}, lazykernel ${threads} thread${threads > 1 ? 's' : ''}`,
      b.configure({ minDisplayPrecision: 3 }),
      ...cases,
      gate.arm(),
      b.cycle(),
      b.complete(),
      b.save({ file: `dense-peer-n${n}-t${threads}`, folder: RESULTS_DIR, format: 'json', details: true }),
    );
    stats[key] = caseStats(summary, NAMES[key]);
    if (peer && threads === 2) stats.tf = caseStats(summary, NAMES.tf);
  }
  // After a failure the peer's heap is unusable (disposing would throw): leave its tensors.
  if (tft && !peerError) for (const t of Object.values(tft)) t.dispose();
  const line = Object.entries(stats).map(([k, s]) => `${NAMES[k]} ${(s.mean * 1e3).toFixed(1)} ms ±${s.rme.toFixed(1)}%`).join('; ');
  console.log(`  ${line}`);
  const row = { n, peer, peerError, stats, check };
  if (peer) {
    row.speedup2 = stats.tf.mean / stats.t2.mean;
    row.speedup1 = stats.tf.mean / stats.t1.mean;
    console.log(`  lazykernel 2 threads is ${row.speedup2.toFixed(1)}x faster than the dense peer; 1 thread ${row.speedup1.toFixed(1)}x`);
  }
  report.timed.push(row);
}
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}/dense-peer-summary.json`, JSON.stringify(report, null, 2));
console.log(`\nwrote ${RESULTS_DIR}/dense-peer-summary.json`);
