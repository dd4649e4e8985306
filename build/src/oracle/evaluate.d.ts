import type { FormulaNode } from '../formula/node.js';
/**
 * A float64 evaluator of the formula IR for one (row, column) pair at a time: the reference
 * every backend is tested against. It reads each op's `ref`, never the tape.
 */
export declare class PairEvaluator {
    private readonly swap;
    private readonly order;
    private readonly index;
    private readonly values;
    /** Element offset of each variable's batch slice in its data (by position in `order`). */
    private readonly offsets;
    /** With `swap`, i-variables follow the column and j-variables the row (axis 0). */
    constructor(roots: readonly FormulaNode[], swap: boolean);
    /** Batched reductions: variable `key` reads its data from element `offset` on (its batch's slice). */
    setOffset(key: string, offset: number): void;
    /** Evaluates every node for (row, col); returns the value of `node`. */
    evaluate(row: number, col: number): void;
    valueOf(node: FormulaNode): Float64Array;
}
