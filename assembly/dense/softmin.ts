// The dense soft C-transform's reductions (the host's `softminTensorized`, src/ot): for rows
// r of a batched cost matrix C [B, N, M] (row r of batch b = r / N) and h [B, M] in float64,
//   v_rj = h[b, j] - C[r, j] * inv,   m_r = max_j v_rj,   s_r = sum_{v_rj > m_r - 60} exp(v_rj - m_r),
// two f64 lanes at a time. v is the host's float64 value bit for bit (C promoted exactly from
// f32); NaN terms neither win the maximum nor enter the sum, and terms below e^-60 of the
// largest are left out (as the host does: they cannot change the float64 sum); a pair of
// terms both below it skips its exp. The host finishes f_r = -eps (m_r + log s_r).
// Layouts: c [r1 - r0][M] (f32 or f64, rows r0.. of C), h [..][M] f64 (batches r0 / N..),
// out [r1 - r0][2] f64 (m, s).
import { expNonPositiveF64x2 } from '../math/exp';

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

function softminRows<T>(c: usize, h: usize, r0: i32, r1: i32, n: i32, m: i32, inv: f64, out: usize): void {
  const invs = f64x2.splat(inv);
  const pairsEnd = m & ~1;
  const rowBytes = <usize>m * sizeof<T>();
  for (let r = r0; r < r1; r++) {
    const cRow = c + <usize>(r - r0) * rowBytes;
    const hRow = h + (<usize>(r / n - r0 / n) * <usize>m << 3);
    // The maximum: pmax(a, v) keeps a when v is NaN, as the host's `if (v > m)` does.
    let mx = f64x2.splat(-Infinity);
    for (let j = 0; j < pairsEnd; j += 2) {
      const v = f64x2.sub(v128.load(hRow + (<usize>j << 3)), f64x2.mul(loadPair<T>(cRow + <usize>j * sizeof<T>()), invs));
      mx = f64x2.pmax(mx, v);
    }
    let top = f64x2.extract_lane(mx, 0);
    const odd = f64x2.extract_lane(mx, 1);
    if (odd > top) top = odd;
    let tail: f64 = NaN;
    if (pairsEnd < m) {
      tail = load<f64>(hRow + (<usize>pairsEnd << 3)) - loadOne<T>(cRow + <usize>pairsEnd * sizeof<T>()) * inv;
      if (tail > top) top = tail;
    }
    const at = out + (<usize>(r - r0) << 4);
    store<f64>(at, top);
    if (top == -Infinity) {
      store<f64>(at, 0.0, 8);
      continue;
    }
    const floor = f64x2.splat(top - SOFTMIN_FLOOR);
    const tops = f64x2.splat(top);
    let sum = f64x2.splat(0.0);
    for (let j = 0; j < pairsEnd; j += 2) {
      const v = f64x2.sub(v128.load(hRow + (<usize>j << 3)), f64x2.mul(loadPair<T>(cRow + <usize>j * sizeof<T>()), invs));
      const keep = f64x2.gt(v, floor);
      if (v128.any_true(keep)) sum = f64x2.add(sum, v128.and(expNonPositiveF64x2(f64x2.sub(v, tops)), keep));
    }
    let s = f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1);
    if (tail > top - SOFTMIN_FLOOR) s += f64x2.extract_lane(expNonPositiveF64x2(f64x2.splat(tail - top)), 0);
    store<f64>(at, s, 8);
  }
}

/** Rows [r0, r1) with C in f32: `c` points at row r0 and `h` at its batch. */
export function softminRowsF32(c: usize, h: usize, r0: i32, r1: i32, n: i32, m: i32, inv: f64, out: usize): void {
  softminRows<f32>(c, h, r0, r1, n, m, inv, out);
}

/** Rows [r0, r1) with C in f64: `c` points at row r0 and `h` at its batch. */
export function softminRowsF64(c: usize, h: usize, r0: i32, r1: i32, n: i32, m: i32, inv: f64, out: usize): void {
  softminRows<f64>(c, h, r0, r1, n, m, inv, out);
}
