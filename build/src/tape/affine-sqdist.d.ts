import type { Instr, Register } from './builder.js';
/** The operands of scale * |x_i - y_j|^2 + h_j (variable slots and a constant's index). */
export interface AffineSqDist {
    /** Slot of the i-variable x and of the j-variable y (same dimension `dim`). */
    readonly x: number;
    readonly y: number;
    readonly dim: number;
    /** Index of the constant `scale` in the tape's constants, or -1. */
    readonly scaleConst: number;
    /** Slot of the parameter `scale` (dimension 1), or -1; with scaleConst also -1, scale is 1. */
    readonly scaleParam: number;
    /** Slot of the j-variable h (dimension 1), or -1 for none. */
    readonly shift: number;
    /** Whether the reduced value is exp(e) rather than e. */
    readonly exp: boolean;
    /** Slot of the j-variable b that multiplies exp(e) (the SUM's factor), or -1 for none. */
    readonly factor: number;
}
/**
 * The affine squared distance (or its exponential) that `result` computes over `instrs`, times
 * `factor` when given, or null.
 */
export declare function affineSqDist(instrs: readonly Instr[], result: Register, factor?: Register | null): AffineSqDist | null;
