import { mul, div, neg, unary as u, cst, step } from '../algebra.js';
import { ValueError, describe } from '../../errors.js';
/** Rounds half away from zero, the C `round` that KeOps uses. */
export function roundHalfAway(x) {
    const t = Math.trunc(x);
    return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}
/** x^n for an integer n by repeated multiplication, as KeOps's Pow does. */
export function intPow(x, n) {
    let r = 1;
    let b = x;
    let e = Math.abs(n);
    while (e > 0) {
        if (e & 1)
            r *= b;
        b *= b;
        e >>= 1;
    }
    return n < 0 ? 1 / r : r;
}
function unary(name, opcode, f, derivative, test, nattrs = 0) {
    return {
        name,
        arity: 1,
        nattrs,
        dim: (dims) => dims[0],
        ref(out, [a], attrs) {
            for (let k = 0; k < out.length; k++)
                out[k] = f(a[k], attrs);
        },
        lower: (e, [a], attrs, dim) => e.emit(opcode, dim, [a], attrs[0] ?? 0),
        print: nattrs ? (args, attrs) => `${name}(${args[0]},${attrs[0]})` : undefined,
        vjp: ([a], out, g, attrs) => [derivative ? mul(g, derivative(a, out, attrs)) : null],
        test,
    };
}
const any = { argDims: (d) => [d] };
const positive = { argDims: (d) => [d], domain: ['positive'] };
export const unaryOps = [
    unary('Minus', 'NEG', (x) => -x, () => cst(-1), any),
    unary('Exp', 'EXP', Math.exp, (_a, out) => out, any),
    unary('Log', 'LOG', Math.log, (a) => u('Inv', a), positive),
    unary('Sqrt', 'SQRT', Math.sqrt, (_a, out) => div(0.5, out), positive),
    // KeOps convention: rsqrt(0) = 0, so that normalize(0) = 0.
    unary('Rsqrt', 'RSQRT', (x) => (x === 0 ? 0 : 1 / Math.sqrt(x)), (_a, out) => mul(-0.5, u('Pow', out, [3])), positive),
    unary('Square', 'SQUARE', (x) => x * x, (a) => mul(2, a), any),
    unary('Abs', 'ABS', Math.abs, (a) => u('Sign', a), { ...any, discontinuous: true }),
    unary('Sin', 'SIN', Math.sin, (a) => u('Cos', a), any),
    unary('Cos', 'COS', Math.cos, (a) => neg(u('Sin', a)), any),
    unary('Sign', 'SIGN', (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), null, { ...any, discontinuous: true }),
    unary('Step', 'STEP', (x) => (x < 0 ? 0 : 1), null, { ...any, discontinuous: true }),
    unary('ReLU', 'RELU', (x) => (x < 0 ? 0 : x), (a) => step(a), { ...any, discontinuous: true }),
    unary('Inv', 'INV', (x) => 1 / x, (_a, out) => neg(u('Square', out)), { argDims: (d) => [d], domain: ['nonzero'] }),
    unary('Floor', 'FLOOR', Math.floor, null, { ...any, discontinuous: true }),
    unary('Round', 'ROUND', (x, [d]) => {
        const s = 10 ** d;
        return roundHalfAway(x * s) / s;
    }, null, { ...any, attrs: [[0], [2]], discontinuous: true }, 1),
    unary('Pow', 'POW', (x, [n]) => intPow(x, n), (a, _out, [n]) => (n === 0 ? cst(0) : mul(n, u('Pow', a, [n - 1]))), { argDims: (d) => [d], attrs: [[2], [3], [-1], [0]], domain: ['nonzero'] }, 1),
];
/**
 * Validates an integer attribute (Pow's exponent, Round's decimals, Elem's and Extract's
 * indices): tapes carry attributes as int32, so larger integers are refused rather than wrapped.
 */
export function checkIntAttr(where, name, value) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
        throw new ValueError(`${where}: ${name} must be an integer in [-2^31, 2^31), received ${describe(value)}`);
    }
    return value;
}
