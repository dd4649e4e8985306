// Vectorised natural log for wasm SIMD: 4 x f32 and 2 x f64 lanes, branch-free and allocation-free.
//
// Method (fdlibm e_log.c / e_logf.c, made branch-free):
//   subnormal x is first scaled by 2^23 (f32) / 2^52 (f64) and the exponent corrected;
//   x = 2^k * m with m in [sqrt(2)/2, sqrt(2)), found with integer arithmetic on the bits;
//   f = m - 1, s = f / (2 + f), log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)) with R a minimax
//   polynomial; result = k ln2_hi - ((hfsq - (s (hfsq + R) + k ln2_lo)) - f), ln2 split so k ln2_hi
//   is exact. log(1) is exactly +0.
// Special values are patched in with bitselect: x < 0 (incl. -Inf) -> NaN, +-0 -> -Inf,
// +Inf -> +Inf, NaN -> NaN.
// Measured by test/math.test.mjs (2^20 inputs, subnormal inputs included, against a double-double
// reference): max 1 ulp for both (f32 0.83 ulp, f64 0.79 ulp fractional); the test asserts <= 2 ulp.

// ---------------------------------------------------------------------------------------------
// f32
// ---------------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline const LOGF_MIN_NORMAL: f32 = 1.17549435e-38; // 2^-126
// @ts-ignore: decorator
@inline const LOGF_TWO23: f32 = 8388608.0;
// Adding (1.0 - sqrt(2)/2) bit offsets moves the exponent break from 1.0 to sqrt(2)/2.
// @ts-ignore: decorator
@inline const LOGF_SQRTHF_BITS: i32 = 0x3f3504f3; // sqrt(2)/2
// @ts-ignore: decorator
@inline const LOGF_ONE_BITS: i32 = 0x3f800000;
// @ts-ignore: decorator
@inline const LOGF_LN2_HI: f32 = 6.9313812256e-01; // 0x3f317180: 16 trailing zero bits
// @ts-ignore: decorator
@inline const LOGF_LN2_LO: f32 = 9.0580006145e-06; // 0x3717f7d1
// FreeBSD e_logf.c: |(log(1+s)-log(1-s))/s - Lg(s)| < 2^-34.24
// @ts-ignore: decorator
@inline const LOGF_LG1: f32 = 0.66666662693; // 0xaaaaaa.0p-24
// @ts-ignore: decorator
@inline const LOGF_LG2: f32 = 0.40000972152; // 0xccce13.0p-25
// @ts-ignore: decorator
@inline const LOGF_LG3: f32 = 0.28498786688; // 0x91e9ee.0p-25
// @ts-ignore: decorator
@inline const LOGF_LG4: f32 = 0.24279078841; // 0xf89e26.0p-26

/** Natural log of each f32 lane. Max error ~1 ulp; subnormal inputs handled. */
// @ts-ignore: decorator
@inline
export function logF32x4(x: v128): v128 {
  // Normalise subnormals (and, harmlessly, zeros/negatives, which are patched below).
  const tiny = f32x4.lt(x, f32x4.splat(LOGF_MIN_NORMAL));
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(LOGF_TWO23)), x, tiny);

  let ix = i32x4.add(xs, i32x4.splat(LOGF_ONE_BITS - LOGF_SQRTHF_BITS));
  const k = i32x4.sub(
    i32x4.sub(i32x4.shr_s(ix, 23), i32x4.splat(127)),
    v128.and(tiny, i32x4.splat(23)),
  );
  ix = i32x4.add(v128.and(ix, i32x4.splat(0x007fffff)), i32x4.splat(LOGF_SQRTHF_BITS));
  const f = f32x4.sub(ix, f32x4.splat(1.0)); // m - 1, m in [sqrt(2)/2, sqrt(2))
  const dk = f32x4.convert_i32x4_s(k);

  const s = f32x4.div(f, f32x4.add(f32x4.splat(2.0), f));
  const z = f32x4.mul(s, s);
  const w = f32x4.mul(z, z);
  const t1 = f32x4.mul(w, f32x4.add(f32x4.splat(LOGF_LG2), f32x4.mul(w, f32x4.splat(LOGF_LG4))));
  const t2 = f32x4.mul(z, f32x4.add(f32x4.splat(LOGF_LG1), f32x4.mul(w, f32x4.splat(LOGF_LG3))));
  const R = f32x4.add(t2, t1);
  const hfsq = f32x4.mul(f32x4.mul(f32x4.splat(0.5), f), f);
  // k ln2_hi - ((hfsq - (s (hfsq + R) + k ln2_lo)) - f)
  const inner = f32x4.add(f32x4.mul(s, f32x4.add(hfsq, R)), f32x4.mul(dk, f32x4.splat(LOGF_LN2_LO)));
  let res = f32x4.sub(
    f32x4.mul(dk, f32x4.splat(LOGF_LN2_HI)),
    f32x4.sub(f32x4.sub(hfsq, inner), f),
  );

  // NaN and +Inf: return x itself.
  res = v128.bitselect(x, res, v128.not(f32x4.lt(x, f32x4.splat(Infinity))));
  // x < 0 (including -Inf): NaN.
  res = v128.bitselect(f32x4.splat(NaN), res, f32x4.lt(x, f32x4.splat(0.0)));
  // +-0: -Inf.
  res = v128.bitselect(f32x4.splat(-Infinity), res, f32x4.eq(x, f32x4.splat(0.0)));
  return res;
}

// ---------------------------------------------------------------------------------------------
// f64
// ---------------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline const LOG_MIN_NORMAL: f64 = 2.2250738585072014e-308; // 2^-1022
// @ts-ignore: decorator
@inline const LOG_TWO52: f64 = 4503599627370496.0;
// @ts-ignore: decorator
@inline const LOG_SQRTHF_BITS: i64 = 0x3fe6a09e667f3bcd; // sqrt(2)/2
// @ts-ignore: decorator
@inline const LOG_ONE_BITS: i64 = 0x3ff0000000000000;
// @ts-ignore: decorator
@inline const LOG_TWO52_BITS: i64 = 0x4330000000000000;
// @ts-ignore: decorator
@inline const LOG_LN2_HI: f64 = 6.93147180369123816490e-01; // 3fe62e42 fee00000
// @ts-ignore: decorator
@inline const LOG_LN2_LO: f64 = 1.90821492927058770002e-10; // 3dea39ef 35793c76
// fdlibm e_log.c: |Lg(s) - R(s)| <= 2^-58.45
// @ts-ignore: decorator
@inline const LOG_LG1: f64 = 6.666666666666735130e-01;
// @ts-ignore: decorator
@inline const LOG_LG2: f64 = 3.999999999940941908e-01;
// @ts-ignore: decorator
@inline const LOG_LG3: f64 = 2.857142874366239149e-01;
// @ts-ignore: decorator
@inline const LOG_LG4: f64 = 2.222219843214978396e-01;
// @ts-ignore: decorator
@inline const LOG_LG5: f64 = 1.818357216161805012e-01;
// @ts-ignore: decorator
@inline const LOG_LG6: f64 = 1.531383769920937332e-01;
// @ts-ignore: decorator
@inline const LOG_LG7: f64 = 1.479819860511658591e-01;

/** Natural log of each f64 lane. Max error < 1 ulp; subnormal inputs handled. */
// @ts-ignore: decorator
@inline
export function logF64x2(x: v128): v128 {
  const tiny = f64x2.lt(x, f64x2.splat(LOG_MIN_NORMAL));
  const xs = v128.bitselect(f64x2.mul(x, f64x2.splat(LOG_TWO52)), x, tiny);

  let ix = i64x2.add(xs, i64x2.splat(LOG_ONE_BITS - LOG_SQRTHF_BITS));
  // Biased exponent (0..2047 for the lanes that matter) converted to f64 via the 2^52 trick:
  // bits(2^52) | e is the double 2^52 + e.
  const eb = v128.or(i64x2.shr_u(ix, 52), i64x2.splat(LOG_TWO52_BITS));
  const dk = f64x2.sub(
    f64x2.sub(eb, f64x2.splat(LOG_TWO52 + 1023.0)),
    v128.and(tiny, f64x2.splat(52.0)),
  );
  ix = i64x2.add(v128.and(ix, i64x2.splat(0x000fffffffffffff)), i64x2.splat(LOG_SQRTHF_BITS));
  const f = f64x2.sub(ix, f64x2.splat(1.0));

  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(f64x2.splat(LOG_LG2),
    f64x2.mul(w, f64x2.add(f64x2.splat(LOG_LG4), f64x2.mul(w, f64x2.splat(LOG_LG6))))));
  const t2 = f64x2.mul(z, f64x2.add(f64x2.splat(LOG_LG1),
    f64x2.mul(w, f64x2.add(f64x2.splat(LOG_LG3),
      f64x2.mul(w, f64x2.add(f64x2.splat(LOG_LG5), f64x2.mul(w, f64x2.splat(LOG_LG7))))))));
  const R = f64x2.add(t2, t1);
  const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
  const inner = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(dk, f64x2.splat(LOG_LN2_LO)));
  let res = f64x2.sub(
    f64x2.mul(dk, f64x2.splat(LOG_LN2_HI)),
    f64x2.sub(f64x2.sub(hfsq, inner), f),
  );

  res = v128.bitselect(x, res, v128.not(f64x2.lt(x, f64x2.splat(Infinity))));
  res = v128.bitselect(f64x2.splat(NaN), res, f64x2.lt(x, f64x2.splat(0.0)));
  res = v128.bitselect(f64x2.splat(-Infinity), res, f64x2.eq(x, f64x2.splat(0.0)));
  return res;
}
