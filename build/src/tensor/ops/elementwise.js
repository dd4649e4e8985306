/**
 * Element-wise host ops with numpy broadcasting, each with its derivative beside it.
 * A binary op's gradient is summed back to each operand's shape (`sumToShape`).
 */
import { ValueError, describe } from '../../errors.js';
import { attachGrad, gradNode } from '../../autograd/grad-node.js';
import { Tensor } from '../tensor.js';
import { broadcastShapes, mapBinary, mapUnary, sumToShape } from '../broadcast.js';
import { binaryOperands, floatTensor } from './operands.js';
/** Forward of a broadcasting binary op: the two operands and the result. */
function binary(op, a, b, f) {
    const [x, y, dtype] = binaryOperands(op, a, b);
    const shape = broadcastShapes(op, x.shape, y.shape);
    return [x, y, new Tensor(mapBinary(x, y, shape, dtype, f), shape)];
}
/** Forward of a unary op. */
function unary(op, a, f) {
    const x = floatTensor(op, a);
    return [x, new Tensor(mapUnary(x, x.dtype, f), x.shape)];
}
/** `g` summed to the shape of `x` when `x` wants a gradient, else null. */
function gradFor(x, g) {
    return x.requiresGrad ? sumToShape(g(), x.shape) : null;
}
/** a + b. */
export function add(a, b) {
    const [x, y, out] = binary('add', a, b, (p, q) => p + q);
    return attachGrad(out, gradNode('AddBackward', [x, y], (g) => [gradFor(x, () => g), gradFor(y, () => g)], []));
}
/** a - b. */
export function sub(a, b) {
    const [x, y, out] = binary('sub', a, b, (p, q) => p - q);
    return attachGrad(out, gradNode('SubBackward', [x, y], (g) => [gradFor(x, () => g), gradFor(y, () => neg(g))], []));
}
/** a * b. */
export function mul(a, b) {
    const [x, y, out] = binary('mul', a, b, (p, q) => p * q);
    return attachGrad(out, gradNode('MulBackward', [x, y], (g) => [gradFor(x, () => mul(g, y)), gradFor(y, () => mul(g, x))]));
}
/** a / b. */
export function div(a, b) {
    const [x, y, out] = binary('div', a, b, (p, q) => p / q);
    return attachGrad(out, gradNode('DivBackward', [x, y], (g) => [
        gradFor(x, () => div(g, y)),
        gradFor(y, () => neg(div(mul(g, out), y))), // d(x/y)/dy = -out/y
    ], [y, out]));
}
/** -x. */
export function neg(a) {
    const [x, out] = unary('neg', a, (v) => -v);
    return attachGrad(out, gradNode('NegBackward', [x], (g) => [neg(g)], []));
}
/** e^x. */
export function exp(a) {
    const [x, out] = unary('exp', a, Math.exp);
    return attachGrad(out, gradNode('ExpBackward', [x], (g) => [mul(g, out)], [out]));
}
/** Natural logarithm. */
export function log(a) {
    const [x, out] = unary('log', a, Math.log);
    return attachGrad(out, gradNode('LogBackward', [x], (g) => [div(g, x)]));
}
/** Square root. */
export function sqrt(a) {
    const [x, out] = unary('sqrt', a, Math.sqrt);
    return attachGrad(out, gradNode('SqrtBackward', [x], (g) => [div(g, mul(out, 2))], [out]));
}
/** |x|; its gradient is sign(x), 0 at 0 like PyTorch. */
export function abs(a) {
    const [x, out] = unary('abs', a, Math.abs);
    return attachGrad(out, gradNode('AbsBackward', [x], (g) => [mul(g, new Tensor(mapUnary(x, x.dtype, Math.sign), x.shape))]));
}
/** x * x. */
export function square(a) {
    const [x, out] = unary('square', a, (v) => v * v);
    return attachGrad(out, gradNode('SquareBackward', [x], (g) => [mul(g, mul(x, 2))]));
}
/**
 * a ** b. A number exponent differentiates the base only; a tensor exponent also gets
 * out * log(a), taken as 0 where a = 0 and b >= 0 (PyTorch's convention).
 */
export function pow(a, b) {
    if (typeof b === 'number') {
        const p = b;
        const [x, out] = unary('pow', floatTensor('pow', a, 'the base'), (v) => Math.pow(v, p));
        return attachGrad(out, gradNode('PowBackward', [x], (g) => [
            p === 0 ? mul(g, 0) : mul(g, new Tensor(mapUnary(x, x.dtype, (v) => p * Math.pow(v, p - 1)), x.shape)),
        ]));
    }
    const [x, y, out] = binary('pow', a, b, Math.pow);
    return attachGrad(out, gradNode('PowBackward', [x, y], (g) => [
        gradFor(x, () => mul(g, new Tensor(mapBinary(x, y, out.shape, out.dtype, (p, q) => (q === 0 ? 0 : q * Math.pow(p, q - 1))), out.shape))),
        gradFor(y, () => mul(mul(g, out), new Tensor(mapBinary(x, y, out.shape, out.dtype, (p, q) => (p === 0 && q >= 0 ? 0 : Math.log(p))), out.shape))),
    ], [x, y, out]));
}
/** The share of the gradient that goes to the first operand of maximum/minimum: ties split it. */
function winnerShare(x, y, shape, firstWins) {
    const dtype = x.dtype === 'float64' || y.dtype === 'float64' ? 'float64' : 'float32';
    return new Tensor(mapBinary(x, y, shape, dtype, (p, q) => (p === q ? 0.5 : firstWins(p, q))), shape);
}
function extremum(op, a, b) {
    const pick = op === 'maximum' ? Math.max : Math.min;
    const wins = op === 'maximum' ? (p, q) => (p < q ? 0 : 1) : (p, q) => (p > q ? 0 : 1);
    const [x, y, out] = binary(op, a, b, pick);
    const name = op === 'maximum' ? 'MaximumBackward' : 'MinimumBackward';
    return attachGrad(out, gradNode(name, [x, y], (g) => {
        const share = winnerShare(x, y, out.shape, wins);
        return [gradFor(x, () => mul(g, share)), gradFor(y, () => mul(g, sub(1, share)))];
    }));
}
/** Element-wise maximum (NaN wins); tied elements share the gradient equally. */
export function maximum(a, b) {
    return extremum('maximum', a, b);
}
/** Element-wise minimum (NaN wins); tied elements share the gradient equally. */
export function minimum(a, b) {
    return extremum('minimum', a, b);
}
/**
 * Clamps into [min, max] (either bound may be omitted with null/undefined). The gradient
 * passes where min <= x <= max, as in PyTorch.
 */
export function clamp(a, min, max) {
    for (const [name, bound] of [['min', min], ['max', max]]) {
        if (bound !== undefined && bound !== null && typeof bound !== 'number') {
            throw new ValueError(`clamp: ${name} must be a number, null or undefined, received ${describe(bound)}`);
        }
    }
    const lo = min ?? null;
    const hi = max ?? null;
    if (lo === null && hi === null)
        throw new ValueError('clamp: give at least one of min and max');
    const [x, out] = unary('clamp', a, (v) => {
        let r = v;
        if (lo !== null && r < lo)
            r = lo;
        if (hi !== null && r > hi)
            r = hi;
        return r;
    });
    return attachGrad(out, gradNode('ClampBackward', [x], (g) => [
        mul(g, new Tensor(mapUnary(x, x.dtype, (v) => ((lo === null || v >= lo) && (hi === null || v <= hi) ? 1 : 0)), x.shape)),
    ]));
}
/** A copy with its own data; gradients flow through it unchanged. */
export function clone(a) {
    if (!(a instanceof Tensor))
        throw new ValueError(`clone: expected a Tensor, received ${describe(a)}`);
    const out = new Tensor(a.data.slice(), a.shape);
    return attachGrad(out, gradNode('CloneBackward', [a], (g) => [g], []));
}
