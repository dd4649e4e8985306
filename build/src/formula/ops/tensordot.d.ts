/**
 * KeOps's TensorDot: the contraction of two formulas seen as tensors (numpy's tensordot on the
 * components of each (i, j) entry), with KeOps's argument order
 * `TensorDot(a, b, dimsA, dimsB, contA, contB, permute)`. KeOps's Kron is a TensorDot without
 * contraction (see `kronParams`).
 *
 * The op's attributes are one flat list of integers:
 *   [nA, nB, nC, ...dimsA (nA), ...dimsB (nB), ...contA (nC), ...contB (nC), ...permute (nA + nB - 2 nC)].
 * It lowers to the vector instructions the engines already have: the components of each operand
 * are reordered (EXTRACT / CONCAT of contiguous runs) into a [kept, contracted] matrix, the
 * product is a DOT, MATVEC, VECMAT (by rows) or TENSORPROD, and its components are reordered
 * into the result's axis order.
 */
import type { OpSpec } from '../op-spec.js';
import type { FormulaNode } from '../node.js';
/** TensorDot's parameters, in KeOps's order and meaning. */
export interface TensorDotParams {
    /** The axes of a (their product is a's dimension), row-major. */
    readonly dimsA: readonly number[];
    /** The axes of b. */
    readonly dimsB: readonly number[];
    /** Axes of a contracted with the axes `contB` of b, pairwise. */
    readonly contA: readonly number[];
    readonly contB: readonly number[];
    /**
     * Axis k of [a's kept axes, b's kept axes] becomes axis permute[k] of the result (KeOps's
     * convention: torch's `.permute` of the inverse permutation). The identity when omitted.
     */
    readonly permute?: readonly number[];
}
/** The largest dimension TensorDot may produce or read (the lowering is unrolled per component). */
export declare const MAX_TENSORDOT_DIM = 4096;
/** The flat attribute list of a TensorDot (see the file's comment). */
export declare function encodeTensorDot(p: TensorDotParams): number[];
/** KeOps's Kron(a, b, dimsA, dimsB) as TensorDot parameters: no contraction, axes interleaved. */
export declare function kronParams(dimsA: readonly number[], dimsB: readonly number[]): TensorDotParams;
/** Reads and validates the flat attribute list: ValueError for a malformed one. */
export declare function decodeTensorDot(attrs: readonly number[], where?: string): Required<TensorDotParams>;
/** TensorDot(a, b, ...) as a formula node. */
export declare function tensorDot(a: FormulaNode, b: FormulaNode, p: TensorDotParams): FormulaNode;
export declare const tensorDotOp: OpSpec;
