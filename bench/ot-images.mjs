// Densities on grids (imagesLoss, imagesBarycenter): how to run the 1-D log-sum-exp passes of
// the separable softmin, and what the functions cost.
//
// 1. One 1-D pass, logsumexp_j (h_j[l] - (x_i - x_j)^2) for L = 4n lines of n pixels (a stack
//    of four n x n images, one axis), float32, one thread, four ways:
//      vector-64 / vector-1024: the lines as the vector dimension of a Vj variable, 64 or 1024
//        lines per reduction (what src/ot/images-softmin.ts does, with 1024);
//      ranges: the lines as the rows and columns of one block-sparse reduction (one cluster per line);
//      host: a JavaScript loop over a precomputed n x n cost table.
// 2. imagesLoss on n x n images against samplesLoss('sinkhorn', { backend: 'online' }) on the
//    grid's points (same value), and one imagesBarycenter of four 64 x 64 images with the
//    settings of examples/images-barycenter-2d.ts.
//
//   node tools/build.mjs && node bench/ot-images.mjs [--sizes 16,32,64,128]
import b from 'benny';
import { tensor, Vi, Vj, configure, imagesLoss, imagesBarycenter, samplesLoss } from '../build/src/index.js';
import { option, positiveNumber, lcg, printHeader, caseStats } from './common.mjs';

const SIZES = option('sizes', '16,32,64,128').split(',').map((c) => positiveNumber('sizes', c, { integer: true }));
configure({ threads: 1 });
printHeader('Separable softmin passes and image losses, float32, 1 thread');
const rand = lcg(19);

function hostPass(x, h, n, L) {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * n + j] = (x[i] - x[j]) ** 2;
  const out = new Float32Array(n * L);
  for (let l = 0; l < L; l++) {
    const o = l * n;
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let j = 0; j < n; j++) m = Math.max(m, h[o + j] - c[i * n + j]);
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.exp(h[o + j] - c[i * n + j] - m);
      out[o + i] = m + Math.log(s);
    }
  }
  return out;
}

const passRows = [];
for (const n of SIZES) {
  const L = 4 * n;
  const xs = Float32Array.from({ length: n }, (_, k) => (10 * k) / n);
  const h = Float32Array.from({ length: n * L }, () => 5 * rand());
  const x = tensor(xs, [n, 1]);
  const vector = (block) => async () => {
    const parts = [];
    for (let l0 = 0; l0 < L; l0 += block) {
      const count = Math.min(block, L - l0);
      const hb = new Float32Array(n * count);
      for (let b2 = 0; b2 < count; b2++) for (let j = 0; j < n; j++) hb[j * count + b2] = h[(l0 + b2) * n + j];
      parts.push(Vj(tensor(hb, [n, count])).sub(Vi(x).sub(Vj(x)).square()).logsumexp(1));
    }
    await Promise.all(parts);
  };
  const xr = tensor(Float32Array.from({ length: n * L }, (_, k) => xs[k % n]), [n * L, 1]);
  const hr = tensor(h, [n * L, 1]);
  const rangesI = new Int32Array(2 * L), slices = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    rangesI[2 * l] = l * n;
    rangesI[2 * l + 1] = (l + 1) * n;
    slices[l] = l + 1;
  }
  const ranges = [rangesI, slices, rangesI, rangesI, slices, rangesI];
  const kinds = {
    'vector-64': vector(64),
    'vector-1024': vector(1024),
    ranges: () => Vj(hr).sub(Vi(xr).sub(Vj(xr)).square()).logsumexp(1, { ranges }),
    host: async () => hostPass(xs, h, n, L),
  };
  for (const run of Object.values(kinds)) await run();
  const cases = Object.entries(kinds).map(([kind, run]) => b.add(`${kind} n=${n}`, () => run()));
  const summary = await b.suite(`one pass, n = ${n}, ${L} lines`, ...cases, b.configure({ cases: { minSamples: 10 } }), b.cycle(), b.complete());
  passRows.push({ n, L, ms: Object.fromEntries(Object.keys(kinds).map((k) => [k, caseStats(summary, `${k} n=${n}`).median * 1e3])) });
}

const density = (n) => {
  const v = Float32Array.from({ length: n * n }, () => rand() + 0.05);
  const t = v.reduce((a, c) => a + c, 0);
  return tensor(v.map((u) => u / t), [n, n]);
};
const grid = (n) => tensor(Float32Array.from({ length: 2 * n * n }, (_, k) => (k % 2 === 0 ? Math.floor(k / 2 / n) : (k / 2) % n) / n), [n * n, 2]);
const lossRows = [];
for (const n of SIZES.filter((s) => s >= 32)) {
  const A = density(n), B = density(n), X = grid(n);
  const opts = { blur: 0.05, scaling: 0.5, diameter: 1 };
  const timeIt = async (f) => {
    await f();
    const t0 = performance.now();
    const v = (await f()).item();
    return { ms: performance.now() - t0, v };
  };
  const img = await timeIt(() => imagesLoss('sinkhorn', opts)(A, B));
  const pts = n <= 64 ? await timeIt(() => samplesLoss('sinkhorn', { ...opts, backend: 'online' })(A.reshape([n * n]), X, B.reshape([n * n]), X)) : null;
  lossRows.push({ n, img, pts });
}
const shapes = [0, 1, 2, 3].map(() => density(64));
const t0 = performance.now();
await imagesBarycenter(shapes, [0.25, 0.25, 0.25, 0.25], { blur: 0.05, scaling: 2 ** (-1 / 5), iterations: 5 });
const barycenterMs = performance.now() - t0;

console.log('\n| n | lines | vector, 64 lines / reduction | vector, 1024 lines / reduction | block-sparse ranges | host loop |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of passRows) console.log(`| ${r.n} | ${r.L} | ${r.ms['vector-64'].toFixed(2)} ms | ${r.ms['vector-1024'].toFixed(2)} ms | ${r.ms.ranges.toFixed(2)} ms | ${r.ms.host.toFixed(2)} ms |`);
console.log('\n| n x n | imagesLoss | samplesLoss online, grid points | values |');
console.log('|---|---:|---:|---|');
for (const r of lossRows) console.log(`| ${r.n} x ${r.n} | ${r.img.ms.toFixed(0)} ms | ${r.pts ? `${r.pts.ms.toFixed(0)} ms` : '-'} | ${r.img.v.toPrecision(7)}${r.pts ? ` / ${r.pts.v.toPrecision(7)}` : ''} |`);
console.log(`\nimagesBarycenter, four 64 x 64 images (the example's settings): ${barycenterMs.toFixed(0)} ms`);
