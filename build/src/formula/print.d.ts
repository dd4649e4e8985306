import type { FormulaNode } from './node.js';
/**
 * The formula as pykeops prints it: `Var(index, dim, category)` leaves, where index is the
 * variable's position in first-seen order and category is 0 for i, 1 for j, 2 for parameters.
 */
export declare function formulaToString(root: FormulaNode): string;
