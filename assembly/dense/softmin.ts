// The dense soft C-transform's reductions (the host's `softminTensorized`, src/ot): for rows
// r of a batched cost matrix C [B, N, M] (row r of batch b = r / N) and h [B, M] in float64,
//   v_rj = h[b, j] - C[r, j] * inv,   m_r = max_j v_rj,   s_r = sum_{v_rj > m_r - 60} exp(v_rj - m_r),
// two f64 lanes at a time. v is the host's float64 value bit for bit (C promoted exactly from
// f32); NaN terms neither win the maximum nor enter the sum, and terms below e^-60 of the
// largest are left out (as the host does: they cannot change the float64 sum); four terms
// all below it skip their exps. Then f_r = -eps (m_r + log s_r), +Infinity for a row without
// mass (every term -Infinity).
// Layouts: c [r1 - r0][M] (f32 or f64, rows r0.. of C), h [..][M] f64 (batches r0 / N..),
// out [r1 - r0] f64.
import { expNonPositiveF64x2 } from '../math/exp';
import { logF64x2 } from '../math/log';

/** Terms more than this far below a row's largest are left out of its sum (e^-60 < 1e-26). */
// @ts-ignore: decorator
@inline const SOFTMIN_FLOOR: f64 = 60.0;

/** Two consecutive entries of C as f64 lanes (f32 promoted exactly). */
// @ts-ignore: decorator
@inline
function loadPair<T>(at: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(at));
  return v128.load(at);
}

/** One entry of C as f64. */
// @ts-ignore: decorator
@inline
function loadOne<T>(at: usize): f64 {
  return <f64>load<T>(at);
}

/** v for columns j, j + 1 of a row: h - C inv, in f64. */
// @ts-ignore: decorator
@inline
function valuesAt<T>(hRow: usize, cRow: usize, j: i32, invs: v128): v128 {
  return f64x2.sub(v128.load(hRow + (<usize>j << 3)), f64x2.mul(loadPair<T>(cRow + <usize>j * sizeof<T>()), invs));
}

/** exp(v - top) where `keep`, 0 elsewhere (NaN terms and those below the floor). */
// @ts-ignore: decorator
@inline
function termsOf(v: v128, keep: v128, tops: v128): v128 {
  return v128.and(expNonPositiveF64x2(f64x2.sub(v, tops)), keep);
}

function softminRows<T>(c: usize, h: usize, r0: i32, r1: i32, n: i32, m: i32, eps: f64, inv: f64, out: usize): void {
  const invs = f64x2.splat(inv);
  const pairsEnd = m & ~1;
  const quadsEnd = m & ~3;
  const rowBytes = <usize>m * sizeof<T>();
  for (let r = r0; r < r1; r++) {
    const cRow = c + <usize>(r - r0) * rowBytes;
    const hRow = h + (<usize>(r / n - r0 / n) * <usize>m << 3);
    // The maximum: pmax(a, v) keeps a when v is NaN, as the host's `if (v > m)` does.
    let mx = f64x2.splat(-Infinity);
    for (let j = 0; j < pairsEnd; j += 2) mx = f64x2.pmax(mx, valuesAt<T>(hRow, cRow, j, invs));
    let top = f64x2.extract_lane(mx, 0);
    const odd = f64x2.extract_lane(mx, 1);
    if (odd > top) top = odd;
    let tail: f64 = NaN;
    if (pairsEnd < m) {
      tail = load<f64>(hRow + (<usize>pairsEnd << 3)) - loadOne<T>(cRow + <usize>pairsEnd * sizeof<T>()) * inv;
      if (tail > top) top = tail;
    }
    const at = out + (<usize>(r - r0) << 3);
    if (top == -Infinity) {
      store<f64>(at, Infinity);
      continue;
    }
    // The sum, four columns a step (two exps in flight, one branch) while both pairs have a
    // term above the floor: most steps of a row at small temperatures have none.
    const floor = f64x2.splat(top - SOFTMIN_FLOOR);
    const tops = f64x2.splat(top);
    let sumA = f64x2.splat(0.0);
    let sumB = f64x2.splat(0.0);
    let j = 0;
    for (; j < quadsEnd; j += 4) {
      const v = valuesAt<T>(hRow, cRow, j, invs);
      const w = valuesAt<T>(hRow, cRow, j + 2, invs);
      const keepV = f64x2.gt(v, floor);
      const keepW = f64x2.gt(w, floor);
      if (v128.any_true(v128.or(keepV, keepW))) {
        sumA = f64x2.add(sumA, termsOf(v, keepV, tops));
        sumB = f64x2.add(sumB, termsOf(w, keepW, tops));
      }
    }
    if (j < pairsEnd) {
      const v = valuesAt<T>(hRow, cRow, j, invs);
      sumA = f64x2.add(sumA, termsOf(v, f64x2.gt(v, floor), tops));
    }
    const sum = f64x2.add(sumA, sumB);
    let s = f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1);
    if (tail > top - SOFTMIN_FLOOR) s += f64x2.extract_lane(expNonPositiveF64x2(f64x2.splat(tail - top)), 0);
    store<f64>(at, -eps * (top + f64x2.extract_lane(logF64x2(f64x2.splat(s)), 0)));
  }
}

/** Rows [r0, r1) with C in f32: `c` points at row r0 and `h` at its batch. */
export function softminRowsF32(c: usize, h: usize, r0: i32, r1: i32, n: i32, m: i32, eps: f64, inv: f64, out: usize): void {
  softminRows<f32>(c, h, r0, r1, n, m, eps, inv, out);
}

/** Rows [r0, r1) with C in f64: `c` points at row r0 and `h` at its batch. */
export function softminRowsF64(c: usize, h: usize, r0: i32, r1: i32, n: i32, m: i32, eps: f64, inv: f64, out: usize): void {
  softminRows<f64>(c, h, r0, r1, n, m, eps, inv, out);
}
