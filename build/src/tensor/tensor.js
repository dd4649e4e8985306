import { DTypeError, ShapeError, ValueError, describe, checkOptions } from '../errors.js';
let nextTensorId = 1;
/**
 * A dense, row-major host tensor.
 * `version` increases whenever the data is changed through the library, so engines can
 * cache device copies of unchanged inputs; `grad` and `requiresGrad` are for host autograd.
 */
export class Tensor {
    /** Unique identity, used by formulas to name their variables. */
    id = nextTensorId++;
    data;
    shape;
    dtype;
    requiresGrad;
    grad = null;
    /** Incremented by `markChanged()`; part of the key of cached device copies. */
    version = 0;
    constructor(data, shape, requiresGrad = false) {
        this.data = data;
        this.shape = [...shape];
        this.dtype = dtypeOf(data, 'data');
        this.requiresGrad = requiresGrad;
    }
    /** Number of elements. */
    get size() {
        return this.data.length;
    }
    /** Tells cached device copies that `data` was written in place. */
    markChanged() {
        this.version++;
    }
    /** A plain nested-array view for printing and tests. */
    toArray() {
        return Array.from(this.data);
    }
    /** Element at a multi-index (row-major). */
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
    toString() {
        return `Tensor(shape=[${this.shape.join(', ')}], dtype=${this.dtype})`;
    }
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
function allocate(dtype, length) {
    if (dtype === 'float32')
        return new Float32Array(length);
    if (dtype === 'float64')
        return new Float64Array(length);
    return new Int32Array(length);
}
/** Checks that `shape` is a list of non-negative integers; returns the element count. */
export function checkShape(shape, argName) {
    if (!Array.isArray(shape))
        throw new ShapeError(`${argName}: expected an array of non-negative integers, received ${describe(shape)}`);
    let size = 1;
    for (const n of shape) {
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
            throw new ShapeError(`${argName}: expected non-negative integer dimensions, received [${shape.join(', ')}]`);
        }
        size *= n;
    }
    return size;
}
/**
 * Creates a Tensor. `data` is a typed array (its type gives the dtype) or a number array
 * (float32 unless `dtype` says otherwise). `shape` defaults to `[data.length]`.
 */
export function tensor(data, shape, options = {}) {
    checkOptions('tensor', options, ['dtype', 'requiresGrad']);
    const { dtype, requiresGrad = false } = options;
    if (dtype !== undefined && dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
        throw new DTypeError(`tensor: options.dtype must be 'float32', 'float64' or 'int32', received ${describe(dtype)}`);
    }
    let array;
    if (Array.isArray(data)) {
        for (let k = 0; k < data.length; k++) {
            if (typeof data[k] !== 'number')
                throw new DTypeError(`tensor: data[${k}] must be a number, received ${describe(data[k])}`);
        }
        array = allocate(dtype ?? 'float32', data.length);
        array.set(data);
    }
    else {
        const own = dtypeOf(data, 'tensor: data');
        if (dtype !== undefined && dtype !== own) {
            throw new DTypeError(`tensor: options.dtype is '${dtype}' but data is a ${data.constructor.name} ('${own}'); convert the array or drop the option`);
        }
        array = data;
    }
    const dims = shape ?? [array.length];
    const size = checkShape(dims, 'tensor: shape');
    if (array.length !== size) {
        throw new ShapeError(`tensor: shape [${dims.join(', ')}] needs ${size} elements, data has ${array.length}`);
    }
    if (requiresGrad && array instanceof Int32Array) {
        throw new DTypeError('tensor: requiresGrad needs a float32 or float64 tensor, received int32 data');
    }
    return new Tensor(array, dims, requiresGrad);
}
/** A zero-filled tensor. */
export function zeros(shape, dtype = 'float32') {
    const size = checkShape(shape, 'zeros: shape');
    return new Tensor(allocate(dtype, size), shape);
}
export { allocate as allocateData };
