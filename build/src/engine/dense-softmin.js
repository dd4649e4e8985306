/** Whether `exports` has the dense softmin (a module built before it has not). */
export function hasDenseSoftmin(exports) {
    const e = exports;
    return typeof e.softminRowsF32 === 'function' && typeof e.softminRowsF64 === 'function';
}
/**
 * A block of the engine's heap kept between calls, with its typed views, made again only when
 * the block moves or the memory's buffer is detached.
 */
class HeapBlock {
    heap;
    at = 0;
    bytes = 0;
    stale = true;
    f32 = new Float32Array(0);
    f64 = new Float64Array(0);
    constructor(heap) {
        this.heap = heap;
    }
    /** The block's offset, at least `bytes` long. */
    reserve(bytes) {
        if (bytes > this.bytes) {
            bytes = Math.ceil(bytes / 16) * 16; // whole f64 entries in the views
            if (this.bytes > 0)
                this.heap.free(this.at, this.bytes);
            this.bytes = 0;
            this.at = this.heap.allocate(bytes);
            this.bytes = bytes;
            this.stale = true;
        }
        return this.at;
    }
    /** The block as float32 or float64 entries (after reserve). */
    view(float64) {
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
    exports;
    c;
    h;
    out;
    constructor(exports, heap) {
        this.exports = exports;
        this.c = new HeapBlock(heap);
        this.h = new HeapBlock(heap);
        this.out = new HeapBlock(heap);
    }
    /** Writes f_r into out[r] for r in [r0, r1). */
    rows(eps, inv, c, h, N, M, r0, r1, out) {
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
function copy(to, at, from, start, end) {
    to.set(start === 0 && end === from.length ? from : from.subarray(start, end), at);
}
