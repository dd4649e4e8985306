import { LazyTensor } from '../api/lazy-tensor.js';
import { Tensor } from '../tensor/tensor.js';
import { MAX_FORMULA_DEPTH } from '../formula/text/keops-parser.js';
import type { KeopsFormulaText } from '../formula/text/keops-ast.js';
export { MAX_FORMULA_DEPTH };
/** A parsed formula. */
export interface ParsedFormula {
    readonly source: string;
    readonly text: KeopsFormulaText;
}
/**
 * Parses a KeOps formula string in X and Y; a ValueError points at the column of the first bad
 * character or unknown name, or says how deep the formula nests beyond MAX_FORMULA_DEPTH.
 */
export declare function parseFormula(source: string, where: string): ParsedFormula;
/** The formula as a LazyTensor over Vi(x), Vj(y). */
export declare function formulaToLazy(f: ParsedFormula, x: Tensor, y: Tensor, where: string): LazyTensor;
/**
 * The formula as a dense [B, N, M] Tensor for x [B, N, D], y [B, M, D] (differentiable; the
 * intermediate values are [B, N, M, D] tensors).
 */
export declare function formulaToDense(f: ParsedFormula, x: Tensor, y: Tensor, where: string): Tensor;
