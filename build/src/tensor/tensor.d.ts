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
    /** Number of elements. */
    get size(): number;
    /** Number of axes. */
    get ndim(): number;
    /** Incremented by `markChanged()`; part of the key of cached device copies. */
    get version(): number;
    /** Tells cached device copies (and autograd) that `data` was written in place. */
    markChanged(): void;
    /** True for tensors not produced by a recorded operation (created by the user, or detached). */
    get isLeaf(): boolean;
    /** A flat row-major copy of the elements as a number array. */
    toArray(): number[];
    /** The elements as nested arrays, one level per axis (a number for a 0-d tensor). */
    tolist(): NestedNumbers;
    /** The single value of a one-element tensor. */
    item(): number;
    /** Element at a multi-index (row-major). */
    get(...index: number[]): number;
    /**
     * Back-propagates from this tensor: adds d(this)/d(leaf) into `.grad` of every leaf that
     * requires grad. A non-scalar needs `seed`, the gradient of the objective w.r.t. this tensor.
     */
    backward(seed?: Seed, options?: BackwardOptions): Promise<void>;
    /** Drops the accumulated gradient (`grad = null`), like PyTorch's `zero_grad(set_to_none=True)`. */
    zeroGrad(): void;
    /** Turns gradient tracking of a leaf on or off; returns this tensor. */
    requiresGrad_(flag?: boolean): this;
    /** The same data (and version counter) outside the graph: no gradFn, no requiresGrad. */
    detach(): Tensor;
    /** A copy with its own data; differentiable. */
    clone(): Tensor;
    /** this + other. */
    add(other: Operand): Tensor;
    /** this - other. */
    sub(other: Operand): Tensor;
    /** this * other. */
    mul(other: Operand): Tensor;
    /** this / other. */
    div(other: Operand): Tensor;
    /** this ** exponent. */
    pow(exponent: Operand): Tensor;
    /** Element-wise maximum with `other`. */
    maximum(other: Operand): Tensor;
    /** Element-wise minimum with `other`. */
    minimum(other: Operand): Tensor;
    /** -this. */
    neg(): Tensor;
    /** e^this. */
    exp(): Tensor;
    /** Natural logarithm. */
    log(): Tensor;
    /** Square root. */
    sqrt(): Tensor;
    /** Absolute value. */
    abs(): Tensor;
    /** this * this. */
    square(): Tensor;
    /** Clamps into [min, max]; either bound may be null. */
    clamp(min?: number | null, max?: number | null): Tensor;
    /** Sum over `axis` (one, several, or all axes by default). */
    sum(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /** Mean over `axis` (all axes by default). */
    mean(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /** Largest value over `axis` (all axes by default); values only, like numpy's amax. */
    max(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /** Smallest value over `axis` (all axes by default). */
    min(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /** log(sum(exp(this))) over `axis`, computed without overflow. */
    logsumexp(axis?: Axis, options?: TensorReduceOptions): Tensor;
    /** softmax along `axis` (default the last). */
    softmax(axis?: number): Tensor;
    /** log(softmax) along `axis` (default the last), computed stably. */
    logSoftmax(axis?: number): Tensor;
    /** Matrix product (numpy matmul: 1-D promotion, batch broadcasting). */
    matmul(other: Tensor): Tensor;
    /** Swaps two axes, by default the last two. */
    transpose(axis0?: number, axis1?: number): Tensor;
    /** The same elements in a new shape (one dimension may be -1); shares data, like PyTorch's view. */
    reshape(shape: readonly number[]): Tensor;
    reshape(...shape: number[]): Tensor;
    /** Alias of `reshape`, for code ported from PyTorch. */
    view(shape: readonly number[]): Tensor;
    view(...shape: number[]): Tensor;
    /** `length` entries along `axis` from `start` (a copy). */
    narrow(axis: number, start: number, length: number): Tensor;
    /** The slice at `index` along `axis`, that axis removed (`x[:, k]` is `x.select(1, k)`). */
    select(axis: number, index: number): Tensor;
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
 */
export declare function tensor(data: DataArray | number[], shape?: readonly number[], options?: TensorOptions): Tensor;
/** A zero-filled tensor. */
export declare function zeros(shape: readonly number[], dtype?: DType): Tensor;
/** A tensor filled with ones. */
export declare function ones(shape: readonly number[], dtype?: DType): Tensor;
export { allocate as allocateData };
