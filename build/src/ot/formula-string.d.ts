import { LazyTensor } from '../api/lazy-tensor.js';
import { Tensor } from '../tensor/tensor.js';
type Node = {
    kind: 'num';
    value: number;
} | {
    kind: 'var';
    name: 'X' | 'Y';
} | {
    kind: 'call';
    fn: string;
    args: Node[];
} | {
    kind: 'bin';
    op: '+' | '-' | '*' | '/' | '|';
    a: Node;
    b: Node;
} | {
    kind: 'neg';
    a: Node;
};
/** A parsed formula. */
export interface ParsedFormula {
    readonly source: string;
    readonly root: Node;
}
/**
 * How deep a formula may nest: parentheses, function calls, signs and chained operators each
 * add a level. Parsing and evaluating recurse once per level, so a hostile string nested
 * 20,000 deep would overflow the stack; real costs and kernels stay under ten.
 */
export declare const MAX_FORMULA_DEPTH = 256;
/**
 * Parses a KeOps formula string in X and Y; a ValueError points at the first bad character,
 * or says how deep the formula nests when it exceeds MAX_FORMULA_DEPTH.
 */
export declare function parseFormula(source: string, where: string): ParsedFormula;
/** The formula as a LazyTensor over Vi(x), Vj(y). */
export declare function formulaToLazy(f: ParsedFormula, x: Tensor, y: Tensor, where: string): LazyTensor;
/**
 * The formula as a dense [B, N, M] Tensor for x [B, N, D], y [B, M, D] (differentiable; the
 * intermediate values are [B, N, M, D] tensors).
 */
export declare function formulaToDense(f: ParsedFormula, x: Tensor, y: Tensor, where: string): Tensor;
export {};
