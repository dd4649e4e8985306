/**
 * Conversions between the user's vectors (Tensors, typed arrays, number arrays) and the
 * float64 row-major blocks the solvers work on, with the argument checks they share.
 */
import { Tensor } from '../tensor/tensor.js';
/** float32 or float64: the dtypes an operator computes in. */
import type { FloatDType } from '../tape/request.js';
export type { FloatDType };
/** A vector or block argument: a Tensor, a typed array or a number array. */
export type VectorLike = Tensor | Float32Array | Float64Array | Int32Array | readonly number[];
/**
 * `x` as a float64 copy with `rows` rows: a [rows] vector gives one column, [rows, k] gives k
 * (row-major). `maxCols` 1 accepts vectors only ([rows] or [rows, 1]).
 */
export declare function toBlock(where: string, argName: string, x: unknown, rows: number, maxCols?: number): {
    data: Float64Array;
    cols: number;
};
/** Throws a ValueError naming `argName` when `x` holds NaN or an infinity. */
export declare function checkFinite(where: string, argName: string, x: ArrayLike<number>): void;
/** A Tensor of `dtype` holding `data` (converted when the dtype differs). */
export declare function tensorOf(data: Float64Array, shape: readonly number[], dtype: FloatDType): Tensor;
export { checkSignal, throwIfAborted } from '../abort.js';
/** A positive integer option, or its default when undefined. */
export declare function positiveInt(where: string, name: string, value: unknown, fallback: number): number;
/** A finite non-negative number option, or its default when undefined. */
export declare function nonNegative(where: string, name: string, value: unknown, fallback: number): number;
/** A boolean option, or its default when undefined. */
export declare function booleanOption(where: string, name: string, value: unknown, fallback: boolean): boolean;
/** Checks that an optional callback is a function. */
export declare function checkCallback<F>(where: string, name: string, value: unknown): F | undefined;
/** Euclidean norm of a float64 array. */
export declare function norm(a: Float64Array): number;
/**
 * Dot product of two float64 arrays, in four interleaved partial sums: one running sum makes
 * every add wait for the previous one (4 cycles each), which bounded eigsh's reorthogonalisation
 * on kernel operators; four are as accurate (each adds a quarter of the terms).
 */
export declare function dot(a: Float64Array, b: Float64Array): number;
/** The row-major [rows, columns.length] block whose columns are `columns`. */
export declare function packColumns(columns: readonly Float64Array[], rows: number): Float64Array;
/** The columns of a row-major [rows, cols] block, as separate arrays. */
export declare function unpackColumns(block: Float64Array, rows: number, cols: number): Float64Array[];
