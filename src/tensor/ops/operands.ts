/**
 * Argument checks shared by the host ops: float operands, number promotion, axes.
 * Numbers take the dtype of the tensor they meet; two tensors give float64 if either is.
 */
import { DTypeError, ValueError, describe } from '../../errors.js';
import { Tensor, allocateData } from '../tensor.js';
import { formatShape } from '../broadcast.js';

export type { Operand } from '../tensor.js';

/** The dtypes host arithmetic runs in. */
export type FloatDType = 'float32' | 'float64';

/** `x` as a float32/float64 Tensor, or a DTypeError naming `op` and `argName`. */
export function floatTensor(op: string, x: unknown, argName = 'x'): Tensor {
  if (!(x instanceof Tensor)) throw new DTypeError(`${op}: ${argName} must be a Tensor, received ${describe(x)}`);
  if (x.dtype === 'int32') throw new DTypeError(`${op}: ${argName} is an int32 Tensor of shape ${formatShape(x.shape)}; ${op} needs float32 or float64`);
  return x;
}

/** A 0-d tensor holding `value`. */
export function scalarTensor(value: number, dtype: FloatDType): Tensor {
  const data = allocateData(dtype, 1);
  data[0] = value;
  return new Tensor(data, []);
}

/** Both operands as float tensors of one result dtype; numbers become 0-d tensors. */
export function binaryOperands(op: string, a: unknown, b: unknown): [Tensor, Tensor, FloatDType] {
  const aNum = typeof a === 'number';
  const bNum = typeof b === 'number';
  if (aNum && bNum) throw new DTypeError(`${op}: at least one operand must be a Tensor, received two numbers`);
  if (aNum) {
    const y = floatTensor(op, b, 'the second operand');
    return [scalarTensor(a, y.dtype as FloatDType), y, y.dtype as FloatDType];
  }
  const x = floatTensor(op, a, 'the first operand');
  if (bNum) return [x, scalarTensor(b, x.dtype as FloatDType), x.dtype as FloatDType];
  const y = floatTensor(op, b, 'the second operand');
  return [x, y, x.dtype === 'float64' || y.dtype === 'float64' ? 'float64' : 'float32'];
}

/** A possibly negative axis as an index in [0, ndim), or a ValueError naming `op`. */
export function normalizeAxis(op: string, axis: unknown, ndim: number, argName = 'axis'): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new ValueError(`${op}: ${argName} must be an integer in [${-ndim}, ${ndim - 1}] for a tensor with ${ndim} axes, received ${describe(axis)}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Reduction axes, sorted and distinct; `undefined`/`null` means every axis. */
export function normalizeAxes(op: string, axis: unknown, ndim: number): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, k) => k);
  const list = Array.isArray(axis) ? axis : [axis];
  const axes = list.map((a: unknown) => normalizeAxis(op, a, ndim));
  const sorted = [...new Set(axes)].sort((p, q) => p - q);
  if (sorted.length !== axes.length) throw new ValueError(`${op}: axis lists an axis twice, received [${list.join(', ')}]`);
  return sorted;
}
