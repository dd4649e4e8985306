import type { KernelGram, KernelGramSpec } from '../engine/kernel-gram.js';
export type { GramKernel, KernelGram, KernelGramSpec } from '../engine/kernel-gram.js';
/**
 * K_mn K_nm and K_mm of `spec` in float64 on the wasm engine (its pool's threads), or null where
 * that path is unavailable (the engine does not start here, its module lacks the dense
 * kernels, or H does not fit in its heap): the caller then forms them by reductions.
 */
export declare function wasmKernelGram(where: string, spec: KernelGramSpec, signal: AbortSignal | undefined): Promise<KernelGram | null>;
