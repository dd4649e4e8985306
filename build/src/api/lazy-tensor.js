import { FormulaNode, constNode, collectVars } from '../formula/node.js';
import { apply } from '../formula/build.js';
import { formulaToString } from '../formula/print.js';
import { DTypeError, ValueError, describe } from '../errors.js';
import { checkIntAttr } from '../formula/ops/unary.js';
import { kernelSolver } from './kernel-solve-hook.js';
import { reduce } from './reduce.js';
function toNode(x, where) {
    if (x instanceof LazyTensor)
        return x.node;
    if (typeof x === 'number')
        return constNode(x);
    throw new DTypeError(`${where}: expected a LazyTensor or a number, received ${describe(x)}`);
}
/**
 * The K of the K-min reductions: a positive integer, given (not left undefined), and an int32
 * (the engines count slots and indices in int32). Larger K within that range may still exceed
 * the engine's memory; the reduction reports that.
 */
function checkK(where, K) {
    if (typeof K !== 'number' || !Number.isInteger(K) || K < 1 || K > 2 ** 31 - 1) {
        throw new ValueError(`${where}: K must be a positive integer at most ${2 ** 31 - 1} (2^31 - 1), received ${describe(K)}`);
    }
    return K;
}
/**
 * A symbolic [N, M] (or [N, M, D]) kernel matrix: an immutable formula over i-variables,
 * j-variables and parameters, evaluated only inside reductions.
 */
export class LazyTensor {
    /** @internal The formula IR node this LazyTensor wraps. */
    node;
    /** @internal LazyTensors are made by Vi, Vj, Pm and their operations. */
    constructor(node) {
        if (!(node instanceof FormulaNode)) {
            throw new DTypeError(`LazyTensor: LazyTensors are made by Vi, Vj, Pm and their methods; new LazyTensor() takes a formula node, received ${describe(node)}`);
        }
        this.node = node;
    }
    /** Vector dimension of each (i, j) entry. */
    get dim() {
        return this.node.dim;
    }
    /** [N, M] or [N, M, D]; an axis without variables is reported as 1. */
    get shape() {
        const vars = collectVars([this.node]);
        const rows = (cat) => vars.find((v) => v.category === cat)?.tensor.shape[0] ?? 1;
        return this.dim === 1 ? [rows('i'), rows('j')] : [rows('i'), rows('j'), this.dim];
    }
    op(name, args, attrs = []) {
        return new LazyTensor(apply(name, [this.node, ...args.map((a, k) => toNode(a, `${name} argument ${k + 1}`))], attrs));
    }
    // Element-wise arithmetic (numbers are promoted to constants; dimension-1 operands broadcast).
    add(y) { return this.op('Add', [y]); }
    sub(y) { return this.op('Subtract', [y]); }
    mul(y) { return this.op('Mult', [y]); }
    div(y) { return this.op('Divide', [y]); }
    neg() { return this.op('Minus', []); }
    exp() { return this.op('Exp', []); }
    log() { return this.op('Log', []); }
    sqrt() { return this.op('Sqrt', []); }
    /** 1/sqrt(x), with rsqrt(0) = 0 as in KeOps. */
    rsqrt() { return this.op('Rsqrt', []); }
    square() { return this.op('Square', []); }
    abs() { return this.op('Abs', []); }
    sin() { return this.op('Sin', []); }
    cos() { return this.op('Cos', []); }
    sign() { return this.op('Sign', []); }
    /** 0 for x < 0, 1 otherwise. */
    step() { return this.op('Step', []); }
    relu() { return this.op('ReLU', []); }
    inv() { return this.op('Inv', []); }
    floor() { return this.op('Floor', []); }
    /** Rounds half away from zero to `decimals` digits. */
    round(decimals = 0) { return this.op('Round', [], [checkIntAttr('round', 'decimals', decimals)]); }
    /**
     * x^p. Like pykeops: an integer p is repeated multiplication, 0.5 is sqrt, -0.5 is rsqrt,
     * any other number or a LazyTensor is powf (exp(p log x), NaN for x < 0).
     */
    pow(p) {
        if (typeof p === 'number') {
            if (Number.isInteger(p))
                return p === 2 ? this.square() : this.op('Pow', [], [checkIntAttr('pow', 'the integer exponent p', p)]);
            if (p === 0.5)
                return this.sqrt();
            if (p === -0.5)
                return this.rsqrt();
        }
        return this.powf(p);
    }
    powf(p) { return this.op('Powf', [p]); }
    /** Element-wise minimum of two formulas (NaN propagates). */
    minimum(y) { return this.op('Min', [y]); }
    /** Element-wise maximum of two formulas (NaN propagates). */
    maximum(y) { return this.op('Max', [y]); }
    atan2(x) { return this.op('Atan2', [x]); }
    /** x - n floor((x - d) / n), KeOps's Mod. */
    mod(n, d = 0) { return this.op('Mod', [n, d]); }
    clamp(lo, hi) { return this.op('Clamp', [lo, hi]); }
    /** this >= 0 ? a : b. */
    ifelse(a, b) { return this.op('IfElse', [a, b]); }
    // Vector operations.
    sqnorm2() { return this.op('SqNorm2', []); }
    norm2() { return this.op('Norm2', []); }
    normalize() { return this.op('Normalize', []); }
    sqdist(y) { return this.op('SqDist', [y]); }
    dot(y) { return this.op('Scalprod', [y]); }
    /** (x - y)^T S (x - y) with S of dimension 1, D (diagonal) or D*D (full). */
    weightedsqdist(y, s) {
        return new LazyTensor(apply('WeightedSqDist', [toNode(s, 'weightedsqdist weight'), this.node, toNode(y, 'weightedsqdist y')]));
    }
    /** x^T S x with S of dimension 1, D (diagonal) or D*D (full). */
    weightedsqnorm(s) {
        return new LazyTensor(apply('WeightedSqNorm', [toNode(s, 'weightedsqnorm weight'), this.node]));
    }
    concat(y) { return this.op('Concat', [y]); }
    elem(k) { return this.op('Elem', [], [checkIntAttr('elem', 'k', k)]); }
    extract(start, len) {
        return this.op('Extract', [], [checkIntAttr('extract', 'start', start), checkIntAttr('extract', 'len', len)]);
    }
    /** This (a row-major n x m matrix) times v (m components). */
    matvecmult(v) { return this.op('MatVecMult', [v]); }
    /** This (n components) times A (a row-major n x m matrix). */
    vecmatmult(A) { return this.op('VecMatMult', [A]); }
    tensorprod(y) { return this.op('TensorProd', [y]); }
    sum(axis, options) {
        if (axis === -1) {
            if (options !== undefined)
                throw new ValueError('sum(-1) sums the vector dimension lazily and takes no options');
            return this.op('Sum', []);
        }
        return reduce(this, 'SUM', axis, options).then((r) => r[0]);
    }
    /** log sum exp over an axis, optionally weighted: log sum_j w_j exp(this_ij). */
    async logsumexp(axis, options) {
        // Options that are not an object are refused by reduce(), naming them.
        const weight = options !== null && typeof options === 'object' && 'weight' in options ? options.weight : undefined;
        if (weight !== undefined) {
            if (!(weight instanceof LazyTensor))
                throw new DTypeError(`logsumexp: options.weight must be a LazyTensor such as Vj(w), received ${describe(weight)}`);
            return (await reduce(this, 'LOGSUMEXP_WEIGHT', axis, options, { aux: weight }))[0];
        }
        return (await reduce(this, 'LOGSUMEXP', axis, options))[0];
    }
    /** sum_j softmax_j(this_ij) V_j. */
    async sumsoftmaxweight(V, axis, options) {
        if (!(V instanceof LazyTensor))
            throw new DTypeError(`sumsoftmaxweight: V must be a LazyTensor such as Vj(v), received ${describe(V)}`);
        return (await reduce(this, 'SUMSOFTMAXWEIGHT', axis, options, { aux: V }))[0];
    }
    min(axis, options) {
        if (axis instanceof LazyTensor)
            return this.minimum(axis);
        return reduce(this, 'MIN', axis, options).then((r) => r[0]);
    }
    max(axis, options) {
        if (axis instanceof LazyTensor)
            return this.maximum(axis);
        return reduce(this, 'MAX', axis, options).then((r) => r[0]);
    }
    /** Index of the minimum (first on ties); -1 where a row has no non-NaN value. */
    async argmin(axis, options) { return (await reduce(this, 'ARGMIN', axis, options))[0]; }
    async argmax(axis, options) { return (await reduce(this, 'ARGMAX', axis, options))[0]; }
    async minArgmin(axis, options) { return reduce(this, 'MIN_ARGMIN', axis, options); }
    async maxArgmax(axis, options) { return reduce(this, 'MAX_ARGMAX', axis, options); }
    /** The K smallest values, ascending; slots beyond the available values hold +Inf. */
    async Kmin(K, axis, options) { return (await reduce(this, 'KMIN', axis, options, { k: checkK('kmin', K) }))[0]; }
    /** Indices of the K smallest values (ties: lowest index first); -1 for missing slots. */
    async argKmin(K, axis, options) { return (await reduce(this, 'ARGKMIN', axis, options, { k: checkK('argkmin', K) }))[0]; }
    async KminArgKmin(K, axis, options) {
        return reduce(this, 'KMIN_ARGKMIN', axis, options, { k: checkK('kmin_argkmin', K) });
    }
    /**
     * Solves (alpha I + K) x = b by conjugate gradients, like KeOps's KernelSolve; K must be a
     * square, scalar-valued kernel. Resolves to { x, iterations, converged, residual, ... }.
     */
    solve(b, options) {
        return kernelSolver()(this, b, options);
    }
    /** The formula and shape, printed the way pykeops does. */
    toString() {
        const shape = this.shape;
        return `KeOps LazyTensor\n    formula: ${formulaToString(this.node)}\n    shape: (${shape.join(', ')})`;
    }
}
