import type { OpSpec } from '../op-spec.js';
/** Rounds half away from zero, the C `round` that KeOps uses. */
export declare function roundHalfAway(x: number): number;
/** x^n for an integer n by repeated multiplication, as KeOps's Pow does. */
export declare function intPow(x: number, n: number): number;
export declare const unaryOps: OpSpec[];
/** Validates the integer attribute of Pow and Round. */
export declare function checkIntAttr(where: string, name: string, value: unknown): number;
