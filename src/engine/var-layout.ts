/**
 * How a variable lies in wasm memory: i-variables and parameters row-major, j-variables
 * transposed to [dim][paddedCols] (structure of arrays, zero-padded to whole tiles) plus one
 * spare tile. The in-heap path writes whole variables, the blocked path blocks of rows or of
 * columns, through the same two writers.
 */
import { TILE } from '../tape/opcodes.js';
import type { BoundVariable } from '../tape/request.js';

/** Bytes of a variable's copy: `rows` rows of an i-variable, `paddedCols` lanes of a j-variable's tiles. */
export function varBytes(v: BoundVariable, rows: number, paddedCols: number, esz: number): number {
  // One spare tile at the end: block-sparse intervals start anywhere, and a tile read from
  // the last one may run past the last column (those lanes are masked, never used).
  if (v.category === 'j') return (v.dim * paddedCols + TILE) * esz;
  if (v.category === 'i') return rows * v.dim * esz;
  return v.dim * esz;
}

/** Writes rows [r0, r1) of an i-variable or parameter (row-major) at `at`, converted to the element size. */
export function writeRows(buffer: ArrayBuffer, at: number, v: BoundVariable, r0: number, r1: number, esz: number): void {
  const Ctor = esz === 4 ? Float32Array : Float64Array;
  new Ctor(buffer, at, (r1 - r0) * v.dim).set(v.data.subarray(r0 * v.dim, r1 * v.dim));
}

/** Writes columns [c0, c1) of a j-variable at `at` as [dim][paddedCols], zero-padded, spare tile zeroed. */
export function writeColumns(buffer: ArrayBuffer, at: number, v: BoundVariable, c0: number, c1: number, paddedCols: number, esz: number): void {
  const Ctor = esz === 4 ? Float32Array : Float64Array;
  const dst = new Ctor(buffer, at, v.dim * paddedCols + TILE);
  const n = c1 - c0;
  const src = v.data;
  if (v.dim === 1) dst.set(src.subarray(c0, c1));
  else {
    for (let k = 0; k < v.dim; k++) {
      const base = k * paddedCols;
      for (let r = 0, s = c0 * v.dim + k; r < n; r++, s += v.dim) dst[base + r] = src[s]!;
    }
  }
  for (let k = 0; k < v.dim; k++) dst.fill(0, k * paddedCols + n, (k + 1) * paddedCols);
  dst.fill(0, v.dim * paddedCols);
}

/** Writes a whole variable at `at` in its layout. */
export function writeVariable(buffer: ArrayBuffer, at: number, v: BoundVariable, paddedCols: number, esz: number): void {
  const rows = v.data.length / v.dim;
  if (v.category === 'j') writeColumns(buffer, at, v, 0, rows, paddedCols, esz);
  else writeRows(buffer, at, v, 0, rows, esz);
}
