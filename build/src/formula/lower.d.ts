import type { FormulaNode } from './node.js';
import type { Tape } from '../tape/tape.js';
/** A formula lowered to a tape, with the variables in the order of the tape's slots. */
export interface LoweredFormula {
    readonly tape: Tape;
    /** Variable leaves; slot k of the tape reads vars[k]. */
    readonly vars: readonly FormulaNode[];
}
/**
 * Lowers the formula `result` (and the optional `aux` formula of weighted reductions) to a tape.
 * With `swap`, i- and j-variables trade places: that is how a reduction over i (axis 0) runs
 * on engines that only reduce over j.
 */
export declare function lowerFormula(result: FormulaNode, aux: FormulaNode | null, elementBytes: 4 | 8, swap: boolean, sumProduct?: boolean): LoweredFormula;
/**
 * A key naming the formula's structure with variables replaced by their slots, so that the
 * same formula on other tensors of the same shapes reuses one compiled tape.
 */
export declare function canonicalKey(roots: readonly FormulaNode[]): string;
