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
export declare function hasDenseSoftmin(exports: object): exports is DenseSoftminExports;
/**
 * The soft C-transform's rows (see assembly/dense/softmin.ts): for rows [r0, r1) of C [B, N, M]
 * (row-major, float32 or float64) and h [B, M], f_r = -eps log sum_j exp(h[b, j] - C[r, j] inv)
 * over the terms above e^-60 of the largest (+Infinity for a row without mass).
 */
export declare class DenseSoftmin {
    private readonly exports;
    private readonly c;
    private readonly h;
    private readonly out;
    constructor(exports: DenseSoftminExports, heap: Heap);
    /** Writes f_r into out[r] for r in [r0, r1). */
    rows(eps: number, inv: number, c: Float32Array | Float64Array, h: Float32Array | Float64Array, N: number, M: number, r0: number, r1: number, out: Float32Array | Float64Array): void;
}
