import type { AffineSqDist } from './affine-sqdist.js';
/** A compiled tape: instructions, constants and the scratch layout one thread needs. */
export interface Tape {
    /** INSTR_WIDTH words per instruction, sorted by phase: parameters, j-only, i-only, both. */
    readonly code: Int32Array;
    readonly consts: Float64Array;
    readonly nInstr: number;
    readonly pEnd: number;
    readonly jEnd: number;
    readonly iEnd: number;
    /** Register holding the reduced formula, and whether it is uniform over a tile. */
    readonly result: TapeRegister;
    /** Register of the weight / value formula of LOGSUMEXP_WEIGHT and SUMSOFTMAXWEIGHT. */
    readonly aux: TapeRegister | null;
    /**
     * When set, the reduced value is result * factor: a SUM whose formula ends with a product
     * accumulates it directly instead of storing it first (the exp-multiply-accumulate fusion).
     * Either register may have dimension 1 and broadcast against the other.
     */
    readonly factor: TapeRegister | null;
    /** Dimension of the reduced formula (result and factor may broadcast up to it). */
    readonly outDim: number;
    /** Bytes of registers for one row: the shared part and one row bank (16-aligned). */
    readonly registerBytes: number;
    /** Bytes of the registers shared by all rows (parameter and j-only values). */
    readonly sharedBytes: number;
    /** Bytes of one row bank (i-only and pair values); a batch of B rows uses B banks. */
    readonly rowBytes: number;
    /** Bytes of the pair (tile) registers within a row bank. */
    readonly rowTileBytes: number;
    /** Element size of the dtype the tape was compiled for (4 or 8). */
    readonly elementBytes: number;
    /**
     * When the reduced value is scale * |x_i - y_j|^2 + h_j or exp(that) times a j-variable (and
     * nothing else is reduced), its operands: the interpreter may run it through a fused kernel
     * (tape/affine-sqdist.ts).
     */
    readonly affineSqDist: AffineSqDist | null;
}
export interface TapeRegister {
    /** Byte offset in the scratch, for the first row of a batch when perRow. */
    readonly offset: number;
    readonly uniform: boolean;
    /** In a row bank: the next row's copy is rowBytes further. */
    readonly perRow: boolean;
    readonly dim: number;
}
