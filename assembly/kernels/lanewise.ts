// Element-wise functions without a SIMD instruction: evaluated lane by lane in f64 (sin, cos,
// atan, asin, acos, atan2, round), plus integer powers by binary exponentiation on whole vectors.
import { vsplat, vmul, vdiv, lane } from '../simd';

/** Rounds half away from zero (C's round), as the oracle does. */
@inline function roundHalfAway(x: f64): f64 {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + (x < 0 ? -1.0 : 1.0) : t;
}

@inline function roundDecimals(x: f64, decimals: i32): f64 {
  const s = Math.pow(10.0, <f64>decimals);
  return roundHalfAway(x * s) / s;
}

const SIN: i32 = 0;
const COS: i32 = 1;
const ROUND: i32 = 2;
const ATAN: i32 = 3;
const ASIN: i32 = 4;
const ACOS: i32 = 5;

function scalar(fn: i32, x: f64, arg: i32): f64 {
  if (fn == SIN) return Math.sin(x);
  if (fn == COS) return Math.cos(x);
  if (fn == ATAN) return Math.atan(x);
  if (fn == ASIN) return Math.asin(x);
  if (fn == ACOS) return Math.acos(x);
  return roundDecimals(x, arg);
}

@inline function lanewise<T>(fn: i32, x: v128, arg: i32): v128 {
  if (sizeof<T>() == 4) {
    let r = x;
    r = f32x4.replace_lane(r, 0, <f32>scalar(fn, lane<T>(x, 0), arg));
    r = f32x4.replace_lane(r, 1, <f32>scalar(fn, lane<T>(x, 1), arg));
    r = f32x4.replace_lane(r, 2, <f32>scalar(fn, lane<T>(x, 2), arg));
    r = f32x4.replace_lane(r, 3, <f32>scalar(fn, lane<T>(x, 3), arg));
    return r;
  }
  let r = x;
  r = f64x2.replace_lane(r, 0, scalar(fn, lane<T>(x, 0), arg));
  r = f64x2.replace_lane(r, 1, scalar(fn, lane<T>(x, 1), arg));
  return r;
}

@inline export function lanewiseSin<T>(x: v128): v128 { return lanewise<T>(SIN, x, 0); }
@inline export function lanewiseCos<T>(x: v128): v128 { return lanewise<T>(COS, x, 0); }
@inline export function lanewiseAtan<T>(x: v128): v128 { return lanewise<T>(ATAN, x, 0); }
@inline export function lanewiseAsin<T>(x: v128): v128 { return lanewise<T>(ASIN, x, 0); }
@inline export function lanewiseAcos<T>(x: v128): v128 { return lanewise<T>(ACOS, x, 0); }
@inline export function lanewiseRound<T>(x: v128, decimals: i32): v128 { return lanewise<T>(ROUND, x, decimals); }

@inline export function lanewiseAtan2<T>(y: v128, x: v128): v128 {
  if (sizeof<T>() == 4) {
    let r = y;
    r = f32x4.replace_lane(r, 0, <f32>Math.atan2(lane<T>(y, 0), lane<T>(x, 0)));
    r = f32x4.replace_lane(r, 1, <f32>Math.atan2(lane<T>(y, 1), lane<T>(x, 1)));
    r = f32x4.replace_lane(r, 2, <f32>Math.atan2(lane<T>(y, 2), lane<T>(x, 2)));
    r = f32x4.replace_lane(r, 3, <f32>Math.atan2(lane<T>(y, 3), lane<T>(x, 3)));
    return r;
  }
  let r = y;
  r = f64x2.replace_lane(r, 0, Math.atan2(lane<T>(y, 0), lane<T>(x, 0)));
  r = f64x2.replace_lane(r, 1, Math.atan2(lane<T>(y, 1), lane<T>(x, 1)));
  return r;
}

/** x^n by binary exponentiation on whole vectors; 1 / x^|n| for negative n. */
@inline export function vpowi<T>(x: v128, n: i32): v128 {
  let r = vsplat<T>(1.0);
  let b = x;
  let e = n < 0 ? -n : n;
  while (e > 0) {
    if (e & 1) r = vmul<T>(r, b);
    b = vmul<T>(b, b);
    e >>= 1;
  }
  return n < 0 ? vdiv<T>(vsplat<T>(1.0), r) : r;
}
