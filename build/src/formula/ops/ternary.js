import { at, broadcastDim } from './dims.js';
function ternary(name, opcode, f, test) {
    return {
        name,
        arity: 3,
        nattrs: 0,
        dim: (dims) => broadcastDim(name, dims),
        ref(out, [a, b, c]) {
            for (let k = 0; k < out.length; k++)
                out[k] = f(at(a, k), at(b, k), at(c, k));
        },
        lower: (e, [a, b, c], _attrs, dim) => e.emit(opcode, dim, [a, b, c]),
        test: { argDims: (d) => [d, d, d], discontinuous: true, ...test },
    };
}
/** Element-wise ops of three operands, each of dimension 1 or D. */
export const ternaryOps = [
    ternary('Clamp', 'CLAMP', (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x), {}),
    ternary('IfElse', 'IFELSE', (c, a, b) => (c >= 0 ? a : b), {}),
    ternary('Mod', 'MOD', (x, n, d) => x - n * Math.floor((x - d) / n), { domain: ['any', 'nonzero', 'any'] }),
];
