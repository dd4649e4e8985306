import { DTypeError, ShapeError, ValueError, describe, checkOptions } from '../errors.js';

export type DType = 'float32' | 'float64' | 'int32';
export type TypedArrayOf<D extends DType> = D extends 'float32' ? Float32Array : D extends 'float64' ? Float64Array : Int32Array;
export type DataArray = Float32Array | Float64Array | Int32Array;

let nextTensorId = 1;

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
export class Tensor {
  /** Unique identity, used by formulas to name their variables. */
  readonly id: number = nextTensorId++;
  readonly data: DataArray;
  readonly shape: number[];
  readonly dtype: DType;
  requiresGrad: boolean;
  grad: Tensor | null = null;
  /** Incremented by `markChanged()`; part of the key of cached device copies. */
  version = 0;

  constructor(data: DataArray, shape: readonly number[], requiresGrad = false) {
    this.data = data;
    this.shape = [...shape];
    this.dtype = dtypeOf(data, 'data');
    this.requiresGrad = requiresGrad;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Tells cached device copies that `data` was written in place. */
  markChanged(): void {
    this.version++;
  }

  /** A plain nested-array view for printing and tests. */
  toArray(): number[] {
    return Array.from(this.data);
  }

  /** Element at a multi-index (row-major). */
  get(...index: number[]): number {
    if (index.length !== this.shape.length) throw new ShapeError(`Tensor.get: expected ${this.shape.length} indices, received ${index.length}`);
    let flat = 0;
    for (let a = 0; a < index.length; a++) {
      const n = this.shape[a]!;
      const k = index[a]!;
      if (!Number.isInteger(k) || k < 0 || k >= n) throw new ValueError(`Tensor.get: index ${k} out of range for axis ${a} of size ${n}`);
      flat = flat * n + k;
    }
    return this.data[flat]!;
  }

  toString(): string {
    return `Tensor(shape=[${this.shape.join(', ')}], dtype=${this.dtype})`;
  }
}

/** The dtype of a typed array, or a DTypeError naming `argName`. */
export function dtypeOf(data: unknown, argName: string): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  throw new DTypeError(`${argName}: expected a Float32Array, Float64Array or Int32Array, received ${describe(data)}`);
}

function allocate(dtype: DType, length: number): DataArray {
  if (dtype === 'float32') return new Float32Array(length);
  if (dtype === 'float64') return new Float64Array(length);
  return new Int32Array(length);
}

/** Checks that `shape` is a list of non-negative integers; returns the element count. */
export function checkShape(shape: unknown, argName: string): number {
  if (!Array.isArray(shape)) throw new ShapeError(`${argName}: expected an array of non-negative integers, received ${describe(shape)}`);
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
export function tensor(data: DataArray | number[], shape?: readonly number[], options: TensorOptions = {}): Tensor {
  checkOptions('tensor', options, ['dtype', 'requiresGrad']);
  const { dtype, requiresGrad = false } = options;
  if (dtype !== undefined && dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
    throw new DTypeError(`tensor: options.dtype must be 'float32', 'float64' or 'int32', received ${describe(dtype)}`);
  }
  let array: DataArray;
  if (Array.isArray(data)) {
    for (let k = 0; k < data.length; k++) {
      if (typeof data[k] !== 'number') throw new DTypeError(`tensor: data[${k}] must be a number, received ${describe(data[k])}`);
    }
    array = allocate(dtype ?? 'float32', data.length);
    array.set(data);
  } else {
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
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  const size = checkShape(shape, 'zeros: shape');
  return new Tensor(allocate(dtype, size), shape);
}

export { allocate as allocateData };
