// The interpreter's fused kernels for affine squared distances (src/tape/affine-sqdist.ts,
// assembly/kernels/affine-sqdist.ts) against the same formulas run instruction by instruction,
// on one thread, in the same process, repetitions interleaved: each formula is paired with an
// equivalent one the recogniser does not take (h added as the difference with -h, a factor times
// a column of ones), whose results are checked to be the same bits before anything is timed.
//
//   node bench/fused-kernels.mjs [--n 5000] [--rounds 5]
//
// Reports CPU milliseconds per reduction (the process's user + system time: on a shared machine
// it moves less than the wall clock) and the ratio interpreted / fused per case.
import { loadavg } from 'node:os';
import { option, positiveNumber, lcg, machine } from './common.mjs';

process.env.LAZYKERNEL_THREADS = '1';
// The interpreter's own paths: the compiled tier (bench/compiled-tier.mjs) would run both forms.
process.env.LAZYKERNEL_COMPILE = 'never';
const { tensor, Vi, Vj, Pm } = await import('../build/src/index.js');

const N = positiveNumber('n', option('n', '5000'), { integer: true });
const ROUNDS = positiveNumber('rounds', option('rounds', '5'), { integer: true });
const rand = lcg(7);
const cloud = (n, d, dtype) => tensor((dtype === 'float32' ? Float32Array : Float64Array).from({ length: n * d }, rand), [n, d]);

function cases(dtype) {
  const x = cloud(N, 3, dtype), y = cloud(N, 3, dtype), h = cloud(N, 1, dtype), b = cloud(N, 1, dtype);
  const x16 = cloud(N, 16, dtype), y16 = cloud(N, 16, dtype);
  const ones = tensor(new (dtype === 'float32' ? Float32Array : Float64Array)(N).fill(1), [N, 1]);
  const d = Vi(x).sqdist(Vj(y));
  return {
    'Sinkhorn softmin: logsumexp_j(-|x - y|^2 / (2 eps) + h_j), D = 3': [
      () => d.mul(Pm(-200)).add(Vj(h)).logsumexp(1), () => d.mul(Pm(-200)).sub(Vj(h).neg()).logsumexp(1)],
    'Gaussian matvec sum_j exp(-|x - y|^2 / 2) b_j, D = 3': [
      () => d.mul(-0.5).exp().mul(Vj(b)).sum(1), () => d.mul(-0.5).exp().mul(Vj(b).mul(Vj(ones))).sum(1)],
    'Gaussian matvec, D = 16': [
      () => Vi(x16).sqdist(Vj(y16)).mul(-0.1).exp().mul(Vj(b)).sum(1), () => Vi(x16).sqdist(Vj(y16)).mul(-0.1).exp().mul(Vj(b).mul(Vj(ones))).sum(1)],
    'argKmin K = 10 of |x - y|^2, D = 3': [
      () => d.argKmin(10, 1), () => d.mul(Vj(ones)).argKmin(10, 1)],
  };
}

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const m = machine();
console.log(`# fused kernels vs the interpreter, one thread, N = M = ${N}, ${ROUNDS} rounds interleaved`);
console.log(`- ${m.date}, node ${m.node}, ${m.cpus} x ${m.model}, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
console.log('');
console.log('| case | dtype | fused: CPU ms / call (median [min]) | interpreted | interpreted / fused |');
console.log('|---|---|---:|---:|---:|');
for (const dtype of ['float32', 'float64']) {
  for (const [name, [fused, plain]] of Object.entries(cases(dtype))) {
    const a = await fused(), p = await plain();
    const same = a.data.every((v, k) => Object.is(v, p.data[k]) || (Number.isNaN(v) && Number.isNaN(p.data[k])));
    if (!same) throw new Error(`${name} ${dtype}: the fused and interpreted results differ`);
    const tf = [], tp = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const [run, out] of r % 2 ? [[plain, tp], [fused, tf]] : [[fused, tf], [plain, tp]]) {
        const t0 = cpuMs();
        await run();
        out.push(cpuMs() - t0);
      }
    }
    console.log(`| ${name} | ${dtype} | ${median(tf).toFixed(1)} [${Math.min(...tf).toFixed(1)}] | ${median(tp).toFixed(1)} [${Math.min(...tp).toFixed(1)}] | **${(median(tp) / median(tf)).toFixed(2)}** |`);
  }
}
