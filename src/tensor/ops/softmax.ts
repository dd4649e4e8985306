/**
 * softmax, logSoftmax and logsumexp along axes, computed stably: the maximum along the axis
 * is subtracted before exponentiating (and ignored when infinite, like PyTorch).
 */
import { ValueError, checkOptions, describe } from '../../errors.js';
import { attachGrad, gradNode } from '../../autograd/grad-node.js';
import { Tensor, allocateData } from '../tensor.js';
import { mapBinary, reduceToShape } from '../broadcast.js';
import { floatTensor, normalizeAxes, normalizeAxis } from './operands.js';
import { exp, mul, sub } from './elementwise.js';
import { sum, type Axis, type TensorReduceOptions } from './reduce.js';

interface Shifted {
  /** max along the axes (0 where infinite), keep-dims shape. */
  shift: Tensor;
  /** exp(x - shift), float64, x's shape. */
  e: Tensor;
  /** sum of e along the axes, float64, keep-dims shape. */
  sums: Float64Array;
}

function shiftedExp(x: Tensor, keepShape: readonly number[]): Shifted {
  const m = reduceToShape(x, keepShape, 'max', 'float64');
  for (let k = 0; k < m.length; k++) if (!Number.isFinite(m[k]!)) m[k] = 0;
  const shift = new Tensor(m, keepShape);
  const e = new Tensor(mapBinary(x, shift, x.shape, 'float64', (v, s) => Math.exp(v - s)), x.shape);
  const sums = reduceToShape(e, keepShape, 'sum', 'float64') as Float64Array;
  return { shift, e, sums };
}

function keepShapeOf(x: Tensor, axes: readonly number[]): number[] {
  return x.shape.map((d, k) => (axes.includes(k) ? 1 : d));
}

/** exp(x) / sum(exp(x)) along `axis` (default the last). */
export function softmax(a: Tensor, axis = -1): Tensor {
  const x = floatTensor('softmax', a);
  const ax = normalizeAxis('softmax', axis, x.shape.length);
  const keep = keepShapeOf(x, [ax]);
  const { e, sums } = shiftedExp(x, keep);
  const out = new Tensor(mapBinary(e, new Tensor(sums, keep), x.shape, x.dtype, (v, s) => v / s), x.shape);
  return attachGrad(out, gradNode('SoftmaxBackward', [x], (g) => [
    mul(out, sub(g, sum(mul(g, out), ax, { keepdims: true }))),
  ], [out]));
}

/** x - log(sum(exp(x))) along `axis` (default the last). */
export function logSoftmax(a: Tensor, axis = -1): Tensor {
  const x = floatTensor('logSoftmax', a);
  const ax = normalizeAxis('logSoftmax', axis, x.shape.length);
  const keep = keepShapeOf(x, [ax]);
  const { shift, sums } = shiftedExp(x, keep);
  // (x - max) - log(sum): subtracting the large shift first keeps the result exact to an ulp of itself.
  const centred = new Tensor(mapBinary(x, shift, x.shape, 'float64', (v, m) => v - m), x.shape);
  const logSums = new Tensor(sums.map(Math.log), keep);
  const out = new Tensor(mapBinary(centred, logSums, x.shape, x.dtype, (v, l) => v - l), x.shape);
  return attachGrad(out, gradNode('LogSoftmaxBackward', [x], (g) => [
    sub(g, mul(exp(out), sum(g, ax, { keepdims: true }))),
  ], [out]));
}

/** log(sum(exp(x))) over `axis` (all axes by default), without overflow. */
export function logsumexp(a: Tensor, axis?: Axis, options?: TensorReduceOptions): Tensor {
  checkOptions('logsumexp', options, ['keepdims']);
  const keepdims = options?.keepdims ?? false;
  if (typeof keepdims !== 'boolean') throw new ValueError(`logsumexp: options.keepdims must be a boolean, received ${describe(keepdims)}`);
  const x = floatTensor('logsumexp', a);
  const axes = normalizeAxes('logsumexp', axis, x.shape.length);
  const keep = keepShapeOf(x, axes);
  const { shift, sums } = shiftedExp(x, keep);
  const data = allocateData(x.dtype, sums.length);
  for (let k = 0; k < sums.length; k++) data[k] = shift.data[k]! + Math.log(sums[k]!);
  const out = new Tensor(data, keepdims ? keep : x.shape.filter((_, k) => !axes.includes(k)));
  return attachGrad(out, gradNode('LogsumexpBackward', [x], (g) => [
    mul(new Tensor(g.data, keep), exp(sub(x, new Tensor(out.data, keep)))),
  ], [x, out]));
}
