import type { FormulaNode } from './node.js';
/**
 * Symbolic reverse-mode differentiation: the formulas d<g, root>/dv for each leaf v of `wrt`,
 * each of v's dimension (zeros where root does not depend on v). `g` has root's dimension and
 * is usually a variable holding the incoming gradient. The results are formulas like any other,
 * so a gradient is reduced by the same engines as the forward formula.
 */
export declare function gradFormulas(root: FormulaNode, wrt: readonly FormulaNode[], g: FormulaNode): FormulaNode[];
