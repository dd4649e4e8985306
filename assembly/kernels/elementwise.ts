// Element-wise instructions: one SIMD loop per component over the vectors of a tile.
// `nvec` is 1 for uniform outputs, TILE / lanes otherwise.
import {
  OP_NEG, OP_EXP, OP_LOG, OP_SQRT, OP_RSQRT, OP_SQUARE, OP_ABS, OP_SIN, OP_COS, OP_SIGN, OP_STEP,
  OP_RELU, OP_INV, OP_ROUND, OP_POW, OP_FLOOR, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MIN, OP_MAX,
  OP_ATAN2, OP_POWF, OP_CLAMP, OP_IFELSE, OP_MOD,
} from '../generated/opcodes';
import {
  vsplat, vadd, vsub, vmul, vdiv, vmin, vmax, vneg, vabs, vsqrt, vfloor, vlt, vgt, vge, veq,
  vexp, vlog, vselect, lanes, lane,
} from '../simd';

/** Rounds half away from zero (C's round), as the oracle does. */
@inline function roundHalfAway(x: f64): f64 {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + (x < 0 ? -1.0 : 1.0) : t;
}

/** Ops evaluated lane by lane in f64 (transcendental functions off the hot path). */
function scalarUnary(op: i32, x: f64, arg: i32): f64 {
  if (op == OP_SIN) return Math.sin(x);
  if (op == OP_COS) return Math.cos(x);
  // OP_ROUND
  const s = Math.pow(10.0, <f64>arg);
  return roundHalfAway(x * s) / s;
}

@inline function lanewiseUnary<T>(op: i32, x: v128, arg: i32): v128 {
  if (sizeof<T>() == 4) {
    let r = x;
    r = f32x4.replace_lane(r, 0, <f32>scalarUnary(op, lane<T>(x, 0), arg));
    r = f32x4.replace_lane(r, 1, <f32>scalarUnary(op, lane<T>(x, 1), arg));
    r = f32x4.replace_lane(r, 2, <f32>scalarUnary(op, lane<T>(x, 2), arg));
    r = f32x4.replace_lane(r, 3, <f32>scalarUnary(op, lane<T>(x, 3), arg));
    return r;
  }
  let r = x;
  r = f64x2.replace_lane(r, 0, scalarUnary(op, lane<T>(x, 0), arg));
  r = f64x2.replace_lane(r, 1, scalarUnary(op, lane<T>(x, 1), arg));
  return r;
}

/** x^n by binary exponentiation on whole vectors. */
@inline function vpowi<T>(x: v128, n: i32): v128 {
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

@inline function unaryOp<T>(op: i32, x: v128, arg: i32): v128 {
  const zero = vsplat<T>(0.0);
  const one = vsplat<T>(1.0);
  if (op == OP_NEG) return vneg<T>(x);
  if (op == OP_EXP) return vexp<T>(x);
  if (op == OP_LOG) return vlog<T>(x);
  if (op == OP_SQRT) return vsqrt<T>(x);
  if (op == OP_RSQRT) return vselect(veq<T>(x, zero), zero, vdiv<T>(one, vsqrt<T>(x)));
  if (op == OP_SQUARE) return vmul<T>(x, x);
  if (op == OP_ABS) return vabs<T>(x);
  if (op == OP_SIGN) return vsub<T>(v128.and(vgt<T>(x, zero), one), v128.and(vlt<T>(x, zero), one));
  if (op == OP_STEP) return vselect(vlt<T>(x, zero), zero, one);
  if (op == OP_RELU) return vselect(vlt<T>(x, zero), zero, x);
  if (op == OP_INV) return vdiv<T>(one, x);
  if (op == OP_FLOOR) return vfloor<T>(x);
  if (op == OP_POW) return vpowi<T>(x, arg);
  return lanewiseUnary<T>(op, x, arg);
}

@inline function unaryLoop<T>(op: i32, out: usize, a: usize, dim: i32, csOut: i32, csA: i32, vsA: i32, nvec: i32, arg: i32): void {
  for (let k = 0; k < dim; k++) {
    let po = out + <usize>(k * csOut);
    let pa = a + <usize>(k * csA);
    for (let v = 0; v < nvec; v++) {
      v128.store(po, unaryOp<T>(op, v128.load(pa), arg));
      po += 16;
      pa += vsA;
    }
  }
}

/** Runs one element-wise unary instruction. */
export function execUnary<T>(op: i32, out: usize, a: usize, dim: i32, csOut: i32, csA: i32, vsA: i32, nvec: i32, arg: i32): void {
  // One case per op so that each loop is specialised (the op test folds away after inlining).
  switch (op) {
    case OP_NEG: unaryLoop<T>(OP_NEG, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_EXP: unaryLoop<T>(OP_EXP, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_LOG: unaryLoop<T>(OP_LOG, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_SQRT: unaryLoop<T>(OP_SQRT, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_RSQRT: unaryLoop<T>(OP_RSQRT, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_SQUARE: unaryLoop<T>(OP_SQUARE, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_ABS: unaryLoop<T>(OP_ABS, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_SIGN: unaryLoop<T>(OP_SIGN, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_STEP: unaryLoop<T>(OP_STEP, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_RELU: unaryLoop<T>(OP_RELU, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_INV: unaryLoop<T>(OP_INV, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_FLOOR: unaryLoop<T>(OP_FLOOR, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_POW: unaryLoop<T>(OP_POW, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_SIN: unaryLoop<T>(OP_SIN, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    case OP_COS: unaryLoop<T>(OP_COS, out, a, dim, csOut, csA, vsA, nvec, arg); break;
    default: unaryLoop<T>(OP_ROUND, out, a, dim, csOut, csA, vsA, nvec, arg); break;
  }
}

@inline function lanewiseAtan2<T>(y: v128, x: v128): v128 {
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

@inline function binaryOp<T>(op: i32, a: v128, b: v128): v128 {
  if (op == OP_ADD) return vadd<T>(a, b);
  if (op == OP_SUB) return vsub<T>(a, b);
  if (op == OP_MUL) return vmul<T>(a, b);
  if (op == OP_DIV) return vdiv<T>(a, b);
  if (op == OP_MIN) return vmin<T>(a, b);
  if (op == OP_MAX) return vmax<T>(a, b);
  if (op == OP_POWF) return vexp<T>(vmul<T>(b, vlog<T>(a)));
  return lanewiseAtan2<T>(a, b);
}

@inline function binaryLoop<T>(op: i32, out: usize, a: usize, b: usize, dim: i32, csOut: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, nvec: i32): void {
  for (let k = 0; k < dim; k++) {
    let po = out + <usize>(k * csOut);
    let pa = a + <usize>(k * csA);
    let pb = b + <usize>(k * csB);
    for (let v = 0; v < nvec; v++) {
      v128.store(po, binaryOp<T>(op, v128.load(pa), v128.load(pb)));
      po += 16;
      pa += vsA;
      pb += vsB;
    }
  }
}

/** Runs one element-wise binary instruction. */
export function execBinary<T>(op: i32, out: usize, a: usize, b: usize, dim: i32, csOut: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, nvec: i32): void {
  switch (op) {
    case OP_ADD: binaryLoop<T>(OP_ADD, out, a, b, dim, csOut, csA, vsA, csB, vsB, nvec); break;
    case OP_SUB: binaryLoop<T>(OP_SUB, out, a, b, dim, csOut, csA, vsA, csB, vsB, nvec); break;
    case OP_MUL: binaryLoop<T>(OP_MUL, out, a, b, dim, csOut, csA, vsA, csB, vsB, nvec); break;
    case OP_DIV: binaryLoop<T>(OP_DIV, out, a, b, dim, csOut, csA, vsA, csB, vsB, nvec); break;
    case OP_MIN: binaryLoop<T>(OP_MIN, out, a, b, dim, csOut, csA, vsA, csB, vsB, nvec); break;
    case OP_MAX: binaryLoop<T>(OP_MAX, out, a, b, dim, csOut, csA, vsA, csB, vsB, nvec); break;
    case OP_POWF: binaryLoop<T>(OP_POWF, out, a, b, dim, csOut, csA, vsA, csB, vsB, nvec); break;
    default: binaryLoop<T>(OP_ATAN2, out, a, b, dim, csOut, csA, vsA, csB, vsB, nvec); break;
  }
}

@inline function ternaryOp<T>(op: i32, a: v128, b: v128, c: v128): v128 {
  if (op == OP_CLAMP) {
    // a < lo ? lo : (a > hi ? hi : a)
    return vselect(vlt<T>(a, b), b, vselect(vgt<T>(a, c), c, a));
  }
  if (op == OP_IFELSE) return vselect(vge<T>(a, vsplat<T>(0.0)), b, c);
  // OP_MOD: a - b * floor((a - c) / b)
  return vsub<T>(a, vmul<T>(b, vfloor<T>(vdiv<T>(vsub<T>(a, c), b))));
}

@inline function ternaryLoop<T>(op: i32, out: usize, a: usize, b: usize, c: usize, dim: i32, csOut: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, csC: i32, vsC: i32, nvec: i32): void {
  for (let k = 0; k < dim; k++) {
    let po = out + <usize>(k * csOut);
    let pa = a + <usize>(k * csA);
    let pb = b + <usize>(k * csB);
    let pc = c + <usize>(k * csC);
    for (let v = 0; v < nvec; v++) {
      v128.store(po, ternaryOp<T>(op, v128.load(pa), v128.load(pb), v128.load(pc)));
      po += 16;
      pa += vsA;
      pb += vsB;
      pc += vsC;
    }
  }
}

/** Runs one element-wise ternary instruction. */
export function execTernary<T>(op: i32, out: usize, a: usize, b: usize, c: usize, dim: i32, csOut: i32, csA: i32, vsA: i32, csB: i32, vsB: i32, csC: i32, vsC: i32, nvec: i32): void {
  switch (op) {
    case OP_CLAMP: ternaryLoop<T>(OP_CLAMP, out, a, b, c, dim, csOut, csA, vsA, csB, vsB, csC, vsC, nvec); break;
    case OP_IFELSE: ternaryLoop<T>(OP_IFELSE, out, a, b, c, dim, csOut, csA, vsA, csB, vsB, csC, vsC, nvec); break;
    default: ternaryLoop<T>(OP_MOD, out, a, b, c, dim, csOut, csA, vsA, csB, vsB, csC, vsC, nvec); break;
  }
}

export { lanes };
