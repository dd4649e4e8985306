import { at, broadcastDim } from './dims.js';
import { add, sub, mul, div, neg, unary, step, unbroadcast } from '../algebra.js';
function binary(name, opcode, f, vjp, test, infix) {
    return {
        name,
        arity: 2,
        nattrs: 0,
        dim: (dims) => broadcastDim(name, dims),
        ref(out, [a, b]) {
            for (let k = 0; k < out.length; k++)
                out[k] = f(at(a, k), at(b, k));
        },
        lower: (e, [a, b], _attrs, dim) => e.emit(opcode, dim, [a, b]),
        print: infix ? (args) => `(${args[0]} ${infix} ${args[1]})` : undefined,
        vjp([a, b], out, g) {
            const [ga, gb] = vjp(a, b, out, g);
            return [ga && unbroadcast(ga, a.dim), gb && unbroadcast(gb, b.dim)];
        },
        test: { argDims: (d) => [d, d], ...test },
    };
}
/** Element-wise ops of two operands, each of dimension 1 or D. */
export const binaryOps = [
    binary('Add', 'ADD', (a, b) => a + b, (_a, _b, _o, g) => [g, g], {}, '+'),
    binary('Subtract', 'SUB', (a, b) => a - b, (_a, _b, _o, g) => [g, neg(g)], {}, '-'),
    binary('Mult', 'MUL', (a, b) => a * b, (a, b, _o, g) => [mul(g, b), mul(g, a)], {}, '*'),
    binary('Divide', 'DIV', (a, b) => a / b, (_a, b, out, g) => [div(g, b), neg(div(mul(g, out), b))], { domain: ['any', 'nonzero'] }, '/'),
    // Math.min/max match wasm's f32x4.min/max: NaN propagates and -0 < +0. On ties the
    // derivative goes to a.
    binary('Min', 'MIN', Math.min, (a, b, _o, g) => [mul(g, step(sub(b, a))), mul(g, sub(1, step(sub(b, a))))], { discontinuous: true }),
    binary('Max', 'MAX', Math.max, (a, b, _o, g) => [mul(g, step(sub(a, b))), mul(g, sub(1, step(sub(a, b))))], { discontinuous: true }),
    binary('Atan2', 'ATAN2', Math.atan2, (y, x, _o, g) => {
        const r2 = add(mul(x, x), mul(y, y));
        return [div(mul(g, x), r2), neg(div(mul(g, y), r2))];
    }, {}),
    // KeOps defines Powf(a, b) = exp(b log a): NaN for a < 0.
    binary('Powf', 'POWF', (a, b) => Math.exp(b * Math.log(a)), (a, b, out, g) => [div(mul(mul(g, b), out), a), mul(mul(g, out), unary('Log', a))], { domain: ['positive', 'any'] }),
];
