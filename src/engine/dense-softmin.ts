/**
 * The dense soft C-transform's row reductions (assembly/dense/softmin.ts) on the calling
 * thread's instance, called synchronously: OT's `softminTensorized` makes ~10^5 calls on
 * 50 x 50 matrices in one barycenter fit, too small for a reduction's plan, task table and
 * promise. The rows are copied into blocks of the heap that the engine keeps (grown when a
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

/**
 * A block of the engine's heap kept between calls, with its typed views, made again only when
 * the block grows or the memory does (growing detaches the old buffer).
 */
class HeapBlock {
  private at = 0;
  private bytes = 0;
  private buffer: ArrayBufferLike | null = null;
  private f32: Float32Array = new Float32Array(0);
  private f64: Float64Array = new Float64Array(0);

  constructor(private readonly heap: Heap) {}

  /** The block's offset, at least `bytes` long. */
  reserve(bytes: number): number {
    if (bytes > this.bytes) {
      if (this.bytes > 0) this.heap.free(this.at, this.bytes);
      this.bytes = 0;
      this.at = this.heap.allocate(bytes);
      this.bytes = bytes;
      this.buffer = null;
    }
    return this.at;
  }

  /** The block as float32 or float64 entries (after reserve). */
  view(float64: boolean): Float32Array | Float64Array {
    const buffer = this.heap.memory.buffer;
    if (buffer !== this.buffer) {
      this.buffer = buffer;
      this.f32 = new Float32Array(buffer, this.at, this.bytes >> 2);
      this.f64 = new Float64Array(buffer, this.at, this.bytes >> 3);
    }
    return float64 ? this.f64 : this.f32;
  }
}

/**
 * Row maxima and sums of the soft C-transform (see assembly/dense/softmin.ts): for rows
 * [r0, r1) of C [B, N, M] (row-major, float32 or float64) and h [B, M], pairs (m_r, s_r) with
 * m_r = max_j (h[b, j] - C[r, j] inv) and s_r = sum_j exp(h[b, j] - C[r, j] inv - m_r) over the
 * terms above m_r - 60.
 */
export class DenseSoftmin {
  private readonly c: HeapBlock;
  private readonly h: HeapBlock;
  private readonly out: HeapBlock;

  constructor(private readonly exports: DenseSoftminExports, heap: Heap) {
    this.c = new HeapBlock(heap);
    this.h = new HeapBlock(heap);
    this.out = new HeapBlock(heap);
  }

  /** The pairs [m, s] of rows r0.. at the start of a view of the heap, valid until the next call. */
  rows(inv: number, c: Float32Array | Float64Array, h: Float32Array | Float64Array, N: number, M: number, r0: number, r1: number): Float64Array {
    const rows = r1 - r0;
    const b0 = Math.floor(r0 / N);
    const batches = rows > 0 ? Math.floor((r1 - 1) / N) - b0 + 1 : 0;
    const float64 = c instanceof Float64Array;
    // Reserve all three blocks before taking views: an allocation may grow the memory.
    const cAt = this.c.reserve(rows * M * c.BYTES_PER_ELEMENT);
    const hAt = this.h.reserve(batches * M * 8);
    const outAt = this.out.reserve(rows * 16);
    copy(this.c.view(float64), c, r0 * M, r1 * M);
    copy(this.h.view(true), h, b0 * M, (b0 + batches) * M);
    (float64 ? this.exports.softminRowsF64 : this.exports.softminRowsF32)(cAt, hAt, r0, r1, N, M, inv, outAt);
    return this.out.view(true) as Float64Array;
  }
}

/** from[start, end) into the start of `to`. */
function copy(to: Float32Array | Float64Array, from: Float32Array | Float64Array, start: number, end: number): void {
  to.set(start === 0 && end === from.length ? from : from.subarray(start, end));
}
