import type { Tensor } from '../tensor/tensor.js';
import type { ReductionKind } from '../tape/opcodes.js';
import type { RangesTuple } from './ranges.js';
import type { LazyTensor } from './lazy-tensor.js';
export type Backend = 'auto' | 'wasm' | 'webgpu' | 'oracle';
/** Options every reduction accepts. */
export interface ReduceOptions {
    /** Which engine runs the reduction; 'oracle' is the float64 reference evaluator. */
    backend?: Backend;
    /**
     * Block-sparse ranges: KeOps's 6-tuple [rangesI, slicesI, redrangesJ, rangesJ, slicesJ,
     * redrangesI] of int32 tensors (see fromMatrix); gradients use the same ranges. With batch
     * axes, one 6-tuple is shared by every batch (indices within a batch), or an array of one
     * 6-tuple per batch index (row-major over the batch axes) gives each batch its own.
     */
    ranges?: RangesTuple | readonly RangesTuple[];
    /** Stops the reduction; it then rejects with an AbortError. */
    signal?: AbortSignal;
    /**
     * Size of the i axis, for a formula without Vi variables (only Vj, or only Pm): required
     * there, and where given it must match the Vi variables' rows. KeOps takes 1; give `ni: 1`.
     */
    ni?: number;
    /** Size of the j axis, for a formula without Vj variables (only Vi, or only Pm); as `ni`. */
    nj?: number;
}
export interface LogSumExpOptions extends ReduceOptions {
    /** log sum_j weight_j exp(F_ij); a LazyTensor such as Vj(w). */
    weight?: LazyTensor;
}
/** `backend` (undefined: 'auto') checked against the known backends; ValueError naming options.backend. */
export declare function checkBackend(where: string, backend: unknown): Backend;
/**
 * Validates and runs one reduction of `lazy` over `axis` (1: over j, N rows out; 0: over i).
 * Every check happens before any engine memory is touched.
 */
export declare function reduce(lazy: LazyTensor, kind: ReductionKind, axis: unknown, options: ReduceOptions | LogSumExpOptions | undefined, extra?: {
    aux?: LazyTensor;
    k?: unknown;
}): Promise<Tensor[]>;
