// Generic SIMD helpers over the element type T (f32 -> f32x4, f64 -> f64x2). The branch on
// sizeof<T>() is resolved at compile time, so each kernel is written once for both dtypes.
import { expF32x4, expF64x2, expNonPositiveF32x4, expNonPositiveF64x2 } from './math/exp';
import { logF32x4, logF64x2 } from './math/log';
import { TILE } from './generated/opcodes';

/** Lanes per v128. */
@inline export function lanes<T>(): i32 { return 16 / sizeof<T>(); }
/** Bytes of one component of a tile register. */
@inline export function tileBytes<T>(): i32 { return TILE * sizeof<T>(); }

@inline export function vsplat<T>(x: f64): v128 {
  if (sizeof<T>() == 4) return f32x4.splat(<f32>x);
  return f64x2.splat(x);
}
@inline export function vadd<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.add(a, b) : f64x2.add(a, b); }
@inline export function vsub<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.sub(a, b) : f64x2.sub(a, b); }
@inline export function vmul<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.mul(a, b) : f64x2.mul(a, b); }
@inline export function vdiv<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.div(a, b) : f64x2.div(a, b); }
@inline export function vmin<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.min(a, b) : f64x2.min(a, b); }
@inline export function vmax<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.max(a, b) : f64x2.max(a, b); }
/** min ignoring NaN in b: b < a ? b : a. */
@inline export function vpmin<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.pmin(a, b) : f64x2.pmin(a, b); }
/** max ignoring NaN in b: a < b ? b : a. */
@inline export function vpmax<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.pmax(a, b) : f64x2.pmax(a, b); }
@inline export function vneg<T>(a: v128): v128 { return sizeof<T>() == 4 ? f32x4.neg(a) : f64x2.neg(a); }
@inline export function vabs<T>(a: v128): v128 { return sizeof<T>() == 4 ? f32x4.abs(a) : f64x2.abs(a); }
@inline export function vsqrt<T>(a: v128): v128 { return sizeof<T>() == 4 ? f32x4.sqrt(a) : f64x2.sqrt(a); }
@inline export function vfloor<T>(a: v128): v128 { return sizeof<T>() == 4 ? f32x4.floor(a) : f64x2.floor(a); }
@inline export function vlt<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.lt(a, b) : f64x2.lt(a, b); }
@inline export function vgt<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.gt(a, b) : f64x2.gt(a, b); }
@inline export function vge<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.ge(a, b) : f64x2.ge(a, b); }
@inline export function veq<T>(a: v128, b: v128): v128 { return sizeof<T>() == 4 ? f32x4.eq(a, b) : f64x2.eq(a, b); }
@inline export function vexp<T>(a: v128): v128 { return sizeof<T>() == 4 ? expF32x4(a) : expF64x2(a); }
/** vexp for lanes <= 0 (or NaN) only, such as x - max in a log-sum-exp: cheaper, same results. */
@inline export function vexpNonPositive<T>(a: v128): v128 { return sizeof<T>() == 4 ? expNonPositiveF32x4(a) : expNonPositiveF64x2(a); }
@inline export function vlog<T>(a: v128): v128 { return sizeof<T>() == 4 ? logF32x4(a) : logF64x2(a); }
/** a where mask is set, b elsewhere. */
@inline export function vselect(mask: v128, a: v128, b: v128): v128 { return v128.bitselect(a, b, mask); }

/** Mask of the first `count` lanes (0 <= count <= lanes). */
@inline export function laneMask<T>(count: i32): v128 {
  if (sizeof<T>() == 4) return i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(count));
  return i32x4.lt_s(i32x4(0, 0, 1, 1), i32x4.splat(count));
}

/** Lane k of a vector, as f64. */
@inline export function lane<T>(v: v128, k: i32): f64 {
  if (sizeof<T>() == 4) {
    switch (k) {
      case 0: return <f64>f32x4.extract_lane(v, 0);
      case 1: return <f64>f32x4.extract_lane(v, 1);
      case 2: return <f64>f32x4.extract_lane(v, 2);
      default: return <f64>f32x4.extract_lane(v, 3);
    }
  }
  return k == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1);
}

/** Sum of the lanes, accumulated in f64. */
@inline export function hsum<T>(v: v128): f64 {
  if (sizeof<T>() == 4) {
    const lo = f64x2.promote_low_f32x4(v);
    const hi = f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1));
    const s = f64x2.add(lo, hi);
    return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  }
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Load one element of type T as f64. */
@inline export function loadT<T>(p: usize): f64 {
  if (sizeof<T>() == 4) return <f64>load<f32>(p);
  return load<f64>(p);
}
/** Store an f64 as one element of type T. */
@inline export function storeT<T>(p: usize, x: f64): void {
  if (sizeof<T>() == 4) store<f32>(p, <f32>x);
  else store<f64>(p, x);
}
