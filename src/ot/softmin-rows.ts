/**
 * The host's float64 reference of the dense soft C-transform's row reductions, the same
 * contract as the wasm engine's kernel (src/engine/dense-softmin.ts), which it stands in for
 * where the engine is unavailable: for rows [r0, r1) of C [B, N, M] (row r of batch r / N) and
 * h [B, M], the pairs (m_r, s_r) with v_rj = h[b, j] - C[r, j] inv, m_r = max_j v_rj and
 * s_r = sum_j exp(v_rj - m_r) over the terms above m_r - 60. NaN terms never win the maximum
 * and are left out of the sum.
 */
import type { DataArray } from '../tensor/tensor.js';

/**
 * Terms below e^-60 of a row's largest (which contributes 1) cannot change the float64 sum of
 * fewer than 10^10 terms: their exp is skipped (most of them at small temperatures).
 */
export const SOFTMIN_FLOOR = 60;

let pairs = new Float64Array(128);
let values = new Float64Array(64);

/** The pairs [m, s] of rows r0.. in a shared array, valid until the next call. */
export function softminRowsHost(inv: number, c: DataArray, h: DataArray, N: number, M: number, r0: number, r1: number): Float64Array {
  if (pairs.length < 2 * (r1 - r0)) pairs = new Float64Array(2 * (r1 - r0));
  if (values.length < M) values = new Float64Array(M);
  const v = values;
  for (let r = r0; r < r1; r++) {
    const hOff = Math.floor(r / N) * M;
    const cOff = r * M;
    let m = -Infinity;
    for (let j = 0; j < M; j++) {
      const vj = h[hOff + j]! - c[cOff + j]! * inv;
      v[j] = vj;
      if (vj > m) m = vj;
    }
    const floor = m - SOFTMIN_FLOOR;
    let s = 0;
    for (let j = 0; j < M; j++) {
      const vj = v[j]!;
      if (vj > floor) s += Math.exp(vj - m);
    }
    pairs[2 * (r - r0)] = m;
    pairs[2 * (r - r0) + 1] = s;
  }
  return pairs;
}
