import { at, broadcastDim } from './dims.js';
function binary(name, opcode, f, test, infix) {
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
        test: { argDims: (d) => [d, d], ...test },
    };
}
/** Element-wise ops of two operands, each of dimension 1 or D. */
export const binaryOps = [
    binary('Add', 'ADD', (a, b) => a + b, {}, '+'),
    binary('Subtract', 'SUB', (a, b) => a - b, {}, '-'),
    binary('Mult', 'MUL', (a, b) => a * b, {}, '*'),
    binary('Divide', 'DIV', (a, b) => a / b, { domain: ['any', 'nonzero'] }, '/'),
    // Math.min/max match wasm's f32x4.min/max: NaN propagates and -0 < +0.
    binary('Min', 'MIN', Math.min, { discontinuous: true }),
    binary('Max', 'MAX', Math.max, { discontinuous: true }),
    binary('Atan2', 'ATAN2', Math.atan2, {}),
    // KeOps defines Powf(a, b) = exp(b log a): NaN for a < 0.
    binary('Powf', 'POWF', (a, b) => Math.exp(b * Math.log(a)), { domain: ['positive', 'any'] }),
];
