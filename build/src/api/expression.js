/**
 * lazykernel expressions as text: the method-chain syntax of the JS API
 * (`Vi(x).sqdist(Vj(y)).neg().exp().sum(1)`), with `+ - * /` between lazy values and numbers.
 * A page can run what its user types: the text is read by this parser against a whitelist of
 * methods, each called through a table of explicit functions, never evaluated as JavaScript
 * (no eval, no Function, no property looked up by a name the user wrote).
 */
import { ShapeError, DTypeError, ValueError, checkOptions, describe, quoteSource, quoteSourceLine } from '../errors.js';
import { tokenize, characterAt, closestName } from '../formula/text/tokens.js';
import { Tensor } from '../tensor/tensor.js';
import { Vi, Vj, Pm } from './variables.js';
/** The longest expression parseExpression reads, in characters. */
export const MAX_EXPRESSION_LENGTH = 10_000;
/**
 * How deep an expression may nest: each parenthesis, argument list and sign adds a level to
 * the parser's recursion, and each method call or operator a level to the formula it builds.
 * Both are capped, so that `'('.repeat(9999)` or a chain of thousands of `.exp()` is refused
 * with a ValueError instead of overflowing the stack here or in the formula's compiler.
 */
export const MAX_EXPRESSION_DEPTH = 256;
const operand = (name, optional = false) => ({ name, kind: 'operand', optional });
const lazyParam = (name) => ({ name, kind: 'lazy' });
const int = (name, optional = false) => ({ name, kind: 'int', optional });
const axis = { name: 'axis', kind: 'axis' };
const K = { name: 'K', kind: 'K' };
const L = (a) => a;
const N = (a) => a;
const O = (a) => a;
/** The element-wise and vector methods (LazyTensor's, minus the reductions). */
const METHODS = new Map([
    ['add', { params: [operand('y')], call: (x, a) => x.add(O(a[0])) }],
    ['sub', { params: [operand('y')], call: (x, a) => x.sub(O(a[0])) }],
    ['mul', { params: [operand('y')], call: (x, a) => x.mul(O(a[0])) }],
    ['div', { params: [operand('y')], call: (x, a) => x.div(O(a[0])) }],
    ['neg', { params: [], call: (x) => x.neg() }],
    ['exp', { params: [], call: (x) => x.exp() }],
    ['log', { params: [], call: (x) => x.log() }],
    ['sqrt', { params: [], call: (x) => x.sqrt() }],
    ['rsqrt', { params: [], call: (x) => x.rsqrt() }],
    ['square', { params: [], call: (x) => x.square() }],
    ['abs', { params: [], call: (x) => x.abs() }],
    ['sin', { params: [], call: (x) => x.sin() }],
    ['cos', { params: [], call: (x) => x.cos() }],
    ['sign', { params: [], call: (x) => x.sign() }],
    ['step', { params: [], call: (x) => x.step() }],
    ['relu', { params: [], call: (x) => x.relu() }],
    ['inv', { params: [], call: (x) => x.inv() }],
    ['floor', { params: [], call: (x) => x.floor() }],
    ['round', { params: [int('decimals', true)], call: (x, a) => (a.length > 0 ? x.round(N(a[0])) : x.round()) }],
    ['pow', { params: [operand('p')], call: (x, a) => x.pow(O(a[0])) }],
    ['powf', { params: [operand('p')], call: (x, a) => x.powf(O(a[0])) }],
    ['minimum', { params: [operand('y')], call: (x, a) => x.minimum(O(a[0])) }],
    ['maximum', { params: [operand('y')], call: (x, a) => x.maximum(O(a[0])) }],
    ['atan', { params: [], call: (x) => x.atan() }],
    ['asin', { params: [], call: (x) => x.asin() }],
    ['acos', { params: [], call: (x) => x.acos() }],
    ['xlogx', { params: [], call: (x) => x.xlogx() }],
    ['sinxdivx', { params: [], call: (x) => x.sinxdivx() }],
    ['atan2', { params: [operand('x')], call: (x, a) => x.atan2(O(a[0])) }],
    ['mod', { params: [operand('n'), operand('d', true)], call: (x, a) => (a.length > 1 ? x.mod(O(a[0]), O(a[1])) : x.mod(O(a[0]))) }],
    ['clamp', { params: [operand('lo'), operand('hi')], call: (x, a) => x.clamp(O(a[0]), O(a[1])) }],
    ['clampint', { params: [int('lo'), int('hi')], call: (x, a) => x.clampint(N(a[0]), N(a[1])) }],
    ['oneHot', { params: [int('dim')], call: (x, a) => x.oneHot(N(a[0])) }],
    ['ifelse', { params: [operand('a'), operand('b')], call: (x, a) => x.ifelse(O(a[0]), O(a[1])) }],
    ['sqnorm2', { params: [], call: (x) => x.sqnorm2() }],
    ['norm2', { params: [], call: (x) => x.norm2() }],
    ['normalize', { params: [], call: (x) => x.normalize() }],
    ['sqdist', { params: [lazyParam('y')], call: (x, a) => x.sqdist(L(a[0])) }],
    ['dot', { params: [lazyParam('y')], call: (x, a) => x.dot(L(a[0])) }],
    ['weightedsqdist', { params: [lazyParam('y'), operand('s')], call: (x, a) => x.weightedsqdist(L(a[0]), O(a[1])) }],
    ['weightedsqnorm', { params: [operand('s')], call: (x, a) => x.weightedsqnorm(O(a[0])) }],
    ['concat', { params: [lazyParam('y')], call: (x, a) => x.concat(L(a[0])) }],
    ['elem', { params: [int('k')], call: (x, a) => x.elem(N(a[0])) }],
    ['extract', { params: [int('start'), int('len')], call: (x, a) => x.extract(N(a[0]), N(a[1])) }],
    ['at', { params: [int('k')], call: (x, a) => x.at(N(a[0])) }],
    ['slice', { params: [int('start'), int('end', true)], call: (x, a) => (a.length > 1 ? x.slice(N(a[0]), N(a[1])) : x.slice(N(a[0]))) }],
    // The symbolic differential operators (pykeops' F.grad(v, e)) and the transpose.
    ['grad', { params: [lazyParam('v'), operand('e')], call: (x, a) => x.grad(L(a[0]), O(a[1])) }],
    ['divergence', { params: [lazyParam('v')], call: (x, a) => x.divergence(L(a[0])) }],
    ['laplacian', { params: [lazyParam('v')], call: (x, a) => x.laplacian(L(a[0])) }],
    ['t', { params: [], call: (x) => x.t() }],
    ['matvecmult', { params: [lazyParam('v')], call: (x, a) => x.matvecmult(L(a[0])) }],
    ['vecmatmult', { params: [lazyParam('A')], call: (x, a) => x.vecmatmult(L(a[0])) }],
    ['tensorprod', { params: [lazyParam('y')], call: (x, a) => x.tensorprod(L(a[0])) }],
    // sum(-1) (the vector components, lazily); sum(0) / sum(1) are the reduction below.
    ['sum', { params: [{ name: 'axis', kind: 'int' }], call: (x) => x.sum(-1) }],
    // min(y) / max(y) with a lazy y are element-wise; with a number, the reductions below.
    ['min', { params: [lazyParam('y')], call: (x, a) => x.min(L(a[0])) }],
    ['max', { params: [lazyParam('y')], call: (x, a) => x.max(L(a[0])) }],
]);
/** The reductions, their parameters in call order. */
const REDUCTIONS = new Map([
    ['sum', [axis]],
    ['logsumexp', [axis, { name: '{ weight }', kind: 'options', optional: true }]],
    ['sumsoftmaxweight', [lazyParam('V'), axis]],
    ['min', [axis]],
    ['max', [axis]],
    ['argmin', [axis]],
    ['argmax', [axis]],
    ['minArgmin', [axis]],
    ['maxArgmax', [axis]],
    ['Kmin', [K, axis]],
    ['argKmin', [K, axis]],
    ['KminArgKmin', [K, axis]],
]);
/** Math's constants an expression may name (a table: Math itself is never indexed). */
const MATH_CONSTANTS = new Map([
    ['PI', Math.PI], ['E', Math.E], ['LN2', Math.LN2], ['LN10', Math.LN10], ['LOG2E', Math.LOG2E],
    ['LOG10E', Math.LOG10E], ['SQRT2', Math.SQRT2], ['SQRT1_2', Math.SQRT1_2],
]);
/** Runs a reduction on `lazy`: one explicit call per method. */
function runReduction(lazy, r, options) {
    const a = r.args;
    switch (r.method) {
        case 'sum': return lazy.sum(N(a[0]), options);
        case 'logsumexp': return lazy.logsumexp(N(a[0]), a.length > 1 ? { ...options, weight: L(a[1]) } : options);
        case 'sumsoftmaxweight': return lazy.sumsoftmaxweight(L(a[0]), N(a[1]), options);
        case 'min': return lazy.min(N(a[0]), options);
        case 'max': return lazy.max(N(a[0]), options);
        case 'argmin': return lazy.argmin(N(a[0]), options);
        case 'argmax': return lazy.argmax(N(a[0]), options);
        case 'minArgmin': return lazy.minArgmin(N(a[0]), options);
        case 'maxArgmax': return lazy.maxArgmax(N(a[0]), options);
        case 'Kmin': return lazy.Kmin(N(a[0]), N(a[1]), options);
        case 'argKmin': return lazy.argKmin(N(a[0]), N(a[1]), options);
        case 'KminArgKmin': return lazy.KminArgKmin(N(a[0]), N(a[1]), options);
    }
}
class ParsedExpression {
    source;
    lazy;
    reduction;
    text;
    constructor(source, lazy, reduction, text) {
        this.source = source;
        this.lazy = lazy;
        this.reduction = reduction;
        this.text = text;
    }
    async run(options) {
        // Options that would change the reduction (logsumexp's weight) come from the text only.
        checkOptions('LazyExpression.run', options, ['backend', 'ranges', 'signal']);
        if (this.reduction === null) {
            throw new ValueError(`LazyExpression.run: the expression ${quoteSource(this.source)} has no reduction; end it with one such as .sum(1), .logsumexp(1) or .min(0), or reduce expression.lazy`);
        }
        return runReduction(this.lazy, this.reduction, options);
    }
    toString() {
        return this.text;
    }
}
// ------------------------------------------------------------------------------------------------
// Messages
// ------------------------------------------------------------------------------------------------
/** A number as the expression text that reads back as the same number (-0 included). */
function numberText(x) {
    return Object.is(x, -0) ? '-0' : String(x);
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
const methodList = () => [...METHODS.keys()].join(', ');
const reductionList = () => [...REDUCTIONS.keys()].join(', ');
// ------------------------------------------------------------------------------------------------
// Tokens
// ------------------------------------------------------------------------------------------------
/** The method-chain grammar's tokens: JavaScript names, and the punctuation of calls, lists and options. */
const EXPRESSION_TOKENS = { name: '[A-Za-z_$][A-Za-z0-9_$]*', punct: String.raw `\*\*|[-+*/()[\]{},.:]` };
const WHAT_STARTS = 'a value (a number, Vi(name), Vj(name), Pm(...), a sign or \'(\')';
/**
 * Parses a lazykernel expression, the method-chain syntax of the JS API, into a LazyTensor and
 * the reduction that ends it (if any): `Vi(x).sqdist(Vj(y)).neg().exp().sum(1)` with
 * `variables` { x, y }. Infix `+ - * /` and unary minus map to add, sub, mul, div and neg.
 * Nothing is evaluated as JavaScript; every bad input is a ValueError naming the column.
 *
 * @example
 * ```ts
 * import { tensor, parseExpression } from 'lazykernel';
 * const x = tensor([0, 1, 2], [3, 1]);
 * const y = tensor([0, 2], [2, 1]);
 * const expr = parseExpression('Vi(x).sqdist(Vj(y)).neg().exp().sum(1)', { x, y });
 * console.log(expr.lazy.shape);        // => [3, 2]
 * console.log(expr.reduction?.method); // => 'sum'
 * console.log(await expr.run());       // => [[1.01832], [0.73576], [1.01832]]
 * ```
 */
export function parseExpression(source, variables) {
    if (typeof source !== 'string')
        throw new ValueError(`parseExpression: the expression must be a string, received ${describe(source)}`);
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
        throw new ValueError(`parseExpression: variables must be an object such as { x: X, y: Y }, received ${describe(variables)}`);
    }
    const fail = (at, what) => {
        throw new ValueError(`parseExpression: at column ${at + 1} of ${quoteSourceLine(source, at)}: ${what}`);
    };
    // The variables' own enumerable keys, read once: nothing else of the object is looked at.
    const known = new Map(Object.entries(variables));
    if (source.length > MAX_EXPRESSION_LENGTH) {
        fail(MAX_EXPRESSION_LENGTH, `the expression has ${source.length} characters; at most ${MAX_EXPRESSION_LENGTH} are read`);
    }
    // Tokens, all at once (the source is at most MAX_EXPRESSION_LENGTH characters).
    const tokens = tokenize(source, EXPRESSION_TOKENS, (pos) => {
        const c = source[pos];
        const hint = c === '\'' || c === '"' || c === '`'
            ? ' (variables are named without quotes: Vi(x))'
            : c === ';' || c === '=' ? ' (an expression is one formula, not a statement)' : '';
        return fail(pos, `unexpected character ${characterAt(source, pos)}${hint}; expected ${WHAT_STARTS}, an operator (+ - * /), a method call or ')'`);
    });
    const endToken = { kind: 'end', text: '', at: source.length };
    if (tokens.length === 0)
        fail(0, `the expression is empty; expected ${WHAT_STARTS}, such as Vi(x).sqdist(Vj(y)).neg().exp().sum(1)`);
    let k = 0;
    const peek = (offset = 0) => tokens[k + offset] ?? endToken;
    const next = () => tokens[k++] ?? endToken;
    const found = (t) => {
        if (t.kind === 'end')
            return 'the end of the expression';
        if (t.kind === 'num')
            return `the number ${t.text}`;
        return `'${t.text.length > 40 ? `${t.text.slice(0, 40)}...` : t.text}'`;
    };
    const expect = (text, why) => {
        const t = peek();
        if (t.kind !== 'punct' || t.text !== text)
            fail(t.at, `expected '${text}' ${why}, found ${found(t)}`);
        return next();
    };
    const isPunct = (t, text) => t.kind === 'punct' && t.text === text;
    const knownVariables = () => {
        const names = [...known.keys()];
        if (names.length === 0)
            return 'no variables were given';
        const shown = names.slice(0, 20).map((n) => `'${n.length > 40 ? `${n.slice(0, 40)}...` : n}'`).join(', ');
        return `the variables are ${shown}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`;
    };
    const hasVariable = (name) => known.has(name);
    const valueText = (v) => {
        switch (v.kind) {
            case 'num': return numberText(v.value);
            case 'lazy': return v.text;
            case 'reduced': return v.text;
            case 'options': return `{ weight: ${valueText(v.weight)} }`;
        }
    };
    const describeValue = (v) => {
        switch (v.kind) {
            case 'num': return `the number ${numberText(v.value)}`;
            case 'lazy': return 'a lazy value';
            case 'reduced': return 'a reduction';
            case 'options': return 'an options object';
        }
    };
    const reductionTooEarly = (r, at, what) => fail(at, `the reduction ${r.call} at column ${r.callAt + 1} must be the last call of the expression (it returns numbers, not a lazy value); found ${what}`);
    /**
     * Calls a LazyTensor method; its ShapeError, DTypeError or ValueError comes out as the same
     * class, its message prefixed with the column and the call that failed.
     */
    const attempt = (at, call, f) => {
        try {
            return f();
        }
        catch (e) {
            const prefix = `parseExpression: at column ${at + 1} of ${quoteSourceLine(source, at)}: ${call} failed: `;
            let wrapped = null;
            if (e instanceof ShapeError)
                wrapped = new ShapeError(prefix + e.message);
            else if (e instanceof DTypeError)
                wrapped = new DTypeError(prefix + e.message);
            else if (e instanceof ValueError)
                wrapped = new ValueError(prefix + e.message);
            if (wrapped === null)
                throw e;
            wrapped.cause = e;
            throw wrapped;
        }
    };
    const tooDeep = (at) => fail(at, `the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep (parentheses, arguments, signs, operators and method calls each add a level)`);
    const lazyOf = (lazy, text, at, ...from) => {
        const depth = 1 + from.reduce((d, v) => Math.max(d, v.kind === 'lazy' ? v.depth : 0), 0);
        if (depth > MAX_EXPRESSION_DEPTH)
            tooDeep(at);
        return { kind: 'lazy', lazy, text, depth, at: from[0]?.at ?? at };
    };
    let nesting = 0;
    /** A variable name inside Vi( / Vj( / Pm(, looked up among the own keys of `variables`. */
    const variableName = (atom) => {
        const t = peek();
        if (t.kind !== 'name')
            fail(t.at, `expected a variable name in ${atom}(...) (${knownVariables()}), found ${found(t)}`);
        if (!hasVariable(t.text)) {
            const near = closestName(t.text, known.keys());
            fail(t.at, `unknown variable '${t.text}'${near ? ` (did you mean '${near}'?)` : ''}; ${knownVariables()}`);
        }
        return next();
    };
    const atom = (t) => {
        // t is a name token, already consumed.
        switch (t.text) {
            case 'Infinity': return { kind: 'num', value: Infinity, at: t.at };
            case 'NaN': return { kind: 'num', value: NaN, at: t.at };
            case 'Math': {
                expect('.', 'after Math (Math.PI, Math.E...)');
                const c = peek();
                const value = c.kind === 'name' ? MATH_CONSTANTS.get(c.text) : undefined;
                if (value === undefined)
                    fail(c.at, `expected one of ${[...MATH_CONSTANTS.keys()].map((n) => `Math.${n}`).join(', ')}, found ${found(c)}`);
                next();
                return { kind: 'num', value: value, at: t.at };
            }
            case 'Vi':
            case 'Vj': {
                expect('(', `after ${t.text}`);
                const name = variableName(t.text);
                expect(')', `to close ${t.text}(${name.text}`);
                const v = known.get(name.text);
                if (!(v instanceof Tensor))
                    return fail(name.at, `${t.text}(${name.text}): the variable '${name.text}' is ${describe(v)}; ${t.text} takes a Tensor of shape [N, D] or [N]`);
                const lazy = attempt(t.at, `${t.text}(${name.text})`, () => (t.text === 'Vi' ? Vi(v) : Vj(v)));
                return lazyOf(lazy, `${t.text}(${name.text})`, t.at);
            }
            case 'Pm': {
                expect('(', 'after Pm');
                let arg;
                let text;
                const first = peek();
                if (first.kind === 'name' && first.text !== 'Infinity' && first.text !== 'NaN' && isPunct(peek(1), ')')) {
                    // Pm(name): a variable (an unknown name is reported as such).
                    variableName('Pm');
                    arg = known.get(first.text);
                    text = first.text;
                }
                else if (isPunct(first, '[')) {
                    next();
                    const values = [];
                    if (isPunct(peek(), ']'))
                        fail(peek().at, 'Pm([...]) needs at least one number, found an empty list');
                    for (;;) {
                        const v = expression();
                        if (v.kind !== 'num')
                            return fail(v.at, `Pm([...]) holds numbers only, found ${describeValue(v)}`);
                        values.push(v.value);
                        if (!isPunct(peek(), ','))
                            break;
                        next();
                    }
                    expect(']', `to close the list that Pm( opens at column ${first.at + 1}`);
                    arg = values;
                    text = `[${values.map(numberText).join(', ')}]`;
                }
                else {
                    const v = expression();
                    if (v.kind !== 'num')
                        return fail(v.at, `Pm(...) takes a number, a list [n, ...] or a variable name (${knownVariables()}), found ${describeValue(v)}`);
                    arg = v.value;
                    text = numberText(v.value);
                }
                expect(')', `to close Pm( at column ${t.at + 1}`);
                // A variable that is neither a Tensor, a number nor a number array: Pm's DTypeError.
                const lazy = attempt(t.at, `Pm(${text})`, () => Pm(arg));
                return lazyOf(lazy, `Pm(${text})`, t.at);
            }
        }
        if (METHODS.has(t.text) || REDUCTIONS.has(t.text)) {
            return fail(t.at, `'${t.text}' is a method: call it on a lazy value, as in Vi(x).${t.text}(...)`);
        }
        if (hasVariable(t.text))
            return fail(t.at, `'${t.text}' is a variable: use it as Vi(${t.text}), Vj(${t.text}) or Pm(${t.text})`);
        return fail(t.at, `unknown name '${t.text}'; expected ${WHAT_STARTS}`);
    };
    const primary = () => {
        const t = next();
        if (t.kind === 'num')
            return { kind: 'num', value: Number(t.text), at: t.at };
        if (t.kind === 'name')
            return atom(t);
        if (isPunct(t, '(')) {
            const v = expression();
            expect(')', `to close the '(' at column ${t.at + 1}`);
            return { ...v, at: t.at };
        }
        return fail(t.at, `expected ${WHAT_STARTS}, found ${found(t)}`);
    };
    /** The arguments of a call, after its '('; stops after the ')'. */
    const argumentList = (name) => {
        const args = [];
        if (isPunct(peek(), ')')) {
            next();
            return args;
        }
        for (;;) {
            if (isPunct(peek(), '{')) {
                const open = next();
                const key = peek();
                if (key.kind !== 'name' || key.text !== 'weight')
                    fail(key.at, `expected 'weight' (the only option an expression may give, to logsumexp), found ${found(key)}`);
                next();
                expect(':', 'after weight');
                const weight = expression();
                if (isPunct(peek(), ','))
                    next();
                expect('}', `to close the options that open at column ${open.at + 1}`);
                args.push({ kind: 'options', weight, at: open.at });
            }
            else {
                args.push(expression());
            }
            const t = peek();
            if (isPunct(t, ',')) {
                next();
                continue;
            }
            if (isPunct(t, ')')) {
                next();
                return args;
            }
            return fail(t.at, `expected ',' or ')' in the arguments of .${name.text}( at column ${name.at + 1}, found ${found(t)}`);
        }
    };
    /** Checks the arguments against a method's parameters; ValueError at the first misfit. */
    const checkArgs = (name, params, args) => {
        const label = name.text;
        const min = params.filter((p) => !p.optional).length;
        if (args.length < min || args.length > params.length) {
            const names = params.map((p) => (p.optional ? `${p.name}?` : p.name)).join(', ');
            const takes = params.length === 0 ? 'takes no arguments' : min === params.length ? `takes ${plural(min, 'argument')} (${names})` : `takes ${min} to ${plural(params.length, 'argument')} (${names})`;
            fail(name.at, `.${label}() ${takes}, found ${args.length}`);
        }
        return args.map((a, index) => {
            const p = params[index];
            const what = `the argument ${p.name} of .${label}()`;
            if (a.kind === 'reduced')
                reductionTooEarly(a, a.at, `it as ${what}`);
            if (a.kind === 'options' && p.kind !== 'options')
                fail(a.at, `${what} must be ${p.kind === 'lazy' || p.kind === 'operand' ? 'a lazy value or a number' : 'a number'}, found an options object ({ weight } is logsumexp's second argument only)`);
            switch (p.kind) {
                case 'operand':
                    return a.kind === 'num' ? a.value : a.lazy;
                case 'lazy':
                    if (a.kind !== 'lazy')
                        fail(a.at, `${what} must be a lazy value such as Vj(y), found ${describeValue(a)}`);
                    return a.lazy;
                case 'options': {
                    if (a.kind !== 'options')
                        fail(a.at, `${what} must be { weight: Vj(w) }, found ${describeValue(a)}`);
                    const w = a.weight;
                    if (w.kind === 'reduced')
                        reductionTooEarly(w, w.at, `it as the weight of .${label}()`);
                    if (w.kind !== 'lazy')
                        fail(w.at, `the weight of .${label}() must be a lazy value such as Vj(w), found ${describeValue(w)}`);
                    return w.lazy;
                }
                default: {
                    if (a.kind !== 'num')
                        fail(a.at, `${what} must be ${p.kind === 'int' ? 'an integer' : p.kind === 'axis' ? '0 or 1' : 'a positive integer'}, found ${describeValue(a)}`);
                    const v = a.value;
                    if (p.kind === 'int' && !(Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31))
                        fail(a.at, `${what} must be an integer in [-2^31, 2^31), found ${numberText(v)}`);
                    if (p.kind === 'axis' && v !== 0 && v !== 1)
                        fail(a.at, `${what} must be 0 (reduce over i) or 1 (reduce over j), found ${numberText(v)}`);
                    if (p.kind === 'K' && !(Number.isInteger(v) && v >= 1 && v <= 2 ** 31 - 1))
                        fail(a.at, `${what} must be a positive integer at most 2^31 - 1, found ${numberText(v)}`);
                    return v;
                }
            }
        });
    };
    /** `.name(args)` on `self`: a method (a lazy value out) or a reduction (the end). */
    const call = (x, name, args) => {
        const argsText = args.map(valueText).join(', ');
        // sum(-1) and min / max of a lazy value stay lazy; with an axis they reduce.
        let method = null;
        let reduction = null;
        if (name.text === 'sum') {
            if (args.length === 1 && args[0].kind === 'num' && args[0].value === -1)
                method = 'sum';
            else if (args.length === 1 && args[0].kind === 'num' && args[0].value !== 0 && args[0].value !== 1) {
                fail(args[0].at, `the axis of .sum() must be -1 (the sum of the vector components, lazy) or 0 / 1 (a reduction over i / j), found ${numberText(args[0].value)}`);
            }
            else
                reduction = 'sum';
        }
        else if (name.text === 'min' || name.text === 'max') {
            if (args.length === 1 && args[0].kind === 'lazy')
                method = name.text;
            else
                reduction = name.text;
        }
        else if (REDUCTIONS.has(name.text)) {
            reduction = name.text;
        }
        else if (METHODS.has(name.text)) {
            method = name.text;
        }
        else {
            const near = closestName(name.text, new Set([...METHODS.keys(), ...REDUCTIONS.keys()]));
            fail(name.at, `unknown method '${name.text.length > 40 ? `${name.text.slice(0, 40)}...` : name.text}'${near ? ` (did you mean '${near}'?)` : ''}; the methods are ${methodList()}; the reductions (last call only) are ${reductionList()}`);
        }
        if (method !== null) {
            const spec = METHODS.get(method);
            const values = checkArgs(name, spec.params, args);
            const text = `${x.text}.${method}(${argsText})`;
            const lazy = attempt(name.at, `.${method}(${argsText.length > 60 ? '...' : argsText})`, () => spec.call(x.lazy, values));
            return lazyOf(lazy, text, name.at, x, ...args.filter((a) => a.kind !== 'options'));
        }
        const values = checkArgs(name, REDUCTIONS.get(reduction), args);
        return {
            kind: 'reduced', base: x.lazy, reduction: { method: reduction, args: values }, text: `${x.text}.${reduction}(${argsText})`,
            call: `.${reduction}(${argsText.length > 60 ? '...' : argsText})`, callAt: name.at, at: x.at,
        };
    };
    const postfix = () => {
        let v = primary();
        while (isPunct(peek(), '.')) {
            const dot = next();
            const name = peek();
            if (name.kind !== 'name')
                fail(name.at, `expected a method name after '.', found ${found(name)}`);
            next();
            if (v.kind === 'num')
                fail(dot.at, `.${name.text}() is called on the number ${numberText(v.value)}; methods apply to lazy values (Vi, Vj, Pm and what is built from them)`);
            if (v.kind === 'reduced')
                reductionTooEarly(v, dot.at, `.${name.text} after it`);
            expect('(', `after .${name.text} (a method is called: .${name.text}(...))`);
            v = call(v, name, argumentList(name));
        }
        return v;
    };
    const unary = () => {
        // Every level of nesting passes through here: count it before recursing further.
        const t = peek();
        if (++nesting > MAX_EXPRESSION_DEPTH)
            tooDeep(t.at);
        try {
            if (isPunct(t, '-') || isPunct(t, '+')) {
                next();
                const v = unary();
                if (v.kind === 'reduced')
                    reductionTooEarly(v, t.at, `the sign '${t.text}' before it (a sign goes inside: (-Vi(x)).sum(1))`);
                if (t.text === '+')
                    return { ...v, at: t.at };
                if (v.kind === 'num')
                    return { kind: 'num', value: -v.value, at: t.at };
                const x = v;
                return { ...lazyOf(attempt(t.at, `-${x.text}`, () => x.lazy.neg()), `${x.text}.neg()`, t.at, x), at: t.at };
            }
            return postfix();
        }
        finally {
            nesting--;
        }
    };
    /** a op b: numbers fold; a lazy value and a number call add / sub / mul / div. */
    const binary = (op, a, b) => {
        if (a.kind === 'reduced')
            reductionTooEarly(a, op.at, `'${op.text}' after it`);
        if (b.kind === 'reduced')
            reductionTooEarly(b, b.at, `it as the right operand of '${op.text}'`);
        if (a.kind === 'num' && b.kind === 'num') {
            const x = a.value;
            const y = b.value;
            return { kind: 'num', value: op.text === '+' ? x + y : op.text === '-' ? x - y : op.text === '*' ? x * y : x / y, at: a.at };
        }
        const method = op.text === '+' ? 'add' : op.text === '-' ? 'sub' : op.text === '*' ? 'mul' : 'div';
        if (a.kind === 'num') {
            const y = b;
            // n + y and n * y are y.add(n) and y.mul(n) (the same numbers: + and * commute);
            // n - y and n / y are Pm(n).sub(y) and Pm(n).div(y).
            if (method === 'add' || method === 'mul') {
                const lazy = attempt(op.at, `'${op.text}'`, () => (method === 'add' ? y.lazy.add(a.value) : y.lazy.mul(a.value)));
                return { ...lazyOf(lazy, `${y.text}.${method}(${numberText(a.value)})`, op.at, y), at: a.at };
            }
            const p = attempt(a.at, `Pm(${numberText(a.value)})`, () => Pm(a.value));
            const lazy = attempt(op.at, `'${op.text}'`, () => (method === 'sub' ? p.sub(y.lazy) : p.div(y.lazy)));
            return { ...lazyOf(lazy, `Pm(${numberText(a.value)}).${method}(${y.text})`, op.at, y), at: a.at };
        }
        const x = a;
        const y = b.kind === 'num' ? b.value : b.lazy;
        const lazy = attempt(op.at, `'${op.text}'`, () => {
            switch (method) {
                case 'add': return x.lazy.add(y);
                case 'sub': return x.lazy.sub(y);
                case 'mul': return x.lazy.mul(y);
                default: return x.lazy.div(y);
            }
        });
        return lazyOf(lazy, `${x.text}.${method}(${valueText(b)})`, op.at, x, b);
    };
    const multiplicative = () => {
        let a = unary();
        for (;;) {
            const op = peek();
            if (isPunct(op, '**'))
                fail(op.at, 'the operator \'**\' is not supported; write .pow(p), .powf(p) or .square()');
            if (!isPunct(op, '*') && !isPunct(op, '/'))
                return a;
            next();
            a = binary(op, a, unary());
        }
    };
    function expression() {
        let a = multiplicative();
        for (;;) {
            const op = peek();
            if (!isPunct(op, '+') && !isPunct(op, '-'))
                return a;
            next();
            a = binary(op, a, multiplicative());
        }
    }
    const root = expression();
    const rest = peek();
    if (rest.kind !== 'end') {
        if (root.kind === 'reduced')
            reductionTooEarly(root, rest.at, `${found(rest)} after it`);
        if (isPunct(rest, ')'))
            fail(rest.at, 'unbalanced \')\': no \'(\' before it is left open');
        fail(rest.at, `expected an operator (+ - * /), a method call .name(...) or the end of the expression, found ${found(rest)}`);
    }
    if (root.kind === 'num')
        fail(root.at, `the expression is the constant ${numberText(root.value)}; it must use Vi, Vj or Pm`);
    if (root.kind === 'reduced')
        return new ParsedExpression(source, root.base, root.reduction, root.text);
    const lazy = root;
    return new ParsedExpression(source, lazy.lazy, null, lazy.text);
}
