// Signs the compiled tier can prove about a row kernel's values, so that an exp whose argument is
// never positive (a Gaussian kernel's exp(c |x - y|^2) with c <= 0) takes exp's shorter form
// (no upper clamp, 2^n in one factor: the same bits there, test/math.test.mjs). Every fact holds
// with NaN lanes too ("x <= 0 or NaN"), which is all that form needs; +-0 satisfy both signs.
import { OPCODES, INSTR_WIDTH, FLAG } from '../tape/opcodes.js';
export const UNKNOWN = { nonPositive: false, nonNegative: false };
/** >= 0 (or NaN): squares, sums of squares, absolute values, exps. */
export const NON_NEGATIVE = { nonPositive: false, nonNegative: true };
/** The sign of a known number (NaN: both, as every fact allows NaN). */
export function signOfValue(v) {
    return { nonPositive: !(v > 0), nonNegative: !(v < 0) };
}
/**
 * The constants the row part reads: for each row-constant register offset (component k at
 * offset + 16 k) that the last write before the row part gave a CONST, its value.
 */
export function rowConstants(tape) {
    const known = new Map();
    for (let t = 0; t < tape.jEnd; t++) {
        const w = t * INSTR_WIDTH;
        if ((tape.code[w + 8] & FLAG.OUT_UNIFORM) === 0)
            continue;
        const out = tape.code[w + 1];
        const dim = tape.code[w + 5];
        const isConst = OPCODES[tape.code[w]] === 'CONST';
        for (let k = 0; k < dim; k++) {
            if (isConst)
                known.set(out + 16 * k, tape.consts[tape.code[w + 6]]);
            else
                known.delete(out + 16 * k);
        }
    }
    return known;
}
/** The signs of the constants (a part of the compiled code's key: the code depends on them). */
export function constantSignsKey(tape) {
    const parts = [];
    for (const [offset, v] of rowConstants(tape)) {
        const s = signOfValue(v);
        parts.push(`${offset}${s.nonPositive ? (s.nonNegative ? '0' : '-') : s.nonNegative ? '+' : '?'}`);
    }
    return parts.sort().join(',');
}
/** The sign of an element-wise op's result from its operands' (unknown where no rule applies). */
export function signOfOp(name, a, b = UNKNOWN) {
    switch (name) {
        case 'SQUARE':
        case 'ABS':
        case 'SQRT':
        case 'EXP':
        case 'EXPMUL':
        case 'EXPSUB':
        case 'SQDIST':
            return NON_NEGATIVE;
        case 'NEG':
            return { nonPositive: a.nonNegative, nonNegative: a.nonPositive };
        case 'ADD':
            return { nonPositive: a.nonPositive && b.nonPositive, nonNegative: a.nonNegative && b.nonNegative };
        case 'SUB':
            return { nonPositive: a.nonPositive && b.nonNegative, nonNegative: a.nonNegative && b.nonPositive };
        case 'MUL':
            return {
                nonPositive: (a.nonNegative && b.nonPositive) || (a.nonPositive && b.nonNegative),
                nonNegative: (a.nonNegative && b.nonNegative) || (a.nonPositive && b.nonPositive),
            };
        case 'MIN':
            return { nonPositive: a.nonPositive || b.nonPositive, nonNegative: a.nonNegative && b.nonNegative };
        case 'MAX':
            return { nonPositive: a.nonPositive && b.nonPositive, nonNegative: a.nonNegative || b.nonNegative };
        default:
            return UNKNOWN;
    }
}
