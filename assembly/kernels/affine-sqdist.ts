// Fused kernels of an affine squared distance (src/tape/affine-sqdist.ts), for a block of rows
// and one tile of columns, as reduceColumns runs them: any reduction over j of
//
//   e_ij = scale * |x_i - y_j|^2 + h_j      (the Gaussian log-sum-exp, Sinkhorn's softmins,
//                                           nearest neighbours by min / argKmin of |x - y|^2)
//   exp(e_ij) * b_j                         (the Gaussian kernel product, for a SUM)
//
// The interpreter would run SQDIST, MUL, ADD (EXP) as loops over tile registers in memory, then
// the reduction's passes; here four rows at a time go through one loop that loads each y vector
// once for the four of them, keeps the distances in registers and writes only e (or exp(e))
// into a four-row buffer, which the reduction then takes row by row. Same operations in the same
// order as the tape: the results are the interpreter's to the bit.
import { PLAN_DTYPE, PLAN_VAR_TABLE_PTR, PLAN_CONST_PTR, PLAN_FUSED_X, PLAN_FUSED_Y, PLAN_FUSED_DIM, PLAN_FUSED_SCALE, PLAN_FUSED_SHIFT, PLAN_FUSED_FACTOR, PLAN_FUSED_SCALE_PARAM, TILE, RED_LOGSUMEXP } from '../generated/opcodes';
import { vsplat, vsub, vmul, vadd, vexp, vexpNonPositive, lanes } from '../simd';
import { logSumExpTileWithMax, tileMax4 } from '../reductions/softmax';
import { sumProductTile } from '../reductions/sum';
import { reduceTile } from '../reductions/index';

// @ts-ignore: decorator
@inline function field(plan: usize, k: i32): i32 {
  return load<i32>(plan + (<usize>k << 2));
}

/** One element of x splatted over a vector (a single load-splat instruction). */
// @ts-ignore: decorator
@inline function splatAt<T>(p: usize): v128 {
  if (sizeof<T>() == 4) return v128.load32_splat(p);
  return v128.load64_splat(p);
}

// The fused kernel's operands, read from the plan once per call. Globals, not an object: each
// worker has its own instance (so its own globals) but shares the memory.
let gX: usize = 0;       // x's row 0 (row-major, gDim elements per row)
let gY: usize = 0;       // y's component 0 at column 0 (components gYStride elements apart)
let gYStride: i32 = 0;
let gH: usize = 0;       // h at column 0, or 0
let gDim: i32 = 0;
let gHasScale = false;
let gScale: f64 = 1;
let gExp = false;        // the buffer gets exp(e) (the SUM kernel)
let gExpNonPositive = false; // e <= 0 (or NaN) for every pair: no h and a scale <= 0, exp's shorter form
let gB: usize = 0;       // the factor b at column 0 (components gBStride elements apart), or 0
let gBStride: i32 = 0;

/** Reads the plan's fused-kernel fields (see PLAN.fused* in src/tape/opcodes.ts); `exp`: the SUM kernel. */
export function loadAffineSqDist(plan: usize, exp: bool): void {
  gExp = exp;
  const vars = <usize>field(plan, PLAN_VAR_TABLE_PTR);
  const vx = vars + <usize>(field(plan, PLAN_FUSED_X) * 12);
  const vy = vars + <usize>(field(plan, PLAN_FUSED_Y) * 12);
  gX = <usize>load<i32>(vx);
  gY = <usize>load<i32>(vy);
  gYStride = load<i32>(vy, 8);
  gDim = field(plan, PLAN_FUSED_DIM);
  const shift = field(plan, PLAN_FUSED_SHIFT);
  gH = shift < 0 ? 0 : <usize>load<i32>(vars + <usize>(shift * 12));
  // The scale: a constant (f64, rounded to T when splatted, as CONST) or a parameter (stored in T, as LOADP).
  const scale = field(plan, PLAN_FUSED_SCALE);
  const scaleParam = field(plan, PLAN_FUSED_SCALE_PARAM);
  gHasScale = scale >= 0 || scaleParam >= 0;
  if (scale >= 0) gScale = load<f64>(<usize>field(plan, PLAN_CONST_PTR) + (<usize>scale << 3));
  else if (scaleParam >= 0) {
    const p = <usize>load<i32>(vars + <usize>(scaleParam * 12));
    gScale = field(plan, PLAN_DTYPE) == 0 ? <f64>load<f32>(p) : load<f64>(p);
  } else gScale = 1.0;
  gExpNonPositive = gH == 0 && !(gScale > 0);
  const factor = field(plan, PLAN_FUSED_FACTOR);
  gB = factor < 0 ? 0 : <usize>load<i32>(vars + <usize>(factor * 12));
  gBStride = factor < 0 ? 0 : load<i32>(vars + <usize>(factor * 12), 8);
}

/**
 * The four rows' squared distances at one vector: times the scale, plus h (at hAt, 0: none),
 * exp'ed for the SUM kernel, stored rowStride bytes apart from q. Inlined: the branches are
 * loop-invariant.
 */
// @ts-ignore: decorator
@inline function storeFour<T>(q: usize, rowStride: usize, s0: v128, s1: v128, s2: v128, s3: v128, hasScale: bool, c: v128, hAt: usize, nonPositive: bool): void {
  if (hasScale) {
    s0 = vmul<T>(s0, c);
    s1 = vmul<T>(s1, c);
    s2 = vmul<T>(s2, c);
    s3 = vmul<T>(s3, c);
  }
  if (hAt != 0) {
    const h = v128.load(hAt);
    s0 = vadd<T>(s0, h);
    s1 = vadd<T>(s1, h);
    s2 = vadd<T>(s2, h);
    s3 = vadd<T>(s3, h);
  }
  if (gExp) {
    if (nonPositive) {
      // A Gaussian kernel's exp(scale d^2), scale <= 0: exp's shorter form (the same bits there).
      s0 = vexpNonPositive<T>(s0);
      s1 = vexpNonPositive<T>(s1);
      s2 = vexpNonPositive<T>(s2);
      s3 = vexpNonPositive<T>(s3);
    } else {
      s0 = vexp<T>(s0);
      s1 = vexp<T>(s1);
      s2 = vexp<T>(s2);
      s3 = vexp<T>(s3);
    }
  }
  v128.store(q, s0);
  v128.store(q + rowStride, s1);
  v128.store(q + 2 * rowStride, s2);
  v128.store(q + 3 * rowStride, s3);
}

/**
 * e for rows i..i+3 (rows past `nr` repeat the last one) against the tile's `nvec` vectors
 * starting at column j0, into buf (row r at r * TILE elements).
 */
function exponents4<T>(i: i32, nr: i32, j0: i32, nvec: i32, buf: usize): void {
  const size = <usize>sizeof<T>();
  const dim = gDim;
  const rowBytes = <usize>dim * size;
  const x0 = gX + <usize>i * rowBytes;
  const x1 = x0 + <usize>min(1, nr - 1) * rowBytes;
  const x2 = x0 + <usize>min(2, nr - 1) * rowBytes;
  const x3 = x0 + <usize>min(3, nr - 1) * rowBytes;
  const compBytes = <usize>gYStride * size;
  const yBase = gY + <usize>j0 * size;
  const hBase = gH + <usize>j0 * size;
  const hasH = gH != 0;
  const hasScale = gHasScale;
  const nonPositive = gExpNonPositive;
  const c = vsplat<T>(gScale);
  const rowStride = <usize>TILE * size;
  for (let v = 0; v < nvec; v++) {
    const off = <usize>v << 4;
    let s0 = vsplat<T>(0.0), s1 = vsplat<T>(0.0), s2 = vsplat<T>(0.0), s3 = vsplat<T>(0.0);
    let py = yBase + off;
    for (let k = 0; k < dim; k++) {
      const yk = v128.load(py);
      const kb = <usize>k * size;
      const d0 = vsub<T>(splatAt<T>(x0 + kb), yk);
      const d1 = vsub<T>(splatAt<T>(x1 + kb), yk);
      const d2 = vsub<T>(splatAt<T>(x2 + kb), yk);
      const d3 = vsub<T>(splatAt<T>(x3 + kb), yk);
      s0 = vadd<T>(s0, vmul<T>(d0, d0));
      s1 = vadd<T>(s1, vmul<T>(d1, d1));
      s2 = vadd<T>(s2, vmul<T>(d2, d2));
      s3 = vadd<T>(s3, vmul<T>(d3, d3));
      py += compBytes;
    }
    storeFour<T>(buf + off, rowStride, s0, s1, s2, s3, hasScale, c, hasH ? hBase + off : 0, nonPositive);
  }
}

/** exponents4 for dim = 3: the twelve coordinates of the four rows stay in registers. */
function exponents4Dim3<T>(i: i32, nr: i32, j0: i32, nvec: i32, buf: usize): void {
  const size = <usize>sizeof<T>();
  const rowBytes: usize = 3 * size;
  const x0 = gX + <usize>i * rowBytes;
  const x1 = x0 + <usize>min(1, nr - 1) * rowBytes;
  const x2 = x0 + <usize>min(2, nr - 1) * rowBytes;
  const x3 = x0 + <usize>min(3, nr - 1) * rowBytes;
  const a00 = splatAt<T>(x0), a01 = splatAt<T>(x0 + size), a02 = splatAt<T>(x0 + 2 * size);
  const a10 = splatAt<T>(x1), a11 = splatAt<T>(x1 + size), a12 = splatAt<T>(x1 + 2 * size);
  const a20 = splatAt<T>(x2), a21 = splatAt<T>(x2 + size), a22 = splatAt<T>(x2 + 2 * size);
  const a30 = splatAt<T>(x3), a31 = splatAt<T>(x3 + size), a32 = splatAt<T>(x3 + 2 * size);
  const compBytes = <usize>gYStride * size;
  const p0 = gY + <usize>j0 * size;
  const p1 = p0 + compBytes;
  const p2 = p1 + compBytes;
  const hBase = gH + <usize>j0 * size;
  const hasH = gH != 0;
  const hasScale = gHasScale;
  const nonPositive = gExpNonPositive;
  const c = vsplat<T>(gScale);
  const rowStride = <usize>TILE * size;
  for (let v = 0; v < nvec; v++) {
    const off = <usize>v << 4;
    const y0 = v128.load(p0 + off), y1 = v128.load(p1 + off), y2 = v128.load(p2 + off);
    let s0 = sq3<T>(a00, a01, a02, y0, y1, y2);
    let s1 = sq3<T>(a10, a11, a12, y0, y1, y2);
    let s2 = sq3<T>(a20, a21, a22, y0, y1, y2);
    let s3 = sq3<T>(a30, a31, a32, y0, y1, y2);
    storeFour<T>(buf + off, rowStride, s0, s1, s2, s3, hasScale, c, hasH ? hBase + off : 0, nonPositive);
  }
}

/** (a0 - y0)^2 + (a1 - y1)^2 + (a2 - y2)^2, in the order of execSqDist (kernels/vector.ts). */
// @ts-ignore: decorator
@inline function sq3<T>(a0: v128, a1: v128, a2: v128, y0: v128, y1: v128, y2: v128): v128 {
  const d0 = vsub<T>(a0, y0);
  const d1 = vsub<T>(a1, y1);
  const d2 = vsub<T>(a2, y2);
  return vadd<T>(vadd<T>(vmul<T>(d0, d0), vmul<T>(d1, d1)), vmul<T>(d2, d2));
}

/**
 * Adds the tile [j0, j0 + count) to the accumulators of rows [i, i + rows) (accBytes apart from
 * acc0), for any reduction kind, as the interpreter would with its result register: a
 * log-sum-exp of e through logSumExpTile, a SUM of exp(e) times b through sumProductTile, the
 * other kinds (sums, min / max and their arguments, K-min...) through reduceTile. dim: the
 * output's dimension (b's, or 1); K, scheme: the plan's; tmp: one tile, buf: four tiles.
 */
export function affineSqDistTile<T>(kind: i32, i: i32, rows: i32, j0: i32, count: i32, acc0: usize, accBytes: usize, tmp: usize, buf: usize, dim: i32, K: i32, scheme: i32): void {
  const nvec = (count + lanes<T>() - 1) / lanes<T>();
  const size = <usize>sizeof<T>();
  const rowStride = <usize>TILE * size;
  const b = gB + <usize>j0 * size;
  const csB = gBStride * <i32>size;
  const lse = kind == RED_LOGSUMEXP && !gExp;
  for (let r = 0; r < rows; r += 4) {
    const nr = min(4, rows - r);
    if (gDim == 3) exponents4Dim3<T>(i + r, nr, j0, nvec, buf);
    else exponents4<T>(i + r, nr, j0, nvec, buf);
    // The log-sum-exp's row maxima, four rows in one pass, in tmp (unused by that reduction).
    if (lse) tileMax4<T>(buf, rowStride, count, tmp);
    for (let q = 0; q < nr; q++) {
      const acc = acc0 + accBytes * <usize>(r + q);
      const e = buf + rowStride * <usize>q;
      if (lse) logSumExpTileWithMax<T>(acc, e, 16, count, load<f64>(tmp + 8 * <usize>q));
      else if (gB != 0) sumProductTile<T>(acc, e, 0, 16, b, csB, 16, dim, count, scheme);
      else reduceTile<T>(kind, acc, tmp, e, 1, 0, 16, 0, 0, 0, 0, K, count, j0, scheme);
    }
  }
}
