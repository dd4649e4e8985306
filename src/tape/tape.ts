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
