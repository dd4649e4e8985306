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
import { type ReductionCluster } from '../api/cluster-option.js';
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
    /** Runs every matvec on this cluster (`connect()` of 'lazykernel/distributed'). */
    cluster?: ReductionCluster;
}
/**
 * An [N, M] linear map applied through matvec / matmat, in the style of scipy.sparse.linalg.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, aslinearoperator, diags, eigsh } from 'lazykernel';
 * const X = tensor(Float64Array.from({ length: 50 }, (_, k) => k / 10), [50, 1]);
 * const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());   // LinearOperator [50, 50]
 * const d = await K.matvec(new Float64Array(50).fill(1));        // degrees: K 1
 * const L = diags(d).sub(K);                                     // graph Laplacian D - K, never dense
 * const { values } = await eigsh(L, { k: 2, which: 'SA' });
 * console.log(Math.abs(values[0]) < 1e-8);                       // => true
 * ```
 */
export declare class LinearOperator {
    readonly shape: readonly [number, number];
    readonly dtype: FloatDType;
    /** True when the dtype was not fixed by any operand (identity, diags of plain numbers). */
    readonly flexible: boolean;
    readonly name: string;
    private readonly forward;
    private readonly backward;
    constructor(spec: LinearOperatorSpec);
    /**
     * A v for v of shape [M] or [M, 1]; resolves to a Tensor [N] of this operator's dtype.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.matvec([1, 1])); // => [3, 7]
     * ```
     */
    matvec(v: VectorLike, options?: ApplyOptions): Promise<Tensor>;
    /**
     * A^T v for v of shape [N] or [N, 1]; resolves to a Tensor [M].
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.rmatvec([1, 1])); // => [4, 6]
     * ```
     */
    rmatvec(v: VectorLike, options?: ApplyOptions): Promise<Tensor>;
    /**
     * A V for V of shape [M, k]: for kernel operators, the k columns go through one reduction.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { tensor as t } from 'lazykernel';
     * console.log(await A.matmat(t([1, 0, 0, 1], [2, 2]))); // => [[1, 2], [3, 4]]
     * ```
     */
    matmat(V: VectorLike, options?: ApplyOptions): Promise<Tensor>;
    /**
     * A^T U for U of shape [N, k].
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { tensor as t } from 'lazykernel';
     * console.log(await A.rmatmat(t([1, 0, 0, 1], [2, 2]))); // => [[1, 3], [2, 4]]
     * ```
     */
    rmatmat(U: VectorLike, options?: ApplyOptions): Promise<Tensor>;
    /**
     * A X for a float64 row-major block of `cols` columns, without argument checks: what the
     * solvers call. The result is float64 whatever the operator's dtype.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * // two columns [1, 0] and [1, 1], row-major: rows (1, 1) and (0, 1)
     * console.log(await A.apply(Float64Array.of(1, 1, 0, 1), 2)); // => [1, 3, 3, 7]
     * ```
     */
    apply(X: Float64Array, cols: number, signal?: AbortSignal): Promise<Float64Array>;
    /**
     * A^T X, like `apply`.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.applyAdjoint(Float64Array.of(1, 1), 1)); // => [4, 6]
     * ```
     */
    applyAdjoint(X: Float64Array, cols: number, signal?: AbortSignal): Promise<Float64Array>;
    /**
     * True when `applyAdjoint` works.
     *
     * @example
     * ```ts
     * import { aslinearoperator, type Tensor } from 'lazykernel';
     * const f = aslinearoperator({ shape: [2, 2], matvec: (v: Tensor) => v.mul(2) });
     * console.log(f.hasAdjoint); // => false
     * const g = aslinearoperator({ shape: [2, 2], matvec: (v: Tensor) => v.mul(2), rmatvec: (v: Tensor) => v.mul(2) });
     * console.log(g.hasAdjoint); // => true
     * ```
     */
    get hasAdjoint(): boolean;
    /**
     * this + B (same shape).
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { identity } from 'lazykernel';
     * console.log(await A.add(identity(2)).matvec([1, 1])); // => [4, 8]
     * ```
     */
    add(B: LinearOperator): LinearOperator;
    /**
     * this - B (same shape).
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { identity } from 'lazykernel';
     * console.log(await A.sub(identity(2)).matvec([1, 1])); // => [2, 6]
     * ```
     */
    sub(B: LinearOperator): LinearOperator;
    /**
     * alpha * this for a finite number alpha, or the product this B for an operator B (scipy's
     * `A * B` and `A.dot(B)` on LinearOperators: the same as matmul).
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.mul(10).matvec([1, 1])); // => [30, 70]
     * console.log(await A.mul(A).matvec([1, 0]));  // => [7, 15]
     * ```
     */
    mul(alpha: number | LinearOperator): LinearOperator;
    /**
     * this^p for an integer p >= 0 (square operators): p applications in a row, never a dense
     * matrix; p = 0 is the identity (scipy's `A ** p`).
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 1, 0, 1], [2, 2], { dtype: 'float64' }));   // [[1, 1], [0, 1]]
     * console.log(await A.pow(3).matvec([0, 1])); // => [3, 1]
     * console.log(await A.pow(0).matvec([5, 7])); // => [5, 7]
     * ```
     */
    pow(p: number): LinearOperator;
    /**
     * -this.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.neg().matvec([1, 1])); // => [-3, -7]
     * ```
     */
    neg(): LinearOperator;
    /**
     * The product this B: X -> this(B X), of shape [N, B.shape[1]].
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * // A^T A, the normal equations' operator, applied as two matvecs
     * console.log(await A.T.matmul(A).matvec([1, 0])); // => [10, 14]
     * ```
     */
    matmul(B: LinearOperator): LinearOperator;
    /**
     * A^T, of shape [M, N].
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.transpose().matvec([1, 0])); // => [1, 2]
     * ```
     */
    transpose(): LinearOperator;
    /**
     * Alias of transpose(), like scipy's `.T`.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(A.T.shape);              // => [2, 2]
     * console.log(await A.T.matvec([0, 1])); // => [3, 4]
     * ```
     */
    get T(): LinearOperator;
    /**
     * The adjoint (conjugate transpose): the transpose, since lazykernel's operators are real.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * console.log(await A.adjoint().matvec([1, 0])); // => [1, 2]
     * ```
     */
    adjoint(): LinearOperator;
    /**
     * Alias of adjoint(), like scipy's `.H`.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4, 5, 6], [2, 3], { dtype: 'float64' }));
     * console.log(A.H.shape);                // => [3, 2]
     * console.log(await A.H.matvec([1, 1])); // => [5, 7, 9]
     * ```
     */
    get H(): LinearOperator;
    /**
     * The dense [N, M] float64 matrix, one block of columns at a time; for small operators and tests.
     *
     * @example
     * ```ts
     * import { tensor, aslinearoperator } from 'lazykernel';
     * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }));   // [[1, 2], [3, 4]]
     * import { identity } from 'lazykernel';
     * console.log(await A.add(identity(2).mul(10)).toDense()); // => [[11, 2], [3, 14]]
     * ```
     */
    toDense(options?: ApplyOptions): Promise<Tensor>;
    /**
     * The shape, dtype and how the operator was composed, for logs.
     *
     * @example
     * ```ts
     * import { identity } from 'lazykernel';
     * console.log(String(identity(3).mul(2))); // => 'LinearOperator(shape=[3, 3], dtype=float64): 2 * I(3)'
     * ```
     */
    toString(): string;
    private specOf;
    private combine;
}
/**
 * Wraps a LazyTensor [N, M], a dense Tensor [N, M] or a `{ shape, matvec, rmatvec? }` object
 * as a LinearOperator (a LinearOperator is returned as is). A LazyTensor's matvec is
 * `K.mul(Vj(v)).sum(1)`; matmat sends every column through that one reduction.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, aslinearoperator, type Tensor } from 'lazykernel';
 * const X = tensor([0, 1, 2], [3, 1], { dtype: 'float64' });
 * const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());   // a kernel LazyTensor
 * console.log(await K.matvec([1, 0, 0]));                       // => [1, 0.36788, 0.01832]
 * const A = aslinearoperator(tensor([2, 0, 0, 3], [2, 2]));      // a dense Tensor
 * console.log(await A.matvec([1, 1]));                          // => [2, 3]
 * const F = aslinearoperator({ shape: [2, 2], matvec: (v: Tensor) => v.mul(5) });   // scipy's LinearOperator(shape, matvec)
 * console.log(await F.matvec([1, 2]));                          // => [5, 10]
 * ```
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
 *
 * With offsets, scipy's `diags(diagonals, offsets, shape)`: a banded operator whose diagonal
 * `offsets[t]` (0 the main one, k > 0 above it, k < 0 below) holds `diagonals[t]`, a vector of
 * that diagonal's length or a number repeated along it. The shape defaults to square, of size
 * len(diagonals[0]) + |offsets[0]|. Applied band by band; nothing dense.
 *
 * @example
 * ```ts
 * import { diags } from 'lazykernel';
 * const D = diags([1, 2, 3]);
 * console.log(await D.matvec([1, 1, 1])); // => [1, 2, 3]
 * // The 1-D Laplacian tridiag(1, -2, 1) on 4 points, and a superdiagonal
 * const L = diags([1, -2, 1], [-1, 0, 1], [4, 4]);
 * console.log(await L.matvec([1, 2, 3, 4])); // => [0, 0, 0, -5]
 * console.log(await diags([5, 6], 1).matvec([1, 1, 1])); // => [5, 6, 0]
 * ```
 */
export declare function diags(d: VectorLike, options?: DiagonalOptions): LinearOperator;
export declare function diags(diagonals: VectorLike | readonly (VectorLike | number)[], offsets: number | readonly number[], shape?: readonly [number, number], options?: DiagonalOptions): LinearOperator;
/**
 * The identity operator of size n; its dtype adapts to what it is combined with unless fixed.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, identity } from 'lazykernel';
 * const A = aslinearoperator(tensor([1, 2, 3, 4], [2, 2]));
 * const shifted = A.add(identity(2).mul(0.5));   // A + 0.5 I, as scipy's aslinearoperator(A) + 0.5 * identity
 * console.log(await shifted.matvec([1, 0]));     // => [1.5, 3]
 * ```
 */
export declare function identity(n: number, options?: DiagonalOptions): LinearOperator;
