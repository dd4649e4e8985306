import type { BoundVariable } from '../tape/request.js';
/** Bytes of a variable's copy: `rows` rows of an i-variable, `paddedCols` lanes of a j-variable's tiles. */
export declare function varBytes(v: BoundVariable, rows: number, paddedCols: number, esz: number): number;
/** Writes rows [r0, r1) of an i-variable or parameter (row-major) at `at`, converted to the element size. */
export declare function writeRows(buffer: ArrayBuffer, at: number, v: BoundVariable, r0: number, r1: number, esz: number): void;
/** Writes columns [c0, c1) of a j-variable at `at` as [dim][paddedCols], zero-padded, spare tile zeroed. */
export declare function writeColumns(buffer: ArrayBuffer, at: number, v: BoundVariable, c0: number, c1: number, paddedCols: number, esz: number): void;
/** Writes a whole variable at `at` in its layout. */
export declare function writeVariable(buffer: ArrayBuffer, at: number, v: BoundVariable, paddedCols: number, esz: number): void;
