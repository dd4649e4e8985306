import type { Tensor } from '../tensor/tensor.js';
import type { ReductionKind } from '../tape/opcodes.js';
import type { SumAccumulation } from '../tape/request.js';
import type { RangesTuple } from './ranges.js';
import { type AdapterName } from '../dispatch/backend-adapter.js';
import type { LazyTensor } from './lazy-tensor.js';
import { type ReductionCluster } from './cluster-option.js';
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
    /**
     * Runs the reduction on a cluster (`connect()` of 'lazykernel/distributed'), with the same
     * result as the local engine; its gradient, when one is asked for, runs locally.
     */
    cluster?: ReductionCluster;
}
/** pykeops' `sum_scheme` values ('auto' is 'block_sum'). */
export type SumScheme = 'auto' | 'block_sum' | 'kahan_scheme' | 'direct_sum';
/**
 * Options of `sum(0)` / `sum(1)`: those of every reduction and pykeops' accumulation options.
 * These matter for float32 sums on the wasm engine, which by default ('block_sum') adds each tile
 * of 256 columns in float32, 64 terms per SIMD lane, and the tiles' totals in float64 (see
 * docs/accuracy.md). Other schemes run on wasm ('auto' does not pick WebGPU for them; naming
 * backend 'webgpu' is a BackendError); the oracle computes in float64 and ignores them.
 */
export interface SumOptions extends ReduceOptions {
    /**
     * 'block_sum' (or 'auto'): the default above. 'kahan_scheme': each tile's terms are added with
     * Kahan-Babuska-Neumaier compensation (in float32 for float32 data), for an error of a few
     * float32 units of the result plus u^2 times the sum of |terms|. 'direct_sum': every term is
     * added straight into the row's float64 accumulator (the same as useDoubleAcc: lazykernel's
     * row accumulator is always float64, so KeOps's float32 running sum is not offered).
     */
    sumScheme?: SumScheme;
    /** Every term widened to float64 before it is added (KeOps's dtype_acc = 'float64'). */
    useDoubleAcc?: boolean;
}
/** The engines' accumulation for validated sum options; ValueError naming a bad option. */
export declare function sumAccumulation(where: string, options: SumOptions | undefined): SumAccumulation;
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
export declare function reduce(lazy: LazyTensor, kind: ReductionKind, axis: unknown, options: ReduceOptions | LogSumExpOptions | SumOptions | undefined, extra?: {
    aux?: LazyTensor;
    k?: unknown;
}): Promise<Tensor[]>;
/**
 * The adapter the dispatcher would run this reduction of `lazy` on, with default options
 * (nothing runs): for callers that choose an algorithm by where its reductions go
 * (samplesLoss's 'auto' takes its online backend when they go to WebGPU).
 */
export declare function reductionAdapter(lazy: LazyTensor, kind: ReductionKind, axis: 0 | 1): Promise<AdapterName>;
