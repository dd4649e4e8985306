import { type Opcode } from '../tape/opcodes.js';
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
/** What the kernel does besides the row instructions. */
export interface RowKernelOptions {
    /**
     * Adds each row's terms (result, times factor if any) to the row's SUM accumulators itself,
     * as reductions/sum.ts's block scheme does (the interpreter then skips its reduction:
     * PLAN.compiledReduces), instead of storing the values for it.
     */
    readonly accumulateSum?: boolean;
    /**
     * Fused multiply-adds (relaxed SIMD, relaxed-simd.ts) in exp, squared distances and dot
     * products: faster, no longer the interpreter's bits (the caller checked the runtime takes them).
     */
    readonly relaxedSimd?: boolean;
}
/**
 * Rows computed together per pass over a tile (their j-only operands loaded once for all):
 * 4 for short kernels of narrow values (at most 3 tile instructions, no value or vector operand
 * wider than 4: the Gaussian, log-sum-exp and nearest-neighbour kernels in D <= 4, 1.1-1.2x
 * faster than 2 rows in bench/compiled-tier.mjs), else 2 (4 rows spilled registers at D = 16 and
 * on the Laplacian and Matern kernels: 5-10 % slower than 2).
 */
export declare function rowBlockFor(tileInstrs: readonly {
    name: Opcode;
    dim: number;
    arg0: number;
}[]): 2 | 4;
/** The engine export computing one vector of an element-wise opcode without a SIMD form. */
export declare function vopExportName(op: string, dtype: CompileDtype): string;
/**
 * What identifies the compiled code of a tape: its row part, the registers the reduction
 * reads, the row bank stride, the dtype and the memory kind.
 */
export declare function rowKernelKey(tape: Tape, dtype: CompileDtype, memory: KernelMemory): string;
/** Compiles the row part of `tape`, or says why it does not. */
export declare function compileRowKernel(tape: Tape, dtype: CompileDtype, memory: KernelMemory, options?: RowKernelOptions): RowKernel;
