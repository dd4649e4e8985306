/**
 * Small differentiable primitives with custom backward rules, as GeomLoss defines them with
 * torch.autograd.Function: sqrt with a zero gradient at zero, gradient doubling, a value
 * with another tensor's gradient, and stacking scalars.
 */
import { attachGrad, gradNode } from '../autograd/grad-node.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { ShapeError } from '../errors.js';
/**
 * sqrt(max(x, 0)) whose gradient is 0 where the result is 0 (GeomLoss's `sqrt_0`): distances
 * between coincident points have a zero (sub)gradient instead of NaN.
 */
export function sqrt0(x) {
    const out = allocateData(x.dtype, x.size);
    const d = x.data;
    for (let k = 0; k < d.length; k++)
        out[k] = d[k] > 0 ? Math.sqrt(d[k]) : 0;
    const result = new Tensor(out, x.shape);
    return attachGrad(result, gradNode('Sqrt0Backward', [x], (g) => {
        const gi = allocateData(x.dtype, x.size);
        for (let k = 0; k < gi.length; k++)
            gi[k] = out[k] > 0 ? g.data[k] / (2 * out[k]) : 0;
        return [new Tensor(gi, x.shape)];
    }, [result]));
}
/** The identity whose backward doubles the gradient (GeomLoss's `double_grad`). */
export function doubleGrad(x) {
    const out = new Tensor(x.data, x.shape);
    return attachGrad(out, gradNode('DoubleGradBackward', [x], (g) => [g.mul(2)], []));
}
/**
 * A tensor holding `value` whose gradient flows into `graph` unchanged: `value` as the
 * forward result, `graph` for the backward pass (both of one shape).
 */
export function withValue(graph, value) {
    const data = allocateData(graph.dtype, graph.size);
    if (typeof value === 'number')
        data.fill(value);
    else {
        if (value.size !== graph.size)
            throw new ShapeError(`withValue: ${value.size} values for a tensor of ${graph.size}`);
        data.set(value.data);
    }
    const out = new Tensor(data, graph.shape);
    return attachGrad(out, gradNode('WithValueBackward', [graph], (g) => [g], []));
}
/** Stacks tensors of one shape along a new first axis (differentiable). */
export function stack(parts) {
    if (parts.length === 0)
        throw new ShapeError('stack: needs at least one tensor');
    const shape = parts[0].shape;
    const size = parts[0].size;
    const dtype = parts.some((t) => t.dtype === 'float64') ? 'float64' : parts[0].dtype;
    const data = allocateData(dtype, size * parts.length);
    parts.forEach((t, k) => {
        if (t.size !== size)
            throw new ShapeError('stack: every tensor must have the same shape');
        data.set(t.data, k * size);
    });
    const out = new Tensor(data, [parts.length, ...shape]);
    return attachGrad(out, gradNode('StackBackward', parts, (g) => parts.map((t, k) => {
        const gi = allocateData(t.dtype, size);
        for (let e = 0; e < size; e++)
            gi[e] = g.data[k * size + e];
        return new Tensor(gi, t.shape);
    }), []));
}
/** `t` converted to `dtype` (differentiable; the same tensor when it already has it). */
export function castTo(t, dtype) {
    if (t.dtype === dtype)
        return t;
    const data = allocateData(dtype, t.size);
    data.set(t.data);
    const out = new Tensor(data, t.shape);
    return attachGrad(out, gradNode('CastBackward', [t], (g) => [castTo(g, t.dtype)], []));
}
