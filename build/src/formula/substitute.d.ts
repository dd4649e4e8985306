import type { FormulaNode } from './node.js';
/** The formula with some leaves replaced (by node key); unchanged subtrees are shared. */
export declare function substitute(root: FormulaNode, replacements: ReadonlyMap<string, FormulaNode>): FormulaNode;
