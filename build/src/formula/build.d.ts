import { FormulaNode } from './node.js';
/**
 * Makes the node `op(args; attrs)`: checks dimensions (ShapeError naming the op) and folds
 * constants, so that formulas built from numbers alone become one Const.
 */
export declare function apply(op: string, args: readonly FormulaNode[], attrs?: readonly number[]): FormulaNode;
