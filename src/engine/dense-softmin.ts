/**
 * The dense soft C-transform's row reductions (assembly/dense/softmin.ts) on the calling
 * thread's instance, called synchronously: OT's `softminTensorized` makes ~10^5 calls on
 * 50 x 50 matrices in one barycenter fit, too small for a reduction's plan, task table and
 * promise. The rows are copied into one block of the heap that the engine keeps (grown when a
 * larger call comes), the kernel runs, and the row maxima and sums are read back.
 */
import type { Heap } from './heap.js';

/** The module's exports this file calls. */
export interface DenseSoftminExports {
  softminRowsF32(c: number, h: number, r0: number, r1: number, n: number, m: number, inv: number, out: number): void;
  softminRowsF64(c: number, h: number, r0: number, r1: number, n: number, m: number, inv: number, out: number): void;
}

/** Whether `exports` has the dense softmin (a module built before it has not). */
export function hasDenseSoftmin(exports: object): exports is DenseSoftminExports {
  const e = exports as Partial<DenseSoftminExports>;
  return typeof e.softminRowsF32 === 'function' && typeof e.softminRowsF64 === 'function';
}

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/**
 * Row maxima and sums of the soft C-transform (see assembly/dense/softmin.ts): for rows
 * [r0, r1) of C [B, N, M] (row-major, float32 or float64) and h [B, M], pairs (m_r, s_r) with
 * m_r = max_j (h[b, j] - C[r, j] inv) and s_r = sum_j exp(h[b, j] - C[r, j] inv - m_r) over the
 * terms above m_r - 60.
 */
export class DenseSoftmin {
  private at = 0;
  private bytes = 0;

  constructor(private readonly exports: DenseSoftminExports, private readonly heap: Heap) {}

  /** The pairs [m, s] of rows r0.. in a view of the heap, valid until the next call. */
  rows(inv: number, c: Float32Array | Float64Array, h: Float32Array | Float64Array, N: number, M: number, r0: number, r1: number): Float64Array {
    const rows = r1 - r0;
    const b0 = Math.floor(r0 / N);
    const batches = rows > 0 ? Math.floor((r1 - 1) / N) - b0 + 1 : 0;
    const cBytes = align16(rows * M * c.BYTES_PER_ELEMENT);
    const hBytes = align16(batches * M * 8);
    const at = this.block(cBytes + hBytes + rows * 16);
    const buffer = this.heap.memory.buffer;
    const cView = c instanceof Float32Array ? new Float32Array(buffer, at, rows * M) : new Float64Array(buffer, at, rows * M);
    cView.set(c.subarray(r0 * M, r1 * M));
    new Float64Array(buffer, at + cBytes, batches * M).set(h.subarray(b0 * M, (b0 + batches) * M));
    const out = at + cBytes + hBytes;
    const run = c instanceof Float32Array ? this.exports.softminRowsF32 : this.exports.softminRowsF64;
    run(at, at + cBytes, r0, r1, N, M, inv, out);
    return new Float64Array(this.heap.memory.buffer, out, 2 * rows);
  }

  /** The engine's block of at least `bytes`, reallocated only when a larger call comes. */
  private block(bytes: number): number {
    if (bytes > this.bytes) {
      if (this.bytes > 0) this.heap.free(this.at, this.bytes);
      this.bytes = 0;
      this.at = this.heap.allocate(bytes);
      this.bytes = bytes;
    }
    return this.at;
  }
}
