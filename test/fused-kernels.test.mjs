// The interpreter's fused kernels for log-sum-exps of e = scale * |x_i - y_j|^2 + h_j and sums
// of exp(e) * b_j (src/tape/affine-sqdist.ts, assembly/kernels/affine-sqdist.ts): recognised
// only where they apply, bit-identical to the same formula run instruction by instruction (an
// equivalent formula the recogniser does not take: h added as the difference with -h, b
// multiplied by a column of ones, which IEEE arithmetic makes exactly equal), and close to the
// float64 oracle; odd sizes, both dtypes and axes, every sum scheme, special values,
// block-sparse ranges and column splits.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tensor, Vi, Vj, Pm } from '../build/src/index.js';
import { TapeBuilder } from '../build/src/tape/builder.js';
import { Rng, randomData } from './helpers/random.mjs';
import { assertClose } from './helpers/compare.mjs';

const SEED = 0x5eed1e5;

/** The formula in the recognised form and in an equivalent form that is not recognised. */
function formulas(x, y, h, scale, { hFirst = false } = {}) {
  let d = Vi(x).sqdist(Vj(y));
  if (scale !== null) d = d.mul(scale);
  const fused = h === null ? d : hFirst ? Vj(h).add(d) : d.add(Vj(h));
  // d - (-h) == d + h exactly, but SUB is not part of the recognised pattern.
  const plain = h === null ? Vi(x).sqdist(Vj(y)).mul(scale ?? 1).mul(1) : d.sub(Vj(h).neg());
  return { fused, plain };
}

/** Same bits, NaN included. */
function assertIdentical(a, b, label) {
  assert.equal(a.shape, b.shape, `${label}: shapes`);
  for (let k = 0; k < a.data.length; k++) {
    if (!Object.is(a.data[k], b.data[k]) && !(Number.isNaN(a.data[k]) && Number.isNaN(b.data[k]))) {
      assert.unreachable(`${label}: element ${k} differs: fused ${a.data[k]}, interpreted ${b.data[k]}`);
    }
  }
}

test('the recogniser takes scale * |x_i - y_j|^2 + h_j in every operand order, and nothing else', () => {
  const build = (f) => {
    const b = new TapeBuilder(4);
    return f(b);
  };
  const shape = (f) => build((b) => {
    const x = b.load('i', 0, 3);
    const y = b.load('j', 1, 3);
    const h = b.load('j', 2, 1);
    const c = b.constant(-2);
    return b.finish(f(b, { x, y, h, c })).affineSqDist;
  });
  const full = { x: 0, y: 1, dim: 3, scaleConst: 0, scaleParam: -1, shift: 2, exp: false, factor: -1 };
  assert.equal(shape((b, r) => b.emit('ADD', 1, [b.emit('MUL', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), r.c]), r.h])), full);
  assert.equal(shape((b, r) => b.emit('ADD', 1, [r.h, b.emit('MUL', 1, [r.c, b.emit('SQDIST', 1, [r.y, r.x], 3)])])), full);
  assert.equal(shape((b, r) => b.emit('SQDIST', 1, [r.x, r.y], 3)), { x: 0, y: 1, dim: 3, scaleConst: -1, scaleParam: -1, shift: -1, exp: false, factor: -1 });
  assert.equal(shape((b, r) => b.emit('ADD', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), r.h])), { x: 0, y: 1, dim: 3, scaleConst: -1, scaleParam: -1, shift: 2, exp: false, factor: -1 });
  // A parameter of dimension 1 as the scale (Pm(s): one tape for every s), not one of dimension 2.
  assert.equal(shape((b, r) => b.emit('ADD', 1, [b.emit('MUL', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), b.load('p', 5, 1)]), r.h])), { ...full, scaleConst: -1, scaleParam: 5 });
  assert.is(shape((b, r) => b.emit('MUL', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), b.emit('EXTRACT', 1, [b.load('p', 5, 2)], 1)])), null);
  // Not affine in one squared distance: a SUB, a j-dependent scale, an i-dependent shift, two i-variables.
  assert.is(shape((b, r) => b.emit('SUB', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), r.h])), null);
  assert.is(shape((b, r) => b.emit('MUL', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), r.h])), null);
  assert.is(shape((b, r) => b.emit('ADD', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), b.load('i', 3, 1)])), null);
  assert.is(shape((b, r) => b.emit('SQDIST', 1, [r.x, b.load('i', 4, 3)], 3)), null);
  // exp(e), for a SUM (times a j-variable factor or not).
  assert.equal(shape((b, r) => b.emit('EXP', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3)])), { x: 0, y: 1, dim: 3, scaleConst: -1, scaleParam: -1, shift: -1, exp: true, factor: -1 });
  assert.equal(shape((b, r) => b.emit('EXP', 1, [b.emit('ADD', 1, [b.emit('MUL', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), r.c]), r.h])])), { ...full, exp: true, factor: -1 });
  const sumShape = (f) => build((b) => {
    const x = b.load('i', 0, 3);
    const y = b.load('j', 1, 3);
    const w = b.load('j', 2, 4);
    return b.finish(f(b, { x, y, w, c: b.constant(-2) }), null, { sumProduct: true }).affineSqDist;
  });
  assert.equal(sumShape((b, r) => b.emit('MUL', 4, [b.emit('EXP', 1, [b.emit('MUL', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3), r.c])]), r.w])), { x: 0, y: 1, dim: 3, scaleConst: 0, scaleParam: -1, shift: -1, exp: true, factor: 2 });
  // A factor that is not a plain j-variable, an exponent that is not affine in the distance.
  assert.is(sumShape((b, r) => b.emit('MUL', 4, [b.emit('EXP', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3)]), b.emit('NEG', 4, [r.w])])), null);
  assert.is(sumShape((b, r) => b.emit('MUL', 4, [b.emit('EXP', 1, [b.emit('NEG', 1, [b.emit('SQDIST', 1, [r.x, r.y], 3)])]), r.w])), null);
  assert.is(sumShape((b, r) => b.emit('MUL', 4, [b.emit('SQDIST', 1, [r.x, r.y], 3), r.w])), null);
});

test('fused log-sum-exp: bit-identical to the interpreted formula and close to the oracle (odd sizes, both dtypes and axes)', async () => {
  const rng = new Rng(SEED);
  const cases = [];
  for (const dtype of ['float32', 'float64']) {
    for (const [N, M] of [[1, 1], [1, 257], [3, 5], [5, 4], [7, 255], [37, 256], [41, 600]]) {
      for (const D of [1, 2, 3, 5]) cases.push({ dtype, N, M, D });
    }
  }
  for (const { dtype, N, M, D } of cases) {
    const x = tensor(randomData(rng, N * D, { dtype, lo: -1, hi: 1 }), [N, D]);
    const y = tensor(randomData(rng, M * D, { dtype, lo: -1, hi: 1 }), [M, D]);
    const h = tensor(randomData(rng, M, { dtype, lo: -3, hi: 3 }), [M, 1]);
    for (const [scale, withH, hFirst] of [[-7.5, true, false], [-0.3, true, true], [null, false, false], [-40, false, false], [null, true, false]]) {
      const { fused, plain } = formulas(x, y, withH ? h : null, scale, { hFirst });
      const label = `${dtype} N ${N} M ${M} D ${D} scale ${scale} h ${withH}`;
      const got = await fused.logsumexp(1);
      assertIdentical(got, await plain.logsumexp(1), label);
      const ref = await fused.logsumexp(1, { backend: 'oracle' });
      const mag = Math.abs(scale ?? 1) * 4 * D + 4;
      assertClose(got, ref, { rtol: dtype === 'float32' ? 1e-5 : 1e-12, scale: mag, label });
    }
    // The scale as a parameter, as the Sinkhorn softmins build it (Pm: one tape for every temperature).
    for (const s of [-37.5, 0.25]) {
      const f = Vi(x).sqdist(Vj(y)).mul(Pm(s)).add(Vj(h));
      const g = Vi(x).sqdist(Vj(y)).mul(Pm(s)).sub(Vj(h).neg());
      assertIdentical(await f.logsumexp(1), await g.logsumexp(1), `${dtype} N ${N} M ${M} D ${D} Pm(${s})`);
      assertIdentical(await f.exp().mul(Vj(h)).sum(1), await g.exp().mul(Vj(h)).sum(1), `${dtype} N ${N} M ${M} D ${D} Pm(${s}) Gaussian sum`);
    }
    // The other axis: y's rows are reduced (x becomes the j-variable of the plan).
    if (N > 1) {
      const hi = tensor(randomData(rng, N, { dtype, lo: -3, hi: 3 }), [N, 1]);
      const f = Vi(x).sqdist(Vj(y)).mul(-2).add(Vi(hi));
      const g = Vi(x).sqdist(Vj(y)).mul(-2).sub(Vi(hi).neg());
      assertIdentical(await f.logsumexp(0), await g.logsumexp(0), `${dtype} N ${N} M ${M} D ${D} axis 0`);
    }
  }
});

test('fused log-sum-exp: NaN, infinities, huge and tiny values give the interpreter\'s results', async () => {
  const rng = new Rng(SEED + 1);
  const specials = { nan: 0.03, posInf: 0.03, negInf: 0.03, huge: 0.05, tiny: 0.05 };
  for (const dtype of ['float32', 'float64']) {
    for (const [N, M, D] of [[9, 300, 3], [6, 77, 2], [5, 33, 1]]) {
      const x = tensor(randomData(rng, N * D, { dtype, specials }), [N, D]);
      const y = tensor(randomData(rng, M * D, { dtype, specials }), [M, D]);
      const h = tensor(randomData(rng, M, { dtype, specials }), [M, 1]);
      for (const scale of [-1, 1e-30, -1e30]) {
        const { fused, plain } = formulas(x, y, h, scale);
        assertIdentical(await fused.logsumexp(1), await plain.logsumexp(1), `${dtype} ${N}x${M} D ${D} scale ${scale}`);
      }
      // Rows whose every term is -Inf, +Inf or NaN.
      const hInf = tensor(new (dtype === 'float32' ? Float32Array : Float64Array)(M).fill(-Infinity), [M, 1]);
      const { fused, plain } = formulas(x, y, hInf, -1);
      assertIdentical(await fused.logsumexp(1), await plain.logsumexp(1), `${dtype} all -Inf`);
    }
  }
});

test('fused Gaussian sums: bit-identical to the interpreted formula for every sum scheme, close to the oracle', async () => {
  const rng = new Rng(SEED + 3);
  for (const dtype of ['float32', 'float64']) {
    for (const [N, M, D, E] of [[1, 1, 1, 1], [3, 5, 3, 1], [5, 257, 3, 4], [37, 256, 2, 1], [9, 600, 5, 3], [6, 255, 3, 2]]) {
      const x = tensor(randomData(rng, N * D, { dtype, lo: -1, hi: 1 }), [N, D]);
      const y = tensor(randomData(rng, M * D, { dtype, lo: -1, hi: 1 }), [M, D]);
      const b = tensor(randomData(rng, M * E, { dtype, lo: -2, hi: 2 }), [M, E]);
      const h = tensor(randomData(rng, M, { dtype, lo: -1, hi: 1 }), [M, 1]);
      const ones = tensor(new (dtype === 'float32' ? Float32Array : Float64Array)(M).fill(1), [M, 1]);
      const K = Vi(x).sqdist(Vj(y)).mul(-1.7).exp();
      const Kh = Vi(x).sqdist(Vj(y)).mul(-0.6).add(Vj(h)).exp();
      for (const sumScheme of ['block_sum', 'kahan_scheme', 'direct_sum']) {
        if (sumScheme === 'direct_sum' && dtype === 'float64') continue;
        const o = { sumScheme };
        const label = `${dtype} N ${N} M ${M} D ${D} E ${E} ${sumScheme}`;
        const got = await K.mul(Vj(b)).sum(1, o);
        assertIdentical(got, await K.mul(Vj(b).mul(Vj(ones))).sum(1, o), `${label} exp(c d) b`);
        assertIdentical(await K.sum(1, o), await K.mul(Vj(ones)).sum(1, o), `${label} exp(c d)`);
        assertIdentical(await Kh.mul(Vj(b)).sum(1, o), await Kh.mul(Vj(b).mul(Vj(ones))).sum(1, o), `${label} exp(c d + h) b`);
        // Growing exponentials up to overflow (exp of up to 30 * 4 * D).
        const Kbig = Vi(x).sqdist(Vj(y)).mul(30).exp();
        assertIdentical(await Kbig.mul(Vj(b)).sum(1, o), await Kbig.mul(Vj(b).mul(Vj(ones))).sum(1, o), `${label} exp(30 d) b`);
        const scale = (await K.mul(Vj(b)).abs().sum(1, { backend: 'oracle' })).data;
        assertClose(got, await K.mul(Vj(b)).sum(1, { backend: 'oracle' }), { rtol: dtype === 'float32' ? 1e-5 : 1e-12, scale: Array.from(scale, (v) => v + 1e-30), label });
      }
      if (N > 1) {
        const a = tensor(randomData(rng, N * E, { dtype, lo: -2, hi: 2 }), [N, E]);
        const onesI = tensor(new (dtype === 'float32' ? Float32Array : Float64Array)(N).fill(1), [N, 1]);
        assertIdentical(await K.mul(Vi(a)).sum(0), await K.mul(Vi(a).mul(Vi(onesI))).sum(0), `${dtype} N ${N} M ${M} axis 0`);
      }
    }
  }
  // Special values: NaN, infinities, huge and tiny coordinates and weights.
  const specials = { nan: 0.03, posInf: 0.03, negInf: 0.03, huge: 0.05, tiny: 0.05 };
  for (const dtype of ['float32', 'float64']) {
    const [N, M, D] = [7, 300, 3];
    const x = tensor(randomData(rng, N * D, { dtype, specials }), [N, D]);
    const y = tensor(randomData(rng, M * D, { dtype, specials }), [M, D]);
    const b = tensor(randomData(rng, M, { dtype, specials }), [M, 1]);
    const ones = tensor(new (dtype === 'float32' ? Float32Array : Float64Array)(M).fill(1), [M, 1]);
    for (const c of [-1, 1e-30, -1e30, 0.5]) {
      const K = Vi(x).sqdist(Vj(y)).mul(c).exp();
      assertIdentical(await K.mul(Vj(b)).sum(1), await K.mul(Vj(b).mul(Vj(ones))).sum(1), `${dtype} specials c ${c}`);
    }
  }
});

test('every reduction kind of e and of exp(e): bit-identical to the interpreted formula (nearest neighbours, min / max, K-min, sums)', async () => {
  const rng = new Rng(SEED + 4);
  const kinds = {
    sum: (F, o) => F.sum(1, o),
    logsumexp: (F, o) => F.logsumexp(1, o),
    min: (F, o) => F.min(1, o),
    max: (F, o) => F.max(1, o),
    argmin: (F, o) => F.argmin(1, o),
    argmax: (F, o) => F.argmax(1, o),
    minArgmin: async (F, o) => (await F.minArgmin(1, o)),
    maxArgmax: async (F, o) => (await F.maxArgmax(1, o)),
    Kmin: (F, o) => F.Kmin(5, 1, o),
    argKmin: (F, o) => F.argKmin(5, 1, o),
    KminArgKmin: async (F, o) => (await F.KminArgKmin(5, 1, o)),
  };
  const flat = async (p) => { const r = await p; return Array.isArray(r) ? r : [r]; };
  for (const dtype of ['float32', 'float64']) {
    for (const [N, M, D] of [[1, 1, 3], [5, 4, 3], [9, 257, 3], [6, 300, 2], [3, 70, 5]]) {
      // Small integers make ties: the lowest index must win in both runs.
      const x = tensor(randomData(rng, N * D, { dtype, integers: [-2, 2] }), [N, D]);
      const y = tensor(randomData(rng, M * D, { dtype, integers: [-2, 2] }), [M, D]);
      const h = tensor(randomData(rng, M, { dtype, integers: [-3, 3] }), [M, 1]);
      const d = Vi(x).sqdist(Vj(y)).mul(-0.25);
      const pairs = {
        e: [d.add(Vj(h)), d.sub(Vj(h).neg())],
        'plain |x - y|^2': [Vi(x).sqdist(Vj(y)), Vi(x).sqdist(Vj(y)).mul(Vj(h).mul(0).add(1))],
        'exp(e)': [d.add(Vj(h)).exp(), d.sub(Vj(h).neg()).exp()],
      };
      for (const [what, [fused, plain]] of Object.entries(pairs)) {
        for (const [name, run] of Object.entries(kinds)) {
          const a = await flat(run(fused, {}));
          const b = await flat(run(plain, {}));
          a.forEach((t, k) => assertIdentical(t, b[k], `${dtype} N ${N} M ${M} D ${D} ${what} ${name} output ${k}`));
        }
      }
    }
  }
});

test('fused kernels with block-sparse ranges and with the reduced axis split across threads', async () => {
  const rng = new Rng(SEED + 2);
  const i32 = (rows) => tensor(Int32Array.from(rows.flat()), [rows.length, 2]);
  for (const dtype of ['float32', 'float64']) {
    const N = 40, M = 301, D = 3;
    const x = tensor(randomData(rng, N * D, { dtype, lo: 0, hi: 1 }), [N, D]);
    const y = tensor(randomData(rng, M * D, { dtype, lo: 0, hi: 1 }), [M, D]);
    const h = tensor(randomData(rng, M, { dtype, lo: -1, hi: 1 }), [M, 1]);
    const RI = [[0, 5], [5, 17], [17, 40]];
    const RJ = [[0, 100], [100, 101], [101, 250], [250, 301]];
    const keep = [[1, 0, 1, 1], [0, 1, 0, 1], [1, 1, 0, 0]];
    const slicesI = [], redJ = [], slicesJ = [], redI = [];
    RI.forEach((_, a) => { RJ.forEach((r, b) => keep[a][b] && redJ.push(r)); slicesI.push(redJ.length); });
    RJ.forEach((_, b) => { RI.forEach((r, a) => keep[a][b] && redI.push(r)); slicesJ.push(redI.length); });
    const ranges = [i32(RI), tensor(Int32Array.from(slicesI), [slicesI.length]), i32(redJ), i32(RJ), tensor(Int32Array.from(slicesJ), [slicesJ.length]), i32(redI)];
    const { fused, plain } = formulas(x, y, h, -3);
    assertIdentical(await fused.logsumexp(1, { ranges }), await plain.logsumexp(1, { ranges }), `${dtype} ranges`);
    // Few rows and many columns: the engine splits the columns between threads and merges.
    const y2 = tensor(randomData(rng, 20000 * D, { dtype, lo: 0, hi: 1 }), [20000, D]);
    const h2 = tensor(randomData(rng, 20000, { dtype, lo: -1, hi: 1 }), [20000, 1]);
    const x2 = tensor(randomData(rng, 2 * D, { dtype, lo: 0, hi: 1 }), [2, D]);
    const two = formulas(x2, y2, h2, -50);
    assertIdentical(await two.fused.logsumexp(1), await two.plain.logsumexp(1), `${dtype} split columns`);
    const ones = tensor(new (dtype === 'float32' ? Float32Array : Float64Array)(20000).fill(1), [20000, 1]);
    const K2 = Vi(x2).sqdist(Vj(y2)).mul(-5).exp();
    assertIdentical(await K2.mul(Vj(h2)).sum(1), await K2.mul(Vj(h2).mul(Vj(ones))).sum(1), `${dtype} split columns, Gaussian sum`);
    const ones301 = tensor(new (dtype === 'float32' ? Float32Array : Float64Array)(M).fill(1), [M, 1]);
    const K = Vi(x).sqdist(Vj(y)).mul(-5).exp();
    assertIdentical(await K.mul(Vj(h)).sum(1, { ranges }), await K.mul(Vj(h).mul(Vj(ones301))).sum(1, { ranges }), `${dtype} ranges, Gaussian sum`);
  }
});

test.run();
