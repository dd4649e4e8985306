import type { FormulaNode } from './node.js';
/** A register of the tape being built: an opaque handle with its dimension. */
export interface VReg {
    readonly id: number;
    readonly dim: number;
}
/** What an op's lowering may emit: tape instructions over virtual registers. */
export interface Emitter {
    /** Emits one instruction and returns its output register. */
    emit(opcode: string, dim: number, args: readonly VReg[], arg0?: number, arg1?: number): VReg;
    /** A register holding a scalar constant. */
    constant(value: number): VReg;
}
/** Metadata that drives the generic op tests (one loop over the op table). */
export interface OpTestInfo {
    /** Argument dimensions to try for a "base" dimension d, or null when the op does not apply at d. */
    argDims(d: number): number[] | null;
    /** Integer/float attributes to try. */
    attrs?: number[][];
    /** Input ranges per argument: 'any' (default), 'positive', 'unit' ([-1, 1]). */
    domain?: ('any' | 'positive' | 'unit' | 'nonzero')[];
    /** The op is discontinuous; finite-difference checks must avoid its kinks. */
    discontinuous?: boolean;
}
/**
 * The declaration of one formula operation: everything the system needs to know about it,
 * in one place. Backends only ever see tape opcodes; `lower` maps this op onto them.
 */
export interface OpSpec {
    /** IR name, printed the way pykeops does (e.g. 'Exp', 'SqDist'). */
    readonly name: string;
    /** Number of formula arguments. */
    readonly arity: number;
    /**
     * Number of numeric attributes (exponent, start index...); 'variable' for an op whose list
     * has a length of its own (TensorDot), which its `dim` rule validates.
     */
    readonly nattrs: number | 'variable';
    /** Output dimension from the argument dimensions; throws ShapeError naming the op. */
    dim(argDims: readonly number[], attrs: readonly number[]): number;
    /** float64 reference: writes the op's value for one (i, j) pair into `out`. */
    ref(out: Float64Array, args: readonly Float64Array[], attrs: readonly number[]): void;
    /** Emits tape instructions computing the op. */
    lower(e: Emitter, args: readonly VReg[], attrs: readonly number[], dim: number, node: FormulaNode): VReg;
    /** pykeops-style text, given the printed arguments. */
    print?(args: readonly string[], attrs: readonly number[]): string;
    /**
     * The vector-Jacobian product as formulas: given the op's arguments, its own node `out` and
     * a cotangent `g` (dimension of out), the cotangent of each argument (its dimension), or null
     * where the derivative is zero almost everywhere. An op without this rule cannot be
     * differentiated: gradFormulas raises a ValueError naming it rather than guess.
     */
    vjp?(args: readonly FormulaNode[], out: FormulaNode, g: FormulaNode, attrs: readonly number[]): (FormulaNode | null)[];
    readonly test: OpTestInfo;
}
