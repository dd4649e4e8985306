/**
 * Conversions between the user's vectors (Tensors, typed arrays, number arrays) and the
 * float64 row-major blocks the solvers work on, with the argument checks they share.
 */
import { Tensor } from '../tensor/tensor.js';
import { DTypeError, ShapeError, ValueError, describe } from '../errors.js';
/**
 * `x` as a float64 copy with `rows` rows: a [rows] vector gives one column, [rows, k] gives k
 * (row-major). `maxCols` 1 accepts vectors only ([rows] or [rows, 1]).
 */
export function toBlock(where, argName, x, rows, maxCols = Infinity) {
    let data;
    let shape;
    if (x instanceof Tensor) {
        data = x.data;
        shape = x.shape;
    }
    else if (x instanceof Float32Array || x instanceof Float64Array || x instanceof Int32Array) {
        data = x;
        shape = [x.length];
    }
    else if (Array.isArray(x) && x.every((v) => typeof v === 'number')) {
        data = x;
        shape = [x.length];
    }
    else {
        throw new DTypeError(`${where}: ${argName} must be a Tensor, a typed array or a number array, received ${describe(x)}`);
    }
    const cols = shape.length === 1 ? 1 : shape.length === 2 ? shape[1] : -1;
    const expected = maxCols === 1 ? `[${rows}] or [${rows}, 1]` : `[${rows}] or [${rows}, k]`;
    if (cols < 0 || shape[0] !== rows || cols > maxCols || (shape.length === 2 && cols < 1)) {
        throw new ShapeError(`${where}: ${argName} must have shape ${expected}, received shape [${shape.join(', ')}]`);
    }
    return { data: Float64Array.from(data), cols };
}
/** Throws a ValueError naming `argName` when `x` holds NaN or an infinity. */
export function checkFinite(where, argName, x) {
    for (let k = 0; k < x.length; k++) {
        if (!Number.isFinite(x[k]))
            throw new ValueError(`${where}: ${argName} must be finite, but entry ${k} is ${x[k]}`);
    }
}
/** A Tensor of `dtype` holding `data` (converted when the dtype differs). */
export function tensorOf(data, shape, dtype) {
    return new Tensor(dtype === 'float64' ? data : Float32Array.from(data), shape);
}
// The solvers check and watch signals the way every long loop of the library does.
export { checkSignal, throwIfAborted } from '../abort.js';
/** A positive integer option, or its default when undefined. */
export function positiveInt(where, name, value, fallback) {
    if (value === undefined)
        return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw new ValueError(`${where}: options.${name} must be a positive integer, received ${describe(value)}`);
    }
    return value;
}
/** A finite non-negative number option, or its default when undefined. */
export function nonNegative(where, name, value, fallback) {
    if (value === undefined)
        return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new ValueError(`${where}: options.${name} must be a finite non-negative number, received ${describe(value)}`);
    }
    return value;
}
/** A boolean option, or its default when undefined. */
export function booleanOption(where, name, value, fallback) {
    if (value === undefined)
        return fallback;
    if (typeof value !== 'boolean')
        throw new ValueError(`${where}: options.${name} must be a boolean, received ${describe(value)}`);
    return value;
}
/** Checks that an optional callback is a function. */
export function checkCallback(where, name, value) {
    if (value === undefined)
        return undefined;
    if (typeof value !== 'function')
        throw new ValueError(`${where}: options.${name} must be a function, received ${describe(value)}`);
    return value;
}
/** Euclidean norm of a float64 array. */
export function norm(a) {
    return Math.sqrt(dot(a, a));
}
/**
 * Dot product of two float64 arrays, in four interleaved partial sums: one running sum makes
 * every add wait for the previous one (4 cycles each), which bounded eigsh's reorthogonalisation
 * on kernel operators; four are as accurate (each adds a quarter of the terms).
 */
export function dot(a, b) {
    const n = a.length;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let k = 0;
    for (; k + 4 <= n; k += 4) {
        s0 += a[k] * b[k];
        s1 += a[k + 1] * b[k + 1];
        s2 += a[k + 2] * b[k + 2];
        s3 += a[k + 3] * b[k + 3];
    }
    for (; k < n; k++)
        s0 += a[k] * b[k];
    return (s0 + s1) + (s2 + s3);
}
/** Column `c` of a row-major [rows, cols] block. */
function column(block, rows, cols, c) {
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++)
        out[i] = block[i * cols + c];
    return out;
}
/** The row-major [rows, columns.length] block whose columns are `columns`. */
export function packColumns(columns, rows) {
    const cols = columns.length;
    const out = new Float64Array(rows * cols);
    for (let c = 0; c < cols; c++) {
        const v = columns[c];
        for (let i = 0; i < rows; i++)
            out[i * cols + c] = v[i];
    }
    return out;
}
/** The columns of a row-major [rows, cols] block, as separate arrays. */
export function unpackColumns(block, rows, cols) {
    return Array.from({ length: cols }, (_, c) => column(block, rows, cols, c));
}
