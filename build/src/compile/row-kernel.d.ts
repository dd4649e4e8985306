import type { Tape } from '../tape/tape.js';
export type CompileDtype = 'float32' | 'float64';
/** The memory the kernel imports: the engine's (shared, with its maximum, for the threads build). */
export interface KernelMemory {
    readonly shared: boolean;
}
export type RowKernel = {
    readonly ok: true;
    readonly bytes: Uint8Array; /** Engine exports it imports (module 'engine'). */
    readonly imports: readonly string[];
} | {
    readonly ok: false;
    readonly reason: string;
};
/**
 * Rows computed together per pass over a tile (their j-only operands loaded once). 2 measured
 * best overall (bench/compiled-tier.mjs): 4 gains on D = 3 kernels but spills on D = 16.
 */
export declare const ROW_BLOCK = 2;
/** The engine export computing one vector of an element-wise opcode without a SIMD form. */
export declare function vopExportName(op: string, dtype: CompileDtype): string;
/**
 * What identifies the compiled code of a tape: its row part, the registers the reduction
 * reads, the row bank stride, the dtype and the memory kind.
 */
export declare function rowKernelKey(tape: Tape, dtype: CompileDtype, memory: KernelMemory): string;
/** Compiles the row part of `tape`, or says why it does not. */
export declare function compileRowKernel(tape: Tape, dtype: CompileDtype, memory: KernelMemory): RowKernel;
