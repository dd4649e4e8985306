import type { Tape } from './tape.js';
/** Bit 0: depends on i; bit 1: depends on j. */
export type Phase = 0 | 1 | 2 | 3;
export interface Register {
    readonly id: number;
    readonly dim: number;
    readonly phase: Phase;
}
export interface Instr {
    opcode: number;
    out: Register;
    args: Register[];
    dim: number;
    arg0: number;
    arg1: number;
}
/**
 * Collects tape instructions over virtual registers, merging repeated instructions, then
 * orders them by phase and gives registers scratch offsets, reusing space whose value is dead.
 */
export declare class TapeBuilder {
    private readonly elementBytes;
    private readonly regs;
    private readonly instrs;
    private readonly seen;
    private readonly consts;
    constructor(elementBytes: 4 | 8);
    /** Loads variable `slot` of category i, j or parameter. */
    load(category: 'i' | 'j' | 'p', slot: number, dim: number): Register;
    constant(value: number): Register;
    emit(opcode: string, dim: number, args: readonly Register[], arg0?: number, arg1?: number): Register;
    private add;
    /**
     * Orders, allocates and encodes the tape whose outputs are `result` (and `aux`). With
     * `sumProduct`, a result computed as a product is handed to the reduction as two factors.
     */
    finish(resultReg: Register, aux?: Register | null, options?: {
        sumProduct?: boolean;
    }): Tape;
    private reachable;
}
