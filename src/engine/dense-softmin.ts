/**
 * The dense soft C-transform's row reductions (assembly/dense/softmin.ts) on the calling
 * thread's instance, called synchronously: OT's `softminTensorized` makes ~10^5 calls on
 * 50 x 50 matrices in one barycenter fit, too small for a reduction's plan, task table and
 * promise. The rows are copied into blocks of the heap that the engine keeps (grown when a
 * larger call comes), the kernel runs, and the potentials are read back.
 */
import type { Heap } from './heap.js';

/** The module's exports this file calls. */
export interface DenseSoftminExports {
  softminRowsF32(c: number, h: number, r0: number, r1: number, n: number, m: number, eps: number, inv: number, out: number): void;
  softminRowsF64(c: number, h: number, r0: number, r1: number, n: number, m: number, eps: number, inv: number, out: number): void;
}

/** Whether `exports` has the dense softmin (a module built before it has not). */
export function hasDenseSoftmin(exports: object): exports is DenseSoftminExports {
  const e = exports as Partial<DenseSoftminExports>;
  return typeof e.softminRowsF32 === 'function' && typeof e.softminRowsF64 === 'function';
}

/**
 * A block of the engine's heap kept between calls, with its typed views, made again only when
 * the block moves or the memory's buffer is detached.
 */
class HeapBlock {
  private at = 0;
  private bytes = 0;
  private stale = true;
  private f32: Float32Array = new Float32Array(0);
  private f64: Float64Array = new Float64Array(0);

  constructor(private readonly heap: Heap) {}

  /** The block's offset, at least `bytes` long. */
  reserve(bytes: number): number {
    if (bytes > this.bytes) {
      bytes = Math.ceil(bytes / 16) * 16; // whole f64 entries in the views
      if (this.bytes > 0) this.heap.free(this.at, this.bytes);
      this.bytes = 0;
      this.at = this.heap.allocate(bytes);
      this.bytes = bytes;
      this.stale = true;
    }
    return this.at;
  }

  /** The block as float32 or float64 entries (after reserve). */
  view(float64: boolean): Float32Array | Float64Array {
    // A growth detaches a plain memory's buffer (its views read length 0); a shared memory's
    // old buffer still covers the block.
    if (this.stale || (this.bytes > 0 && this.f64.length === 0)) {
      const buffer = this.heap.memory.buffer;
      this.f32 = new Float32Array(buffer, this.at, this.bytes >> 2);
      this.f64 = new Float64Array(buffer, this.at, this.bytes >> 3);
      this.stale = false;
    }
    return float64 ? this.f64 : this.f32;
  }
}

/**
 * The soft C-transform's rows (see assembly/dense/softmin.ts): for rows [r0, r1) of C [B, N, M]
 * (row-major, float32 or float64) and h [B, M], f_r = -eps log sum_j exp(h[b, j] - C[r, j] inv)
 * over the terms above e^-60 of the largest (+Infinity for a row without mass).
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

  /** Writes f_r into out[r] for r in [r0, r1). */
  rows(eps: number, inv: number, c: Float32Array | Float64Array, h: Float32Array | Float64Array, N: number, M: number, r0: number, r1: number, out: Float32Array | Float64Array): void {
    const rows = r1 - r0;
    const b0 = Math.floor(r0 / N);
    const batches = rows > 0 ? Math.floor((r1 - 1) / N) - b0 + 1 : 0;
    const float64 = c instanceof Float64Array;
    // Reserve all three blocks before taking views: an allocation may grow the memory.
    const cAt = this.c.reserve(rows * M * c.BYTES_PER_ELEMENT);
    const hAt = this.h.reserve(batches * M * 8);
    const outAt = this.out.reserve(rows * 8);
    copy(this.c.view(float64), 0, c, r0 * M, r1 * M);
    copy(this.h.view(true), 0, h, b0 * M, (b0 + batches) * M);
    (float64 ? this.exports.softminRowsF64 : this.exports.softminRowsF32)(cAt, hAt, r0, r1, N, M, eps, inv, outAt);
    copy(out, r0, this.out.view(true), 0, rows);
  }
}

/** from[start, end) into `to` from index `at`. */
function copy(to: Float32Array | Float64Array, at: number, from: Float32Array | Float64Array, start: number, end: number): void {
  to.set(start === 0 && end === from.length ? from : from.subarray(start, end), at);
}
