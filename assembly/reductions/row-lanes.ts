// Row lanes: reductions over few columns, with the output rows across the SIMD lanes.
//
// When a reduction has fewer columns than a tile (a Gaussian mixture's 30 components against
// 10^4 points), the usual layout (columns across the lanes, one horizontal reduction per row
// and tile) spends most of its time on per-row work: horizontal maxima and sums, a scalar exp.
// The host then compiles the tape with the roles swapped (output rows are the tile's lanes,
// the reduced axis is the interpreter's row loop), and every lane keeps its own accumulator,
// updated vector by vector with no horizontal step.
//
// Lane state: one array of TILE lanes per accumulator word of the reduction (accWords), 8 bytes
// a lane, in the roles of that word:
//   SUM                  word k = sum of component k (f64)
//   LOGSUMEXP            word 2k = running max m_k (type T), 2k + 1 = sum s_k (f64)
//   LOGSUMEXP_WEIGHT     word 0 = m (T), 1 + k = s_k (f64), the weighted sums
//   SUMSOFTMAXWEIGHT     word 0 = m (T), 1 = s (f64), 2 + k = t_k (f64), the value sums
//   MIN, MAX, ARG...     word 2k = best value (T), 2k + 1 = its column (i32)
// `laneGather` writes one lane as the row accumulator of reductions/index.ts, so finishRow
// (and mergeAcc) serve both layouts, and the special-value rules are the same.
import {
  RED_SUM, RED_LOGSUMEXP, RED_LOGSUMEXP_WEIGHT, RED_SUMSOFTMAXWEIGHT, RED_MIN, RED_MAX_ARGMAX, TILE,
} from '../generated/opcodes';
import { vsplat, vmul, vsub, vmax, vmin, vabs, vexpNonPositive, vgt, vlt, veq, vselect, lanes, loadT } from '../simd';
import { accWords, isMaxKind } from './index';

/**
 * Bytes of lane state for one tile, or 0 for a reduction without a row-lanes form (K-min keeps
 * its sorted lists per row). With `columns` > 0, a log-sum-exp family reduction also gets the
 * buffer of its two-pass form (laneBufferColumn) for that many columns of `elementBytes` lanes.
 */
export function laneStateBytes(kind: i32, dim: i32, auxDim: i32, columns: i32, elementBytes: i32): f64 {
  if (kind < RED_SUM || kind > RED_MAX_ARGMAX) return 0;
  // In f64: with many columns or components the product exceeds i32 (the host checks the size).
  const buffer = isSoftmaxKind(kind) ? <f64>columns * <f64>bufferComps(kind, dim, auxDim) * <f64>TILE * <f64>elementBytes : 0.0;
  return <f64>accWords(kind, dim, auxDim, 0) * <f64>TILE * 8.0 + buffer;
}

@inline function isSoftmaxKind(kind: i32): bool {
  return kind >= RED_LOGSUMEXP && kind <= RED_SUMSOFTMAXWEIGHT;
}

/** Where the two-pass buffer starts: after the lane state's words. */
export function laneBuffer(kind: i32, state: usize, dim: i32, auxDim: i32): usize {
  return word(state, accWords(kind, dim, auxDim, 0));
}

@inline function word(state: usize, w: i32): usize {
  return state + <usize>(w * TILE * 8);
}

/** Fills the first `count` lanes' i32 slots (word `w`) with `v`. */
@inline function fillI32(p: usize, v: i32, count: i32): void {
  const x = i32x4.splat(v);
  for (let l = 0; l < count; l += 4) v128.store(p + (<usize>l << 2), x);
}

/** Fills the first `count` lanes' slots of type T with `v`. */
@inline function fillT<T>(p: usize, v: f64, count: i32): void {
  const x = vsplat<T>(v);
  const L = lanes<T>();
  for (let l = 0; l < count; l += L) v128.store(p + <usize>(l * sizeof<T>()), x);
}

/** The empty accumulator in lanes [0, count): sums 0, maxima -Inf, best values +-Inf with column -1. */
export function laneInit<T>(kind: i32, state: usize, dim: i32, auxDim: i32, count: i32): void {
  const n = accWords(kind, dim, auxDim, 0);
  for (let w = 0; w < n; w++) fillT<f64>(word(state, w), 0.0, count);
  if (kind == RED_LOGSUMEXP) {
    for (let k = 0; k < dim; k++) fillT<T>(word(state, 2 * k), -Infinity, count);
  } else if (kind == RED_LOGSUMEXP_WEIGHT || kind == RED_SUMSOFTMAXWEIGHT) {
    fillT<T>(word(state, 0), -Infinity, count);
  } else if (kind >= RED_MIN) {
    const worst = isMaxKind(kind) ? -Infinity : Infinity;
    for (let k = 0; k < dim; k++) {
      fillT<T>(word(state, 2 * k), worst, count);
      fillI32(word(state, 2 * k + 1), -1, count);
    }
  }
}

/** Lane `l` of the state as the row accumulator `acc` of reductions/index.ts. */
export function laneGather<T>(kind: i32, state: usize, l: i32, acc: usize, dim: i32, auxDim: i32): void {
  const n = accWords(kind, dim, auxDim, 0);
  for (let w = 0; w < n; w++) {
    const p = word(state, w);
    let v: f64;
    if (kind == RED_SUM) v = load<f64>(p + (<usize>l << 3));
    else if (kind == RED_LOGSUMEXP) v = (w & 1) == 0 ? loadT<T>(p + <usize>(l * sizeof<T>())) : load<f64>(p + (<usize>l << 3));
    else if (kind == RED_LOGSUMEXP_WEIGHT || kind == RED_SUMSOFTMAXWEIGHT) v = w == 0 ? loadT<T>(p + <usize>(l * sizeof<T>())) : load<f64>(p + (<usize>l << 3));
    else v = (w & 1) == 0 ? loadT<T>(p + <usize>(l * sizeof<T>())) : <f64>load<i32>(p + (<usize>l << 2));
    store<f64>(acc + (<usize>w << 3), v);
  }
}

// ---------------------------------------------------------------------------------------------
// f64 sums fed by vectors of T: a vector of L lanes covers L / 2 f64x2 vectors of the sums.
// ---------------------------------------------------------------------------------------------

/** The low (half 0) or high (half 1) pair of lanes of a T vector, as f64x2. */
@inline function half<T>(x: v128, h: i32): v128 {
  if (sizeof<T>() == 8) return x;
  return h == 0 ? f64x2.promote_low_f32x4(x) : f64x2.promote_low_f32x4(v128.shuffle<i32>(x, x, 2, 3, 0, 1));
}

/** The lanes of a T-vector mask matching half `h`, as a 64-bit mask. */
@inline function halfMask<T>(m: v128, h: i32): v128 {
  if (sizeof<T>() == 8) return m;
  return h == 0 ? i64x2.extend_low_i32x4_s(m) : i64x2.extend_high_i32x4_s(m);
}

/** s += x over the vector at lanes [l, l + L), s in f64. */
@inline function addToSums<T>(s: usize, l: i32, x: v128): void {
  const halves = sizeof<T>() == 4 ? 2 : 1;
  for (let h = 0; h < halves; h++) {
    const at = s + (<usize>(l + 2 * h) << 3);
    v128.store(at, f64x2.add(v128.load(at), half<T>(x, h)));
  }
}

/** SUM: lane sums of the result (times the factor, when the tape has one). */
export function laneSumUpdate<T>(state: usize, res: usize, cs: i32, vs: i32, fac: usize, csF: i32, vsF: i32, hasFactor: bool, dim: i32, count: i32): void {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  for (let k = 0; k < dim; k++) {
    const p = res + <usize>(k * cs);
    const q = fac + <usize>(k * csF);
    const s = word(state, k);
    for (let v = 0; v < nvec; v++) {
      let x = v128.load(p + <usize>(v * vs));
      if (hasFactor) x = vmul<T>(x, v128.load(q + <usize>(v * vsF)));
      addToSums<T>(s, v * L, x);
    }
  }
}

/**
 * One column of the log-sum-exp family, online per lane: with mn = max(m, x) and
 * e = exp(min(m, x) - mn), every sum becomes s * e + w where x raised the maximum, s + w * e
 * elsewhere. Lanes whose new maximum is not finite (NaN, +Inf, still -Inf) keep their sums, as
 * raiseMax does for a row. `m` (type T) at mPtr, the sums at sums[0..nSums) with their weights:
 * weight k is the aux register's component k, or 1 for the plain sum (withTotal, or no aux).
 */
@inline function softmaxLanes<T>(mPtr: usize, x: v128, l: i32, sums: usize, firstWeighted: i32, nSums: i32, aux: usize, auxCs: i32, auxOff: usize): void {
  const m = v128.load(mPtr + <usize>(l * sizeof<T>()));
  const mn = vmax<T>(m, x);
  const e = vexpNonPositive<T>(vsub<T>(vmin<T>(m, x), mn)); // min - max <= 0
  const up = vgt<T>(x, m);
  const ok = vlt<T>(vabs<T>(mn), vsplat<T>(Infinity));
  v128.store(mPtr + <usize>(l * sizeof<T>()), mn);
  const halves = sizeof<T>() == 4 ? 2 : 1;
  for (let w = 0; w < nSums; w++) {
    const wv = w < firstWeighted ? vsplat<T>(1.0) : v128.load(aux + <usize>((w - firstWeighted) * auxCs) + auxOff);
    const s = word(sums, w);
    for (let h = 0; h < halves; h++) {
      const at = s + (<usize>(l + 2 * h) << 3);
      const sv = v128.load(at);
      const eh = half<T>(e, h);
      const wh = half<T>(wv, h);
      const raised = f64x2.add(f64x2.mul(sv, eh), wh);
      const kept = f64x2.add(sv, f64x2.mul(wh, eh));
      const next = vselect(halfMask<T>(up, h), raised, kept);
      v128.store(at, vselect(halfMask<T>(ok, h), next, sv));
    }
  }
}

/** LOGSUMEXP (per component), LOGSUMEXP_WEIGHT and SUMSOFTMAXWEIGHT. */
export function laneSoftmaxUpdate<T>(kind: i32, state: usize, res: usize, cs: i32, vs: i32, aux: usize, auxCs: i32, auxVs: i32, dim: i32, auxDim: i32, count: i32): void {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  if (kind == RED_LOGSUMEXP) {
    for (let k = 0; k < dim; k++) {
      const p = res + <usize>(k * cs);
      for (let v = 0; v < nvec; v++) softmaxLanes<T>(word(state, 2 * k), v128.load(p + <usize>(v * vs)), v * L, word(state, 2 * k + 1), 1, 1, 0, 0, 0);
    }
    return;
  }
  const withTotal = kind == RED_SUMSOFTMAXWEIGHT;
  const first = withTotal ? 1 : 0;
  for (let v = 0; v < nvec; v++) {
    softmaxLanes<T>(word(state, 0), v128.load(res + <usize>(v * vs)), v * L, word(state, 1), first, first + auxDim, aux, auxCs, <usize>(v * auxVs));
  }
}

/**
 * MIN / MAX and their arguments: a lane takes column j when its value is strictly better, or
 * equal while the lane has no column yet (index -1); NaN never wins. Columns come in increasing
 * order, so ties keep the first, as minMaxTile does.
 */
export function laneMinMaxUpdate<T>(kind: i32, state: usize, res: usize, cs: i32, vs: i32, dim: i32, count: i32, j: i32): void {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  const isMax = isMaxKind(kind);
  const jv = i32x4.splat(j);
  const none = i32x4.splat(-1);
  for (let k = 0; k < dim; k++) {
    const p = res + <usize>(k * cs);
    const bestP = word(state, 2 * k);
    const idxP = word(state, 2 * k + 1);
    for (let v = 0; v < nvec; v++) {
      const x = v128.load(p + <usize>(v * vs));
      const bAt = bestP + <usize>(v << 4);
      const b = v128.load(bAt);
      let take = isMax ? vgt<T>(x, b) : vlt<T>(x, b);
      if (sizeof<T>() == 4) {
        // One index vector per f32 vector.
        const iAt = idxP + <usize>(v << 4);
        const idx = v128.load(iAt);
        take = v128.or(take, v128.and(veq<T>(x, b), i32x4.eq(idx, none)));
        v128.store(bAt, vselect(take, x, b));
        v128.store(iAt, vselect(take, jv, idx));
      } else {
        // Two f64 lanes: their indices are the low half of an i32x4.
        const iAt = idxP + <usize>(v << 3);
        const idx = v128.load64_zero(iAt);
        const fresh = i64x2.extend_low_i32x4_s(i32x4.eq(idx, none));
        take = v128.or(take, v128.and(veq<T>(x, b), fresh));
        v128.store(bAt, vselect(take, x, b));
        const take32 = v128.shuffle<i32>(take, take, 0, 2, 0, 2);
        v128.store64_lane(iAt, vselect(take32, jv, idx), 0);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Two-pass log-sum-exp family, for few columns. The online update above pays, per pair, an
// exp(min - max), compares and selects, and a rescaling of every sum: more than the usual
// layout's whole tile update. With few columns, their values (and weights) fit in a buffer
// for the tile's lanes: the first pass stores them and raises each lane's maximum m, the
// second takes exp(x - m) once per pair and sums, with no rescaling. Lanes whose maximum is not
// finite get sums that finishRow ignores (it returns m, or NaN), as raiseMax leaves them.
// Buffer: column c at c * bufferComps * TILE * sizeof<T>: its value components (dim for
// LOGSUMEXP, 1 otherwise), then the auxDim weights or values, each TILE lanes of T.
// ---------------------------------------------------------------------------------------------

@inline function bufferComps(kind: i32, dim: i32, auxDim: i32): i32 {
  return kind == RED_LOGSUMEXP ? dim : 1 + auxDim;
}

/** First pass, column `c`: stores its values and weights, raises the lanes' maxima. */
export function laneBufferColumn<T>(kind: i32, state: usize, buffer: usize, c: i32, res: usize, cs: i32, vs: i32, aux: usize, auxCs: i32, auxVs: i32, dim: i32, auxDim: i32, count: i32): void {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  const tb = TILE * sizeof<T>();
  const col = buffer + <usize>(c * bufferComps(kind, dim, auxDim) * tb);
  const lse = kind == RED_LOGSUMEXP;
  const nValues = lse ? dim : 1;
  for (let k = 0; k < nValues; k++) {
    const p = res + <usize>(k * cs);
    const q = col + <usize>(k * tb);
    const m = word(state, lse ? 2 * k : 0);
    for (let v = 0; v < nvec; v++) {
      const x = v128.load(p + <usize>(v * vs));
      v128.store(q + (<usize>v << 4), x);
      const at = m + (<usize>v << 4);
      v128.store(at, vmax<T>(v128.load(at), x)); // NaN-propagating, as tileMax
    }
  }
  if (lse) return;
  for (let k = 0; k < auxDim; k++) {
    const p = aux + <usize>(k * auxCs);
    const q = col + <usize>((1 + k) * tb);
    for (let v = 0; v < nvec; v++) v128.store(q + (<usize>v << 4), v128.load(p + <usize>(v * auxVs)));
  }
}

/**
 * sum over the buffer's `nCols` columns of e (times w when `weighted`), in f64, for the vector
 * of lanes [l, l + L), stored at the sums `s`. e and w: that vector in column 0.
 */
@inline function sumColumns<T>(s: usize, l: i32, e: usize, w: usize, colBytes: i32, nCols: i32, weighted: bool): void {
  const halves = sizeof<T>() == 4 ? 2 : 1;
  let lo = f64x2.splat(0.0);
  let hi = f64x2.splat(0.0);
  for (let c = 0; c < nCols; c++) {
    const off = <usize>(c * colBytes);
    const x = v128.load(e + off);
    let a = half<T>(x, 0);
    let b = halves == 2 ? half<T>(x, 1) : a;
    if (weighted) {
      const y = v128.load(w + off);
      a = f64x2.mul(a, half<T>(y, 0));
      if (halves == 2) b = f64x2.mul(b, half<T>(y, 1));
    }
    lo = f64x2.add(lo, a);
    if (halves == 2) hi = f64x2.add(hi, b);
  }
  v128.store(s + (<usize>l << 3), lo);
  if (halves == 2) v128.store(s + (<usize>(l + 2) << 3), hi);
}

/** Second pass, after every column: exp(x - m) in place, then the sums of each lane. */
export function laneBufferFinish<T>(kind: i32, state: usize, buffer: usize, nCols: i32, dim: i32, auxDim: i32, count: i32): void {
  const L = lanes<T>();
  const nvec = (count + L - 1) / L;
  const tb = TILE * sizeof<T>();
  const colBytes = bufferComps(kind, dim, auxDim) * tb;
  const lse = kind == RED_LOGSUMEXP;
  const nValues = lse ? dim : 1;
  for (let k = 0; k < nValues; k++) {
    const mp = word(state, lse ? 2 * k : 0);
    for (let v = 0; v < nvec; v++) {
      const vo = <usize>(v << 4);
      const m = v128.load(mp + vo);
      const e = buffer + <usize>(k * tb) + vo;
      for (let c = 0; c < nCols; c++) {
        const at = e + <usize>(c * colBytes);
        v128.store(at, vexpNonPositive<T>(vsub<T>(v128.load(at), m))); // x <= m, or NaN
      }
      if (lse) {
        sumColumns<T>(word(state, 2 * k + 1), v * L, e, 0, colBytes, nCols, false);
        continue;
      }
      let w = 1;
      if (kind == RED_SUMSOFTMAXWEIGHT) sumColumns<T>(word(state, w++), v * L, e, 0, colBytes, nCols, false);
      for (let q = 0; q < auxDim; q++) sumColumns<T>(word(state, w + q), v * L, e, buffer + <usize>((1 + q) * tb) + vo, colBytes, nCols, true);
    }
  }
}
