/**
 * numpy broadcasting for host tensors: the shape rule, strided loops over broadcast
 * operands, and the reverse step of autograd, summing a gradient back to an input's shape.
 * Every loop walks the output row-major with a counter per axis and an inner loop over the
 * last axis, so a broadcast operand is never materialised.
 */
import { ShapeError } from '../errors.js';
import { Tensor, allocateData } from './tensor.js';
/** Number of elements of a shape. */
export function sizeOf(shape) {
    let n = 1;
    for (const d of shape)
        n *= d;
    return n;
}
/** `[a, b, c]` for error messages. */
export function formatShape(shape) {
    return `[${shape.join(', ')}]`;
}
/** The shape two operands broadcast to, or a ShapeError naming `op` and both shapes. */
export function broadcastShapes(op, a, b) {
    const n = Math.max(a.length, b.length);
    const out = new Array(n);
    for (let k = 0; k < n; k++) {
        const da = a[a.length - n + k] ?? 1;
        const db = b[b.length - n + k] ?? 1;
        if (da !== db && da !== 1 && db !== 1) {
            throw new ShapeError(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together (axis ${k - n}: ${da} vs ${db})`);
        }
        out[k] = da === 1 ? db : da;
    }
    return out;
}
/** Row-major strides of a contiguous array of `shape`. */
export function contiguousStrides(shape) {
    const strides = new Array(shape.length);
    let s = 1;
    for (let k = shape.length - 1; k >= 0; k--) {
        strides[k] = s;
        s *= shape[k];
    }
    return strides;
}
/** Strides that read a contiguous array of `shape` as if it had `outShape` (0 on broadcast axes). */
export function broadcastStrides(shape, outShape) {
    const own = contiguousStrides(shape);
    const n = outShape.length;
    const strides = new Array(n).fill(0);
    for (let k = 0; k < shape.length; k++) {
        const axis = n - shape.length + k;
        strides[axis] = shape[k] === 1 && outShape[axis] !== 1 ? 0 : own[k];
    }
    return strides;
}
/**
 * Visits `shape` row-major in runs along the last axis longer than 1: `run(outStart, length,
 * offsets, steps)` where offsets[s] is where operand s starts for that run and steps[s] its
 * stride along the run. Callbacks index the two arrays (destructuring them would make an
 * iterator per run: garbage on every host op that broadcasts).
 */
function forEachRun(fullShape, fullStrides, starts, run) {
    const size = sizeOf(fullShape);
    if (size === 0)
        return;
    // Axes of length 1 move nothing: without them, an [N, 1] column is one run of N, not N runs of 1.
    const keep = fullShape.map((_, d) => d).filter((d) => fullShape[d] !== 1);
    const shape = keep.length === fullShape.length ? fullShape : keep.map((d) => fullShape[d]);
    const strides = keep.length === fullShape.length ? fullStrides : fullStrides.map((st) => keep.map((d) => st[d]));
    const n = shape.length;
    const last = n === 0 ? 1 : shape[n - 1];
    const steps = strides.map((st) => (n === 0 ? 0 : st[n - 1]));
    const offsets = [...starts];
    const index = new Array(n).fill(0);
    for (let o = 0; o < size; o += last) {
        run(o, last, offsets, steps);
        for (let d = n - 2; d >= 0; d--) {
            index[d]++;
            for (let s = 0; s < offsets.length; s++)
                offsets[s] += strides[s][d];
            if (index[d] < shape[d])
                break;
            for (let s = 0; s < offsets.length; s++)
                offsets[s] -= strides[s][d] * shape[d];
            index[d] = 0;
        }
    }
}
/** out[i] = f(a[i], b[i]) over `outShape`, reading `a` and `b` with broadcasting. */
export function mapBinary(a, b, outShape, dtype, f) {
    const out = allocateData(dtype, sizeOf(outShape));
    const A = a.data;
    const B = b.data;
    if (A.length === out.length && B.length === out.length) {
        for (let k = 0; k < out.length; k++)
            out[k] = f(A[k], B[k]);
        return out;
    }
    if (B.length === 1 && A.length === out.length) {
        const y = B[0];
        for (let k = 0; k < out.length; k++)
            out[k] = f(A[k], y);
        return out;
    }
    if (A.length === 1 && B.length === out.length) {
        const x = A[0];
        for (let k = 0; k < out.length; k++)
            out[k] = f(x, B[k]);
        return out;
    }
    const sa = broadcastStrides(a.shape, outShape);
    const sb = broadcastStrides(b.shape, outShape);
    forEachRun(outShape, [sa, sb], [0, 0], (o, len, offsets, steps) => {
        const pa = offsets[0], pb = offsets[1], la = steps[0], lb = steps[1];
        for (let k = 0; k < len; k++)
            out[o + k] = f(A[pa + k * la], B[pb + k * lb]);
    });
    return out;
}
/** out[i] = f(x[i]) element-wise. */
export function mapUnary(x, dtype, f) {
    const X = x.data;
    const out = allocateData(dtype, X.length);
    for (let k = 0; k < X.length; k++)
        out[k] = f(X[k]);
    return out;
}
/**
 * Copies the strided view (`offset`, `strides`, `shape`) of `src` into a new contiguous array:
 * transposes, slices and broadcasts are all this one loop.
 */
export function stridedCopy(src, offset, strides, shape, dtype) {
    const out = allocateData(dtype, sizeOf(shape));
    forEachRun(shape, [strides], [offset], (o, len, offsets, steps) => {
        const p = offsets[0], step = steps[0];
        for (let k = 0; k < len; k++)
            out[o + k] = src[p + k * step];
    });
    return out;
}
/** Writes the contiguous `src` into the strided view (`offset`, `strides`, `shape`) of `dst`. */
export function stridedAssign(dst, offset, strides, shape, src) {
    forEachRun(shape, [strides], [offset], (o, len, offsets, steps) => {
        const p = offsets[0], step = steps[0];
        for (let k = 0; k < len; k++)
            dst[p + k * step] = src[o + k];
    });
}
/**
 * Reduces `x` onto `keepShape` (same rank, 1 on every reduced axis), accumulating in float64
 * and rounding once into `dtype`. Max and min propagate NaN like numpy.
 */
export function reduceToShape(x, keepShape, combine, dtype = x.dtype) {
    const acc = new Float64Array(sizeOf(keepShape));
    if (combine !== 'sum')
        acc.fill(combine === 'max' ? -Infinity : Infinity);
    const X = x.data;
    const strides = broadcastStrides(keepShape, x.shape);
    forEachRun(x.shape, [strides], [0], (o, len, offsets, steps) => {
        const p = offsets[0], step = steps[0];
        if (combine === 'sum') {
            if (step === 0) {
                let s = 0;
                for (let k = 0; k < len; k++)
                    s += X[o + k];
                acc[p] += s;
            }
            else {
                for (let k = 0; k < len; k++)
                    acc[p + k * step] += X[o + k];
            }
        }
        else {
            const isMax = combine === 'max';
            for (let k = 0; k < len; k++) {
                const v = X[o + k];
                const q = p + k * step;
                const cur = acc[q];
                if (v !== v || (isMax ? v > cur : v < cur))
                    acc[q] = v; // a NaN, once in, stays
            }
        }
    });
    if (dtype === 'float64')
        return acc;
    const out = allocateData(dtype, acc.length);
    out.set(acc);
    return out;
}
/** `shape` left-padded with ones to `ndim` axes. */
export function padShape(shape, ndim) {
    return [...new Array(Math.max(0, ndim - shape.length)).fill(1), ...shape];
}
/**
 * The gradient of a broadcast: sums `grad` (of the broadcast shape) over the axes that
 * broadcasting added or stretched, giving a tensor of `shape`. Returns `grad` when nothing
 * was broadcast.
 */
export function sumToShape(grad, shape) {
    if (grad.shape.length === shape.length && grad.shape.every((d, k) => d === shape[k]))
        return grad;
    if (shape.length > grad.shape.length)
        throw new ShapeError(`sumToShape: cannot reduce shape ${formatShape(grad.shape)} to the larger rank of ${formatShape(shape)}`);
    const keep = padShape(shape, grad.shape.length);
    broadcastShapes('sumToShape', keep, grad.shape);
    return new Tensor(reduceToShape(grad, keep, 'sum'), shape);
}
/** A contiguous copy of `x` broadcast to `shape` (numpy's broadcast_to, materialised). */
export function broadcastTo(x, shape) {
    if (x.shape.length === shape.length && x.shape.every((d, k) => d === shape[k]))
        return x;
    const out = broadcastShapes('broadcastTo', x.shape, shape);
    if (out.length !== shape.length || out.some((d, k) => d !== shape[k])) {
        throw new ShapeError(`broadcastTo: shape ${formatShape(x.shape)} cannot be broadcast to ${formatShape(shape)}`);
    }
    return new Tensor(stridedCopy(x.data, 0, broadcastStrides(x.shape, shape), shape, x.dtype), shape);
}
