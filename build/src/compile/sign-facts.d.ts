import { type Opcode } from '../tape/opcodes.js';
import type { Tape } from '../tape/tape.js';
/** What is known of every lane of a value: <= 0 (or NaN), >= 0 (or NaN), both (0 or NaN), or nothing. */
export interface Sign {
    readonly nonPositive: boolean;
    readonly nonNegative: boolean;
}
export declare const UNKNOWN: Sign;
/** >= 0 (or NaN): squares, sums of squares, absolute values, exps. */
export declare const NON_NEGATIVE: Sign;
/** The sign of a known number (NaN: both, as every fact allows NaN). */
export declare function signOfValue(v: number): Sign;
/**
 * The constants the row part reads: for each row-constant register offset (component k at
 * offset + 16 k) that the last write before the row part gave a CONST, its value.
 */
export declare function rowConstants(tape: Tape): Map<number, number>;
/** The signs of the constants (a part of the compiled code's key: the code depends on them). */
export declare function constantSignsKey(tape: Tape): string;
/** The sign of an element-wise op's result from its operands' (unknown where no rule applies). */
export declare function signOfOp(name: Opcode, a: Sign, b?: Sign): Sign;
