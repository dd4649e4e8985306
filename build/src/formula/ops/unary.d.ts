import type { OpSpec } from '../op-spec.js';
/** Rounds half away from zero, the C `round` that KeOps uses. */
export declare function roundHalfAway(x: number): number;
/** x^n for an integer n by repeated multiplication, as KeOps's Pow does. */
export declare function intPow(x: number, n: number): number;
/** KeOps's XLogX: x log x, 0 at x = 0 (NaN for x < 0). */
export declare function xlogx(x: number): number;
/** KeOps's SinXDivX: sin(x) / x, 1 at x = 0. */
export declare function sinxdivx(x: number): number;
export declare const unaryOps: OpSpec[];
/**
 * Validates an integer attribute (Pow's exponent, Round's decimals, Elem's and Extract's
 * indices): tapes carry attributes as int32, so larger integers are refused rather than wrapped.
 */
export declare function checkIntAttr(where: string, name: string, value: unknown): number;
