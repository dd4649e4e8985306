/**
 * scipy-style linear operators: anything that maps a vector to a vector. Kernel LazyTensors,
 * dense Tensors and user callbacks become operators that compose (add, sub, scalar mul,
 * matmul, transpose) without materialising anything, and that the solvers (eigsh, cg) take.
 * Unlike scipy, the dtype survives composition.
 */
import { Tensor } from '../tensor/tensor.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import { type Backend } from '../api/reduce.js';
import { type RangesTuple } from '../api/ranges.js';
import { type FloatDType, type VectorLike } from './arrays.js';
/** Options of one application of an operator. */
export interface ApplyOptions {
    /** Stops the work (reductions included); the promise then rejects with an AbortError. */
    signal?: AbortSignal;
}
/**
 * Applies an operator to a float64 row-major block X of `cols` columns; resolves to the
 * float64 row-major result. The currency of composition.
 */
export type BlockApply = (X: Float64Array, cols: number, signal: AbortSignal | undefined) => Promise<Float64Array>;
/** What `new LinearOperator` needs. Most users call `aslinearoperator`, `diags` or `identity`. */
export interface LinearOperatorSpec {
    readonly shape: readonly [number, number];
    /** The dtype results come back in; `flexible` operators (identity, diags of numbers) adopt their partner's. */
    readonly dtype: FloatDType;
    readonly flexible?: boolean;
    /** X -> A X. */
    readonly forward: BlockApply;
    /** X -> A^T X; absent when the operator cannot be transposed (a callback without rmatvec). */
    readonly adjoint?: BlockApply;
    /** Name shown by toString. */
    readonly name: string;
}
/** The third form `aslinearoperator` accepts: scipy's LinearOperator(shape, matvec, rmatvec). */
export interface MatvecObject {
    readonly shape: readonly number[];
    /** v (a Tensor [M] of the operator's dtype) -> A v, as a Tensor [N] or [N, 1], a typed array or a number array; may be async. */
    matvec(v: Tensor): VectorLike | Promise<VectorLike>;
    /** v (a Tensor [N]) -> A^T v. */
    rmatvec?(v: Tensor): VectorLike | Promise<VectorLike>;
    /** V (a Tensor [M, k]) -> A V as [N, k]; defaults to k calls of matvec. */
    matmat?(V: Tensor): Tensor | Promise<Tensor>;
    /** Default 'float64'. */
    readonly dtype?: FloatDType;
}
/** Options of `aslinearoperator` for LazyTensors: those of the reductions it runs. */
export interface AsLinearOperatorOptions {
    backend?: Backend;
    /** Block-sparse ranges (KeOps 6-tuple) for both reductions (axis 1 for matvec, 0 for rmatvec). */
    ranges?: RangesTuple;
}
/** An [N, M] linear map applied through matvec / matmat, in the style of scipy.sparse.linalg. */
export declare class LinearOperator {
    readonly shape: readonly [number, number];
    readonly dtype: FloatDType;
    /** True when the dtype was not fixed by any operand (identity, diags of plain numbers). */
    readonly flexible: boolean;
    readonly name: string;
    private readonly forward;
    private readonly adjoint;
    constructor(spec: LinearOperatorSpec);
    /** A v for v of shape [M] or [M, 1]; resolves to a Tensor [N] of this operator's dtype. */
    matvec(v: VectorLike, options?: ApplyOptions): Promise<Tensor>;
    /** A^T v for v of shape [N] or [N, 1]; resolves to a Tensor [M]. */
    rmatvec(v: VectorLike, options?: ApplyOptions): Promise<Tensor>;
    /** A V for V of shape [M, k]: for kernel operators, the k columns go through one reduction. */
    matmat(V: VectorLike, options?: ApplyOptions): Promise<Tensor>;
    /** A^T U for U of shape [N, k]. */
    rmatmat(U: VectorLike, options?: ApplyOptions): Promise<Tensor>;
    /**
     * A X for a float64 row-major block of `cols` columns, without argument checks: what the
     * solvers call. The result is float64 whatever the operator's dtype.
     */
    apply(X: Float64Array, cols: number, signal?: AbortSignal): Promise<Float64Array>;
    /** A^T X, like `apply`. */
    applyAdjoint(X: Float64Array, cols: number, signal?: AbortSignal): Promise<Float64Array>;
    /** True when `applyAdjoint` works. */
    get hasAdjoint(): boolean;
    /** this + B (same shape). */
    add(B: LinearOperator): LinearOperator;
    /** this - B (same shape). */
    sub(B: LinearOperator): LinearOperator;
    /** alpha * this, for a finite number alpha. */
    mul(alpha: number): LinearOperator;
    /** -this. */
    neg(): LinearOperator;
    /** The product this B: X -> this(B X), of shape [N, B.shape[1]]. */
    matmul(B: LinearOperator): LinearOperator;
    /** A^T, of shape [M, N]. */
    transpose(): LinearOperator;
    /** Alias of transpose(), like scipy's `.T`. */
    get T(): LinearOperator;
    /** The dense [N, M] float64 matrix, one block of columns at a time; for small operators and tests. */
    toDense(options?: ApplyOptions): Promise<Tensor>;
    toString(): string;
    private specOf;
    private combine;
}
/**
 * Wraps a LazyTensor [N, M], a dense Tensor [N, M] or a `{ shape, matvec, rmatvec? }` object
 * as a LinearOperator (a LinearOperator is returned as is). A LazyTensor's matvec is
 * `K.mul(Vj(v)).sum(1)`; matmat sends every column through that one reduction.
 */
export declare function aslinearoperator(x: LazyTensor | Tensor | MatvecObject | LinearOperator, options?: AsLinearOperatorOptions): LinearOperator;
/** Options of `diags` and `identity`. */
export interface DiagonalOptions {
    /** Fixes the operator's dtype; by default a Tensor's dtype, and flexible for numbers. */
    dtype?: FloatDType;
}
/**
 * The diagonal operator diag(d), for d a Tensor [N] (or [N, 1]), a typed array or numbers.
 * A float32 Tensor gives a float32 operator; plain numbers adopt the dtype of what they meet.
 */
export declare function diags(d: VectorLike, options?: DiagonalOptions): LinearOperator;
/** The identity operator of size n; its dtype adapts to what it is combined with unless fixed. */
export declare function identity(n: number, options?: DiagonalOptions): LinearOperator;
