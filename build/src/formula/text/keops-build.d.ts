import { FormulaNode, type VarCategory } from '../node.js';
import type { KeopsFormulaText } from './keops-ast.js';
/** What the names of a formula stand for. */
export interface FormulaScope {
    /** The variable leaf an alias stands for, or undefined for an unknown name. */
    variable(name: string): FormulaNode | undefined;
    /** Every name `variable` knows (for "did you mean" and the lists in messages). */
    readonly names: readonly string[];
    /**
     * The leaf `Var(index, dim, category)` stands for, or a sentence saying why there is none
     * (such as `the routine has 3 arguments`).
     */
    indexed(index: number, dim: number, category: VarCategory): FormulaNode | string;
}
/** Every function a formula may call: the op table's, then the grammar's own. */
export declare function formulaFunctionNames(): string[];
/**
 * Builds the formula of a parsed KeOps string. `where` and `label` name it in messages, as for
 * parseKeopsFormula.
 */
export declare function buildKeopsFormula(text: KeopsFormulaText, scope: FormulaScope, where: string, label?: string): FormulaNode;
/**
 * Checks that every name of a parsed formula is a variable of `names` or a function, before
 * the variables' dimensions are known (samplesLoss's cost strings, checked when the loss is
 * made); ValueError at the first unknown one.
 */
export declare function checkKeopsNames(text: KeopsFormulaText, names: readonly string[], where: string, label?: string): void;
/** The dimension a Var leaf would need, checked against an existing leaf: a sentence, or null. */
export declare function varMismatch(leaf: FormulaNode, dim: number, category: VarCategory): string | null;
