import type { FormulaNode } from './node.js';
/**
 * The formula as pykeops prints it: `Var(index, dim, category)` leaves, where index is the
 * variable's position in first-seen order and category is 0 for i, 1 for j, 2 for parameters.
 * A symbolic gradient prints as KeOps writes it, `Grad(F,v,e)` (also `Divergence(F,v)` and
 * `Laplacian(F,v)`), not as the formula it expands to.
 */
export declare function formulaToString(root: FormulaNode): string;
