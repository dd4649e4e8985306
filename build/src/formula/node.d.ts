import type { Tensor } from '../tensor/tensor.js';
/** Which index a variable follows: i (rows), j (columns) or neither (a parameter). */
export type VarCategory = 'i' | 'j' | 'p';
/**
 * One immutable node of the formula IR: an op name, its arguments, integer or float
 * attributes and its vector dimension. `key` identifies the node structurally, so equal
 * subexpressions are recognised (common-subexpression merging) and compiled tapes are
 * cached by formula.
 */
export declare class FormulaNode {
    readonly op: string;
    readonly args: readonly FormulaNode[];
    readonly attrs: readonly number[];
    readonly dim: number;
    /** The data of a variable leaf; undefined for every other node. */
    readonly tensor?: Tensor | undefined;
    readonly category?: VarCategory | undefined;
    readonly key: string;
    constructor(op: string, args: readonly FormulaNode[], attrs: readonly number[], dim: number, 
    /** The data of a variable leaf; undefined for every other node. */
    tensor?: Tensor | undefined, category?: VarCategory | undefined);
}
/** Exact text of a float64 (distinguishes -0 and NaN payload-free values). */
export declare function numberKey(x: number): string;
/** A variable leaf bound to a tensor. */
export declare function varNode(tensor: Tensor, category: VarCategory, dim: number): FormulaNode;
/** A scalar constant leaf. */
export declare function constNode(value: number): FormulaNode;
/** Every distinct variable leaf of a formula, in first-seen (depth-first, left to right) order. */
export declare function collectVars(roots: readonly FormulaNode[]): FormulaNode[];
