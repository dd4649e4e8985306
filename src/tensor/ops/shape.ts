/**
 * Shape ops: reshape (a view sharing data and version), transpose, narrow and select
 * (contiguous copies). Their gradients move the gradient back to the input's layout.
 */
import { ShapeError, ValueError, describe } from '../../errors.js';
import { attachGrad, gradNode } from '../../autograd/grad-node.js';
import { Tensor, allocateData, checkShape, viewOf } from '../tensor.js';
import { contiguousStrides, formatShape, sizeOf, stridedAssign, stridedCopy } from '../broadcast.js';
import { normalizeAxis } from './operands.js';

function tensorArg(op: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw new ValueError(`${op}: expected a Tensor, received ${describe(x)}`);
  return x;
}

/** The target shape with at most one -1 filled in so the element count is kept. */
function resolveShape(x: Tensor, shape: readonly number[]): number[] {
  const free = shape.filter((d) => d === -1).length;
  if (free > 1) throw new ShapeError(`reshape: only one dimension may be -1, received ${formatShape(shape)}`);
  const known = shape.map((d) => (d === -1 ? 1 : d));
  checkShape(known, 'reshape: shape');
  const rest = sizeOf(known);
  const out = [...shape];
  if (free === 1) {
    if (rest === 0 || x.size % rest !== 0) throw new ShapeError(`reshape: cannot reshape a tensor of shape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`);
    out[shape.indexOf(-1)] = x.size / rest;
  } else if (rest !== x.size) {
    throw new ShapeError(`reshape: cannot reshape a tensor of shape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)} (${rest} elements)`);
  }
  return out;
}

/**
 * The same elements in a new shape (one dimension may be -1). Like PyTorch's `view`, the
 * result shares `data` and the version counter with `x`.
 */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  const x = tensorArg('reshape', a);
  if (!Array.isArray(shape)) throw new ShapeError(`reshape: shape must be an array of integers, received ${describe(shape)}`);
  const out = viewOf(x, resolveShape(x, shape));
  return attachGrad(out, gradNode('ReshapeBackward', [x], (g) => [viewOf(g, x.shape)], []));
}

/** Swaps two axes (by default the last two), copying into row-major order. */
export function transpose(a: Tensor, axis0 = -2, axis1 = -1): Tensor {
  const x = tensorArg('transpose', a);
  const n = x.shape.length;
  const p = normalizeAxis('transpose', axis0, n, 'axis0');
  const q = normalizeAxis('transpose', axis1, n, 'axis1');
  const shape = [...x.shape];
  const strides = contiguousStrides(x.shape);
  [shape[p], shape[q]] = [shape[q]!, shape[p]!];
  [strides[p], strides[q]] = [strides[q]!, strides[p]!];
  const out = new Tensor(stridedCopy(x.data, 0, strides, shape, x.dtype), shape);
  return attachGrad(out, gradNode('TransposeBackward', [x], (g) => [transpose(g, p, q)], []));
}

/** `length` consecutive entries along `axis` starting at `start` (PyTorch's narrow), as a copy. */
export function narrow(a: Tensor, axis: number, start: number, length: number): Tensor {
  const x = tensorArg('narrow', a);
  const ax = normalizeAxis('narrow', axis, x.shape.length);
  const n = x.shape[ax]!;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < -n || start > n) {
    throw new ValueError(`narrow: start must be an integer in [${-n}, ${n}] for axis ${ax} of size ${n}, received ${describe(start)}`);
  }
  const from = start < 0 ? start + n : start;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || from + length > n) {
    throw new ValueError(`narrow: length must be an integer in [0, ${n - from}] (start ${from}, axis ${ax} of size ${n}), received ${describe(length)}`);
  }
  const strides = contiguousStrides(x.shape);
  const shape = [...x.shape];
  shape[ax] = length;
  const offset = from * strides[ax]!;
  const out = new Tensor(stridedCopy(x.data, offset, strides, shape, x.dtype), shape);
  return attachGrad(out, gradNode('NarrowBackward', [x], (g) => {
    const full = allocateData(g.dtype, x.size);
    stridedAssign(full, offset, strides, shape, g.data);
    return [new Tensor(full, x.shape)];
  }, []));
}

/** The slice at `index` along `axis`, with that axis removed (x[:, index] for axis 1). */
export function select(a: Tensor, axis: number, index: number): Tensor {
  const x = tensorArg('select', a);
  const ax = normalizeAxis('select', axis, x.shape.length);
  const n = x.shape[ax]!;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < -n || index >= n) {
    throw new ValueError(`select: index must be an integer in [${-n}, ${n - 1}] for axis ${ax} of size ${n}, received ${describe(index)}`);
  }
  return reshape(narrow(x, ax, index < 0 ? index + n : index, 1), x.shape.filter((_, k) => k !== ax));
}
