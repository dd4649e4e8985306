// Accuracy tests for the SIMD exp/log of assembly/math (compiled by tools/build.mjs through the
// test-only entry assembly/testing/math-exports.ts into build/testing/math.wasm).
//
// The reference is an independent double-double (~106-bit) evaluation, so the error measured is
// against the correctly rounded result: the integer ulp distance (bit patterns) to the correctly
// rounded value is asserted, and the fractional error (|y - exact| / ulp) is reported as well.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WASM = fileURLToPath(new URL('../build/testing/math.wasm', import.meta.url));
const MAX_ULP = 2;
const N = 1 << 20; // random inputs per function
const BASE = 65536; // the first 64 KiB belong to the module's static data

// ------------------------------------------------------------------------------------------------
// wasm harness
// ------------------------------------------------------------------------------------------------

let wasm = null;
function load() {
  if (wasm) return wasm;
  if (!existsSync(WASM)) {
    throw new Error(`${WASM} is missing: build it with \`node tools/build.mjs\` before running the tests`);
  }
  const bytesNeeded = BASE + 2 * 8 * (N + 64);
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytesNeeded / 65536) + 1 });
  const module = new WebAssembly.Module(readFileSync(WASM));
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  wasm = { memory, exports: instance.exports };
  return wasm;
}

/** Runs one of the array kernels over `input` (a Float32Array or Float64Array); returns a copy. */
function run(name, input) {
  const { memory, exports } = load();
  const Arr = input.constructor;
  const n = input.length;
  const src = BASE;
  const dst = BASE + ((n * Arr.BYTES_PER_ELEMENT + 15) & ~15);
  new Arr(memory.buffer, src, n).set(input);
  new Arr(memory.buffer, dst, n).fill(12345);
  exports[name](src, dst, n);
  return new Arr(memory.buffer, dst, n).slice();
}

// ------------------------------------------------------------------------------------------------
// bit helpers
// ------------------------------------------------------------------------------------------------

const f64 = new Float64Array(1);
const u32of64 = new Uint32Array(f64.buffer); // [lo, hi] on little-endian hosts
const f32 = new Float32Array(1);
const u32of32 = new Uint32Array(f32.buffer);

function bits32(x) { f32[0] = x; return u32of32[0]; }
function fromBits32(b) { u32of32[0] = b >>> 0; return f32[0]; }
function fromBits64(hi, lo) { u32of64[0] = lo >>> 0; u32of64[1] = hi >>> 0; return f64[0]; }

/** Distance in ulps between two f32 values, counting representable floats (through bit patterns). */
function ulpDist32(a, b) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const ord = (x) => { const u = bits32(x); return u & 0x80000000 ? -(u & 0x7fffffff) : u; };
  return Math.abs(ord(a) - ord(b));
}

/** Distance in ulps between two f64 values, counting representable doubles (through bit patterns). */
function ulpDist64(a, b) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  f64[0] = a; const ah = u32of64[1], al = u32of64[0];
  f64[0] = b; const bh = u32of64[1], bl = u32of64[0];
  const as = ah >>> 31, bs = bh >>> 31;
  const amag = (ah & 0x7fffffff) * 4294967296 + al;
  const bmag = (bh & 0x7fffffff) * 4294967296 + bl;
  if (as !== bs) return amag + bmag; // across zero: huge unless both are (near) zero
  return Math.abs(((ah & 0x7fffffff) - (bh & 0x7fffffff)) * 4294967296 + (al - bl)); // exact when small
}

/** Unbiased binary exponent of a finite non-zero double. */
function exponentOf(x) {
  f64[0] = x;
  const e = (u32of64[1] >>> 20) & 0x7ff;
  if (e === 0) return Math.floor(Math.log2(Math.abs(x))); // subnormal (only seen in inputs)
  return e - 1023;
}
function isPow2(x) { f64[0] = x; return (u32of64[1] & 0xfffff) === 0 && u32of64[0] === 0; }

/** x * 2^e without intermediate overflow/underflow for the exponents used here (|e| <= ~2200). */
function scalb(x, e) {
  if (!(Math.abs(e) < 4000)) throw new RangeError(`scalb exponent ${e}`);
  while (e > 1000) { x *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { x *= 2 ** -1000; e += 1000; }
  return x * 2 ** e;
}

// ------------------------------------------------------------------------------------------------
// double-double reference (results in the module-level H, L; value = (H + L) * 2^K for exp)
// ------------------------------------------------------------------------------------------------

let H = 0, L = 0, K = 0;
const SPLITTER = 134217729; // 2^27 + 1

function twoProd(a, b) { // exact a*b = H + L (|a|,|b| well inside the range)
  const p = a * b;
  let t = SPLITTER * a; const ah = t - (t - a), al = a - ah;
  t = SPLITTER * b; const bh = t - (t - b), bl = b - bh;
  H = p; L = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}
function ddAdd(ah, al, bh, bl) {
  const s = ah + bh, bb = s - ah;
  const e = (ah - (s - bb)) + (bh - bb) + al + bl;
  H = s + e; L = e - (H - s);
}
function ddMul(ah, al, bh, bl) {
  twoProd(ah, bh);
  const p = H, e = L + (ah * bl + al * bh);
  H = p + e; L = e - (H - p);
}
function ddDiv(ah, al, bh, bl) { // three-term long division
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -H, -L);
  const r1h = H, r1l = L;
  const q2 = r1h / bh;
  ddMul(q2, 0, bh, bl);
  ddAdd(r1h, r1l, -H, -L);
  const q3 = H / bh;
  ddAdd(q1, 0, q2, 0);
  ddAdd(H, L, q3, 0);
}

const LN2_H = 0.6931471805599453, LN2_L = 2.3190468138462996e-17;

/** exp(x) = (H + L) * 2^K, (H + L) in about [0.7, 1.42], relative error ~1e-30. */
function expRef(x) {
  // Far outside [-746, 710] the result is 0 or Inf in both formats; keep K bounded for scalb.
  if (x > 800) { H = Infinity; L = 0; K = 0; return; }
  if (x < -800) { H = 0; L = 0; K = 0; return; }
  const k = Math.round(x / Math.LN2);
  twoProd(k, LN2_H);
  const ph = H, pl = L + k * LN2_L;
  ddAdd(x, 0, -ph, -pl); // r = x - k ln2
  const sh = H * 2 ** -10, sl = L * 2 ** -10; // s = r / 1024, |s| < 3.4e-4
  // Horner for sum_{i<=10} s^i / i!: p = 1 + s/i * p, from i = 10 down to 1.
  let h = 1, l = 0;
  for (let i = 10; i >= 1; i--) {
    ddMul(h, l, sh, sl);
    ddDiv(H, L, i, 0);
    ddAdd(1, 0, H, L);
    h = H; l = L;
  }
  for (let i = 0; i < 10; i++) { ddMul(h, l, h, l); h = H; l = L; }
  H = h; L = l; K = k;
}

/** log(x) = H + L for finite x > 0 (via x = 2^e m, m in [sqrt(1/2), sqrt(2)), atanh series). */
function logRef(x) {
  let e = exponentOf(x);
  let m = scalb(x, -e); // exact, in [1, 2)
  if (m > Math.SQRT2) { m /= 2; e += 1; }
  const fh = m - 1; // exact (Sterbenz)
  ddAdd(m, 0, 1, 0); const dh = H, dl = L;
  ddDiv(fh, 0, dh, dl); const sh = H, sl = L; // s = (m-1)/(m+1), |s| <= 0.1716
  ddMul(sh, sl, sh, sl); const zh = H, zl = L;
  // atanh(s)/s = sum s^(2j) / (2j + 1), j <= 24 (0.0295^24 ~ 1e-37)
  ddDiv(1, 0, 49, 0);
  let h = H, l = L;
  for (let j = 23; j >= 0; j--) {
    ddMul(h, l, zh, zl); const th = H, tl = L;
    ddDiv(1, 0, 2 * j + 1, 0);
    ddAdd(H, L, th, tl);
    h = H; l = L;
  }
  ddMul(h, l, sh, sl);
  const lh = 2 * H, ll = 2 * L; // log(m)
  twoProd(e, LN2_H);
  const eh = H, el = L + e * LN2_L;
  ddAdd(eh, el, lh, ll);
}

// ------------------------------------------------------------------------------------------------
// random inputs (deterministic)
// ------------------------------------------------------------------------------------------------

function rng(seed) {
  let s = seed >>> 0;
  return () => { // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills an array from a list of [weight, generator] parts. */
function mixture(Arr, n, seed, parts) {
  const r = rng(seed);
  const total = parts.reduce((a, [w]) => a + w, 0);
  const out = new Arr(n);
  let i = 0;
  for (const [w, gen] of parts) {
    const count = Math.round((w / total) * n);
    for (let j = 0; j < count && i < n; j++) out[i++] = gen(r);
  }
  while (i < n) out[i++] = parts[0][1](r);
  return out;
}

const uniform = (a, b) => (r) => a + (b - a) * r();
const logUniform = (e0, e1, signed) => (r) =>
  (signed && r() < 0.5 ? -1 : 1) * 2 ** (e0 + (e1 - e0) * r());
const randBits32 = (positive) => (r) => {
  for (;;) {
    const u = (r() * 4294967296) >>> 0;
    const v = fromBits32(positive ? u & 0x7fffffff : u);
    if (Number.isFinite(v) && v !== 0) return v;
  }
};
const randBits64 = (positive) => (r) => {
  for (;;) {
    const hi = (r() * 4294967296) >>> 0, lo = (r() * 4294967296) >>> 0;
    const v = fromBits64(positive ? hi & 0x7fffffff : hi, lo);
    if (Number.isFinite(v) && v !== 0) return v;
  }
};
const subnormal32 = (r) => fromBits32(1 + Math.floor(r() * 0x7fffff));
const subnormal64 = (r) => fromBits64(Math.floor(r() * 0xfffff), (r() * 4294967296) >>> 0) || 5e-324;
const nearOne = (eps) => (r) => 1 + (2 * r() - 1) * eps;

// ------------------------------------------------------------------------------------------------
// error measurement
// ------------------------------------------------------------------------------------------------

/**
 * Compares `out` with the reference for every input. Returns { maxUlp, maxFrac, worst }: maxUlp the
 * largest integer ulp distance to the correctly rounded result, maxFrac the largest |y - exact| / ulp.
 */
function measure(inputs, out, { isExp, single, flushBelow = -Infinity }) {
  const p = single ? 23 : 52; // fraction bits
  const eminSub = single ? -149 : -1074; // exponent of the smallest subnormal
  let maxUlp = 0, maxFrac = 0, worst = null;
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i], y = out[i];
    // Below the flush threshold the answer is exactly +0 (a subnormal result would be wrong).
    if (x < flushBelow) {
      if (!Object.is(y, 0)) {
        worst = { x, y, ref: 0, ulp: Infinity, frac: Infinity };
        maxUlp = maxFrac = Infinity;
      }
      continue;
    }
    if (isExp) expRef(x); else { logRef(x); K = 0; }
    const h = H, l = L, k = K;
    let ref = scalb(h + l, k);
    if (single) ref = Math.fround(ref);
    const d = single ? ulpDist32(y, ref) : ulpDist64(y, ref);
    let frac = d;
    if (Number.isFinite(ref) && Number.isFinite(y) && h !== 0) {
      let eb = exponentOf(h);
      if (isPow2(h) && Math.sign(l) === -Math.sign(h)) eb -= 1; // exact value lies in the binade below
      const u = Math.max(2 ** (eb - p), 2 ** (eminSub - k)); // ulp, in the unscaled domain
      frac = Math.abs((scalb(y, -k) - h) - l) / u;
    } else if (h === 0 && l === 0) {
      frac = y === 0 ? 0 : Infinity;
    }
    if (d > maxUlp || (d === maxUlp && frac > maxFrac && worst && worst.ulp === d)) {
      worst = { x, y, ref, ulp: d, frac };
    }
    if (d > maxUlp) maxUlp = d;
    if (frac > maxFrac) maxFrac = frac;
  }
  return { maxUlp, maxFrac, worst };
}

function checkAccuracy(label, kernel, inputs, opts) {
  const out = run(kernel, inputs);
  const { maxUlp, maxFrac, worst } = measure(inputs, out, opts);
  console.log(
    `  ${label}: max ${maxUlp} ulp (fractional ${maxFrac.toFixed(3)} ulp) over ${inputs.length} inputs` +
      (worst && maxUlp > 0 ? `; worst x=${worst.x} -> ${worst.y}, correctly rounded ${worst.ref}` : ''),
  );
  assert.ok(
    maxUlp <= MAX_ULP,
    `${label}: max error ${maxUlp} ulp > ${MAX_ULP} (x=${worst?.x}: got ${worst?.y}, expected ${worst?.ref})`,
  );
}

// ------------------------------------------------------------------------------------------------
// accuracy
// ------------------------------------------------------------------------------------------------

test('wasm module is built', () => {
  assert.ok(existsSync(WASM), `${WASM} is missing: run \`node tools/build.mjs\` first`);
  const { exports } = load();
  for (const f of ['expArrayF32', 'logArrayF32', 'expArrayF64', 'logArrayF64']) {
    assert.type(exports[f], 'function', `${f} is exported`);
  }
});

// exp flushes results below the smallest normal number to +0 (assembly/math/exp.ts): exactly
// the inputs below these (the f32 / f64 nearest ln 2^-126 / ln 2^-1022 from above).
const EXPF_FLUSH_BELOW = Math.fround(-87.33654);
const EXP_FLUSH_BELOW = -708.3964185322641;

test('expF32x4 is within 2 ulp of Math.exp over the full range, +0 below the normal range', () => {
  const inputs = mixture(Float32Array, N, 1, [
    [30, uniform(-104, 89)],
    [10, uniform(-104, -87.3)], // results that would be subnormal: flushed
    [5, uniform(-104, -103.8)], // around the underflow-to-zero threshold
    [5, uniform(88.6, 88.8)], // around the overflow threshold
    [15, randBits32(false)], // any finite f32: tiny and huge magnitudes
    [10, logUniform(-149, -4, true)], // tiny |x|, subnormal inputs included
    [5, (r) => subnormal32(r) * (r() < 0.5 ? -1 : 1)],
    [20, uniform(-2, 2)],
  ]);
  checkAccuracy('expF32x4', 'expArrayF32', inputs, { isExp: true, single: true, flushBelow: EXPF_FLUSH_BELOW });
});

test('expF64x2 is within 2 ulp of Math.exp over the full range, +0 below the normal range', () => {
  const inputs = mixture(Float64Array, N, 2, [
    [30, uniform(-746, 710)],
    [10, uniform(-745.2, -708.3)], // results that would be subnormal: flushed
    [5, uniform(-745.3, -744.9)], // around the underflow-to-zero threshold
    [5, uniform(709.6, 709.9)], // around the overflow threshold
    [15, randBits64(false)],
    [10, logUniform(-1074, -4, true)],
    [5, (r) => subnormal64(r) * (r() < 0.5 ? -1 : 1)],
    [20, uniform(-2, 2)],
  ]);
  checkAccuracy('expF64x2', 'expArrayF64', inputs, { isExp: true, single: false, flushBelow: EXP_FLUSH_BELOW });
});

// The log-sum-exp reductions call a variant for inputs <= 0 (x - max): it must give exactly the
// general exp's results there, flushes, -Inf, -0 and NaN included.
for (const [label, Arr, general, special, lo] of [
  ['expNonPositiveF32x4', Float32Array, 'expArrayF32', 'expNonPositiveArrayF32', -104],
  ['expNonPositiveF64x2', Float64Array, 'expArrayF64', 'expNonPositiveArrayF64', -746],
]) {
  test(`${label} equals the general exp bit for bit on x <= 0`, () => {
    const inputs = mixture(Arr, N, 7, [
      [40, uniform(lo, 0)],
      [20, uniform(-2, 0)],
      [20, (r) => -Math.abs(logUniform(Arr === Float32Array ? -149 : -1074, 8, false)(r))],
      [10, uniform(lo, lo * 0.8)],
    ]);
    const edge = Arr.from([0, -0, -Infinity, NaN, -1e-45, Arr === Float32Array ? EXPF_FLUSH_BELOW : EXP_FLUSH_BELOW, lo, -Number.MAX_VALUE]);
    const all = new Arr(inputs.length + edge.length);
    all.set(inputs);
    all.set(edge, inputs.length);
    const want = run(general, all);
    const got = run(special, all);
    let mismatches = 0;
    let first = '';
    all.forEach((x, i) => {
      if (Object.is(got[i], want[i]) || (Number.isNaN(got[i]) && Number.isNaN(want[i]))) return;
      if (!mismatches++) first = `x=${x}: ${got[i]} vs ${want[i]}`;
    });
    assert.is(mismatches, 0, `${mismatches} of ${all.length} differ, first ${first}`);
  });
}

test('logF32x4 is within 2 ulp of Math.log over the full range', () => {
  const inputs = mixture(Float32Array, N, 3, [
    [30, randBits32(true)], // every positive finite f32, uniformly over the bit patterns
    [10, subnormal32], // subnormal inputs
    [20, uniform(0.5, 2)],
    [15, nearOne(2 ** -8)],
    [5, nearOne(2 ** -20)],
    [10, logUniform(-149, 128, false)],
    [10, uniform(0, 3.4e38)],
  ]);
  checkAccuracy('logF32x4', 'logArrayF32', inputs, { isExp: false, single: true });
});

test('logF64x2 is within 2 ulp of Math.log over the full range', () => {
  const inputs = mixture(Float64Array, N, 4, [
    [30, randBits64(true)],
    [10, subnormal64],
    [20, uniform(0.5, 2)],
    [15, nearOne(2 ** -8)],
    [5, nearOne(2 ** -40)],
    [10, logUniform(-1074, 1024, false)],
    [10, uniform(0, 1.7e308)],
  ]);
  checkAccuracy('logF64x2', 'logArrayF64', inputs, { isExp: false, single: false });
});

// ------------------------------------------------------------------------------------------------
// special values (exact)
// ------------------------------------------------------------------------------------------------

function checkExact(label, kernel, Arr, cases) {
  const inputs = Arr.from(cases.map(([x]) => x));
  const out = run(kernel, inputs);
  cases.forEach(([x, want], i) => {
    const got = out[i];
    const ok = Number.isNaN(want) ? Number.isNaN(got) : Object.is(got, want);
    assert.ok(ok, `${label}(${Object.is(x, -0) ? '-0' : x}) = ${Object.is(got, -0) ? '-0' : got}, expected ${Object.is(want, -0) ? '-0' : want}`);
  });
}

const F32_MAX = fromBits32(0x7f7fffff);
const F32_MIN_SUB = fromBits32(1);
const F32_MIN_NORMAL = fromBits32(0x00800000);

test('expF32x4 special values', () => {
  checkExact('expF32x4', 'expArrayF32', Float32Array, [
    [NaN, NaN],
    [fromBits32(0xffc00001), NaN], // negative NaN with payload
    [Infinity, Infinity],
    [-Infinity, 0],
    [0, 1],
    [-0, 1],
    [F32_MIN_SUB, 1],
    [-F32_MIN_SUB, 1],
    [88.72284, Infinity], // first f32 above the overflow threshold 88.7228391...
    [89, Infinity],
    [100, Infinity],
    [F32_MAX, Infinity],
    [-104, 0],
    [-200, 0],
    [-F32_MAX, 0],
  ]);
  // Largest finite result and the smallest normal one, against the reference.
  const xs = Float32Array.from([88.72283, 88.7228, EXPF_FLUSH_BELOW, -87.3, Math.fround(Math.log(2) * 10)]);
  const out = run('expArrayF32', xs);
  xs.forEach((x, i) => {
    const want = Math.fround(Math.exp(x));
    assert.ok(ulpDist32(out[i], want) <= 1, `expF32x4(${x}) = ${out[i]}, expected ~${want}`);
  });
  assert.ok(out[0] > 0 && Number.isFinite(out[0]) && out[0] <= F32_MAX, 'exp(88.72283) is finite');
  assert.ok(out[2] >= F32_MIN_NORMAL, 'exp at the flush threshold is normal');
  // Results that would be subnormal are +0: the next f32 below the threshold, and further down.
  const below = Float32Array.from([fromBits32(bits32(EXPF_FLUSH_BELOW) + 1), -87.5, -100, -103.9, -103.27893]);
  run('expArrayF32', below).forEach((y, i) => assert.ok(Object.is(y, 0), `expF32x4(${below[i]}) = ${y}, expected +0 (flushed)`));
});

test('expF64x2 special values', () => {
  checkExact('expF64x2', 'expArrayF64', Float64Array, [
    [NaN, NaN],
    [fromBits64(0xfff80000, 1), NaN],
    [Infinity, Infinity],
    [-Infinity, 0],
    [0, 1],
    [-0, 1],
    [5e-324, 1],
    [-5e-324, 1],
    [1e-300, 1],
    [709.79, Infinity], // just above the overflow threshold 709.782712893384
    [710, Infinity],
    [1000, Infinity],
    [Number.MAX_VALUE, Infinity],
    [-746, 0],
    [-1000, 0],
    [-Number.MAX_VALUE, 0],
    [-708.4, 0], // would be subnormal: flushed
    [-745.1, 0],
    [-745.13321910194, 0],
  ]);
  const xs = Float64Array.from([1, 709.782712893384, 709.78, EXP_FLUSH_BELOW, -708.39, -700]);
  const out = run('expArrayF64', xs);
  xs.forEach((x, i) => {
    expRef(x);
    const want = scalb(H + L, K);
    assert.ok(ulpDist64(out[i], want) <= 1, `expF64x2(${x}) = ${out[i]}, expected ~${want}`);
  });
  assert.ok(Number.isFinite(out[1]) && out[1] > 1.79e308, 'exp(709.782712893384) is finite and near DBL_MAX');
  assert.ok(out[3] >= 2.2250738585072014e-308 * (1 - 2 ** -52), 'exp at the flush threshold is (at most an ulp from) normal');
});

test('logF32x4 special values', () => {
  checkExact('logF32x4', 'logArrayF32', Float32Array, [
    [NaN, NaN],
    [fromBits32(0xffc00001), NaN],
    [-1, NaN],
    [-F32_MIN_SUB, NaN],
    [-F32_MAX, NaN],
    [-Infinity, NaN],
    [0, -Infinity],
    [-0, -Infinity],
    [Infinity, Infinity],
    [1, 0], // exactly +0
  ]);
  // Powers of two (subnormal ones included) and the extremes, against the reference.
  const xs = [F32_MIN_SUB, F32_MIN_NORMAL, F32_MAX, fromBits32(0x7fffff), 0.5, 2, 2 ** -140, 2 ** 100, Math.fround(Math.E)];
  const out = run('logArrayF32', Float32Array.from(xs));
  xs.forEach((x, i) => {
    logRef(Math.fround(x));
    const want = Math.fround(H + L);
    assert.ok(ulpDist32(out[i], want) <= 1, `logF32x4(${x}) = ${out[i]}, expected ~${want}`);
  });
});

test('logF64x2 special values', () => {
  checkExact('logF64x2', 'logArrayF64', Float64Array, [
    [NaN, NaN],
    [fromBits64(0xfff80000, 1), NaN],
    [-1, NaN],
    [-5e-324, NaN],
    [-Number.MAX_VALUE, NaN],
    [-Infinity, NaN],
    [0, -Infinity],
    [-0, -Infinity],
    [Infinity, Infinity],
    [1, 0],
    [2, Math.LN2], // correctly rounded ln 2
  ]);
  const xs = [5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, 2.225073858507201e-308, 0.5, 2 ** -1070, 2 ** 1000, Math.E, 1 + 2 ** -52, 1 - 2 ** -53];
  const out = run('logArrayF64', Float64Array.from(xs));
  xs.forEach((x, i) => {
    logRef(x);
    const want = H + L;
    assert.ok(ulpDist64(out[i], want) <= 1, `logF64x2(${x}) = ${out[i]}, expected ~${want}`);
  });
});

test('array kernels handle a length that is not a multiple of the lane count', () => {
  const x32 = Float32Array.from([0, 1, -1, 2, 3, 0.5, 10]);
  const e32 = run('expArrayF32', x32);
  const x64 = Float64Array.from([0, 1, 2]);
  const l64 = run('logArrayF64', x64);
  x32.forEach((x, i) => assert.ok(ulpDist32(e32[i], Math.fround(Math.exp(x))) <= MAX_ULP, `exp(${x})`));
  x64.forEach((x, i) => assert.ok(ulpDist64(l64[i], Math.log(x)) <= MAX_ULP, `log(${x})`));
});

test.run();
