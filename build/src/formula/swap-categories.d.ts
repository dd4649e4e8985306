import { FormulaNode } from './node.js';
/**
 * The formula with the roles of i and j exchanged (pykeops's K.t()): every i-variable becomes
 * a j-variable of the same tensor and back; parameters and constants stay. Unchanged subtrees
 * are shared, and a symbolic operator's node keeps printing as the operator.
 */
export declare function swapCategories(root: FormulaNode): FormulaNode;
