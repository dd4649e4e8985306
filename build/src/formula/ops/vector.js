import { ShapeError, ValueError, describe } from '../../errors.js';
import { roundHalfAway } from './unary.js';
import { sameDim } from './dims.js';
import { add, sub, mul, neg, unary, repeat, sumv, dot as dotF, embed, extract, matvec, vecmat, tensorprod } from '../algebra.js';
function dot(a, b) {
    let s = 0;
    for (let k = 0; k < a.length; k++)
        s += a[k] * b[k];
    return s;
}
/** x^T S x, with S given as 1 (isotropic), D (diagonal) or D*D (full, row-major) numbers. */
function weightedSqNormRef(s, x) {
    const d = x.length;
    if (s.length === 1)
        return s[0] * dot(x, x);
    if (s.length === d) {
        let r = 0;
        for (let k = 0; k < d; k++)
            r += s[k] * x[k] * x[k];
        return r;
    }
    let r = 0;
    for (let p = 0; p < d; p++) {
        let row = 0;
        for (let q = 0; q < d; q++)
            row += s[p * d + q] * x[q];
        r += x[p] * row;
    }
    return r;
}
function weightDim(op, s, d) {
    if (s !== 1 && s !== d && s !== d * d) {
        throw new ShapeError(`${op}: the weight has dimension ${s}, expected 1, ${d} or ${d * d} for vectors of dimension ${d}`);
    }
}
function lowerWeightedSqNorm(e, s, x) {
    const d = x.dim;
    if (s.dim === 1)
        return e.emit('MUL', 1, [s, e.emit('DOT', 1, [x, x], d)]);
    if (s.dim === d)
        return e.emit('DOT', 1, [s, e.emit('SQUARE', d, [x])], d);
    return e.emit('DOT', 1, [x, e.emit('MATVEC', d, [s, x], d, d)], d);
}
/** Cotangents of (s, x) for g * x^T S x, S isotropic, diagonal or full. */
function weightedSqNormVjp(s, x, g) {
    const d = x.dim;
    if (s.dim === 1)
        return [mul(g, dotF(x, x)), mul(mul(2, g), mul(s, x))];
    if (s.dim === d)
        return [mul(g, unary('Square', x)), mul(mul(2, g), mul(s, x))];
    return [mul(g, tensorprod(x, x)), mul(g, add(matvec(s, x), vecmat(x, s)))];
}
const vec = (d) => [d];
/** Ops that mix the components of vectors. */
export const vectorOps = [
    {
        // SumT(a, D): a dimension-1 formula repeated over D components (the transpose of Sum).
        name: 'SumT', arity: 1, nattrs: 1,
        dim: ([a], [d]) => {
            if (a !== 1 || !(Number.isInteger(d) && d >= 1))
                throw new ShapeError(`SumT: expects a dimension-1 argument and a positive dimension, received ${a} and ${d}`);
            return d;
        },
        ref(out, [a]) { out.fill(a[0]); },
        lower: (e, [a], _attrs, dim) => e.emit('ADD', dim, [a, e.constant(0)]),
        print: (args, [d]) => `SumT(${args[0]},${d})`,
        vjp: ([_a], _out, g) => [sumv(g)],
        test: { argDims: (d) => (d === 1 ? [1] : null), attrs: [[1], [3], [16]] },
    },
    {
        name: 'Sum', arity: 1, nattrs: 0,
        vjp: ([a], _out, g) => [repeat(g, a.dim)],
        dim: () => 1,
        ref(out, [a]) { out[0] = a.reduce((s, v) => s + v, 0); },
        lower: (e, [a]) => e.emit('SUMV', 1, [a], a.dim),
        test: { argDims: vec },
    },
    {
        name: 'Scalprod', arity: 2, nattrs: 0,
        vjp: ([a, b], _out, g) => [mul(g, b), mul(g, a)],
        dim: ([a, b]) => (sameDim('Scalprod', a, b), 1),
        ref(out, [a, b]) { out[0] = dot(a, b); },
        lower: (e, [a, b]) => e.emit('DOT', 1, [a, b], a.dim),
        print: (args) => `(${args[0]}|${args[1]})`,
        test: { argDims: (d) => [d, d] },
    },
    {
        name: 'SqDist', arity: 2, nattrs: 0,
        vjp: ([a, b], _out, g) => { const d = mul(mul(2, g), sub(a, b)); return [d, neg(d)]; },
        dim: ([a, b]) => (sameDim('SqDist', a, b), 1),
        ref(out, [a, b]) {
            let s = 0;
            for (let k = 0; k < a.length; k++)
                s += (a[k] - b[k]) ** 2;
            out[0] = s;
        },
        lower: (e, [a, b]) => e.emit('SQDIST', 1, [a, b], a.dim),
        test: { argDims: (d) => [d, d] },
    },
    {
        name: 'SqNorm2', arity: 1, nattrs: 0,
        vjp: ([a], _out, g) => [mul(mul(2, g), a)],
        dim: () => 1,
        ref(out, [a]) { out[0] = dot(a, a); },
        lower: (e, [a]) => e.emit('DOT', 1, [a, a], a.dim),
        test: { argDims: vec },
    },
    {
        name: 'Norm2', arity: 1, nattrs: 0,
        vjp: ([a], _out, g) => [mul(mul(g, unary('Rsqrt', dotF(a, a))), a)],
        dim: () => 1,
        ref(out, [a]) { out[0] = Math.sqrt(dot(a, a)); },
        lower: (e, [a]) => e.emit('SQRT', 1, [e.emit('DOT', 1, [a, a], a.dim)]),
        test: { argDims: vec },
    },
    {
        name: 'Normalize', arity: 1, nattrs: 0,
        vjp: ([a], out, g) => { const r = unary('Rsqrt', dotF(a, a)); return [mul(r, sub(g, mul(dotF(out, g), out)))]; },
        dim: ([a]) => a,
        ref(out, [a]) {
            const n2 = dot(a, a);
            const r = n2 === 0 ? 0 : 1 / Math.sqrt(n2);
            for (let k = 0; k < out.length; k++)
                out[k] = a[k] * r;
        },
        lower: (e, [a]) => e.emit('MUL', a.dim, [a, e.emit('RSQRT', 1, [e.emit('DOT', 1, [a, a], a.dim)])]),
        test: { argDims: vec },
    },
    {
        // Argument order as in KeOps: WeightedSqNorm(s, x).
        name: 'WeightedSqNorm', arity: 2, nattrs: 0,
        vjp: ([s, x], _out, g) => weightedSqNormVjp(s, x, g),
        dim: ([s, x]) => (weightDim('WeightedSqNorm', s, x), 1),
        ref(out, [s, x]) { out[0] = weightedSqNormRef(s, x); },
        lower: (e, [s, x]) => lowerWeightedSqNorm(e, s, x),
        test: { argDims: (d) => [d * d, d] },
    },
    {
        // WeightedSqDist(s, x, y) = WeightedSqNorm(s, x - y).
        name: 'WeightedSqDist', arity: 3, nattrs: 0,
        vjp: ([s, x, y], _out, g) => { const [gs, gx] = weightedSqNormVjp(s, sub(x, y), g); return [gs, gx, neg(gx)]; },
        dim: ([s, x, y]) => (sameDim('WeightedSqDist', x, y), weightDim('WeightedSqDist', s, x), 1),
        ref(out, [s, x, y]) {
            const diff = new Float64Array(x.length);
            for (let k = 0; k < diff.length; k++)
                diff[k] = x[k] - y[k];
            out[0] = weightedSqNormRef(s, diff);
        },
        lower: (e, [s, x, y]) => lowerWeightedSqNorm(e, s, e.emit('SUB', x.dim, [x, y])),
        test: { argDims: (d) => [d, d, d] },
    },
    {
        name: 'Extract', arity: 1, nattrs: 2,
        vjp: ([a], _out, g, [start]) => [embed(g, start, a.dim)],
        dim: ([a], [start, len]) => {
            if (!(start >= 0 && len >= 1 && start + len <= a)) {
                throw new ShapeError(`Extract: components [${start}, ${start + len}) do not fit in dimension ${a}`);
            }
            return len;
        },
        ref(out, [a], [start]) { for (let k = 0; k < out.length; k++)
            out[k] = a[start + k]; },
        lower: (e, [a], [start], dim) => e.emit('EXTRACT', dim, [a], start),
        print: (args, [start, len]) => `Extract(${args[0]},${start},${len})`,
        test: { argDims: (d) => (d >= 2 ? [d] : null), attrs: [[1, 1]] },
    },
    {
        name: 'Elem', arity: 1, nattrs: 1,
        vjp: ([a], _out, g, [k]) => [embed(g, k, a.dim)],
        dim: ([a], [k]) => {
            if (!(k >= 0 && k < a))
                throw new ShapeError(`Elem: index ${k} is out of range for dimension ${a}`);
            return 1;
        },
        ref(out, [a], [k]) { out[0] = a[k]; },
        lower: (e, [a], [k]) => e.emit('EXTRACT', 1, [a], k),
        print: (args, [k]) => `Elem(${args[0]},${k})`,
        test: { argDims: (d) => [d], attrs: [[0]] },
    },
    {
        // KeOps's OneHot(x, D): a scalar x gives the vector of dimension D with 1 at component
        // round(x) (half away from zero; KeOps's (int)(x + .5) for x > -0.5) and 0 elsewhere; all
        // zeros when round(x) is outside [0, D) or x is NaN (where KeOps writes out of bounds).
        name: 'OneHot', arity: 1, nattrs: 1,
        vjp: () => [null],
        dim: ([a], [d]) => {
            if (a !== 1)
                throw new ShapeError(`OneHot: expects a dimension-1 (scalar) argument, received dimension ${a}`);
            if (!(Number.isInteger(d) && d >= 1))
                throw new ValueError(`OneHot: the dimension must be a positive integer, received ${describe(d)}`);
            return d;
        },
        ref(out, [a]) {
            out.fill(0);
            const k = roundHalfAway(a[0]);
            if (k >= 0 && k < out.length)
                out[k] = 1;
        },
        lower: (e, [a], _attrs, dim) => e.emit('ONEHOT', dim, [a]),
        print: (args, [d]) => `OneHot(${args[0]},${d})`,
        test: { argDims: (d) => (d === 1 ? [1] : null), attrs: [[1], [3], [5]], discontinuous: true },
    },
    {
        name: 'Concat', arity: 2, nattrs: 0,
        vjp: ([a, b], _out, g) => [extract(g, 0, a.dim), extract(g, a.dim, b.dim)],
        dim: ([a, b]) => a + b,
        ref(out, [a, b]) { out.set(a, 0); out.set(b, a.length); },
        lower: (e, [a, b], _attrs, dim) => e.emit('CONCAT', dim, [a, b], a.dim, b.dim),
        test: { argDims: (d) => [d, 2] },
    },
    {
        // MatVecMult(A, v): A has n*m components (row-major n x m), v has m.
        name: 'MatVecMult', arity: 2, nattrs: 0,
        vjp: ([A, v], _out, g) => [tensorprod(g, v), vecmat(g, A)],
        dim: ([a, b]) => {
            if (a % b !== 0)
                throw new ShapeError(`MatVecMult: matrix dimension ${a} is not a multiple of vector dimension ${b}`);
            return a / b;
        },
        ref(out, [a, v]) {
            const m = v.length;
            for (let p = 0; p < out.length; p++) {
                let s = 0;
                for (let q = 0; q < m; q++)
                    s += a[p * m + q] * v[q];
                out[p] = s;
            }
        },
        lower: (e, [a, b], _attrs, dim) => e.emit('MATVEC', dim, [a, b], dim, b.dim),
        test: { argDims: (d) => [d * 2, 2] },
    },
    {
        // VecMatMult(v, A): v has n components, A has n*m (row-major n x m).
        name: 'VecMatMult', arity: 2, nattrs: 0,
        vjp: ([v, A], _out, g) => [matvec(A, g), tensorprod(v, g)],
        dim: ([a, b]) => {
            if (b % a !== 0)
                throw new ShapeError(`VecMatMult: matrix dimension ${b} is not a multiple of vector dimension ${a}`);
            return b / a;
        },
        ref(out, [v, a]) {
            const n = v.length;
            const m = out.length;
            for (let q = 0; q < m; q++) {
                let s = 0;
                for (let p = 0; p < n; p++)
                    s += v[p] * a[p * m + q];
                out[q] = s;
            }
        },
        lower: (e, [a, b], _attrs, dim) => e.emit('VECMAT', dim, [a, b], a.dim),
        test: { argDims: (d) => [2, d * 2] },
    },
    {
        name: 'TensorProd', arity: 2, nattrs: 0,
        vjp: ([a, b], _out, g) => [matvec(g, b), vecmat(a, g)],
        dim: ([a, b]) => a * b,
        ref(out, [a, b]) {
            const m = b.length;
            for (let p = 0; p < a.length; p++)
                for (let q = 0; q < m; q++)
                    out[p * m + q] = a[p] * b[q];
        },
        lower: (e, [a, b], _attrs, dim) => e.emit('TENSORPROD', dim, [a, b], a.dim, b.dim),
        test: { argDims: (d) => [d, 2] },
    },
];
