/**
 * WGSL for every element-wise opcode of the tape, keyed by the same names as
 * `ELEMENTWISE_OPCODES` in src/tape/opcodes.ts (a test checks that both tables have the same
 * keys and arities). Each snippet is a WGSL f32 expression of the operands `a`, `b`, `c` and,
 * for POW and ROUND, the instruction's integer `arg`; the generator wraps each used snippet
 * in a function `op_<NAME>` and calls it once per component.
 *
 * The semantics are the wasm interpreter's (and the float64 oracle's), including special
 * values. WGSL lets implementations assume there are no infinities or NaNs and gives
 * min/max/exp/log/sin no guarantees there, so NaN and infinity tests use the bit patterns
 * (`lk_isnan`, `lk_finite`), min/max are written out, exp/log/sqrt guard their special inputs
 * before calling the built-ins, and sin/cos/atan/asin/acos/atan2 are computed by polynomials (the
 * WGSL built-ins only promise an absolute error of 2^-11 for sin/cos and 4096 ulp for atan2).
 *
 * Accuracy against the float64 oracle (documented in gpu/README.md and checked by
 * test/smoke/gpu-checks.mjs): exact IEEE f32 for +, -, *, min, max, abs, floor, comparisons
 * and selects; division and sqrt within 2.5 ulp (WGSL's bound); exp within 3 + 2|x| ulp and log
 * within 3 ulp, WGSL's bounds for the built-ins (log near 1 is cephes's polynomial instead of
 * the built-in's 2^-21 absolute); sin/cos within a few
 * ulp for |x| <= 8192 (Cody-Waite reduction, cephes polynomials; the built-ins beyond);
 * atan, asin, acos and atan2 within a few ulp.
 */
export const WGSL_ELEMENTWISE = {
  NEG: { arity: 1, wgsl: '-a' },
  EXP: { arity: 1, wgsl: 'lk_exp(a)' },
  EXPMUL: { arity: 2, wgsl: 'lk_exp(a * b)' },
  EXPSUB: { arity: 2, wgsl: 'lk_exp(a - b)' },
  LOG: { arity: 1, wgsl: 'lk_log(a)' },
  SQRT: { arity: 1, wgsl: 'lk_sqrt(a)' },
  // KeOps's convention rsqrt(0) = 0 (also for -0).
  RSQRT: { arity: 1, wgsl: 'select(1.0 / lk_sqrt(a), 0.0, a == 0.0)' },
  SQUARE: { arity: 1, wgsl: 'a * a' },
  ABS: { arity: 1, wgsl: 'abs(a)' },
  SIN: { arity: 1, wgsl: 'lk_sin(a)' },
  COS: { arity: 1, wgsl: 'lk_cos(a)' },
  // NaN gives 0, as (a > 0) - (a < 0) does in the interpreter.
  SIGN: { arity: 1, wgsl: 'select(0.0, 1.0, a > 0.0) - select(0.0, 1.0, a < 0.0)' },
  STEP: { arity: 1, wgsl: 'select(1.0, 0.0, a < 0.0)' },
  // The NaN test is on the bits: a GPU compiler may turn select(a, 0, a < 0) into a hardware
  // max(a, 0), which returns 0 for NaN (seen on an NVIDIA H200), where KeOps keeps the NaN.
  RELU: { arity: 1, wgsl: 'select(select(a, 0.0, a < 0.0), a, lk_isnan(a))' },
  INV: { arity: 1, wgsl: '1.0 / a' },
  ROUND: { arity: 1, wgsl: 'lk_round(a, arg)' },
  POW: { arity: 1, wgsl: 'lk_powi(a, arg)' },
  FLOOR: { arity: 1, wgsl: 'floor(a)' },
  ATAN: { arity: 1, wgsl: 'lk_atan_ieee(a)' },
  ASIN: { arity: 1, wgsl: 'lk_asin(a)' },
  ACOS: { arity: 1, wgsl: 'lk_acos(a)' },
  // KeOps's XLogX (0 at 0) and SinXDivX (1 at 0).
  XLOGX: { arity: 1, wgsl: 'select(a * lk_log(a), 0.0, a == 0.0)' },
  SINXDIVX: { arity: 1, wgsl: 'select(lk_sin(a) / a, 1.0, a == 0.0)' },
  ADD: { arity: 2, wgsl: 'a + b' },
  SUB: { arity: 2, wgsl: 'a - b' },
  MUL: { arity: 2, wgsl: 'a * b' },
  DIV: { arity: 2, wgsl: 'a / b' },
  MIN: { arity: 2, wgsl: 'lk_min(a, b)' },
  MAX: { arity: 2, wgsl: 'lk_max(a, b)' },
  ATAN2: { arity: 2, wgsl: 'lk_atan2(a, b)' },
  POWF: { arity: 2, wgsl: 'lk_exp(b * lk_log(a))' },
  CLAMP: { arity: 3, wgsl: 'select(select(select(a, c, a > c), b, a < b), a, lk_isnan(a))' },
  IFELSE: { arity: 3, wgsl: 'select(c, b, a >= 0.0)' },
  MOD: { arity: 3, wgsl: 'a - b * floor((a - c) / b)' },
} as const;

export type WgslElementwiseName = keyof typeof WGSL_ELEMENTWISE;

/** Opcodes whose snippet reads the instruction's integer argument. */
export const WGSL_USES_ARG: ReadonlySet<string> = new Set(Object.entries(WGSL_ELEMENTWISE).filter(([, s]) => /\barg\b/.test(s.wgsl)).map(([n]) => n));

/** The WGSL function `op_<name>` computing one opcode's snippet. */
export function opFunction(name: WgslElementwiseName): string {
  const { arity, wgsl } = WGSL_ELEMENTWISE[name];
  const params = ['a', 'b', 'c'].slice(0, arity).map((x) => `${x}: f32`);
  if (WGSL_USES_ARG.has(name)) params.push('arg: i32');
  return `fn op_${name}(${params.join(', ')}) -> f32 { return ${wgsl}; }`;
}

/**
 * Helpers every kernel includes. INF and NAN are module-scope private variables set from the
 * uniform block at the start of `main` (a constant infinity or NaN is a WGSL compile error).
 */
export const WGSL_PRELUDE = /* wgsl */ `
var<private> INF: f32;
var<private> NAN: f32;

fn lk_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn lk_finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
fn lk_signbit(x: f32) -> bool { return (bitcast<u32>(x) & 0x80000000u) != 0u; }
// -0 becomes +0 (on the bits, which no float optimisation can fold away).
fn lk_pz(x: f32) -> f32 { let b = bitcast<u32>(x); return bitcast<f32>(select(b, 0u, b == 0x80000000u)); }

// IEEE min / max as the interpreter's f32x4.min / max: NaN if either is NaN, -0 < +0.
fn lk_min(a: f32, b: f32) -> f32 {
  if (lk_isnan(a) || lk_isnan(b)) { return NAN; }
  if (a < b) { return a; }
  if (b < a) { return b; }
  return bitcast<f32>(bitcast<u32>(a) | bitcast<u32>(b));
}
fn lk_max(a: f32, b: f32) -> f32 {
  if (lk_isnan(a) || lk_isnan(b)) { return NAN; }
  if (a > b) { return a; }
  if (b > a) { return b; }
  return bitcast<f32>(bitcast<u32>(a) & bitcast<u32>(b));
}

fn lk_exp(x: f32) -> f32 {
  if (lk_isnan(x)) { return x; }
  if (x > 88.72283935546875) { return INF; }
  if (x < -103.97208) { return 0.0; }
  return exp(x);
}

// Near 1 (x in (sqrt(1/2), sqrt(2))) cephes logf's polynomial in t = x - 1 (exact there):
// WGSL only promises 2^-21 absolute for the built-in, which llvmpipe's nearly uses up, a large
// relative error where log(x) is small.
fn lk_log(x: f32) -> f32 {
  if (lk_isnan(x)) { return x; }
  if (x < 0.0) { return NAN; }
  if (x == 0.0) { return -INF; }
  if (x == INF) { return INF; }
  if (x > 0.70710677 && x < 1.4142135) {
    let t = x - 1.0;
    let z = t * t;
    let p = ((((((((7.0376836292e-2 * t - 1.1514610310e-1) * t + 1.1676998740e-1) * t - 1.2420140846e-1) * t + 1.4249322787e-1) * t - 1.6668057665e-1) * t + 2.0000714765e-1) * t - 2.4999993993e-1) * t + 3.3333331174e-1) * t * z;
    return t + (p - 0.5 * z);
  }
  return log(x);
}

fn lk_sqrt(x: f32) -> f32 {
  if (lk_isnan(x) || x == 0.0) { return x; }
  if (x < 0.0) { return NAN; }
  if (x == INF) { return INF; }
  return sqrt(x);
}

// sin and cos: cephes sinf / cosf (Cody-Waite reduction by pi/4 in three parts, exact for
// |x| < 8192, then minimax polynomials); larger arguments use the built-ins.
fn lk_sin_poly(x: f32, z: f32) -> f32 { return ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * x + x; }
fn lk_cos_poly(z: f32) -> f32 { return ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0; }
fn lk_reduce_quarter(ax: f32, y: f32) -> f32 { return ((ax - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8; }

fn lk_sin(x: f32) -> f32 {
  if (!lk_finite(x)) { return NAN; }
  let ax = abs(x);
  if (ax > 8192.0) { return sin(x); }
  var j = u32(ax * 1.2732395447351628);
  var y = f32(j);
  if ((j & 1u) == 1u) { j = j + 1u; y = y + 1.0; }
  j = j & 7u;
  var neg = lk_signbit(x);
  if (j > 3u) { neg = !neg; j = j - 4u; }
  let r = lk_reduce_quarter(ax, y);
  let z = r * r;
  var v: f32;
  if (j == 1u || j == 2u) { v = lk_cos_poly(z); } else { v = lk_sin_poly(r, z); }
  return select(v, -v, neg);
}

fn lk_cos(x: f32) -> f32 {
  if (!lk_finite(x)) { return NAN; }
  let ax = abs(x);
  if (ax > 8192.0) { return cos(x); }
  var j = u32(ax * 1.2732395447351628);
  var y = f32(j);
  if ((j & 1u) == 1u) { j = j + 1u; y = y + 1.0; }
  j = j & 7u;
  var neg = false;
  if (j > 3u) { neg = !neg; j = j - 4u; }
  if (j > 1u) { neg = !neg; }
  let r = lk_reduce_quarter(ax, y);
  let z = r * r;
  var v: f32;
  if (j == 1u || j == 2u) { v = lk_sin_poly(r, z); } else { v = lk_cos_poly(z); }
  return select(v, -v, neg);
}

// atan: cephes atanf (reduction to |x| <= tan(pi/8), degree-9 odd polynomial).
fn lk_atan(xx: f32) -> f32 {
  var x = abs(xx);
  var y = 0.0;
  if (x > 2.414213562373095) { y = 1.5707963267948966; x = -1.0 / x; }
  else if (x > 0.4142135623730950) { y = 0.7853981633974483; x = (x - 1.0) / (x + 1.0); }
  let z = x * x;
  y = y + ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * x + x);
  return select(y, -y, lk_signbit(xx));
}

// atan with Math.atan's special values (NaN, +-pi/2 at +-Inf), tested on the bits.
fn lk_atan_ieee(x: f32) -> f32 {
  if (lk_isnan(x)) { return x; }
  if (!lk_finite(x)) { return select(1.5707963267948966, -1.5707963267948966, lk_signbit(x)); }
  return lk_atan(x);
}

// asin and acos: cephes asinf / acosf. asin on [0, 1]: a polynomial up to 0.5, beyond it
// pi/2 - 2 asin(sqrt((1 - a) / 2)); acos from asin of the half-angle near +-1.
fn lk_asin_core(a: f32) -> f32 {
  var x = a;
  var z = a * a;
  let big = a > 0.5;
  if (big) { z = 0.5 * (1.0 - a); x = sqrt(z); }
  var r = ((((4.2163199048e-2 * z + 2.4181311049e-2) * z + 4.5470025998e-2) * z + 7.4953002686e-2) * z + 1.6666752422e-1) * z * x + x;
  if (big) { r = 1.5707963267948966 - (r + r); }
  return r;
}
fn lk_asin(x: f32) -> f32 {
  if (lk_isnan(x) || abs(x) > 1.0) { return NAN; }
  let r = lk_asin_core(abs(x));
  return select(r, -r, lk_signbit(x));
}
fn lk_acos(x: f32) -> f32 {
  if (lk_isnan(x) || abs(x) > 1.0) { return NAN; }
  if (x < -0.5) { return 3.141592653589793 - 2.0 * lk_asin_core(sqrt(0.5 * (1.0 + x))); }
  if (x > 0.5) { return 2.0 * lk_asin_core(sqrt(0.5 * (1.0 - x))); }
  return 1.5707963267948966 - lk_asin(x);
}

// atan2 with every IEEE special case of Math.atan2.
fn lk_atan2(y: f32, x: f32) -> f32 {
  if (lk_isnan(x) || lk_isnan(y)) { return NAN; }
  let PI = 3.141592653589793;
  let sy = lk_signbit(y);
  if (y == 0.0) {
    if (lk_signbit(x)) { return select(PI, -PI, sy); }
    return y;
  }
  if (x == 0.0) { return select(0.5 * PI, -0.5 * PI, sy); }
  if (!lk_finite(x)) {
    if (!lk_finite(y)) {
      let q = select(0.25 * PI, 0.75 * PI, x < 0.0);
      return select(q, -q, sy);
    }
    if (x > 0.0) { return y * 0.0; }
    return select(PI, -PI, sy);
  }
  if (!lk_finite(y)) { return select(0.5 * PI, -0.5 * PI, sy); }
  let a = lk_atan(y / x);
  if (x > 0.0) { return a; }
  return select(a + PI, a - PI, sy);
}

// C's round (half away from zero) to 'decimals' digits. No loops: llvmpipe caps the loop
// iterations of an invocation (65535 in all, every loop together), so the kernels avoid them.
fn lk_round_half_away(y: f32) -> f32 {
  let t = trunc(y);
  return select(t, t + select(1.0, -1.0, y < 0.0), abs(y - t) >= 0.5);
}
fn lk_pow10(n: i32) -> f32 {
  if (n > 10) { return pow(10.0, f32(n)); }
  var p = array<f32, 11>(1.0, 10.0, 100.0, 1000.0, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10);
  return p[n];
}
fn lk_round(x: f32, decimals: i32) -> f32 {
  if (decimals == 0) { return lk_round_half_away(x); }
  let p = lk_pow10(abs(decimals));
  if (decimals > 0) { return lk_round_half_away(x * p) / p; }
  return lk_round_half_away(x / p) * p;
}

// x^n by binary exponentiation, as the interpreter's vpowi (1 / x^|n| for n < 0): unrolled
// for |n| < 256, a loop beyond.
fn lk_powi(x: f32, n: i32) -> f32 {
  var r = 1.0;
  var b = x;
  var e = abs(n);
  if ((e & 1) != 0) { r = r * b; } b = b * b;
  if ((e & 2) != 0) { r = r * b; } b = b * b;
  if ((e & 4) != 0) { r = r * b; } b = b * b;
  if ((e & 8) != 0) { r = r * b; } b = b * b;
  if ((e & 16) != 0) { r = r * b; } b = b * b;
  if ((e & 32) != 0) { r = r * b; } b = b * b;
  if ((e & 64) != 0) { r = r * b; } b = b * b;
  if ((e & 128) != 0) { r = r * b; }
  e = e >> 8u;
  loop {
    if (e <= 0) { break; }
    b = b * b;
    if ((e & 1) != 0) { r = r * b; }
    e = e >> 1u;
  }
  return select(r, 1.0 / r, n < 0);
}
`;
