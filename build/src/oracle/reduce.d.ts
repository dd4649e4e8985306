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
}
/**
 * Runs a reduction in float64, pair by pair, with the semantics the backends must match.
 * Returns values and indices laid out like the backends' ([rows, outWidth]).
 */
export declare function oracleReduce(req: OracleRequest): {
    values: Float64Array;
    indices: Int32Array;
};
