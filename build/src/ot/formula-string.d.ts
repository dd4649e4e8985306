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
/** Parses a KeOps formula string in X and Y; a ValueError points at the first bad character. */
export declare function parseFormula(source: string, where: string): ParsedFormula;
/** The formula as a LazyTensor over Vi(x), Vj(y). */
export declare function formulaToLazy(f: ParsedFormula, x: Tensor, y: Tensor, where: string): LazyTensor;
/**
 * The formula as a dense [B, N, M] Tensor for x [B, N, D], y [B, M, D] (differentiable; the
 * intermediate values are [B, N, M, D] tensors).
 */
export declare function formulaToDense(f: ParsedFormula, x: Tensor, y: Tensor, where: string): Tensor;
export {};
