/**
 * Host reductions over one or more axes: sum, mean, max, min (numpy's amax/amin: values
 * only). Accumulation is in float64. max/min share their gradient equally among ties.
 */
import { ValueError, checkOptions, describe } from '../../errors.js';
import { attachGrad, gradNode } from '../../autograd/grad-node.js';
import { Tensor, allocateData } from '../tensor.js';
import { broadcastTo, formatShape, mapBinary, reduceToShape } from '../broadcast.js';
import { floatTensor, normalizeAxes } from './operands.js';
import { div, mul } from './elementwise.js';
function plan(op, a, axis, options) {
    checkOptions(op, options, ['keepdims']);
    const keepdims = options?.keepdims ?? false;
    if (typeof keepdims !== 'boolean')
        throw new ValueError(`${op}: options.keepdims must be a boolean, received ${describe(keepdims)}`);
    const x = floatTensor(op, a);
    const axes = normalizeAxes(op, axis, x.shape.length);
    const keepShape = x.shape.map((d, k) => (axes.includes(k) ? 1 : d));
    const outShape = keepdims ? keepShape : x.shape.filter((_, k) => !axes.includes(k));
    const count = axes.reduce((n, k) => n * x.shape[k], 1);
    return { x, keepShape, outShape, count };
}
/** `g` (of the reduced shape) viewed with the reduced axes kept, then spread over `shape`. */
function spread(g, keepShape, shape) {
    return broadcastTo(new Tensor(g.data, keepShape), shape);
}
/** Sum over `axis` (all axes by default). */
export function sum(a, axis, options) {
    const { x, keepShape, outShape } = plan('sum', a, axis, options);
    const out = new Tensor(reduceToShape(x, keepShape, 'sum'), outShape);
    return attachGrad(out, gradNode('SumBackward', [x], (g) => [spread(g, keepShape, x.shape)], []));
}
/**
 * The gradient of a mean: g / count spread over `shape`. A scalar g without a graph of its
 * own (the usual loss.mean()) is one fill instead of a broadcast and a division.
 */
function meanGrad(g, keepShape, shape, count) {
    if (g.size === 1 && !g.requiresGrad) {
        const size = shape.reduce((a, b) => a * b, 1);
        return new Tensor(allocateData(g.dtype, size).fill(g.data[0] / count), shape);
    }
    return div(spread(g, keepShape, shape), count);
}
/** Mean over `axis` (all axes by default); NaN over an empty axis. */
export function mean(a, axis, options) {
    const { x, keepShape, outShape, count } = plan('mean', a, axis, options);
    const sums = reduceToShape(x, keepShape, 'sum', 'float64');
    const data = x.dtype === 'float64' ? sums : new Float32Array(sums.length);
    for (let k = 0; k < sums.length; k++)
        data[k] = sums[k] / count;
    const out = new Tensor(data, outShape);
    return attachGrad(out, gradNode('MeanBackward', [x], (g) => [meanGrad(g, keepShape, x.shape, count)], []));
}
function extreme(op, a, axis, options) {
    const { x, keepShape, outShape, count } = plan(op, a, axis, options);
    if (count === 0) {
        throw new ValueError(`${op}: cannot reduce an empty axis of a tensor of shape ${formatShape(x.shape)} (${op} has no identity)`);
    }
    const combine = op;
    const values = reduceToShape(x, keepShape, combine);
    const out = new Tensor(values, outShape);
    const name = op === 'max' ? 'MaxBackward' : 'MinBackward';
    return attachGrad(out, gradNode(name, [x], (g) => {
        const best = new Tensor(values, keepShape);
        const hit = new Tensor(mapBinary(x, best, x.shape, x.dtype, (v, m) => (v === m ? 1 : 0)), x.shape);
        const ties = new Tensor(reduceToShape(hit, keepShape, 'sum'), keepShape);
        return [mul(div(hit, ties), new Tensor(g.data, keepShape))];
    }, [x, out]));
}
/** Largest value over `axis` (all axes by default); NaN propagates. */
export function max(a, axis, options) {
    return extreme('max', a, axis, options);
}
/** Smallest value over `axis` (all axes by default); NaN propagates. */
export function min(a, axis, options) {
    return extreme('min', a, axis, options);
}
