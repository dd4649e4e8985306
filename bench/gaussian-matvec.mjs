// Gaussian kernel matvec benchmark: out_i = sum_j exp(-|x_i - y_j|^2 / (2 sigma^2)) b_j,
// D = 3, float32, N = M (10^4 by default), one thread. Times, in the same run:
//   (a) the lazykernel tape interpreter through the public API,
//   (b) the hand-fused AssemblyScript SIMD kernel of the same computation (the ceiling),
//       build/bench/fused-gaussian.wasm, compiled from assembly/bench/fused-gaussian.ts,
//   (c) a naive JavaScript double loop, written the way a user would write it.
// The three results are checked against each other before anything is timed.
//
//   node tools/build.mjs && node bench/gaussian-matvec.mjs [--n 10000] [--max-time 5]
//   npm run bench
//
// --n sets N = M; --max-time is benny's per-case time budget in seconds (default 5).
import b from 'benny';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configure, tensor, Vi, Vj } from '../build/src/index.js';

const root = new URL('..', import.meta.url);
const FUSED_WASM = fileURLToPath(new URL('build/bench/fused-gaussian.wasm', root));
const RESULTS_DIR = fileURLToPath(new URL('bench/results', root));

// ------------------------------------------------------------------------------------------------
// options
// ------------------------------------------------------------------------------------------------

function option(name, fallback) {
  const args = process.argv.slice(2);
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === `--${name}`) return args[k + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return fallback;
}

function positiveInt(name, text) {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) {
    console.error(`--${name} must be a positive integer, received ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return v;
}

const N = positiveInt('n', option('n', '10000'));
const M = N;
const D = 3;
const MAX_TIME = Number(option('max-time', '5'));
if (!(MAX_TIME > 0)) {
  console.error('--max-time must be a positive number of seconds');
  process.exit(2);
}
const SIGMA = 0.5;
const G = 1 / (2 * SIGMA ** 2); // exp(-g |x - y|^2)
const TOLERANCE = 1e-4;

// ------------------------------------------------------------------------------------------------
// data: points uniform in the unit cube, weights uniform in [0, 1), from a fixed seed
// ------------------------------------------------------------------------------------------------

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
const rand = lcg(20240601);
const X = new Float32Array(N * D).map(rand); // [N, 3] row-major
const Y = new Float32Array(M * D).map(rand); // [M, 3] row-major
const B = new Float32Array(M).map(rand); //     [M]

// ------------------------------------------------------------------------------------------------
// (a) lazykernel interpreter, public API
// ------------------------------------------------------------------------------------------------

// The interpreter (and its fused kernels), as this benchmark has always measured: the compiled
// tier has bench/compiled-tier.mjs (--compile auto|always gives the engine's default or it here).
configure({ threads: 1, compile: option('compile', 'never') });
const Xt = tensor(X, [N, D]);
const Yt = tensor(Y, [M, D]);
const Bt = tensor(B, [M, 1]);

async function interpreter() {
  const out = await Vi(Xt).sqdist(Vj(Yt)).mul(-1 / (2 * SIGMA ** 2)).exp().mul(Vj(Bt)).sum(1);
  return out.data;
}

// ------------------------------------------------------------------------------------------------
// (b) hand-fused SIMD kernel: inputs laid out in its own memory once (x row-major, y as
//     structure-of-arrays padded to a multiple of 4 with zero weights)
// ------------------------------------------------------------------------------------------------

function makeFused() {
  if (!existsSync(FUSED_WASM)) {
    throw new Error(`${FUSED_WASM} is missing: run \`node tools/build.mjs\` first`);
  }
  const mPad = (M + 3) & ~3;
  const bytes = (count) => (count * 4 + 15) & ~15;
  const BASE = 65536; // the first 64 KiB hold the module's static data
  const total = BASE + bytes(N * D) + 4 * bytes(mPad) + bytes(N);
  const memory = new WebAssembly.Memory({ initial: Math.ceil(total / 65536) + 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(FUSED_WASM)), { env: { memory } });
  const { gaussianMatvecF32 } = instance.exports;
  let at = BASE;
  const alloc = (count) => { const p = at; at += bytes(count); return p; };
  const px = alloc(N * D), py0 = alloc(mPad), py1 = alloc(mPad), py2 = alloc(mPad), pb = alloc(mPad), pout = alloc(N);
  const f32 = (p, count) => new Float32Array(memory.buffer, p, count);
  f32(px, N * D).set(X);
  const y0 = f32(py0, mPad), y1 = f32(py1, mPad), y2 = f32(py2, mPad), yb = f32(pb, mPad);
  for (let j = 0; j < M; j++) {
    y0[j] = Y[j * D];
    y1[j] = Y[j * D + 1];
    y2[j] = Y[j * D + 2];
    yb[j] = B[j];
  }
  for (const a of [y0, y1, y2, yb]) a.fill(0, M);
  const out = f32(pout, N);
  return () => {
    gaussianMatvecF32(px, py0, py1, py2, pb, pout, N, M, G);
    return out;
  };
}
const fused = makeFused();

// ------------------------------------------------------------------------------------------------
// (c) naive JavaScript, as a user would write it
// ------------------------------------------------------------------------------------------------

function naive(x, y, w, n, m, d, sigma) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
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

// ------------------------------------------------------------------------------------------------
// agreement check, before timing
// ------------------------------------------------------------------------------------------------

function maxRelativeError(a, ref) {
  if (a.length !== ref.length) return Infinity;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) scale = Math.max(scale, Math.abs(ref[i]));
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const e = Math.abs(a[i] - ref[i]) / Math.max(Math.abs(ref[i]), 1e-30 * scale, Number.MIN_VALUE);
    if (!(e <= worst)) worst = e; // NaN wins
  }
  return worst;
}

const pairs = N * M;
console.log(`Gaussian kernel matvec, D = ${D}, float32, N = M = ${N} (${pairs.toExponential(2)} pairs), sigma = ${SIGMA}, one thread`);
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);

const refNaive = naive(X, Y, B, N, M, D, SIGMA);
const outInterp = (await interpreter()).slice();
const outFused = fused().slice();
const errors = {
  'interpreter vs naive': maxRelativeError(outInterp, refNaive),
  'fused vs naive': maxRelativeError(outFused, refNaive),
  'interpreter vs fused': maxRelativeError(outInterp, outFused),
};
let agree = true;
for (const [what, e] of Object.entries(errors)) {
  const ok = e < TOLERANCE;
  agree &&= ok;
  console.log(`  check ${what}: max relative error ${e.toExponential(2)} ${ok ? 'ok' : `FAILED (>= ${TOLERANCE})`}`);
}
if (!agree) {
  console.error('The three implementations disagree: not timing them.');
  process.exit(1);
}

// ------------------------------------------------------------------------------------------------
// timing
// ------------------------------------------------------------------------------------------------

const NAMES = {
  interpreter: 'lazykernel interpreter (public API)',
  fused: 'hand-fused AssemblyScript SIMD kernel',
  naive: 'naive JavaScript double loop',
};
let sink = 0; // keeps the results alive

const summary = await b.suite(
  `Gaussian kernel matvec D=3 float32 N=M=${N}`,
  b.configure({ minDisplayPrecision: 3, cases: { maxTime: MAX_TIME, minSamples: 5 } }),
  b.add(NAMES.interpreter, async () => {
    return async () => { sink += (await interpreter())[0]; };
  }),
  b.add(NAMES.fused, () => {
    sink += fused()[0];
  }),
  b.add(NAMES.naive, () => {
    sink += naive(X, Y, B, N, M, D, SIGMA)[0];
  }),
  b.cycle(),
  b.complete(),
  b.save({ file: `gaussian-matvec-n${N}`, folder: RESULTS_DIR, format: 'json', details: true }),
);

// ------------------------------------------------------------------------------------------------
// summary: ops/s from the mean time per run (benny's own ops figure is rounded)
// ------------------------------------------------------------------------------------------------

const byName = Object.fromEntries(summary.results.map((r) => [r.name, r]));
const rate = {};
console.log(`\nSummary (N = M = ${N}, ${pairs.toExponential(2)} pairs per run; sink ${Number.isFinite(sink) ? 'ok' : sink}):`);
for (const [key, name] of Object.entries(NAMES)) {
  const r = byName[name];
  rate[key] = 1 / r.details.mean;
  console.log(
    `  ${name.padEnd(40)} ${rate[key].toPrecision(4).padStart(10)} ops/s  ±${r.details.relativeMarginOfError.toFixed(2)}%` +
    `  ${(rate[key] * pairs / 1e9).toFixed(3).padStart(8)} Gpairs/s  ${(r.details.mean * 1e3).toFixed(1).padStart(9)} ms/run  (${r.samples} samples)`,
  );
}
const vsFused = rate.interpreter / rate.fused;
const vsNaive = rate.interpreter / rate.naive;
console.log(`  interpreter / fused: ${vsFused.toFixed(3)}x   (target >= 0.6x: ${vsFused >= 0.6 ? 'met' : 'NOT met'})`);
console.log(`  interpreter / naive: ${vsNaive.toFixed(2)}x   (target >= 10x: ${vsNaive >= 10 ? 'met' : 'NOT met'})`);
console.log(`  fused / naive:       ${(rate.fused / rate.naive).toFixed(2)}x`);
