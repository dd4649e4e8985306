import type { FormulaNode } from '../formula/node.js';
import type { ReductionKind } from '../tape/opcodes.js';
import type { BlockSparsity } from '../tape/request.js';
export interface OracleRequest {
    readonly result: FormulaNode;
    readonly aux: FormulaNode | null;
    readonly reduction: ReductionKind;
    readonly k: number;
    readonly swap: boolean;
    readonly nRows: number;
    readonly nCols: number;
    readonly outWidth: number;
    /** Block-sparse ranges: each row is reduced over its cluster's column intervals only. */
    readonly ranges?: BlockSparsity;
    /** Batches (absent: 1): the reduction runs once per batch, its output [batches, nRows, outWidth]. */
    readonly batches?: number;
    /** Batched: per variable (by node key), the element offset of each batch's slice in its data. */
    readonly offsets?: ReadonlyMap<string, Int32Array>;
    /** Batched with per-batch ranges: one per batch, instead of `ranges`. */
    readonly batchRanges?: readonly BlockSparsity[];
}
/**
 * Runs a reduction in float64, pair by pair, with the semantics the backends must match.
 * Returns values and indices laid out like the backends' ([rows, outWidth]).
 */
export declare function oracleReduce(req: OracleRequest): {
    values: Float64Array;
    indices: Int32Array;
};
