export type DType = 'float32' | 'float64' | 'int32';
export type TypedArrayOf<D extends DType> = D extends 'float32' ? Float32Array : D extends 'float64' ? Float64Array : Int32Array;
export type DataArray = Float32Array | Float64Array | Int32Array;
/** Options accepted by `tensor()`. */
export interface TensorOptions {
    dtype?: DType;
    requiresGrad?: boolean;
}
/**
 * A dense, row-major host tensor.
 * `version` increases whenever the data is changed through the library, so engines can
 * cache device copies of unchanged inputs; `grad` and `requiresGrad` are for host autograd.
 */
export declare class Tensor {
    /** Unique identity, used by formulas to name their variables. */
    readonly id: number;
    readonly data: DataArray;
    readonly shape: number[];
    readonly dtype: DType;
    requiresGrad: boolean;
    grad: Tensor | null;
    /** Incremented by `markChanged()`; part of the key of cached device copies. */
    version: number;
    constructor(data: DataArray, shape: readonly number[], requiresGrad?: boolean);
    /** Number of elements. */
    get size(): number;
    /** Tells cached device copies that `data` was written in place. */
    markChanged(): void;
    /** A plain nested-array view for printing and tests. */
    toArray(): number[];
    /** Element at a multi-index (row-major). */
    get(...index: number[]): number;
    toString(): string;
}
/** The dtype of a typed array, or a DTypeError naming `argName`. */
export declare function dtypeOf(data: unknown, argName: string): DType;
declare function allocate(dtype: DType, length: number): DataArray;
/** Checks that `shape` is a list of non-negative integers; returns the element count. */
export declare function checkShape(shape: unknown, argName: string): number;
/**
 * Creates a Tensor. `data` is a typed array (its type gives the dtype) or a number array
 * (float32 unless `dtype` says otherwise). `shape` defaults to `[data.length]`.
 */
export declare function tensor(data: DataArray | number[], shape?: readonly number[], options?: TensorOptions): Tensor;
/** A zero-filled tensor. */
export declare function zeros(shape: readonly number[], dtype?: DType): Tensor;
export { allocate as allocateData };
