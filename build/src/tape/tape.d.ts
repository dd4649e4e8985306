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
    /** Bytes of registers per thread (uniform and tile arenas together, 16-aligned). */
    readonly registerBytes: number;
    /** Element size of the dtype the tape was compiled for (4 or 8). */
    readonly elementBytes: number;
}
export interface TapeRegister {
    readonly offset: number;
    readonly uniform: boolean;
    readonly dim: number;
}
