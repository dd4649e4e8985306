// The compiled tier (src/compile/) against the interpreter and the interpreter's fused kernels,
// one thread, same process:
//   - formulas the fused kernels take (Gaussian matvec D = 3 and 16, a Gaussian logsumexp,
//     argKmin K = 10): the fused kernel, and an equivalent formula the recogniser does not take
//     (a factor times a column of ones) interpreted (compile 'never') and compiled ('always');
//   - formulas no fused kernel takes (Laplacian, Cauchy, Matern 3/2 kernel products, the
//     Gaussian-mixture tutorial's weighted logsumexp): interpreted and compiled;
//   - the hand-fused AssemblyScript kernel (build/bench/fused-gaussian.wasm) on the Gaussian
//     matvec D = 3 (bench/gaussian-matvec.mjs's ceiling);
//   - compile time per module, and a new formula's first call (N = M = 1000) in each mode.
// Every result is checked to be the interpreter's bits.
//
//   node bench/compiled-tier.mjs [--n 5000] [--rounds 5] [--dtype float32]
//
// CPU milliseconds per call (the process's user + system time), median [min] of the rounds;
// in each round every mode of a case runs once, on a fresh engine (configure restarts it),
// warmed first, in an order that rotates from round to round (this project's VM changes speed
// by up to a third between minutes: modes timed one after the other gave ratios that swung
// 0.75-1.56 between runs).
import { readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { option, positiveNumber, lcg, machine, FUSED_WASM } from './common.mjs';

process.env.LAZYKERNEL_THREADS = '1';
const { tensor, Vi, Vj, Pm, configure, engineInfo, shutdown } = await import('../build/src/index.js');

const N = positiveNumber('n', option('n', '5000'), { integer: true });
const ROUNDS = positiveNumber('rounds', option('rounds', '5'), { integer: true });
const DTYPE = option('dtype', 'float32');
const rand = lcg(7);
const Arr = DTYPE === 'float32' ? Float32Array : Float64Array;
const cloud = (n, d, scale = 1) => tensor(Arr.from({ length: n * d }, () => rand() * scale), [n, d]);

const x = cloud(N, 3), y = cloud(N, 3), b = cloud(N, 1), x16 = cloud(N, 16), y16 = cloud(N, 16);
const ones = tensor(new Arr(N).fill(1), [N, 1]);
const d = Vi(x).sqdist(Vj(y));
// The Gaussian-mixture tutorial: 2-D points against 30 components with 2 x 2 precisions.
const NG = 2 * N, MG = 30;
const pts = cloud(NG, 2), mu = cloud(MG, 2), gamma = tensor(Arr.from({ length: MG * 4 }, (_, k) => (k % 4 === 0 || k % 4 === 3 ? 2 + rand() : 0.3 * rand())), [MG, 4]);
const wts = cloud(MG, 1);

const FUSABLE = {
  'Gaussian matvec, D = 3': [() => d.mul(-0.5).exp().mul(Vj(b)).sum(1), () => d.mul(-0.5).exp().mul(Vj(b).mul(Vj(ones))).sum(1)],
  'logsumexp_j(-|x - y|^2 / 2), D = 3': [() => d.mul(-0.5).logsumexp(1), () => d.mul(Vj(ones)).mul(-0.5).logsumexp(1)],
  'argKmin K = 10, D = 3': [() => d.argKmin(10, 1), () => d.mul(Vj(ones)).argKmin(10, 1)],
  'Gaussian matvec, D = 16': [() => Vi(x16).sqdist(Vj(y16)).mul(-0.1).exp().mul(Vj(b)).sum(1), () => Vi(x16).sqdist(Vj(y16)).mul(-0.1).exp().mul(Vj(b).mul(Vj(ones))).sum(1)],
};
const r = () => d.sqrt();
const OTHER = {
  'Laplacian exp(-|x - y|) b_j, D = 3': () => r().neg().exp().mul(Vj(b)).sum(1),
  'Cauchy b_j / (1 + |x - y|^2), D = 3': () => d.add(1).inv().mul(Vj(b)).sum(1),
  'Matern 3/2 (1 + sqrt3 r) exp(-sqrt3 r) b_j, D = 3': () => r().mul(Math.sqrt(3)).add(1).mul(r().mul(-Math.sqrt(3)).exp()).mul(Vj(b)).sum(1),
  [`GMM tutorial: logsumexp_j(-(x - mu_j)^T G_j (x - mu_j)) weighted, ${NG} x ${MG}`]: () => Vi(pts).weightedsqdist(Vj(mu), Vj(gamma)).neg().logsumexp(1, { weight: Vj(wts) }),
};
// The tutorial's formula over N x N pairs (no row lanes).
const gmmBig = Vi(cloud(N, 2)).weightedsqdist(Vj(cloud(N, 2)), Vj(tensor(Arr.from({ length: N * 4 }, (_, k) => (k % 4 === 0 || k % 4 === 3 ? 2 : 0.3)), [N, 4]))).neg();
OTHER[`GMM tutorial formula, ${N} x ${N}`] = () => gmmBig.logsumexp(1, { weight: Vj(b) });

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const stat = (t) => `${median(t).toFixed(1)} [${Math.min(...t).toFixed(1)}]`;

/** Calls timed per round (their mean): one call's time swung by a third on this project's VM. */
const CALLS = 3;

/**
 * CPU ms per call of `run` (the mean of CALLS) on a fresh engine with compile `mode`, warmed by
 * 3 calls and 200 ms at least (V8 tiers a new module up from its baseline compiler on background
 * threads, whose CPU time this process counts: a short call would time that), and its result.
 */
async function timeOnce(mode, run) {
  // relaxedSimd 'never': the compiled tier measured here gives the interpreter's bits (checked below).
  configure({ threads: 1, compile: mode, relaxedSimd: 'never', warmUp: false });
  const first = await run();
  const warmFrom = performance.now();
  for (let k = 0; k < 2 || performance.now() - warmFrom < 200; k++) await run();
  const t0 = cpuMs();
  for (let k = 0; k < CALLS; k++) await run();
  const time = (cpuMs() - t0) / CALLS;
  const info = await engineInfo();
  return { time, result: first, tier: info.compiler.last?.tier };
}

/**
 * ROUNDS rounds of every [mode, run] (a mode of null: a plain function, timed as is), in an order
 * that rotates each round, so that the machine's drifts fall on all of them: per entry its
 * times, last result and tier.
 */
async function alternate(entries) {
  const out = entries.map(() => ({ times: [], result: null, tier: null }));
  for (let r = 0; r < ROUNDS; r++) {
    for (let q = 0; q < entries.length; q++) {
      const k = (q + r) % entries.length;
      const [mode, run] = entries[k];
      if (mode === null) {
        run();
        const t0 = cpuMs();
        for (let c = 0; c < CALLS; c++) run();
        out[k].times.push((cpuMs() - t0) / CALLS);
        continue;
      }
      const o = await timeOnce(mode, run);
      Object.assign(out[k], { result: o.result, tier: o.tier });
      out[k].times.push(o.time);
    }
  }
  return out;
}

function sameBits(a, b) {
  const A = Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const B = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  return A.equals(B);
}

/** bench/gaussian-matvec.mjs's hand-fused kernel, on this run's x, y, b (float32 only). */
function handFused() {
  if (DTYPE !== 'float32' || !existsSync(FUSED_WASM)) return null;
  const X = x.data, Y = y.data, B = b.data, M = N, D = 3;
  const mPad = (M + 3) & ~3;
  const bytes = (count) => (count * 4 + 15) & ~15;
  const BASE = 65536;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((BASE + bytes(N * D) + 4 * bytes(mPad) + bytes(N)) / 65536) + 1 });
  const { gaussianMatvecF32 } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(FUSED_WASM)), { env: { memory } }).exports;
  let at = BASE;
  const alloc = (count) => { const p = at; at += bytes(count); return p; };
  const px = alloc(N * D), py = [alloc(mPad), alloc(mPad), alloc(mPad)], pb = alloc(mPad), pout = alloc(N);
  new Float32Array(memory.buffer, px, N * D).set(X);
  for (let c = 0; c < 3; c++) {
    const yc = new Float32Array(memory.buffer, py[c], mPad);
    for (let j = 0; j < M; j++) yc[j] = Y[j * D + c];
  }
  new Float32Array(memory.buffer, pb, mPad).set(B);
  return () => gaussianMatvecF32(px, py[0], py[1], py[2], pb, pout, N, M, -0.5);
}

const m = machine();
console.log(`# compiled tier vs interpreter vs fused kernels, one thread, ${DTYPE}, N = M = ${N}, ${ROUNDS} rounds`);
console.log(`- ${m.date}, node ${m.node}, ${m.cpus} x ${m.model}, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
console.log(`- CPU ms per call (mean of ${CALLS} per round), median [min] of the rounds, the modes alternated within each; ratios of medians (> 1: compiled faster)\n`);
console.log('| case | fused kernel | interpreted | compiled | interpreted / compiled | fused / compiled |');
console.log('|---|---:|---:|---:|---:|---:|');
const gains = [];
const hand = handFused();
let handTimes = null;
for (const [name, [fused, plain]] of Object.entries(FUSABLE)) {
  // The hand-fused kernel computes the Gaussian matvec D = 3: timed in the same rounds.
  const withHand = hand && name === 'Gaussian matvec, D = 3';
  const [f, i, c, h] = await alternate([['never', fused], ['never', plain], ['always', plain], ...(withHand ? [[null, hand]] : [])]);
  if (withHand) handTimes = h.times;
  if (f.tier !== 'fused' || i.tier !== 'interpreter' || c.tier !== 'compiled') throw new Error(`${name}: tiers ${f.tier} / ${i.tier} / ${c.tier}`);
  if (!sameBits(i.result, c.result) || !sameBits(f.result, c.result)) throw new Error(`${name}: results differ`);
  gains.push((median(i.times) - median(c.times)) / (N * N));
  console.log(`| ${name} | ${stat(f.times)} | ${stat(i.times)} | ${stat(c.times)} | **${(median(i.times) / median(c.times)).toFixed(2)}** | ${(median(f.times) / median(c.times)).toFixed(2)} |`);
}
for (const [name, run] of Object.entries(OTHER)) {
  const [i, c] = await alternate([['never', run], ['always', run]]);
  if (i.tier !== 'interpreter' || c.tier !== 'compiled') throw new Error(`${name}: tiers ${i.tier} / ${c.tier}`);
  if (!sameBits(i.result, c.result)) throw new Error(`${name}: results differ`);
  console.log(`| ${name} | - | ${stat(i.times)} | ${stat(c.times)} | **${(median(i.times) / median(c.times)).toFixed(2)}** | - |`);
}
if (handTimes) {
  console.log(`\nhand-fused AssemblyScript kernel (build/bench/fused-gaussian.wasm), Gaussian matvec D = 3, in the same rounds: ${stat(handTimes)} CPU ms per call`);
}

// Compile time per module, and a new formula's first call (N = M = 1000), in a fresh engine.
const small = cloud(1000, 3), small2 = cloud(1000, 3), sb = cloud(1000, 1);
const firstCall = async (mode, k) => {
  // relaxedSimd 'never': the compiled tier measured here gives the interpreter's bits (checked below).
  configure({ threads: 1, compile: mode, relaxedSimd: 'never', warmUp: false });
  await Vi(small).sqdist(Vj(small2)).add(1).sum(1); // the engine started, inputs copied
  const F = Vi(small).sqdist(Vj(small2)).mul(0.37 + k / 1000).add(1).sqrt().inv().mul(Vj(sb));
  const t0 = performance.now();
  await F.sum(1);
  const ms = performance.now() - t0;
  return { ms, compiler: (await engineInfo()).compiler };
};
const fc = { never: [], always: [] };
let compileMs = [];
for (let k = 0; k < ROUNDS; k++) {
  for (const mode of ['never', 'always']) {
    const { ms, compiler } = await firstCall(mode, k);
    fc[mode].push(ms);
    if (mode === 'always') compileMs.push(compiler.compileMs / Math.max(1, compiler.modulesCompiled));
  }
}
console.log(`\ncompile time per module (code generation + WebAssembly.Module + instantiation): ${stat(compileMs)} ms`);
console.log(`a new formula's first call, N = M = 1000 (wall ms): interpreted ${stat(fc.never)}, compiled ${stat(fc.always)}`);
console.log(`interpreter - compiled per pair on the fusable cases: ${gains.map((g) => (g * 1e6).toFixed(2)).join(', ')} ns`);
await shutdown();
