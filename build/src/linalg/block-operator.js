/**
 * Block operators, like scipy.sparse.bmat: [[A, B], [C, D]] as one LinearOperator whose
 * applications apply each block to its slice of the input and add the results into its slice
 * of the output. Row-major blocks make those slices contiguous. Nothing dense is formed.
 */
import { DTypeError, ShapeError, describe } from '../errors.js';
import { LinearOperator } from './linear-operator.js';
/**
 * The block operator [[A, B], [C, D]] (any grid of operators; null for a zero block), as
 * scipy's bmat. The blocks of one block row share their row count, those of one block column
 * their column count; every block row and column needs at least one operator. The transpose
 * exists when every block has one.
 *
 * @example
 * ```ts
 * import { diags, identity, bmat } from 'lazykernel';
 * const A = diags([1, 2]);
 * // [[A, I], [I, null]]: the saddle-point form of a 2 x 2 system
 * const S = bmat([[A, identity(2)], [identity(2), null]]);
 * console.log(S.shape);                       // => [4, 4]
 * console.log(await S.matvec([1, 1, 10, 20])); // => [11, 22, 1, 1]
 * ```
 */
export function bmat(blocks) {
    const where = 'bmat';
    if (!Array.isArray(blocks) || blocks.length === 0 || !blocks.every((row) => Array.isArray(row) && row.length > 0)) {
        throw new ShapeError(`${where}: blocks must be a non-empty array of non-empty rows, received ${describe(blocks)}`);
    }
    const rowsOfBlocks = blocks.length;
    const colsOfBlocks = blocks[0].length;
    if (!blocks.every((row) => row.length === colsOfBlocks)) {
        throw new ShapeError(`${where}: every block row must have ${colsOfBlocks} entries, received rows of ${blocks.map((r) => r.length).join(', ')}`);
    }
    const heights = new Array(rowsOfBlocks).fill(-1);
    const widths = new Array(colsOfBlocks).fill(-1);
    const present = [];
    blocks.forEach((row, p) => row.forEach((op, q) => {
        if (op === null)
            return;
        if (!(op instanceof LinearOperator))
            throw new DTypeError(`${where}: block [${p}][${q}] must be a LinearOperator or null, received ${describe(op)}`);
        const [h, w] = op.shape;
        if (heights[p] === -1)
            heights[p] = h;
        else if (heights[p] !== h)
            throw new ShapeError(`${where}: block [${p}][${q}] has ${h} rows, but block row ${p} has ${heights[p]}`);
        if (widths[q] === -1)
            widths[q] = w;
        else if (widths[q] !== w)
            throw new ShapeError(`${where}: block [${p}][${q}] has ${w} columns, but block column ${q} has ${widths[q]}`);
        present.push(op);
    }));
    heights.forEach((h, p) => { if (h < 0)
        throw new ShapeError(`${where}: block row ${p} is all null, so its height is unknown`); });
    widths.forEach((w, q) => { if (w < 0)
        throw new ShapeError(`${where}: block column ${q} is all null, so its width is unknown`); });
    const rowOffset = heights.map((_, p) => heights.slice(0, p).reduce((s, h) => s + h, 0));
    const colOffset = widths.map((_, q) => widths.slice(0, q).reduce((s, w) => s + w, 0));
    const n = heights.reduce((s, h) => s + h, 0);
    const m = widths.reduce((s, w) => s + w, 0);
    // As for sums and products: a fixed float64 wins, then a fixed float32; flexible only if all are.
    const fixed = present.filter((op) => !op.flexible).map((op) => op.dtype);
    const flexible = fixed.length === 0;
    const dtype = flexible || fixed.includes('float64') ? 'float64' : 'float32';
    const apply = (transposed) => async (X, cols, signal) => {
        const Y = new Float64Array((transposed ? m : n) * cols);
        for (let p = 0; p < rowsOfBlocks; p++) {
            for (let q = 0; q < colsOfBlocks; q++) {
                const op = blocks[p][q];
                if (!op)
                    continue;
                // Forward: output rows of block row p from input rows of block column q; transposed, the other way.
                const [inOff, inLen, outOff] = transposed ? [rowOffset[p], heights[p], colOffset[q]] : [colOffset[q], widths[q], rowOffset[p]];
                const slice = X.subarray(inOff * cols, (inOff + inLen) * cols);
                const part = transposed ? await op.applyAdjoint(slice, cols, signal) : await op.apply(slice, cols, signal);
                for (let t = 0; t < part.length; t++)
                    Y[outOff * cols + t] += part[t];
            }
        }
        return Y;
    };
    return new LinearOperator({
        shape: [n, m],
        dtype,
        flexible,
        forward: apply(false),
        adjoint: present.every((op) => op.hasAdjoint) ? apply(true) : undefined,
        name: `bmat(${blocks.map((row) => `[${row.map((op) => (op ? op.name : '0')).join(', ')}]`).join(', ')})`,
    });
}
