/**
 * KeOps-style formula strings in the variables X and Y, as GeomLoss passes its costs and kernels
 * ('Norm2(X-Y)', '(SqDist(X,Y) / IntCst(2))', 'Exp(-SqDist(X,Y) / IntCst(2))'...). They are
 * read by the one KeOps grammar (src/formula/text, which Genred uses too) into a formula over
 * X = Vi(x) and Y = Vj(y); that formula is reduced as a LazyTensor, or evaluated op by op on
 * dense [B, N, M] host Tensors for the 'tensorized' backend, so one string works on every backend.
 */
import { ValueError, quoteSource } from '../errors.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import { Vi, Vj } from '../api/variables.js';
import { varNode } from '../formula/node.js';
import { parseKeopsFormula, MAX_FORMULA_DEPTH } from '../formula/text/keops-parser.js';
import { buildKeopsFormula, checkKeopsNames } from '../formula/text/keops-build.js';
import { sqrt0 } from './grad-helpers.js';
export { MAX_FORMULA_DEPTH };
const NAMES = ['X', 'Y'];
/**
 * Parses a KeOps formula string in X and Y; a ValueError points at the column of the first bad
 * character or unknown name, or says how deep the formula nests beyond MAX_FORMULA_DEPTH.
 */
export function parseFormula(source, where) {
    const text = parseKeopsFormula(source, where);
    checkKeopsNames(text, NAMES, where);
    return { source, text };
}
/** The formula over the leaves X and Y. */
function build(f, X, Y, where) {
    const scope = {
        names: NAMES,
        variable: (name) => (name === 'X' ? X : name === 'Y' ? Y : undefined),
        indexed: () => 'a cost or kernel formula names its variables X and Y',
    };
    const node = buildKeopsFormula(f.text, scope, where);
    if (node.op === 'Const')
        throw new ValueError(`${where}: the formula ${quoteSource(f.source)} is a constant; it must depend on X or Y`);
    if (node.dim !== 1)
        throw new ValueError(`${where}: the formula ${quoteSource(f.source)} has dimension ${node.dim}; a cost or kernel must be a scalar`);
    return node;
}
/** The formula as a LazyTensor over Vi(x), Vj(y). */
export function formulaToLazy(f, x, y, where) {
    return new LazyTensor(build(f, Vi(x).node, Vj(y).node, where));
}
/** Sums the vector axis, keeping it (size 1). */
const red = (t) => t.sum(-1, { keepdims: true });
const tensorOf = (v, what, where) => {
    if (typeof v === 'number')
        throw new ValueError(`${where}: ${what} with a constant operand is not available on the 'tensorized' backend; use 'online'`);
    return v;
};
/** Each op of a cost formula on dense Tensors [B, N, M, D] (numbers for constants). */
const DENSE_OPS = {
    Add: ([a, b]) => (typeof a === 'number' ? b.add(a) : a.add(b)),
    Subtract: ([a, b]) => (typeof a === 'number' ? b.neg().add(a) : a.sub(b)),
    Mult: ([a, b]) => (typeof a === 'number' ? b.mul(a) : a.mul(b)),
    Divide: ([a, b]) => (typeof a === 'number' ? b.pow(-1).mul(a) : a.div(b)),
    Minus: ([a]) => a.neg(),
    Exp: ([a]) => a.exp(),
    Log: ([a]) => a.log(),
    Sqrt: ([a]) => a.sqrt(),
    Rsqrt: ([a]) => a.pow(-0.5),
    Abs: ([a]) => a.abs(),
    Square: ([a]) => a.square(),
    Inv: ([a]) => a.pow(-1),
    ReLU: ([a]) => a.maximum(0),
    Pow: ([a], [n]) => a.pow(n),
    Powf: ([a, b], _attrs, where) => tensorOf(a, 'Powf', where).pow(b),
    SqDist: ([a, b]) => red(a.sub(b).square()),
    Scalprod: ([a, b]) => red(a.mul(b)),
    SqNorm2: ([a]) => red(a.square()),
    Norm2: ([a]) => sqrt0(red(a.square())),
    Sum: ([a]) => red(a),
};
/**
 * The formula as a dense [B, N, M] Tensor for x [B, N, D], y [B, M, D] (differentiable; the
 * intermediate values are [B, N, M, D] tensors).
 */
export function formulaToDense(f, x, y, where) {
    const [B, N, D] = x.shape;
    const M = y.shape[1];
    // The leaves stand for the points themselves; here they are read as [B, N, 1, D] and [B, 1, M, D].
    const X = varNode(x, 'i', D);
    const Y = varNode(y, 'j', D);
    const values = new Map([[X.key, x.reshape([B, N, 1, D])], [Y.key, y.reshape([B, 1, M, D])]]);
    const evaluate = (n) => {
        const hit = values.get(n.key);
        if (hit !== undefined)
            return hit;
        let v;
        if (n.op === 'Const')
            v = n.attrs[0];
        else {
            const op = DENSE_OPS[n.op];
            if (!op)
                throw new ValueError(`${where}: ${n.op} is not available on the 'tensorized' backend; use 'online'`);
            v = op(n.args.map(evaluate), n.attrs, where);
        }
        values.set(n.key, v);
        return v;
    };
    const v = evaluate(build(f, X, Y, where));
    if (v.shape[1] !== N || v.shape[2] !== M)
        throw new ValueError(`${where}: the formula ${quoteSource(f.source)} must depend on both X and Y`);
    return v.reshape([B, N, M]);
}
