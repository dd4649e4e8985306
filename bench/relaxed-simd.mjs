// Relaxed SIMD in the compiled tier (src/compile/relaxed-simd.ts): the same compiled kernels with
// and without fused multiply-adds, one thread, float32, N = M = 5000, rounds alternating the two
// modes (each on a fresh engine, warmed), CPU ms per call (the mean of 4 per round; median [min]
// of the rounds). Needs a runtime with relaxed SIMD:
//
//   node --experimental-wasm-relaxed-simd bench/relaxed-simd.mjs [--n 5000] [--rounds 5]
//
// (Node >= 22, Deno and Bun have it without a flag.) Also reports the largest difference between
// the two modes' results, relative to the largest result.
import { loadavg } from 'node:os';
import { option, positiveNumber, lcg, machine } from './common.mjs';

process.env.LAZYKERNEL_THREADS = '1';
const { tensor, Vi, Vj, configure, engineInfo, shutdown } = await import('../build/src/index.js');

const N = positiveNumber('n', option('n', '5000'), { integer: true });
const ROUNDS = positiveNumber('rounds', option('rounds', '5'), { integer: true });
/** Calls timed per round (their mean): one call's time swung by a third on this project's VM. */
const CALLS = 4;
const rand = lcg(11);
const cloud = (n, d) => tensor(Float32Array.from({ length: n * d }, () => rand()), [n, d]);
const x = cloud(N, 3), y = cloud(N, 3), b = cloud(N, 1), x2 = cloud(N, 2), x16 = cloud(N, 16), y16 = cloud(N, 16);
const CASES = {
  'Gaussian matvec, D = 2': () => Vi(x2).sqdist(Vj(x2)).mul(-0.5).exp().mul(Vj(b)).sum(1),
  'Gaussian matvec, D = 3': () => Vi(x).sqdist(Vj(y)).mul(-0.5).exp().mul(Vj(b)).sum(1),
  'Gaussian matvec, D = 16': () => Vi(x16).sqdist(Vj(y16)).mul(-0.1).exp().mul(Vj(b)).sum(1),
  'exp(x . y) b_j, D = 3': () => Vi(x).dot(Vj(y)).mul(-1).exp().mul(Vj(b)).sum(1),
};

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];

/** One round of `run` on a fresh engine in relaxed mode `mode`: CPU ms per call, and the result. */
async function round(mode, run) {
  configure({ threads: 1, compile: 'always', relaxedSimd: mode, warmUp: false });
  const result = await run();
  for (let k = 0; k < 2; k++) await run();
  const t0 = cpuMs();
  for (let k = 0; k < CALLS; k++) await run();
  const ms = (cpuMs() - t0) / CALLS;
  const info = await engineInfo();
  return { ms, result, relaxed: info.compiler.relaxedSimd, reason: info.compiler.relaxedSimdReason, tier: info.compiler.last?.tier };
}

const m = machine();
console.log(`# relaxed SIMD in the compiled tier, one thread, float32, N = M = ${N}, ${ROUNDS} rounds`);
console.log(`- ${m.date}, node ${m.node}, ${m.cpus} x ${m.model}, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}\n`);
const probe = await round('auto', CASES['Gaussian matvec, D = 3']);
if (!probe.relaxed) {
  console.log(`relaxed SIMD is not available here: ${probe.reason}`);
  await shutdown();
  process.exit(0);
}
console.log('| case | plain (never) | relaxed (auto) | plain / relaxed | max relative difference |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, run] of Object.entries(CASES)) {
  const plain = [], relaxed = [];
  let a = null, r = null;
  for (let k = 0; k < ROUNDS; k++) {
    // Alternating, the order flipped every round: a change of the machine's speed falls on both.
    for (const mode of k % 2 ? ['auto', 'never'] : ['never', 'auto']) {
      const out = await round(mode, run);
      if (out.tier !== 'compiled') throw new Error(`${name}: ran on ${out.tier}`);
      (mode === 'auto' ? relaxed : plain).push(out.ms);
      if (mode === 'auto') r = out.result; else a = out.result;
    }
  }
  const scale = Math.max(...Array.from(a.data, Math.abs));
  let diff = 0;
  a.data.forEach((v, i) => { diff = Math.max(diff, Math.abs(v - r.data[i]) / scale); });
  console.log(`| ${name} | ${median(plain).toFixed(1)} [${Math.min(...plain).toFixed(1)}] | ${median(relaxed).toFixed(1)} [${Math.min(...relaxed).toFixed(1)}] | **${(median(plain) / median(relaxed)).toFixed(2)}** | ${diff.toExponential(1)} |`);
}
await shutdown();
