// NaN-aware comparisons with tolerances, for backend results against the float64 oracle.
import * as assert from 'uvu/assert';

/** Default relative tolerances: float64 reductions, element-wise heavy float64 formulas, float32. */
export const TOL = {
  float64: 1e-12,
  float64Elementwise: 1e-11,
  float32: 1e-5,
};

/** The relative tolerance for a dtype ('elementwise' loosens float64 for transcendental-heavy formulas). */
export function defaultRtol(dtype, elementwise = false) {
  if (dtype === 'float32') return TOL.float32;
  return elementwise ? TOL.float64Elementwise : TOL.float64;
}

function dataOf(x) {
  if (x && typeof x === 'object' && 'data' in x && 'shape' in x) return x.data;
  return x;
}

function scaleAt(scale, k) {
  if (scale === undefined || scale === null) return 0;
  if (typeof scale === 'number') return scale;
  const s = Math.abs(scale[k]);
  if (Number.isNaN(s)) throw new Error(`compare: scale[${k}] is NaN (the scale array has length ${scale.length})`);
  return s;
}

/**
 * The first element where `actual` and `expected` differ, or null.
 * NaN matches only NaN, an infinity only the same infinity; finite values match when
 * |a - e| <= atol + rtol * max(|e|, scale_k) (scale: a number or one per element).
 */
export function findMismatch(actual, expected, { rtol = 0, atol = 0, scale } = {}) {
  const a = dataOf(actual);
  const e = dataOf(expected);
  scale = typeof scale === 'object' && scale !== null ? dataOf(scale) : scale;
  if (a.length !== e.length) return { index: -1, reason: `length ${a.length} differs from the expected ${e.length}` };
  for (let k = 0; k < e.length; k++) {
    const x = a[k];
    const y = e[k];
    if (Number.isNaN(y) || Number.isNaN(x)) {
      if (Number.isNaN(y) && Number.isNaN(x)) continue;
      return { index: k, actual: x, expected: y, reason: 'NaN must match NaN' };
    }
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      if (x === y) continue;
      return { index: k, actual: x, expected: y, reason: 'infinities must match exactly' };
    }
    const allowed = atol + rtol * Math.max(Math.abs(y), scaleAt(scale, k));
    if (!(Math.abs(x - y) <= allowed)) {
      return { index: k, actual: x, expected: y, allowed, reason: `|difference| ${Math.abs(x - y)} > allowed ${allowed}` };
    }
  }
  return null;
}

function preview(x, around, width = 4) {
  const d = dataOf(x);
  const lo = Math.max(0, around - width);
  const hi = Math.min(d.length, around + width + 1);
  return `[${lo}..${hi - 1}]: ${Array.from(d.slice(lo, hi)).join(', ')}`;
}

/** Formats a mismatch for an assertion message. */
export function describeMismatch(m, actual, expected, label = '') {
  if (!m) return '';
  const at = m.index >= 0 ? ` at flat index ${m.index}: actual ${m.actual}, expected ${m.expected}` : '';
  const ctx = m.index >= 0 ? `\n  actual   ${preview(actual, m.index)}\n  expected ${preview(expected, m.index)}` : '';
  return `${label}${label ? ': ' : ''}${m.reason}${at}${ctx}`;
}

/** Asserts that two arrays / Tensors agree (see findMismatch); `label` should name the seed and the case. */
export function assertClose(actual, expected, { rtol = 0, atol = 0, scale, label = '' } = {}) {
  if (actual && expected && actual.shape && expected.shape) {
    assert.equal(actual.shape, expected.shape, `${label}: shape [${actual.shape}] differs from the expected [${expected.shape}]`);
  }
  const m = findMismatch(actual, expected, { rtol, atol, scale });
  if (m) assert.unreachable(describeMismatch(m, actual, expected, label));
}

/** Asserts exact equality of integer arrays (argmin / argKmin indices). */
export function assertIndicesEqual(actual, expected, label = '') {
  if (actual && expected && actual.shape && expected.shape) {
    assert.equal(actual.shape, expected.shape, `${label}: shape [${actual.shape}] differs from the expected [${expected.shape}]`);
  }
  const a = dataOf(actual);
  const e = dataOf(expected);
  assert.is(a.length, e.length, `${label}: length ${a.length} differs from the expected ${e.length}`);
  for (let k = 0; k < e.length; k++) {
    if (a[k] !== e[k]) {
      assert.unreachable(`${label}: index mismatch at flat position ${k}: actual ${a[k]}, expected ${e[k]}\n  actual   ${preview(a, k)}\n  expected ${preview(e, k)}`);
    }
  }
}
