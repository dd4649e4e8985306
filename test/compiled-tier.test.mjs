// The compiled tier (src/compile/, src/engine/compiled-tier.ts): reductions whose row
// instructions run through a row kernel compiled at run time give the interpreter's results to
// the bit: random formulas, every reduction kind on both axes and dtypes, NaN / Inf inputs, odd
// sizes, ranges, row lanes, on the calling thread and on the pool. Also configure({ compile })
// and engineInfo()'s fields, and the fallback where the runtime refuses to compile bytes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LazyTensor, tensor, Vi, Vj, Pm, configure, engineInfo, shutdown } from '../build/src/index.js';
import { ValueError } from '../build/src/errors.js';
import { settings } from '../build/src/dispatch/wasm-host.js';
import { TapeBuilder } from '../build/src/tape/builder.js';
import { compileRowKernel, rowKernelKey } from '../build/src/compile/row-kernel.js';
import { signOfOp, signOfValue, UNKNOWN } from '../build/src/compile/sign-facts.js';
import { relaxedSimdUnsupported } from '../build/src/compile/relaxed-simd.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formulaToString } from '../build/src/formula/print.js';
import { Rng, randomTensor } from './helpers/random.mjs';
import { REDUCTIONS, makeGenerator, categories, runReduction } from './helpers/random-formulas.mjs';
import { bitwiseDifference, clouds } from './helpers/every-reduction.mjs';

const THREADS = Number(process.env.LAZYKERNEL_THREADS ?? 1);
const POOL_THRESHOLD = Number(process.env.LAZYKERNEL_POOL_THRESHOLD ?? 2e6);

// The engine's settings as the environment made them: put back after these tests, which
// configure their own, so that later test files (one process) see the defaults.
const saved = { ...settings };
test.after(async () => {
  await shutdown();
  for (const key of Object.keys(settings)) if (!(key in saved)) delete settings[key];
  Object.assign(settings, saved);
});

/**
 * Runs every case (a function returning a list of tensors) once per mode, one engine per mode
 * (no warm-up: it would compile modules of its own), and returns the outputs by mode.
 */
async function runModes(cases, modes = ['never', 'always'], extra = {}) {
  const out = {};
  for (const mode of modes) {
    // Bitwise comparisons: no relaxed SIMD (whose fused multiply-adds round differently).
    configure({ compile: mode, relaxedSimd: 'never', warmUp: false, threads: THREADS, poolThreshold: POOL_THRESHOLD, rowLanes: 'auto', ...extra });
    out[mode] = [];
    for (const c of cases) out[mode].push(await c.run());
  }
  return out;
}

/** configure({ [option]: value }) throws a ValueError naming the option, for each value. */
function assertRejected(option, values) {
  for (const bad of values) {
    try {
      configure({ [option]: bad });
      assert.unreachable(`${option}: ${bad} accepted`);
    } catch (e) {
      assert.instance(e, ValueError);
      assert.match(e.message, new RegExp(option));
    }
  }
}

function assertSame(cases, out, what) {
  cases.forEach((c, k) => {
    const diff = bitwiseDifference(out.always[k], out.never[k]);
    assert.is(diff, null, `${what}: ${c.label}: ${diff}`);
  });
}

test('random formulas: the compiled tier gives the interpreter\'s results to the bit (both dtypes and axes, odd sizes)', async () => {
  const rng = new Rng(0x5eed21);
  const cases = [];
  while (cases.length < 160) {
    const crng = new Rng(Math.floor(rng.next() * 4294967296));
    const N = cases.length % 17 === 0 ? 1 : 1 + Math.floor(69 * crng.next() ** 2);
    const M = cases.length % 11 === 0 ? 257 : 1 + Math.floor(69 * crng.next() ** 2);
    const dtype = crng.bool() ? 'float32' : 'float64';
    const reduction = crng.pick(REDUCTIONS);
    const axis = crng.bool() ? 1 : 0;
    const gen = makeGenerator(crng, N, M, dtype, crng.bool(0.6) ? [0.5, 1.5] : [-1.5, 1.5]);
    const root = gen(crng.int(1, 4), crng.pick([1, 1, 1, 2, 3]));
    const cats = categories(root);
    if (!cats.has('i') || !cats.has('j')) continue;
    const F = new LazyTensor(root);
    cases.push({ label: `${reduction}(${axis}) ${dtype} N=${N} M=${M} ${formulaToString(root)}`, run: async () => [await runReduction(F, reduction, axis)] });
  }
  const out = await runModes(cases);
  assertSame(cases, out, 'random formula');
  const info = await engineInfo();
  assert.ok(info.compiler.runs.compiled > cases.length / 2, `most cases compiled: ${JSON.stringify(info.compiler.runs)}`);
});

/** Inputs with NaN, an infinity, a huge value; a formula the fused kernels do not take. */
/** KeOps's 6-tuple ranges for row clusters `ri`, column clusters `rj` and keep[ci][cj] (as in ranges.test.mjs). */
function rangesFromBlocks(ri, rj, keep) {
  const slicesI = [], redJ = [], slicesJ = [], redI = [];
  ri.forEach((_, a) => { rj.forEach((r, b) => keep[a][b] && redJ.push(r)); slicesI.push(redJ.length); });
  rj.forEach((_, b) => { ri.forEach((r, a) => keep[a][b] && redI.push(r)); slicesJ.push(redI.length); });
  const pairs = (p) => tensor(Int32Array.from(p.flat()), [p.length, 2]);
  const list = (p) => tensor(Int32Array.from(p), [p.length]);
  return [pairs(ri), list(slicesI), pairs(redJ), pairs(rj), list(slicesJ), pairs(redI)];
}

function kindCases(dtype, seed) {
  // Odd sizes (151 x 203), a NaN, an infinity and a huge coordinate among the points.
  const { X, Y, Wi, Wj, Bj, Bi } = clouds(dtype, seed);
  const s = Pm(tensor(dtype === 'float32' ? new Float32Array([0.7]) : new Float64Array([0.7]), [1]));
  // A Laplacian-type kernel exponent: -sqrt(|x - y|^2) * s + log(1 + |x|^2)
  const D = Vi(X).sqdist(Vj(Y)).sqrt().mul(s).neg().add(Vi(X).sqnorm2().add(1).log());
  const list = [];
  for (const axis of [1, 0]) {
    const W = axis === 1 ? Vj(Wj) : Vi(Wi);
    const B = axis === 1 ? Vj(Bj) : Vi(Bi);
    const add = (kind, run) => list.push({ label: `${kind} axis ${axis} ${dtype}`, run });
    add('SUM', async () => [await D.exp().mul(B).sum(axis)]);
    add('SUM of a vector', async () => [await D.mul(B).concat(D.sin()).sum(axis)]);
    add('LOGSUMEXP', async () => [await D.logsumexp(axis)]);
    add('LOGSUMEXP_WEIGHT', async () => [await D.logsumexp(axis, { weight: W })]);
    add('SUMSOFTMAXWEIGHT', async () => [await D.sumsoftmaxweight(B, axis)]);
    add('MIN', async () => [await D.min(axis)]);
    add('MAX', async () => [await D.max(axis)]);
    add('ARGMIN', async () => [await D.argmin(axis)]);
    add('ARGMAX', async () => [await D.argmax(axis)]);
    add('MIN_ARGMIN', async () => D.minArgmin(axis));
    add('MAX_ARGMAX', async () => D.maxArgmax(axis));
    add('KMIN', async () => [await D.Kmin(4, axis)]);
    add('ARGKMIN', async () => [await D.argKmin(4, axis)]);
    add('KMIN_ARGKMIN', async () => D.KminArgKmin(4, axis));
  }
  return list;
}

test('every reduction kind, both axes and dtypes, NaN / Inf inputs: compiled = interpreted, bitwise', async () => {
  const cases = [...kindCases('float32', 7), ...kindCases('float64', 8)];
  const out = await runModes(cases);
  assertSame(cases, out, 'reduction kind');
  const info = await engineInfo();
  assert.is(info.compiler.runs.interpreter, 0, `every run compiled: ${JSON.stringify(info.compiler)}`);
});

test('ops the compiled tier calls through the engine (sin, cos, atan2, round, ...) and the vector ops: bitwise', async () => {
  const cases = [];
  for (const dtype of ['float32', 'float64']) {
    const rng = new Rng(dtype === 'float32' ? 3 : 4);
    const X = randomTensor(rng, [67, 4], { dtype, lo: -2, hi: 2 });
    const Y = randomTensor(rng, [129, 4], { dtype, lo: -2, hi: 2 });
    const G = randomTensor(rng, [16], { dtype, lo: 0.1, hi: 1 });
    const x = Vi(X), y = Vj(Y);
    const add = (name, F) => cases.push({ label: `${name} ${dtype}`, run: async () => [await F.sum(1)] });
    add('sin cos', x.sub(y).sin().mul(x.add(y).cos()));
    add('atan2 atan asin acos', x.atan2(y).add(x.mul(0.4).atan()).add(y.mul(0.4).asin()).add(x.mul(0.3).acos()));
    add('round sinxdivx', x.mul(y).round(2).add(x.sub(y).sinxdivx()));
    add('powers', x.sub(y).pow(3).add(x.sub(y).abs().powf(y.abs())).add(x.mul(y).square()).add(x.add(y).pow(-2)));
    add('mod clamp ifelse', x.mod(1.5, 0.25).add(x.clamp(y.neg(), y)).add(x.sub(y).ifelse(x, y)));
    add('sign step relu floor rsqrt xlogx', x.sub(y).sign().add(x.sub(y).step()).add(x.sub(y).relu()).add(x.mul(y).floor()).add(x.abs().rsqrt()).add(y.abs().xlogx()));
    add('dot matvec vecmat tensorprod', x.dot(y).add(Pm(G).matvecmult(x).sum(-1)).add(y.tensorprod(x).sum(-1)));
    add('weighted sqdist onehot', x.weightedsqdist(y, Pm(G)).add(x.sub(y).elem(0).add(2).oneHot(3).sum(-1)));
  }
  const out = await runModes(cases);
  assertSame(cases, out, 'op');
});

test('an exp whose argument cannot be positive (exp(c |x - y|^2), c <= 0) takes exp\'s shorter form: fewer bytes, same bits, keyed by the constant\'s sign', async () => {
  const tapeOf = (c, dtype, op = 'MUL') => {
    const b = new TapeBuilder(dtype === 'float32' ? 4 : 8);
    const d = b.emit('SQDIST', 1, [b.load('i', 0, 3), b.load('j', 1, 3)], 3);
    return b.finish(b.emit('EXP', 1, [b.emit(op, 1, [d, b.constant(c)])]));
  };
  const mem = { shared: false };
  const size = (c, dtype, op) => compileRowKernel(tapeOf(c, dtype, op), dtype, mem).bytes.length;
  for (const dtype of ['float32', 'float64']) {
    // Shorter by the upper clamp and the second factor of 2^n (about ten instructions).
    assert.ok(size(-0.5, dtype) < size(0.5, dtype) - 10, `${dtype}: c = -0.5 compiles to fewer bytes than c = 0.5`);
    assert.is(size(-0, dtype), size(-0.5, dtype), `${dtype}: -0 is not positive`);
    assert.is(size(-0.5, dtype, 'SUB'), size(0.5, dtype), `${dtype}: d^2 - c has no known sign`);
    // The code depends on the constant's sign, not on its value.
    assert.is.not(rowKernelKey(tapeOf(-0.5, dtype), dtype, mem), rowKernelKey(tapeOf(0.5, dtype), dtype, mem));
    assert.is(rowKernelKey(tapeOf(-0.5, dtype), dtype, mem), rowKernelKey(tapeOf(-3, dtype), dtype, mem));
  }
  // Same bits as the interpreter (which runs the general exp) with NaN and infinite coordinates
  // (c * Inf = -Inf, c * NaN = NaN), for negative, zero and positive constants in one process
  // (so a module made for one sign is never reused for the other).
  const cases = [];
  const specials = { nan: 0.03, posInf: 0.03, negInf: 0.03, huge: 0.05, tiny: 0.05 };
  for (const dtype of ['float32', 'float64']) {
    const rng = new Rng(dtype === 'float32' ? 11 : 12);
    const X = randomTensor(rng, [37, 3], { dtype, specials }), Y = randomTensor(rng, [261, 3], { dtype, specials });
    const B = randomTensor(rng, [261, 2], { dtype, lo: -1, hi: 1 });
    for (const c of [-0.5, -0, 0, 1e-3, -1e30, 40]) {
      const K = Vi(X).sqdist(Vj(Y)).mul(c).exp();
      cases.push({ label: `${dtype} exp(${c} d^2) b`, run: async () => [await K.mul(Vj(B)).sum(1), await K.neg().mul(Vj(Y).elem(0).abs()).exp().sum(0)] });
    }
  }
  const out = await runModes(cases);
  assertSame(cases, out, 'Gaussian exp');
});

test('SUMs the kernel adds up itself (block scheme) and the other schemes: the interpreter\'s bits, partial vectors, broadcasting, uniform terms', async () => {
  const cases = [];
  for (const dtype of ['float32', 'float64']) {
    const rng = new Rng(dtype === 'float32' ? 21 : 22);
    for (const [N, M] of [[1, 1], [7, 5], [33, 255], [5, 257], [40, 600]]) {
      const X = randomTensor(rng, [N, 3], { dtype, lo: -1, hi: 1 }), Y = randomTensor(rng, [M, 3], { dtype, lo: -1, hi: 1 });
      const B = randomTensor(rng, [M, 3], { dtype, lo: -1, hi: 1 }), W = randomTensor(rng, [M, 1], { dtype, lo: 0.5, hi: 2 });
      const x = Vi(X), y = Vj(Y);
      const K = x.sqdist(y).mul(-1.3).exp();
      const formulas = {
        'exp(c d^2) b (factor of 3)': K.mul(Vj(B)),
        'exp(c d^2) (no factor)': K,
        '(x - y) w (result of 3, factor broadcast)': x.sub(y).mul(Vj(W)),
        'w (x - y) (factor of 3, result broadcast)': Vj(W).mul(x.sub(y)),
        'exp(x) b (a row-constant result)': x.elem(0).exp().mul(Vj(B)),
      };
      for (const [name, F] of Object.entries(formulas)) {
        for (const sumScheme of ['block_sum', 'kahan_scheme', 'direct_sum']) {
          if (sumScheme === 'direct_sum' && dtype === 'float64') continue;
          cases.push({ label: `${dtype} ${N} x ${M} ${name} ${sumScheme}`, run: async () => [await F.sum(1, { sumScheme }), await F.sum(0, { sumScheme })] });
        }
      }
    }
  }
  const out = await runModes(cases);
  assertSame(cases, out, 'SUM');
});

test('sign facts: every rule holds on random values of the operands\' signs, specials included', () => {
  const rng = new Rng(0x516);
  const values = [0, -0, Infinity, -Infinity, NaN, 1e-300, -1e-300, 3.5, -2.25, 1e300, -1e300];
  const ofSign = (sign) => {
    for (;;) {
      const v = rng.bool(0.4) ? values[Math.floor(rng.next() * values.length)] : (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 8 - 4);
      const ok = (!sign.nonPositive || !(v > 0)) && (!sign.nonNegative || !(v < 0));
      if (ok) return v;
    }
  };
  const f32 = Math.fround;
  const ops = {
    NEG: (a) => -a, ADD: (a, b) => f32(a + b), SUB: (a, b) => f32(a - b), MUL: (a, b) => f32(a * b),
    MIN: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)), MAX: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)),
    SQUARE: (a) => a * a, ABS: Math.abs, SQRT: Math.sqrt, EXP: Math.exp,
  };
  const signs = [UNKNOWN, signOfValue(-1), signOfValue(1), signOfValue(0)];
  let checked = 0;
  for (const [name, f] of Object.entries(ops)) {
    for (const sa of signs) {
      for (const sb of signs) {
        const out = signOfOp(name, sa, sb);
        for (let r = 0; r < 200; r++) {
          const a = ofSign(sa), b = ofSign(sb);
          const v = f(a, b);
          if (out.nonPositive) assert.ok(!(v > 0), `${name}(${a}, ${b}) = ${v} is said to be <= 0`);
          if (out.nonNegative) assert.ok(!(v < 0), `${name}(${a}, ${b}) = ${v} is said to be >= 0`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 10000);
  // The rules that make the Gaussian kernel's exp shorter do say something.
  assert.ok(signOfOp('MUL', signOfOp('SQDIST', UNKNOWN), signOfValue(-0.5)).nonPositive);
  assert.not.ok(signOfOp('ADD', signOfValue(-1), UNKNOWN).nonPositive);
});

test('ranges and row lanes: bitwise the interpreter', async () => {
  const rng = new Rng(11);
  const cases = [];
  for (const dtype of ['float32', 'float64']) {
    const X = randomTensor(rng, [300, 2], { dtype, lo: -1, hi: 1 });
    const Y = randomTensor(rng, [90, 2], { dtype, lo: -1, hi: 1 });
    const F = Vi(X).sqdist(Vj(Y)).add(0.5).inv().mul(Vj(Y).elem(0));
    // Block-sparse: row clusters against column clusters, one block dropped, one empty cluster.
    const ranges = rangesFromBlocks([[0, 100], [100, 100], [100, 300]], [[0, 30], [30, 61], [61, 90]], [[1, 0, 1], [1, 1, 1], [0, 1, 1]]);
    cases.push({ label: `ranges sum ${dtype}`, run: async () => [await F.sum(1, { ranges })] });
    cases.push({ label: `ranges argmin ${dtype}`, run: async () => [await F.argmin(1, { ranges })] });
    // Row lanes (few reduced columns): the tape with the roles swapped.
    const Z = randomTensor(rng, [7, 2], { dtype, lo: -1, hi: 1 });
    const G = Vi(X).sqdist(Vj(Z)).add(0.5).inv().log();
    for (const red of ['sum', 'logsumexp', 'min', 'argmin']) cases.push({ label: `row lanes ${red} ${dtype}`, run: async () => [await G[red](1)] });
  }
  const out = await runModes(cases, ['never', 'always'], { rowLanes: 'always' });
  assertSame(cases, out, 'ranges / row lanes');
});

test('on the pool (2 threads, pool threshold 0): workers compile the modules themselves, bitwise the interpreter', async () => {
  const cases = [...kindCases('float32', 21).slice(0, 8), ...kindCases('float64', 22).slice(0, 8)];
  const out = { never: [], always: [] };
  for (const mode of ['never', 'always']) {
    configure({ compile: mode, warmUp: false, threads: 2, poolThreshold: 0, rowLanes: 'auto' });
    for (const c of cases) out[mode].push(await c.run());
    const info = await engineInfo();
    assert.is(info.threads, 2);
  }
  assertSame(cases, out, 'pool');
});

test('configure({ compile }) and engineInfo(): the mode string, the compiler report, a ValueError naming compile', async () => {
  for (const mode of ['auto', 'always', 'never']) {
    configure({ threads: 1, compile: mode });
    const info = await engineInfo();
    assert.is(info.compile, mode);
    assert.type(info.compiler, 'object');
    assert.is(info.compiler.available, mode !== 'never');
    for (const k of ['modulesCompiled', 'modulesCached', 'compileMs']) assert.type(info.compiler[k], 'number');
    JSON.parse(JSON.stringify(info));
  }
  assertRejected('compile', ['bogus', true, 1, null]);
  // 'auto': a small reduction stays interpreted (and says why), a large one compiles.
  configure({ threads: 1, compile: 'auto', relaxedSimd: 'never', warmUp: false, rowLanes: 'auto' });
  const rng = new Rng(5);
  const X = randomTensor(rng, [40, 3], { dtype: 'float32', lo: -1, hi: 1 });
  const Y = randomTensor(rng, [50, 3], { dtype: 'float32', lo: -1, hi: 1 });
  await Vi(X).sqdist(Vj(Y)).add(1).inv().sum(1);
  let info = await engineInfo();
  assert.is(info.compiler.last.tier, 'interpreter');
  assert.match(info.compiler.last.reason, /auto/);
  const Xl = randomTensor(rng, [1500, 3], { dtype: 'float32', lo: -1, hi: 1 });
  await Vi(Xl).sqdist(Vj(Xl)).add(1).inv().sum(1);
  info = await engineInfo();
  assert.is(info.compiler.last.tier, 'compiled', JSON.stringify(info.compiler.last));
  assert.ok(info.compiler.modulesCompiled >= 1);
  // A Gaussian kernel sum runs on its fused kernel, which keeps priority...
  await Vi(Xl).sqdist(Vj(Xl)).mul(-0.5).exp().sum(1);
  info = await engineInfo();
  assert.is(info.compiler.last.tier, 'fused');
  // ... except a float32 kernel product, where the compiled kernel is faster (same bits).
  const B = randomTensor(rng, [1500, 2], { dtype: 'float32', lo: -1, hi: 1 });
  const K = Vi(Xl).sqdist(Vj(Xl)).mul(-0.5).exp().mul(Vj(B));
  const compiled = await K.sum(1);
  info = await engineInfo();
  assert.is(info.compiler.last.tier, 'compiled', info.compiler.last.reason);
  configure({ threads: 1, compile: 'never', relaxedSimd: 'never', warmUp: false, rowLanes: 'auto' });
  const fused = await K.sum(1);
  info = await engineInfo();
  assert.is(info.compiler.last.tier, 'fused', info.compiler.last.reason);
  assert.is(bitwiseDifference([compiled], [fused]), null);
});

test('relaxed SIMD: configure({ relaxedSimd }) and its report; kernels with fused multiply-adds where the runtime has them (a Node child with --experimental-wasm-relaxed-simd): exp within 2 ulp, sums close to the oracle, workers alike', async () => {
  assertRejected('relaxedSimd', ['always', true, 0, null]);
  configure({ threads: 1, compile: 'always', relaxedSimd: 'auto' });
  let info = await engineInfo();
  assert.is(info.relaxedSimd, 'auto');
  configure({ relaxedSimd: 'never' });
  assert.is((await engineInfo()).relaxedSimd, 'never');
  configure({ relaxedSimd: 'auto' });
  assert.is(info.compiler.relaxedSimd, relaxedSimdUnsupported() === null);
  if (!info.compiler.relaxedSimd) assert.match(info.compiler.relaxedSimdReason, /relaxed SIMD/);
  configure({ threads: 1, compile: 'always', relaxedSimd: 'never' });
  info = await engineInfo();
  assert.is(info.compiler.relaxedSimd, false);
  assert.match(info.compiler.relaxedSimdReason, /relaxedSimd: 'never'/);
  // The emitted code: relaxed_madd (0xfd 0x85 0x02 f32, 0xfd 0x87 0x02 f64) only when asked.
  const has = (bytes, op) => bytes.some((v, k) => v === 0xfd && bytes[k + 1] === (op & 0x7f | 0x80) && bytes[k + 2] === op >> 7);
  for (const [dtype, op] of [['float32', 0x105], ['float64', 0x107]]) {
    const b = new TapeBuilder(dtype === 'float32' ? 4 : 8);
    const d = b.emit('SQDIST', 1, [b.load('i', 0, 3), b.load('j', 1, 3)], 3);
    const tape = b.finish(b.emit('EXP', 1, [b.emit('MUL', 1, [d, b.constant(-0.5)])]));
    assert.ok(has(compileRowKernel(tape, dtype, { shared: false }, { relaxedSimd: true }).bytes, op), `${dtype}: relaxed kernel`);
    assert.not.ok(has(compileRowKernel(tape, dtype, { shared: false }).bytes, op), `${dtype}: plain kernel`);
  }
  // A runtime with relaxed SIMD: Node 20 with the flag, in a child process.
  const script = `
    const { tensor, Vi, Vj, configure, engineInfo, shutdown } = await import(${JSON.stringify(new URL('../build/src/index.js', import.meta.url).href)});
    const out = {};
    const ulps = (got, want, f32) => { const e = Math.abs(got - want) / Math.abs(want); return e / (f32 ? 2 ** -23 : 2 ** -52); };
    for (const dtype of ['float32', 'float64']) {
      const Arr = dtype === 'float32' ? Float32Array : Float64Array;
      const f32 = dtype === 'float32';
      const lo = f32 ? -87 : -707, hi = f32 ? 88 : 709;
      const n = 20000;
      const x = tensor(Arr.from({ length: n }, (_, k) => lo + (hi - lo) * ((k * 7919) % n) / n), [n, 1]);
      const one = tensor(new Arr(1).fill(1), [1, 1]);
      const pts = tensor(Arr.from({ length: 600 * 3 }, (_, k) => Math.sin(k * 12.9898) * 0.8), [600, 3]);
      const b = tensor(Arr.from({ length: 600 * 2 }, (_, k) => Math.cos(k * 4.1414)), [600, 2]);
      const results = {};
      for (const [name, threads] of [['relaxed', 1], ['relaxedPool', 2]]) {
        // relaxedSimd left at its default ('auto'): on where the runtime has it.
        configure({ threads, poolThreshold: 0, compile: 'always', warmUp: false });
        const e = await Vi(x).exp().mul(Vj(one)).sum(1);
        const g = await Vi(pts).sqdist(Vj(pts)).mul(-1.7).exp().mul(Vj(b)).sum(1);
        const dotv = await Vi(pts).dot(Vj(pts)).mul(Vj(b)).sum(1);
        const info = await engineInfo();
        results[name] = { relaxed: info.compiler.relaxedSimd, tier: info.compiler.last?.tier, e: Array.from(e.data), g: Array.from(g.data), dot: Array.from(dotv.data) };
      }
      const ge = await Vi(pts).sqdist(Vj(pts)).mul(-1.7).exp().mul(Vj(b)).sum(1, { backend: 'oracle' });
      const gd = await Vi(pts).dot(Vj(pts)).mul(Vj(b)).sum(1, { backend: 'oracle' });
      const absB = await Vi(pts).sqdist(Vj(pts)).mul(-1.7).exp().sum(1, { backend: 'oracle' });
      const r = results.relaxed;
      let maxUlp = 0;
      r.e.forEach((v, k) => { maxUlp = Math.max(maxUlp, ulps(v, Math.exp(x.data[k]), f32)); });
      let maxG = 0, maxD = 0;
      r.g.forEach((v, k) => { maxG = Math.max(maxG, Math.abs(v - ge.data[k]) / absB.data[Math.floor(k / 2)]); });
      r.dot.forEach((v, k) => { maxD = Math.max(maxD, Math.abs(v - gd.data[k]) / 600 / 2); });
      const samePool = ['e', 'g', 'dot'].every((key) => results.relaxedPool[key].every((v, k) => Object.is(v, r[key][k])));
      out[dtype] = { relaxed: r.relaxed, pool: results.relaxedPool.relaxed, tier: r.tier, maxUlp, maxG, maxD, samePool };
    }
    await shutdown();
    console.log(JSON.stringify(out));
  `;
  // A file, not -e: the pool's workers inherit the process's flags (the relaxed SIMD one is wanted there).
  const dir = mkdtempSync(join(tmpdir(), 'lazykernel-relaxed-'));
  const file = join(dir, 'relaxed.mjs');
  writeFileSync(file, script);
  let child;
  try {
    child = execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', file], { encoding: 'utf8', env: { ...process.env, LAZYKERNEL_THREADS: '', LAZYKERNEL_COMPILE: '', LAZYKERNEL_RELAXED_SIMD: '' } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const got = JSON.parse(child.trim().split('\n').pop());
  for (const [dtype, r] of Object.entries(got)) {
    assert.ok(r.relaxed && r.pool, `${dtype}: relaxed SIMD in use with the flag: ${JSON.stringify(r)}`);
    assert.is(r.tier, 'compiled');
    assert.ok(r.maxUlp <= 2, `${dtype}: exp within 2 ulp of Math.exp (measured ${r.maxUlp})`);
    assert.ok(r.maxG <= (dtype === 'float32' ? 1e-5 : 1e-13), `${dtype}: Gaussian sums (${r.maxG})`);
    assert.ok(r.maxD <= (dtype === 'float32' ? 1e-5 : 1e-13), `${dtype}: dot products (${r.maxD})`);
    assert.ok(r.samePool, `${dtype}: the pool's workers compute the same bits as the calling thread`);
  }
});

test('a formula too large for one function (more locals than the kernel allows itself) stays interpreted, and says why', async () => {
  const rng = new Rng(9);
  const X = randomTensor(rng, [3, 120], { dtype: 'float32', lo: -1, hi: 1 });
  const Y = randomTensor(rng, [5, 120], { dtype: 'float32', lo: -1, hi: 1 });
  const F = Vi(X).tensorprod(Vj(Y)).sum(-1);
  configure({ threads: 1, compile: 'never', warmUp: false });
  const want = await F.sum(1);
  configure({ threads: 1, compile: 'always', warmUp: false });
  const got = await F.sum(1);
  assert.is(bitwiseDifference([got], [want]), null);
  const info = await engineInfo();
  assert.is(info.compiler.last.tier, 'interpreter');
  assert.match(info.compiler.last.reason, /locals/);
});

test('where only small modules compile synchronously (a browser\'s main thread), modules compile in the background and later calls run them', async () => {
  const Original = WebAssembly.Module;
  const rng = new Rng(8);
  const X = randomTensor(rng, [300, 3], { dtype: 'float32', lo: -1, hi: 1 });
  const F = Vi(X).sqdist(Vj(X)).add(2).sqrt().inv();
  configure({ threads: 1, compile: 'never', warmUp: false });
  const want = await F.sum(1);
  try {
    WebAssembly.Module = new Proxy(Original, {
      construct(target, args) {
        if (args[0].byteLength > 256) throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB');
        return new target(...args);
      },
    });
    configure({ threads: 1, compile: 'always', warmUp: false });
    const first = await F.sum(1);
    let info = await engineInfo();
    assert.is(info.compiler.last.tier, 'interpreter');
    assert.match(info.compiler.last.reason, /background/);
    for (let k = 0; k < 50 && info.compiler.modulesCompiled === 0; k++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      info = await engineInfo();
    }
    const second = await F.sum(1);
    info = await engineInfo();
    assert.is(info.compiler.last.tier, 'compiled', info.compiler.last.reason);
    assert.is(info.compiler.available, true);
    assert.is(bitwiseDifference([first], [want]), null);
    assert.is(bitwiseDifference([second], [want]), null);
  } finally {
    WebAssembly.Module = Original;
  }
});

test('where the runtime refuses to compile bytes, the interpreter runs and engineInfo says why', async () => {
  const Original = WebAssembly.Module;
  const refusing = new Proxy(Original, {
    construct() { throw new WebAssembly.CompileError('Wasm code generation disallowed by embedder'); },
  });
  const rng = new Rng(6);
  const X = randomTensor(rng, [300, 3], { dtype: 'float64', lo: -1, hi: 1 });
  const F = Vi(X).sqdist(Vj(X)).add(1).inv();
  configure({ threads: 1, compile: 'never', warmUp: false });
  const want = await F.sum(1);
  try {
    WebAssembly.Module = refusing;
    configure({ threads: 1, compile: 'always', warmUp: false });
    const got = await F.sum(1);
    assert.is(bitwiseDifference([got], [want]), null);
    const info = await engineInfo();
    assert.is(info.compile, 'always');
    assert.is(info.compiler.available, false);
    assert.match(info.compiler.reason, /refuses to compile WebAssembly from bytes.*disallowed by embedder/);
    assert.is(info.compiler.last.tier, 'interpreter');
    assert.ok(info.reasons.some((r) => r.startsWith('compiled tier:')), info.reasons.join('; '));
  } finally {
    WebAssembly.Module = Original;
  }
});

test.run();
