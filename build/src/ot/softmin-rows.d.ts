/**
 * The host's float64 reference of the dense soft C-transform's rows, the same contract as the
 * wasm engine's kernel (src/engine/dense-softmin.ts), which it stands in for where the engine
 * is unavailable: for rows [r0, r1) of C [B, N, M] (row r of batch r / N) and h [B, M],
 * f_r = -eps (m_r + log s_r) with v_rj = h[b, j] - C[r, j] inv, m_r = max_j v_rj and
 * s_r = sum_j exp(v_rj - m_r) over the terms above m_r - 60; +Infinity for a row without mass.
 * NaN terms never win the maximum and are left out of the sum.
 */
import type { DataArray } from '../tensor/tensor.js';
/**
 * Terms below e^-60 of a row's largest (which contributes 1) cannot change the float64 sum of
 * fewer than 10^10 terms: their exp is skipped (most of them at small temperatures).
 */
export declare const SOFTMIN_FLOOR = 60;
/** Writes f_r into out[r] for r in [r0, r1). */
export declare function softminRowsHost(eps: number, inv: number, c: DataArray, h: DataArray, N: number, M: number, r0: number, r1: number, out: DataArray): void;
