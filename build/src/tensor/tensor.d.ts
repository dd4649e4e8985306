import type { BackwardOptions, Seed } from '../autograd/backward.js';
import type { GradNode } from '../autograd/grad-node.js';
import type { Axis, TensorReduceOptions } from './ops/reduce.js';
/**
 * The ops behind Tensor's methods. The ops construct Tensors, so this module cannot import
 * them (that was an import cycle): tensor/methods.ts imports them and registers them here when
 * it loads (the package's index imports it first; package.json lists it under sideEffects).
 */
export interface TensorMethodOps {
    readonly ew: typeof import('./ops/elementwise.js');
    readonly red: typeof import('./ops/reduce.js');
    readonly sh: typeof import('./ops/shape.js');
    readonly sm: typeof import('./ops/softmax.js');
    readonly matmul: typeof import('./ops/matmul.js').matmul;
    readonly backward: typeof import('../autograd/backward.js').backward;
}
export declare function registerTensorMethods(ops: TensorMethodOps): void;
export type DType = 'float32' | 'float64' | 'int32';
export type TypedArrayOf<D extends DType> = D extends 'float32' ? Float32Array : D extends 'float64' ? Float64Array : Int32Array;
export type DataArray = Float32Array | Float64Array | Int32Array;
/** Options accepted by `tensor()`. */
export interface TensorOptions {
    dtype?: DType;
    requiresGrad?: boolean;
}
/** What `tolist()` returns: numbers nested one array level per axis. */
export type NestedNumbers = number | NestedNumbers[];
/** A host-op operand: a Tensor, or a number that takes the tensor's dtype. */
export type Operand = Tensor | number;
/**
 * A dense, row-major host tensor.
 * `version` increases whenever the data is changed through the library, so engines can
 * cache device copies of unchanged inputs and autograd can detect in-place writes to
 * values a gradient needs. `grad`, `requiresGrad` and `gradFn` are for host autograd:
 * a tensor computed from others that require grad records the operation in `gradFn`,
 * and `await loss.backward()` fills `.grad` of the leaves.
 *
 * @example
 * ```ts
 * import { tensor } from 'lazykernel';
 * const X = tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);   // dtype from the array type
 * console.log(X.shape); // => [2, 3]
 * console.log(X.dtype); // => 'float32'
 * console.log(X.data);  // => [1, 2, 3, 4, 5, 6]
 * ```
 */
export declare class Tensor {
    /** Unique identity, used by formulas to name their variables. */
    readonly id: number;
    readonly data: DataArray;
    readonly shape: number[];
    readonly dtype: DType;
    requiresGrad: boolean;
    /** Gradient accumulated by `backward()` (leaves only), same shape and dtype; null until then. */
    grad: Tensor | null;
    /** The operation that produced this tensor, for backward; null for leaves and untracked results. */
    gradFn: GradNode | null;
    private readonly versionCounter;
    /**
     * Wraps `data` (not copied). `shareVersionWith` makes this a view of another tensor's
     * data that shares its version counter, as reshape and detach do.
     */
    constructor(data: DataArray, shape: readonly number[], requiresGrad?: boolean, shareVersionWith?: Tensor);
    /**
     * Number of elements.
     *
     * @example
     * ```ts
     * import { zeros } from 'lazykernel';
     * console.log(zeros([4, 3]).size); // => 12
     * ```
     */
    get size(): number;
    /**
     * Number of axes.
     *
     * @example
     * ```ts
     * import { zeros } from 'lazykernel';
     * console.log(zeros([4, 3]).ndim); // => 2
     * ```
     */
    get ndim(): number;
    /**
     * Incremented by `markChanged()`; part of the key of cached device copies.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const x = tensor([1, 2, 3]);
     * x.data[0] = 10;        // written in place...
     * x.markChanged();       // ...so engines re-upload their cached copy
     * console.log(x.version); // => 1
     * ```
     */
    get version(): number;
    /**
     * Tells cached device copies (and autograd) that `data` was written in place.
     *
     * @example
     * ```ts
     * import { tensor, Vi, Vj } from 'lazykernel';
     * const X = tensor([0, 1, 2], [3, 1]);
     * const K = Vi(X).sqdist(Vj(X)).neg().exp();
     * await K.sum(1);
     * X.data[2] = 5;         // in-place write
     * X.markChanged();       // the next reduction reads the new value
     * console.log(await K.sum(1)); // => [[1.368], [1.368], [1]]
     * ```
     */
    markChanged(): void;
    /**
     * True for tensors not produced by a recorded operation (created by the user, or detached).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const w = tensor([1, 2], [2], { requiresGrad: true });
     * console.log(w.isLeaf);        // => true
     * console.log(w.mul(2).isLeaf); // => false
     * ```
     */
    get isLeaf(): boolean;
    /**
     * A flat row-major copy of the elements as a number array.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3, 4], [2, 2]).toArray()); // => [1, 2, 3, 4]
     * ```
     */
    toArray(): number[];
    /**
     * The elements as nested arrays, one level per axis (a number for a 0-d tensor).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3, 4], [2, 2]).tolist()); // => [[1, 2], [3, 4]]
     * ```
     */
    tolist(): NestedNumbers;
    /**
     * The single value of a one-element tensor.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3]).sum().item()); // => 6
     * ```
     */
    item(): number;
    /**
     * Element at a multi-index (row-major).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
     * console.log(A.get(1, 0)); // => 4
     * ```
     */
    get(...index: number[]): number;
    /**
     * Back-propagates from this tensor: adds d(this)/d(leaf) into `.grad` of every leaf that
     * requires grad. A non-scalar needs `seed`, the gradient of the objective w.r.t. this tensor.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const w = tensor([1, 2, 3], [3], { requiresGrad: true });
     * const loss = w.square().sum();   // sum w^2
     * await loss.backward();
     * console.log(w.grad);             // => [2, 4, 6]
     * ```
     */
    backward(seed?: Seed, options?: BackwardOptions): Promise<void>;
    /**
     * Drops the accumulated gradient (`grad = null`), like PyTorch's `zero_grad(set_to_none=True)`.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const w = tensor([1, 2], [2], { requiresGrad: true });
     * await w.sum().backward();
     * w.zeroGrad();                    // before the next backward, or gradients add up
     * console.log(w.grad);             // => null
     * ```
     */
    zeroGrad(): void;
    /**
     * Turns gradient tracking of a leaf on or off; returns this tensor.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const w = tensor([0.5, -1]).requiresGrad_();
     * await w.mul(3).sum().backward();
     * console.log(w.grad); // => [3, 3]
     * ```
     */
    requiresGrad_(flag?: boolean): this;
    /**
     * The same data (and version counter) outside the graph: no gradFn, no requiresGrad.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const w = tensor([1, 2], [2], { requiresGrad: true });
     * const frozen = w.mul(2).detach();   // a constant from now on
     * console.log(frozen.requiresGrad);   // => false
     * ```
     */
    detach(): Tensor;
    /**
     * A copy with its own data; differentiable.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const a = tensor([1, 2, 3]);
     * const b = a.clone();
     * b.data[0] = 9;
     * console.log(a.data[0]); // => 1
     * ```
     */
    clone(): Tensor;
    /**
     * this + other.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const a = tensor([1, 2, 3, 4], [2, 2]);
     * console.log(a.add(tensor([10, 20]))); // => [[11, 22], [13, 24]]
     * console.log(a.add(1));                // => [[2, 3], [4, 5]]
     * ```
     */
    add(other: Operand): Tensor;
    /**
     * this - other.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([5, 7]).sub(tensor([1, 2]))); // => [4, 5]
     * ```
     */
    sub(other: Operand): Tensor;
    /**
     * this * other.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3]).mul(2)); // => [2, 4, 6]
     * ```
     */
    mul(other: Operand): Tensor;
    /**
     * this / other.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3]).div(tensor([2, 4, 8]))); // => [0.5, 0.5, 0.375]
     * ```
     */
    div(other: Operand): Tensor;
    /**
     * this ** exponent.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3]).pow(2)); // => [1, 4, 9]
     * ```
     */
    pow(exponent: Operand): Tensor;
    /**
     * Element-wise maximum with `other`.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([-1, 0.5, 2]).maximum(0)); // => [0, 0.5, 2]
     * ```
     */
    maximum(other: Operand): Tensor;
    /**
     * Element-wise minimum with `other`.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([-1, 0.5, 2]).minimum(tensor([0, 0, 3]))); // => [-1, 0, 2]
     * ```
     */
    minimum(other: Operand): Tensor;
    /**
     * -this.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, -2]).neg()); // => [-1, 2]
     * ```
     */
    neg(): Tensor;
    /**
     * e^this.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([0, 1]).exp()); // => [1, 2.71828]
     * ```
     */
    exp(): Tensor;
    /**
     * Natural logarithm.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, Math.E]).log()); // => [0, 1.0000]
     * ```
     */
    log(): Tensor;
    /**
     * Square root.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([4, 9]).sqrt()); // => [2, 3]
     * ```
     */
    sqrt(): Tensor;
    /**
     * Absolute value.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([-1.5, 2]).abs()); // => [1.5, 2]
     * ```
     */
    abs(): Tensor;
    /**
     * this * this.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([-3, 2]).square()); // => [9, 4]
     * ```
     */
    square(): Tensor;
    /**
     * Clamps into [min, max]; either bound may be null.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const t = tensor([-2, 0.5, 3]);
     * console.log(t.clamp(0, 1));    // => [0, 0.5, 1]
     * console.log(t.clamp(null, 1)); // => [-2, 0.5, 1]
     * ```
     */
    clamp(min?: number | null, max?: number | null): Tensor;
    /**
     * Sum over `axis` (one, several, or all axes by default).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
     * console.log(A.sum());  // => 21
     * console.log(A.sum(0)); // => [5, 7, 9]
     * console.log(A.sum(1)); // => [6, 15]
     * ```
     */
    sum(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /**
     * Mean over `axis` (all axes by default).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
     * console.log(A.mean());  // => 3.5
     * console.log(A.mean(1)); // => [2, 5]
     * ```
     */
    mean(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /**
     * Largest value over `axis` (all axes by default); values only, like numpy's amax.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 5, 3, 4, 2, 6], [2, 3]);
     * console.log(A.max());  // => 6
     * console.log(A.max(1)); // => [5, 6]
     * ```
     */
    max(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /**
     * Smallest value over `axis` (all axes by default).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 5, 3, 4, 2, 6], [2, 3]);
     * console.log(A.min(0)); // => [1, 2, 3]
     * ```
     */
    min(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /**
     * log(sum(exp(this))) over `axis`, computed without overflow.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const t = tensor([1000, 1000], [2], { dtype: 'float64' });
     * console.log(t.logsumexp()); // => 1000.693147
     * ```
     */
    logsumexp(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /**
     * softmax along `axis` (default the last).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([0, Math.log(3)]).softmax()); // => [0.25, 0.75]
     * ```
     */
    softmax(axis?: number): Tensor;
    /**
     * log(softmax) along `axis` (default the last), computed stably.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([0, 0]).logSoftmax()); // => [-0.693147, -0.693147]
     * ```
     */
    logSoftmax(axis?: number): Tensor;
    /**
     * Matrix product (numpy matmul: 1-D promotion, batch broadcasting).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 2, 3, 4], [2, 2]);
     * console.log(A.matmul(tensor([1, 1], [2, 1]))); // => [[3], [7]]
     * console.log(A.matmul(tensor([1, 0])));         // => [1, 3]
     * ```
     */
    matmul(other: Tensor): Tensor;
    /**
     * Swaps two axes, by default the last two.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
     * console.log(A.transpose().shape); // => [3, 2]
     * console.log(A.transpose(0, 1));   // => [[1, 4], [2, 5], [3, 6]]
     * ```
     */
    transpose(axis0?: number, axis1?: number): Tensor;
    /**
     * The same elements in a new shape (one dimension may be -1); shares data, like PyTorch's view.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const t = tensor([1, 2, 3, 4, 5, 6]);
     * console.log(t.reshape([2, 3]).shape); // => [2, 3]
     * console.log(t.reshape(3, -1).shape);  // => [3, 2]
     * ```
     */
    reshape(shape: readonly number[]): Tensor;
    reshape(...shape: number[]): Tensor;
    /**
     * Alias of `reshape`, for code ported from PyTorch.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3, 4]).view(2, 2)); // => [[1, 2], [3, 4]]
     * ```
     */
    view(shape: readonly number[]): Tensor;
    view(...shape: number[]): Tensor;
    /**
     * `length` entries along `axis` from `start` (a copy).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
     * console.log(A.narrow(1, 1, 2)); // => [[2, 3], [5, 6]]
     * ```
     */
    narrow(axis: number, start: number, length: number): Tensor;
    /**
     * The slice at `index` along `axis`, that axis removed (`x[:, k]` is `x.select(1, k)`).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * const A = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
     * console.log(A.select(1, 0)); // => [1, 4]
     * ```
     */
    select(axis: number, index: number): Tensor;
    /**
     * The shape and dtype (and gradient tracking), for logs: `Tensor(shape=[2, 3], dtype=float32)`.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(String(tensor([1, 2], [2], { requiresGrad: true }))); // => 'Tensor(shape=[2], dtype=float32, requiresGrad=true)'
     * ```
     */
    toString(): string;
}
/** A tensor sharing `base`'s data and version counter with another shape (no graph). */
export declare function viewOf(base: Tensor, shape: readonly number[]): Tensor;
/** The dtype of a typed array, or a DTypeError naming `argName`. */
export declare function dtypeOf(data: unknown, argName: string): DType;
/**
 * A zeroed array of `length` elements; a MemoryLimitError naming the size (instead of the
 * runtime's RangeError) when it is over the limit or cannot be allocated.
 */
declare function allocate(dtype: DType, length: number, where?: string): DataArray;
/** Checks that `shape` is a list of non-negative integers; returns the element count. */
export declare function checkShape(shape: unknown, argName: string): number;
/**
 * Creates a Tensor. `data` is a typed array (its type gives the dtype) or a number array
 * (float32 unless `dtype` says otherwise). `shape` defaults to `[data.length]`.
 *
 * @example
 * ```ts
 * import { tensor } from 'lazykernel';
 * const X = tensor(new Float32Array(4 * 3), [4, 3]);             // float32, from the array type
 * const W = tensor([1, 2, 3], [3], { dtype: 'float64', requiresGrad: true });
 * console.log(X.shape); // => [4, 3]
 * console.log(W.dtype); // => 'float64'
 * ```
 */
export declare function tensor(data: DataArray | number[], shape?: readonly number[], options?: TensorOptions): Tensor;
/**
 * A zero-filled tensor.
 *
 * @example
 * ```ts
 * import { zeros } from 'lazykernel';
 * console.log(zeros([2, 2], 'float64')); // => [[0, 0], [0, 0]]
 * ```
 */
export declare function zeros(shape: readonly number[], dtype?: DType): Tensor;
/**
 * A tensor filled with ones.
 *
 * @example
 * ```ts
 * import { ones } from 'lazykernel';
 * const b = ones([5, 1]);       // e.g. the weights of a kernel sum
 * console.log(b.toArray());     // => [1, 1, 1, 1, 1]
 * ```
 */
export declare function ones(shape: readonly number[], dtype?: DType): Tensor;
export { allocate as allocateData };
