/**
 * The Gram matrix K_mn K_nm (K_nm = k(X, C) [N, m]) and K_mm in float64 with the module's dense
 * kernels (assembly/dense/gram.ts): X goes through in blocks of rows, each block's K(X_b, C)
 * [B, m] is written in panels of 4 centres that stay in cache, and the lower triangle of
 * K_b^T K_b is added into H by a register-blocked 4 x 4 SIMD kernel: the N m^2 / 2
 * multiply-adds of the Nystrom preconditioner's set-up at about 4-6 times the rate of the same
 * products as kernel reductions (whose operand of 64 columns streams from memory per row).
 *
 * On the worker pool each block is one round of the task table, one chunk per thread: chunk t
 * owns a band of H's tile rows (equal work) and computes the panels it needs in its own
 * scratch. H's entries thus get their blocks' terms in block order whatever thread ran them, so
 * H is the same on any number of threads. Elsewhere (one thread, separate-memory workers, small
 * jobs) the calling thread runs each round as one chunk.
 */
import type { Heap } from './heap.js';
import type { WorkerPool } from './pool.js';
import { type Chunk } from './task-table.js';
/** The module's exports this file calls. */
export interface KernelGramExports {
    gramKernelPanels(kind: number, scale: number, x: number, rows: number, d: number, centres: number, m: number, mp: number, panels: number, tiles: number): void;
    gramParamsBytes(): number;
}
/** What a Gram job needs of the engine (as blocked-reduce.ts's BlockedRun). */
export interface GramRun {
    readonly exports: KernelGramExports;
    readonly heap: Heap;
    readonly pool: WorkerPool | null;
    readonly poolThreshold: number;
    readonly stats: {
        gram: number;
        gramPooled: number;
    };
    /** Runs chunks to the end (pool or calling thread); after a rejection no worker touches the memory. */
    runChunks(planPtr: number, tablePtr: number, chunks: readonly Chunk[], scratchPtr: number, scratchBytes: number, onPool: boolean, signal: AbortSignal | undefined): Promise<void>;
}
/** The kernels the dense path knows (KernelRidge's names). */
export type GramKernel = 'gaussian' | 'laplacian' | 'matern32' | 'matern52';
export interface KernelGramSpec {
    readonly kernel: GramKernel;
    readonly sigma: number;
    /** The points, float64 row-major [n, d]. */
    readonly x: Float64Array;
    /** The centres, float64 row-major [m, d]. */
    readonly centres: Float64Array;
    readonly d: number;
}
/** Both m x m matrices, float64 row-major and symmetric. */
export interface KernelGram {
    /** K_mn K_nm = sum over the points of k(x, c_a) k(x, c_b). */
    readonly gram: Float64Array;
    /** k(c_a, c_b). */
    readonly kmm: Float64Array;
}
/**
 * Whether `exports` has the dense kernels with the parameter layout this file writes (a module
 * built before them has not).
 */
export declare function hasKernelGram(exports: object): exports is KernelGramExports;
/**
 * K_mn K_nm and K_mm for the points and centres of `spec`, in float64. Checks `signal`
 * between blocks of rows (an AbortError from `where`). Throws a MemoryLimitError when H and
 * the blocks' panels do not fit in the wasm heap.
 */
export declare function kernelGram(run: GramRun, where: string, spec: KernelGramSpec, signal: AbortSignal | undefined): Promise<KernelGram>;
