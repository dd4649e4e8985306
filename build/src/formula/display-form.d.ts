import { FormulaNode } from './node.js';
/**
 * How a node made by a symbolic operator (KeOps's Grad, Divergence, Laplacian) is printed: the
 * operator and the operands it was given, e.g. `Grad(F,v,e)`, instead of the expanded formula
 * it computes. Printing is all it changes: keys, lowering and evaluation see the expansion.
 */
export interface DisplayForm {
    readonly op: string;
    readonly args: readonly FormulaNode[];
}
/**
 * A copy of `node` (same key, so it is the same formula to every engine and cache) that prints
 * as `form`. The copy keeps the original, possibly shared elsewhere, printing as it did.
 */
export declare function withDisplayForm(node: FormulaNode, form: DisplayForm): FormulaNode;
/** The operator form a node prints as, if it was made by a symbolic operator. */
export declare function displayForm(node: FormulaNode): DisplayForm | undefined;
/**
 * Every variable leaf of the formula as written (inside Grad(...) operands included, even
 * where the expansion no longer depends on them), in first-seen order.
 */
export declare function writtenVars(roots: readonly FormulaNode[]): FormulaNode[];
