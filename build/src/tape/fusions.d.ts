import type { Instr, Register } from './builder.js';
/**
 * Peephole fusions that save a store and a load per vector on the hottest patterns:
 * EXP(MUL(a, b)) becomes EXPMUL(a, b), EXP(SUB(a, b)) EXPSUB(a, b), DOT(v, MATVEC(G, v))
 * QUADFORM(G, v) and NEG(QUADFORM) a negated QUADFORM; a summed product hands both factors to
 * the reduction. A value is only fused away when nothing else reads it, and a fused
 * instruction computes the same operations in the same order, so results do not change.
 */
export declare function fuse(instrs: Instr[], result: Register, aux: Register | null, sumProduct: boolean): {
    instrs: Instr[];
    result: Register;
    factor: Register | null;
};
