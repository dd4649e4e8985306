/**
 * KeOps-style formula strings in the variables X and Y, as GeomLoss passes its costs and kernels
 * ('Norm2(X-Y)', '(SqDist(X,Y) / IntCst(2))', 'Exp(-SqDist(X,Y) / IntCst(2))'...). A string is
 * parsed once and evaluated either as a LazyTensor over (Vi(x), Vj(y)) or as a dense
 * [B, N, M] host Tensor, so one string works on every backend.
 */
import { ValueError, quoteSource } from '../errors.js';
import { Vi, Vj } from '../api/variables.js';
import { sqrt0 } from './grad-helpers.js';
const FUNCTIONS = {
    SqDist: 2, Norm2: 1, SqNorm2: 1, Sum: 1, Scalprod: 2, Exp: 1, Log: 1, Sqrt: 1, Rsqrt: 1, Abs: 1, Square: 1,
    Minus: 1, Inv: 1, Sin: 1, Cos: 1, ReLU: 1, IntCst: 1, IntInv: 1, Pow: 2, Powf: 2,
};
/**
 * How deep a formula may nest: parentheses, function calls, signs and chained operators each
 * add a level. Parsing and evaluating recurse once per level, so a hostile string nested
 * 20,000 deep would overflow the stack; real costs and kernels stay under ten.
 */
export const MAX_FORMULA_DEPTH = 256;
/**
 * Parses a KeOps formula string in X and Y; a ValueError points at the first bad character,
 * or says how deep the formula nests when it exceeds MAX_FORMULA_DEPTH.
 */
export function parseFormula(source, where) {
    // Tokens are read on demand, so a long string fails at its first error without being split whole.
    const tokens = [];
    const re = /\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/|(),]))/y;
    const blank = /\s*$/y;
    let pos = 0;
    const token = (index) => {
        while (tokens.length <= index) {
            blank.lastIndex = pos;
            if (blank.test(source))
                return undefined;
            re.lastIndex = pos;
            const m = re.exec(source);
            if (!m)
                throw new ValueError(`${where}: cannot parse the formula ${quoteSource(source)} at character ${pos + 1}`);
            tokens.push({ t: m[1] ?? m[2] ?? m[3], at: pos });
            pos = re.lastIndex;
        }
        return tokens[index];
    };
    let k = 0;
    const fail = (what) => {
        const tok = token(k);
        const at = tok ? `at '${tok.t}' (character ${tok.at + 1})` : 'at the end';
        throw new ValueError(`${where}: ${what} in the formula ${quoteSource(source)} ${at}`);
    };
    const peek = () => token(k)?.t;
    const expect = (t) => {
        if (peek() !== t)
            fail(`expected '${t}'`);
        k++;
    };
    const tooDeep = () => fail(`the formula nests more than ${MAX_FORMULA_DEPTH} levels deep (parentheses, function calls, signs and chained operators each add a level)`);
    // Depth of every node built (leaves 1), and the parser's own recursion depth.
    const depths = new WeakMap();
    const made = (n, ...children) => {
        const d = 1 + children.reduce((m, c) => Math.max(m, depths.get(c) ?? 1), 0);
        if (d > MAX_FORMULA_DEPTH)
            tooDeep();
        depths.set(n, d);
        return n;
    };
    let nesting = 0;
    const primary = () => {
        const t = peek();
        if (t === undefined)
            return fail('unexpected end');
        if (t === '(') {
            k++;
            const e = additive();
            expect(')');
            return e;
        }
        if (/^[\d.]/.test(t)) {
            k++;
            return made({ kind: 'num', value: Number(t) });
        }
        if (/^[A-Za-z_]/.test(t)) {
            k++;
            if (t === 'X' || t === 'Y')
                return made({ kind: 'var', name: t });
            const arity = FUNCTIONS[t];
            if (arity === undefined) {
                k--;
                return fail(`unknown name '${t}' (variables are X and Y; functions: ${Object.keys(FUNCTIONS).join(', ')})`);
            }
            expect('(');
            const args = [additive()];
            while (peek() === ',') {
                k++;
                args.push(additive());
            }
            expect(')');
            if (args.length !== arity)
                fail(`${t} takes ${arity} argument${arity > 1 ? 's' : ''}, received ${args.length}`);
            if ((t === 'IntCst' || t === 'IntInv') && args[0].kind !== 'num')
                fail(`${t} takes a number`);
            return made({ kind: 'call', fn: t, args }, ...args);
        }
        return fail('unexpected token');
    };
    const unaryExpr = () => {
        // Every level of nesting passes through here: count it before recursing further.
        if (++nesting > MAX_FORMULA_DEPTH)
            tooDeep();
        try {
            if (peek() === '-') {
                k++;
                const a = unaryExpr();
                return made({ kind: 'neg', a }, a);
            }
            if (peek() === '+') {
                k++;
                return unaryExpr();
            }
            return primary();
        }
        finally {
            nesting--;
        }
    };
    const multiplicative = () => {
        let a = unaryExpr();
        while (peek() === '*' || peek() === '/' || peek() === '|') {
            const op = peek();
            k++;
            const b = unaryExpr();
            a = made({ kind: 'bin', op, a, b }, a, b);
        }
        return a;
    };
    const additive = () => {
        let a = multiplicative();
        while (peek() === '+' || peek() === '-') {
            const op = peek();
            k++;
            const b = multiplicative();
            a = made({ kind: 'bin', op, a, b }, a, b);
        }
        return a;
    };
    if (token(0) === undefined)
        throw new ValueError(`${where}: the formula is empty`);
    const root = additive();
    if (token(k) !== undefined)
        fail('unexpected token');
    return { source, root };
}
function evaluate(node, alg, where) {
    const ev = (n) => evaluate(n, alg, where);
    const isNum = (v) => typeof v === 'number';
    switch (node.kind) {
        case 'num': return node.value;
        case 'var': return node.name === 'X' ? alg.X : alg.Y;
        case 'neg': {
            const a = ev(node.a);
            return isNum(a) ? -a : alg.neg(a);
        }
        case 'bin': {
            const a = ev(node.a);
            const b = ev(node.b);
            if (node.op === '|') {
                if (isNum(a) || isNum(b))
                    throw new ValueError(`${where}: '|' (scalar product) needs two vectors`);
                return alg.dot(a, b);
            }
            if (isNum(a) && isNum(b))
                return node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
            if (isNum(a)) {
                const t = b;
                if (node.op === '+')
                    return alg.add(t, a);
                if (node.op === '*')
                    return alg.mul(t, a);
                if (node.op === '-')
                    return alg.add(alg.neg(t), a);
                return alg.mul(alg.inv(t), a);
            }
            if (node.op === '+')
                return alg.add(a, b);
            if (node.op === '-')
                return alg.sub(a, b);
            if (node.op === '*')
                return alg.mul(a, b);
            return alg.div(a, b);
        }
        case 'call': {
            const args = node.args.map(ev);
            if (node.fn === 'IntCst')
                return args[0];
            if (node.fn === 'IntInv')
                return 1 / args[0];
            if (node.fn === 'Pow' || node.fn === 'Powf') {
                const [a, b] = args;
                if (isNum(a)) {
                    if (isNum(b))
                        return a ** b;
                    throw new ValueError(`${where}: ${node.fn} with a constant base is not supported`);
                }
                return alg.pow(a, b);
            }
            const vecs = args.map((v) => {
                if (isNum(v))
                    throw new ValueError(`${where}: ${node.fn} needs formulas, not constants, as arguments`);
                return v;
            });
            if (node.fn === 'SqDist')
                return alg.sqdist(vecs[0], vecs[1]);
            if (node.fn === 'Scalprod')
                return alg.dot(vecs[0], vecs[1]);
            return alg.fn(node.fn, vecs[0]);
        }
    }
}
/** The formula as a LazyTensor over Vi(x), Vj(y). */
export function formulaToLazy(f, x, y, where) {
    const alg = {
        X: Vi(x),
        Y: Vj(y),
        add: (a, b) => a.add(b),
        sub: (a, b) => a.sub(b),
        mul: (a, b) => a.mul(b),
        div: (a, b) => a.div(b),
        neg: (a) => a.neg(),
        inv: (a) => a.inv(),
        sqdist: (a, b) => a.sqdist(b),
        dot: (a, b) => a.dot(b),
        pow: (a, b) => a.pow(b),
        fn: (name, a) => {
            switch (name) {
                case 'Norm2': return a.norm2();
                case 'SqNorm2': return a.sqnorm2();
                case 'Sum': return a.sum(-1);
                case 'Exp': return a.exp();
                case 'Log': return a.log();
                case 'Sqrt': return a.sqrt();
                case 'Rsqrt': return a.rsqrt();
                case 'Abs': return a.abs();
                case 'Square': return a.square();
                case 'Minus': return a.neg();
                case 'Inv': return a.inv();
                case 'Sin': return a.sin();
                case 'Cos': return a.cos();
                case 'ReLU': return a.relu();
            }
            throw new ValueError(`${where}: unknown function ${name}`);
        },
    };
    const v = evaluate(f.root, alg, where);
    if (typeof v === 'number')
        throw new ValueError(`${where}: the formula ${quoteSource(f.source)} is a constant; it must depend on X or Y`);
    if (v.dim !== 1)
        throw new ValueError(`${where}: the formula ${quoteSource(f.source)} has dimension ${v.dim}; a cost or kernel must be a scalar`);
    return v;
}
/**
 * The formula as a dense [B, N, M] Tensor for x [B, N, D], y [B, M, D] (differentiable; the
 * intermediate values are [B, N, M, D] tensors).
 */
export function formulaToDense(f, x, y, where) {
    const [B, N, D] = x.shape;
    const M = y.shape[1];
    const red = (t) => t.sum(-1, { keepdims: true });
    const alg = {
        X: x.reshape([B, N, 1, D]),
        Y: y.reshape([B, 1, M, D]),
        add: (a, b) => a.add(b),
        sub: (a, b) => a.sub(b),
        mul: (a, b) => a.mul(b),
        div: (a, b) => a.div(b),
        neg: (a) => a.neg(),
        inv: (a) => a.pow(-1),
        sqdist: (a, b) => red(a.sub(b).square()),
        dot: (a, b) => red(a.mul(b)),
        pow: (a, b) => a.pow(b),
        fn: (name, a) => {
            switch (name) {
                case 'Norm2': return sqrt0(red(a.square()));
                case 'SqNorm2': return red(a.square());
                case 'Sum': return red(a);
                case 'Exp': return a.exp();
                case 'Log': return a.log();
                case 'Sqrt': return a.sqrt();
                case 'Rsqrt': return a.pow(-0.5);
                case 'Abs': return a.abs();
                case 'Square': return a.square();
                case 'Minus': return a.neg();
                case 'Inv': return a.pow(-1);
                case 'Sin':
                case 'Cos':
                    throw new ValueError(`${where}: ${name} is not available on the 'tensorized' backend; use 'online'`);
                case 'ReLU': return a.maximum(0);
            }
            throw new ValueError(`${where}: unknown function ${name}`);
        },
    };
    const v = evaluate(f.root, alg, where);
    if (typeof v === 'number')
        throw new ValueError(`${where}: the formula ${quoteSource(f.source)} is a constant; it must depend on X or Y`);
    if (v.shape[3] !== 1)
        throw new ValueError(`${where}: the formula ${quoteSource(f.source)} has dimension ${v.shape[3]}; a cost or kernel must be a scalar`);
    if (v.shape[1] !== N || v.shape[2] !== M)
        throw new ValueError(`${where}: the formula ${quoteSource(f.source)} must depend on both X and Y`);
    return v.reshape([B, N, M]);
}
