import { DTypeError, ShapeError, ValueError, describe, checkOptions } from '../errors.js';
import { MAX_ARRAY_ELEMENTS, tooManyElements, allocationError } from './limits.js';
let methodOps = null;
export function registerTensorMethods(ops) {
    methodOps = ops;
}
function ops() {
    if (!methodOps)
        throw new Error('lazykernel: Tensor methods are not registered (import the package, or tensor/methods.js)');
    return methodOps;
}
let nextTensorId = 1;
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
export class Tensor {
    /** Unique identity, used by formulas to name their variables. */
    id = nextTensorId++;
    data;
    shape;
    dtype;
    requiresGrad;
    /** Gradient accumulated by `backward()` (leaves only), same shape and dtype; null until then. */
    grad = null;
    /** The operation that produced this tensor, for backward; null for leaves and untracked results. */
    gradFn = null;
    versionCounter;
    /**
     * Wraps `data` (not copied). `shareVersionWith` makes this a view of another tensor's
     * data that shares its version counter, as reshape and detach do.
     */
    constructor(data, shape, requiresGrad = false, shareVersionWith) {
        this.dtype = dtypeOf(data, 'Tensor: data');
        const size = checkShape(shape, 'Tensor: shape');
        if (data.length !== size) {
            throw new ShapeError(`Tensor: shape [${shape.join(', ')}] needs ${size} elements, data has ${data.length}`);
        }
        if (typeof requiresGrad !== 'boolean')
            throw new ValueError(`Tensor: requiresGrad must be true or false, received ${describe(requiresGrad)}`);
        if (requiresGrad && this.dtype === 'int32')
            throw new DTypeError('Tensor: requiresGrad needs a float32 or float64 tensor, received int32 data');
        if (shareVersionWith !== undefined && !(shareVersionWith instanceof Tensor)) {
            throw new DTypeError(`Tensor: shareVersionWith must be a Tensor, received ${describe(shareVersionWith)}`);
        }
        this.data = data;
        this.shape = [...shape];
        this.requiresGrad = requiresGrad;
        this.versionCounter = shareVersionWith ? shareVersionWith.versionCounter : { value: 0 };
    }
    /**
     * Number of elements.
     *
     * @example
     * ```ts
     * import { zeros } from 'lazykernel';
     * console.log(zeros([4, 3]).size); // => 12
     * ```
     */
    get size() {
        return this.data.length;
    }
    /**
     * Number of axes.
     *
     * @example
     * ```ts
     * import { zeros } from 'lazykernel';
     * console.log(zeros([4, 3]).ndim); // => 2
     * ```
     */
    get ndim() {
        return this.shape.length;
    }
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
    get version() {
        return this.versionCounter.value;
    }
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
    markChanged() {
        this.versionCounter.value++;
    }
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
    get isLeaf() {
        return this.gradFn === null;
    }
    /**
     * A flat row-major copy of the elements as a number array.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3, 4], [2, 2]).toArray()); // => [1, 2, 3, 4]
     * ```
     */
    toArray() {
        return Array.from(this.data);
    }
    /**
     * The elements as nested arrays, one level per axis (a number for a 0-d tensor).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3, 4], [2, 2]).tolist()); // => [[1, 2], [3, 4]]
     * ```
     */
    tolist() {
        const build = (axis, offset, stride) => {
            if (axis === this.shape.length)
                return this.data[offset];
            const n = this.shape[axis];
            const inner = stride / (n || 1);
            return Array.from({ length: n }, (_, k) => build(axis + 1, offset + k * inner, inner));
        };
        return build(0, 0, this.size);
    }
    /**
     * The single value of a one-element tensor.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3]).sum().item()); // => 6
     * ```
     */
    item() {
        if (this.size !== 1)
            throw new ValueError(`item: only a tensor with one element converts to a number; this one has shape [${this.shape.join(', ')}] (${this.size} elements)`);
        return this.data[0];
    }
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
    get(...index) {
        if (index.length !== this.shape.length)
            throw new ShapeError(`Tensor.get: expected ${this.shape.length} indices, received ${index.length}`);
        let flat = 0;
        for (let a = 0; a < index.length; a++) {
            const n = this.shape[a];
            const k = index[a];
            if (!Number.isInteger(k) || k < 0 || k >= n)
                throw new ValueError(`Tensor.get: index ${k} out of range for axis ${a} of size ${n}`);
            flat = flat * n + k;
        }
        return this.data[flat];
    }
    // ---- autograd ----
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
    backward(seed, options) {
        return ops().backward(this, seed, options);
    }
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
    zeroGrad() {
        this.grad = null;
    }
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
    requiresGrad_(flag = true) {
        if (typeof flag !== 'boolean')
            throw new ValueError(`requiresGrad_: flag must be true or false, received ${describe(flag)}`);
        if (flag && this.dtype === 'int32')
            throw new DTypeError('requiresGrad_: only float32 and float64 tensors can require grad, this one is int32');
        if (!flag && !this.isLeaf)
            throw new ValueError(`requiresGrad_: only leaf tensors can change requiresGrad; this one comes from ${this.gradFn.name} (use detach())`);
        this.requiresGrad = flag;
        return this;
    }
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
    detach() {
        return new Tensor(this.data, this.shape, false, this);
    }
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
    clone() {
        return ops().ew.clone(this);
    }
    // ---- element-wise (broadcasting like numpy) ----
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
    add(other) {
        return ops().ew.add(this, other);
    }
    /**
     * this - other.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([5, 7]).sub(tensor([1, 2]))); // => [4, 5]
     * ```
     */
    sub(other) {
        return ops().ew.sub(this, other);
    }
    /**
     * this * other.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3]).mul(2)); // => [2, 4, 6]
     * ```
     */
    mul(other) {
        return ops().ew.mul(this, other);
    }
    /**
     * this / other.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3]).div(tensor([2, 4, 8]))); // => [0.5, 0.5, 0.375]
     * ```
     */
    div(other) {
        return ops().ew.div(this, other);
    }
    /**
     * this ** exponent.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, 2, 3]).pow(2)); // => [1, 4, 9]
     * ```
     */
    pow(exponent) {
        return ops().ew.pow(this, exponent);
    }
    /**
     * Element-wise maximum with `other`.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([-1, 0.5, 2]).maximum(0)); // => [0, 0.5, 2]
     * ```
     */
    maximum(other) {
        return ops().ew.maximum(this, other);
    }
    /**
     * Element-wise minimum with `other`.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([-1, 0.5, 2]).minimum(tensor([0, 0, 3]))); // => [-1, 0, 2]
     * ```
     */
    minimum(other) {
        return ops().ew.minimum(this, other);
    }
    /**
     * -this.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, -2]).neg()); // => [-1, 2]
     * ```
     */
    neg() {
        return ops().ew.neg(this);
    }
    /**
     * e^this.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([0, 1]).exp()); // => [1, 2.71828]
     * ```
     */
    exp() {
        return ops().ew.exp(this);
    }
    /**
     * Natural logarithm.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([1, Math.E]).log()); // => [0, 1.0000]
     * ```
     */
    log() {
        return ops().ew.log(this);
    }
    /**
     * Square root.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([4, 9]).sqrt()); // => [2, 3]
     * ```
     */
    sqrt() {
        return ops().ew.sqrt(this);
    }
    /**
     * Absolute value.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([-1.5, 2]).abs()); // => [1.5, 2]
     * ```
     */
    abs() {
        return ops().ew.abs(this);
    }
    /**
     * this * this.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([-3, 2]).square()); // => [9, 4]
     * ```
     */
    square() {
        return ops().ew.square(this);
    }
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
    clamp(min, max) {
        return ops().ew.clamp(this, min, max);
    }
    // ---- reductions ----
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
    sum(axis, options) {
        return ops().red.sum(this, axis, options);
    }
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
    mean(axis, options) {
        return ops().red.mean(this, axis, options);
    }
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
    max(axis, options) {
        return ops().red.max(this, axis, options);
    }
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
    min(axis, options) {
        return ops().red.min(this, axis, options);
    }
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
    logsumexp(axis, options) {
        return ops().sm.logsumexp(this, axis, options);
    }
    /**
     * softmax along `axis` (default the last).
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([0, Math.log(3)]).softmax()); // => [0.25, 0.75]
     * ```
     */
    softmax(axis = -1) {
        return ops().sm.softmax(this, axis);
    }
    /**
     * log(softmax) along `axis` (default the last), computed stably.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(tensor([0, 0]).logSoftmax()); // => [-0.693147, -0.693147]
     * ```
     */
    logSoftmax(axis = -1) {
        return ops().sm.logSoftmax(this, axis);
    }
    // ---- linear algebra and shapes ----
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
    matmul(other) {
        return ops().matmul(this, other);
    }
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
    transpose(axis0 = -2, axis1 = -1) {
        return ops().sh.transpose(this, axis0, axis1);
    }
    reshape(...args) {
        return ops().sh.reshape(this, shapeArgs(args));
    }
    view(...args) {
        return ops().sh.reshape(this, shapeArgs(args));
    }
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
    narrow(axis, start, length) {
        return ops().sh.narrow(this, axis, start, length);
    }
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
    select(axis, index) {
        return ops().sh.select(this, axis, index);
    }
    /**
     * The shape and dtype (and gradient tracking), for logs: `Tensor(shape=[2, 3], dtype=float32)`.
     *
     * @example
     * ```ts
     * import { tensor } from 'lazykernel';
     * console.log(String(tensor([1, 2], [2], { requiresGrad: true }))); // => 'Tensor(shape=[2], dtype=float32, requiresGrad=true)'
     * ```
     */
    toString() {
        return `Tensor(shape=[${this.shape.join(', ')}], dtype=${this.dtype}${this.gradFn ? `, gradFn=${this.gradFn.name}` : this.requiresGrad ? ', requiresGrad=true' : ''})`;
    }
}
function shapeArgs(args) {
    const first = args[0];
    if (args.length === 1 && Array.isArray(first))
        return [...first];
    return args;
}
/** A tensor sharing `base`'s data and version counter with another shape (no graph). */
export function viewOf(base, shape) {
    return new Tensor(base.data, shape, false, base);
}
/** The dtype of a typed array, or a DTypeError naming `argName`. */
export function dtypeOf(data, argName) {
    if (data instanceof Float32Array)
        return 'float32';
    if (data instanceof Float64Array)
        return 'float64';
    if (data instanceof Int32Array)
        return 'int32';
    throw new DTypeError(`${argName}: expected a Float32Array, Float64Array or Int32Array, received ${describe(data)}`);
}
const ALLOCATE_ADVICE = 'work on blocks of rows (slices of the tensor) instead of one array, or use a lazy formula (Vi / Vj) that never materialises the full result';
/**
 * A zeroed array of `length` elements; a MemoryLimitError naming the size (instead of the
 * runtime's RangeError) when it is over the limit or cannot be allocated.
 */
function allocate(dtype, length, where = 'tensor') {
    if (length > MAX_ARRAY_ELEMENTS)
        throw tooManyElements(where, `a ${dtype} array`, length, ALLOCATE_ADVICE);
    try {
        if (dtype === 'float32')
            return new Float32Array(length);
        if (dtype === 'float64')
            return new Float64Array(length);
        return new Int32Array(length);
    }
    catch (e) {
        const bytes = length * (dtype === 'float64' ? 8 : 4);
        throw allocationError(e, where, `a ${dtype} array of ${length} elements`, bytes, dtype === 'float64' ? `use float32 (half the bytes), or ${ALLOCATE_ADVICE}` : ALLOCATE_ADVICE);
    }
}
/** The dtype argument of zeros / ones, or a DTypeError naming `where`. */
function checkDType(where, dtype) {
    if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
        throw new DTypeError(`${where}: dtype must be 'float32', 'float64' or 'int32', received ${describe(dtype)}`);
    }
    return dtype;
}
/** The entries of a shape-like array for messages (String() accepts symbols, unlike join). */
function listText(list) {
    return `[${list.slice(0, 16).map((x) => (typeof x === 'string' ? `'${x}'` : Array.isArray(x) ? `[${x.length} items]` : String(x))).join(', ')}${list.length > 16 ? ', ...' : ''}]`;
}
/** Checks that `shape` is a list of non-negative integers; returns the element count. */
export function checkShape(shape, argName) {
    if (!Array.isArray(shape))
        throw new ShapeError(`${argName}: expected an array of non-negative integers, received ${describe(shape)}`);
    let size = 1;
    for (const n of shape) {
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
            throw new ShapeError(`${argName}: expected non-negative integer dimensions, received ${listText(shape)}`);
        }
        size *= n;
    }
    return size;
}
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
export function tensor(data, shape, options = {}) {
    checkOptions('tensor', options, ['dtype', 'requiresGrad']);
    const { dtype, requiresGrad = false } = options;
    if (dtype !== undefined && dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
        throw new DTypeError(`tensor: options.dtype must be 'float32', 'float64' or 'int32', received ${describe(dtype)}`);
    }
    if (typeof requiresGrad !== 'boolean')
        throw new ValueError(`tensor: options.requiresGrad must be true or false, received ${describe(requiresGrad)}`);
    let array;
    if (Array.isArray(data)) {
        for (let k = 0; k < data.length; k++) {
            if (typeof data[k] !== 'number')
                throw new DTypeError(`tensor: data[${k}] must be a number, received ${describe(data[k])}`);
        }
        array = allocate(dtype ?? 'float32', data.length, 'tensor');
        array.set(data);
    }
    else {
        const own = dtypeOf(data, 'tensor: data');
        if (dtype !== undefined && dtype !== own) {
            throw new DTypeError(`tensor: options.dtype is '${dtype}' but data is a ${data.constructor.name} ('${own}'); convert the array or drop the option`);
        }
        array = data;
    }
    // An omitted shape is [data.length]; null is not a shape.
    const dims = shape === undefined ? [array.length] : shape;
    const size = checkShape(dims, 'tensor: shape');
    if (array.length !== size) {
        throw new ShapeError(`tensor: shape [${dims.join(', ')}] needs ${size} elements, data has ${array.length}`);
    }
    if (requiresGrad && array instanceof Int32Array) {
        throw new DTypeError('tensor: requiresGrad needs a float32 or float64 tensor, received int32 data');
    }
    return new Tensor(array, dims, requiresGrad);
}
/**
 * A zero-filled tensor.
 *
 * @example
 * ```ts
 * import { zeros } from 'lazykernel';
 * console.log(zeros([2, 2], 'float64')); // => [[0, 0], [0, 0]]
 * ```
 */
export function zeros(shape, dtype = 'float32') {
    const size = checkShape(shape, 'zeros: shape');
    return new Tensor(allocate(checkDType('zeros', dtype), size, `zeros (shape [${shape.join(', ')}])`), shape);
}
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
export function ones(shape, dtype = 'float32') {
    const size = checkShape(shape, 'ones: shape');
    return new Tensor(allocate(checkDType('ones', dtype), size, `ones (shape [${shape.join(', ')}])`).fill(1), shape);
}
export { allocate as allocateData };
