// Vectorised exp for wasm SIMD: 4 x f32 and 2 x f64 lanes, branch-free and allocation-free.
//
// Method (Cephes / fdlibm style):
//   n  = nearest(x * log2(e))                      (magic-shifter rounding: also yields n's integer bits)
//   hi = x - n * ln2_hi                            (exact: ln2_hi has enough trailing zero bits)
//   lo = n * ln2_lo,  r = hi - lo                  (Cody-Waite, |r| <= ~ln2/2)
//   exp(r) from a polynomial (f32) or fdlibm's rational form (f64), with the low part `lo`
//   folded back in late so the reduction error stays below an ulp;
//   result = exp(r) * 2^(n >> 1) * 2^(n - (n >> 1)) (the two-step scale reaches 2^128 / 2^1024
//   for inputs right below the overflow threshold).
//
// Results below the smallest normal number (x < ln 2^-126 in f32, x < ln 2^-1022 in f64) are
// flushed to +0, as GPUs do (WGSL allows it, CUDA's fast math does it). The hardware handles
// subnormal operands and results in microcode, up to ~100x slower per instruction: a Gaussian
// kernel whose terms underflow for far pairs (small blur, Sinkhorn's small epsilon) spent half
// its time there, in exp and in every instruction fed by its results. A term that small is below
// the rounding error of any sum that also holds a normal term.
//
// Inputs are clamped first, which also takes care of the special values: +Inf -> clamped to a
// value that overflows -> +Inf, -Inf and anything below the flush threshold -> +0, NaN
// propagates through min/max and the arithmetic (and fails the flush test), -0 -> exp(0) = 1.
//
// Measured by test/math.test.mjs (2^20 inputs over the whole range, against a double-double
// reference): max 1 ulp for both (0.93 ulp fractional in f32) above the flush threshold, +0 below it;
// the test asserts <= 2 ulp and exact zeros.

// ---------------------------------------------------------------------------------------------
// f32
// ---------------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline const EXPF_HI: f32 = 89.0; // exp(x) overflows f32 for x > 88.7228...
// @ts-ignore: decorator
@inline const EXPF_LO: f32 = -87.33654; // exp(x) < 2^-126 (subnormal) below -87.336544...: flushed to 0
// @ts-ignore: decorator
@inline const EXPF_SHIFTER: f32 = 12582912.0; // 1.5 * 2^23: adding it rounds to an integer
// @ts-ignore: decorator
@inline const EXPF_SHIFTER_BITS: i32 = 0x4b400000;
// @ts-ignore: decorator
@inline const EXPF_LOG2E: f32 = 1.44269504088896341;
// ln2 = EXPF_LN2_HI + EXPF_LN2_LO; EXPF_LN2_HI = 355/512 has 9 significant bits so n * hi is exact.
// @ts-ignore: decorator
@inline const EXPF_LN2_HI: f32 = 0.693359375;
// @ts-ignore: decorator
@inline const EXPF_LN2_LO: f32 = -2.12194440e-4;
// exp(r) ~= 1 + r + r^2 * (P0 + P1 r + P2 r^2 + P3 r^3 + P4 r^4): a weighted minimax fit of
// (exp(r) - 1 - r) / r^2 on |r| <= 0.3468 (tools/fit-expf.mjs), relative error 3.1e-9 (0.03 ulp)
// before rounding. Cephes's expf has one term more (P5 r^5), which buys nothing in f32: both
// give 0.83 ulp at most; one multiply and one add fewer per exp.
// @ts-ignore: decorator
@inline const EXPF_P0: f32 = 0.4999999403953552;
// @ts-ignore: decorator
@inline const EXPF_P1: f32 = 0.1666651964187622;
// @ts-ignore: decorator
@inline const EXPF_P2: f32 = 0.04166839271783829;
// @ts-ignore: decorator
@inline const EXPF_P3: f32 = 0.008368759416043758;
// @ts-ignore: decorator
@inline const EXPF_P4: f32 = 0.0013814519625157118;

// Splatted constants of expF32x4 (16 bytes each, in the order it reads them) and its integers.
// @ts-ignore: decorator
@lazy const EXPF_TABLE: usize = memory.data<f32>([
  EXPF_HI, EXPF_HI, EXPF_HI, EXPF_HI, EXPF_LO, EXPF_LO, EXPF_LO, EXPF_LO, EXPF_SHIFTER, EXPF_SHIFTER, EXPF_SHIFTER, EXPF_SHIFTER, EXPF_LOG2E, EXPF_LOG2E, EXPF_LOG2E, EXPF_LOG2E,
  EXPF_LN2_HI, EXPF_LN2_HI, EXPF_LN2_HI, EXPF_LN2_HI, EXPF_LN2_LO, EXPF_LN2_LO, EXPF_LN2_LO, EXPF_LN2_LO, EXPF_P4, EXPF_P4, EXPF_P4, EXPF_P4,
  EXPF_P3, EXPF_P3, EXPF_P3, EXPF_P3, EXPF_P2, EXPF_P2, EXPF_P2, EXPF_P2, EXPF_P1, EXPF_P1, EXPF_P1, EXPF_P1, EXPF_P0, EXPF_P0, EXPF_P0, EXPF_P0, 1.0, 1.0, 1.0, 1.0,
], 16);
// @ts-ignore: decorator
@lazy const EXPF_INT_TABLE: usize = memory.data<i32>([EXPF_SHIFTER_BITS, EXPF_SHIFTER_BITS, EXPF_SHIFTER_BITS, EXPF_SHIFTER_BITS, 127, 127, 127, 127], 16);

/** exp of each f32 lane. Max error ~1 ulp over the whole range (subnormal results included). */
// @ts-ignore: decorator
@inline
export function expF32x4(x: v128): v128 {
  return expF32x4Impl(x, false);
}

/**
 * exp of f32 lanes known to be <= 0 (or NaN), as in a log-sum-exp's exp(x - max): the same
 * results as expF32x4 with fewer instructions (no upper clamp, 2^n in one step).
 */
// @ts-ignore: decorator
@inline
export function expNonPositiveF32x4(x: v128): v128 {
  return expF32x4Impl(x, true);
}

// @ts-ignore: decorator
@inline
function expF32x4Impl(x: v128, nonPositive: bool): v128 {
  // Constants are loaded from a table in memory: V8 rebuilds every v128.const inside loops
  // (three instructions each), while a load folds into the instruction that uses it.
  const K = EXPF_TABLE;
  // Clamp (NaN-propagating): keeps n in [-126, 128] so the exponent arithmetic cannot wrap
  // and no step of it is subnormal.
  // pmin/pmax are single instructions on x64 (min/max take ~8); both keep a NaN in x.
  const xc = nonPositive ? f32x4.pmax(x, v128.load(K, 16)) : f32x4.pmax(f32x4.pmin(x, v128.load(K, 0)), v128.load(K, 16));
  const shifter = v128.load(K, 32);
  const t = f32x4.add(f32x4.mul(xc, v128.load(K, 48)), shifter);
  const n = f32x4.sub(t, shifter);
  const ni = i32x4.sub(t, v128.load(EXPF_INT_TABLE, 0)); // integer n (low mantissa bits of t)

  const hi = f32x4.sub(xc, f32x4.mul(n, v128.load(K, 64)));
  const lo = f32x4.mul(n, v128.load(K, 80));
  const r = f32x4.sub(hi, lo);
  const z = f32x4.mul(r, r);

  let p = f32x4.add(f32x4.mul(v128.load(K, 96), r), v128.load(K, 112));
  p = f32x4.add(f32x4.mul(p, r), v128.load(K, 128));
  p = f32x4.add(f32x4.mul(p, r), v128.load(K, 144));
  p = f32x4.add(f32x4.mul(p, r), v128.load(K, 160));
  p = f32x4.mul(p, z);
  // 1 + (r + r^2 P(r)). Written 1 + (hi - (lo - r^2 P(r))) the rounding error of r would drop
  // out: 0.84 instead of 0.93 ulp at most, for one more instruction (tools/fit-expf.mjs).
  const y = f32x4.add(v128.load(K, 176), f32x4.add(p, r));

  const bias = v128.load(EXPF_INT_TABLE, 16);
  let scaled: v128;
  if (nonPositive) {
    // n in [-126, 0]: 2^n is a normal number.
    scaled = f32x4.mul(y, i32x4.shl(i32x4.add(ni, bias), 23));
  } else {
    // 2^n in two steps: n1 = floor(n / 2), n2 = n - n1, both within the normal exponent range.
    const n1 = i32x4.shr_s(ni, 1);
    const n2 = i32x4.sub(ni, n1);
    const s1 = i32x4.shl(i32x4.add(n1, bias), 23);
    const s2 = i32x4.shl(i32x4.add(n2, bias), 23);
    scaled = f32x4.mul(f32x4.mul(y, s1), s2);
  }
  return v128.andnot(scaled, f32x4.lt(x, v128.load(K, 16)));
}

// ---------------------------------------------------------------------------------------------
// f64
// ---------------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline const EXP_HI: f64 = 710.0; // exp(x) overflows f64 for x > 709.7827...
// @ts-ignore: decorator
@inline const EXP_LO: f64 = -708.3964185322641; // exp(x) < 2^-1022 (subnormal) below it: flushed to 0
// @ts-ignore: decorator
@inline const EXP_SHIFTER: f64 = 6755399441055744.0; // 1.5 * 2^52
// @ts-ignore: decorator
@inline const EXP_SHIFTER_BITS: i64 = 0x4338000000000000;
// @ts-ignore: decorator
@inline const EXP_LOG2E: f64 = 1.44269504088896338700e+00;
// fdlibm split of ln2: the high part has 21 trailing zero bits, so n * hi is exact for |n| < 2^21.
// @ts-ignore: decorator
@inline const EXP_LN2_HI: f64 = 6.93147180369123816490e-01;
// @ts-ignore: decorator
@inline const EXP_LN2_LO: f64 = 1.90821492927058770002e-10;
// fdlibm e_exp.c: R(r^2) ~= r * (exp(r) + 1) / (exp(r) - 1), error < 2^-59.
// @ts-ignore: decorator
@inline const EXP_P1: f64 = 1.66666666666666019037e-01;
// @ts-ignore: decorator
@inline const EXP_P2: f64 = -2.77777777770155933842e-03;
// @ts-ignore: decorator
@inline const EXP_P3: f64 = 6.61375632143793436117e-05;
// @ts-ignore: decorator
@inline const EXP_P4: f64 = -1.65339022054652515390e-06;
// @ts-ignore: decorator
@inline const EXP_P5: f64 = 4.13813679705723846039e-08;

/** exp of each f64 lane. Max error < 1 ulp over the whole range (subnormal results included). */
// @ts-ignore: decorator
@inline
export function expF64x2(x: v128): v128 {
  return expF64x2Impl(x, false);
}

/** exp of f64 lanes known to be <= 0 (or NaN): see expNonPositiveF32x4. */
// @ts-ignore: decorator
@inline
export function expNonPositiveF64x2(x: v128): v128 {
  return expF64x2Impl(x, true);
}

// @ts-ignore: decorator
@inline
function expF64x2Impl(x: v128, nonPositive: bool): v128 {
  // Clamp (NaN-propagating): keeps n in [-1022, 1025].
  const lowest = f64x2.splat(EXP_LO);
  const xc = nonPositive ? f64x2.pmax(x, lowest) : f64x2.pmax(f64x2.pmin(x, f64x2.splat(EXP_HI)), lowest);
  const shifter = f64x2.splat(EXP_SHIFTER);
  const t = f64x2.add(f64x2.mul(xc, f64x2.splat(EXP_LOG2E)), shifter);
  const n = f64x2.sub(t, shifter);
  const ni = i64x2.sub(t, i64x2.splat(EXP_SHIFTER_BITS));

  const hi = f64x2.sub(xc, f64x2.mul(n, f64x2.splat(EXP_LN2_HI)));
  const lo = f64x2.mul(n, f64x2.splat(EXP_LN2_LO));
  const r = f64x2.sub(hi, lo);
  const z = f64x2.mul(r, r);

  let p = f64x2.add(f64x2.mul(f64x2.splat(EXP_P5), z), f64x2.splat(EXP_P4));
  p = f64x2.add(f64x2.mul(p, z), f64x2.splat(EXP_P3));
  p = f64x2.add(f64x2.mul(p, z), f64x2.splat(EXP_P2));
  p = f64x2.add(f64x2.mul(p, z), f64x2.splat(EXP_P1));
  const c = f64x2.sub(r, f64x2.mul(z, p));
  // exp(r) = 1 - ((lo - r c / (2 - c)) - hi)
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2.0), c));
  const y = f64x2.sub(f64x2.splat(1.0), f64x2.sub(f64x2.sub(lo, q), hi));

  const bias = i64x2.splat(1023);
  let scaled: v128;
  if (nonPositive) {
    // n in [-1022, 0]: 2^n is a normal number.
    scaled = f64x2.mul(y, i64x2.shl(i64x2.add(ni, bias), 52));
  } else {
    const n1 = i64x2.shr_s(ni, 1);
    const n2 = i64x2.sub(ni, n1);
    const s1 = i64x2.shl(i64x2.add(n1, bias), 52);
    const s2 = i64x2.shl(i64x2.add(n2, bias), 52);
    scaled = f64x2.mul(f64x2.mul(y, s1), s2);
  }
  return v128.andnot(scaled, f64x2.lt(x, lowest));
}
