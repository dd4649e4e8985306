/**
 * Matrix product with numpy's rules: 1-D operands are promoted to a row (first) or a
 * column (second) and the promoted axis is dropped again; leading axes broadcast as a batch.
 */
import { ShapeError } from '../../errors.js';
import { attachGrad, gradNode } from '../../autograd/grad-node.js';
import { Tensor, allocateData, viewOf } from '../tensor.js';
import { broadcastStrides, formatShape, sizeOf, sumToShape } from '../broadcast.js';
import { floatTensor } from './operands.js';
import { transpose } from './shape.js';
/** The matrix product a @ b (numpy / PyTorch `matmul`). */
export function matmul(a, b) {
    const x = floatTensor('matmul', a, 'the first operand');
    const y = floatTensor('matmul', b, 'the second operand');
    const shapes = `${formatShape(x.shape)} and ${formatShape(y.shape)}`;
    if (x.shape.length === 0 || y.shape.length === 0)
        throw new ShapeError(`matmul: both operands need at least one axis, received shapes ${shapes}`);
    const xs = x.shape.length === 1 ? [1, x.shape[0]] : x.shape;
    const ys = y.shape.length === 1 ? [y.shape[0], 1] : y.shape;
    const n = xs[xs.length - 2];
    const k = xs[xs.length - 1];
    const m = ys[ys.length - 1];
    if (ys[ys.length - 2] !== k) {
        throw new ShapeError(`matmul: shapes ${shapes} are not aligned: the first has ${k} columns, the second ${ys[ys.length - 2]} rows`);
    }
    const batchX = xs.slice(0, -2);
    const batchY = ys.slice(0, -2);
    const nb = Math.max(batchX.length, batchY.length);
    const batch = [];
    for (let d = 0; d < nb; d++) {
        const p = batchX[batchX.length - nb + d] ?? 1;
        const q = batchY[batchY.length - nb + d] ?? 1;
        if (p !== q && p !== 1 && q !== 1)
            throw new ShapeError(`matmul: the batch axes of shapes ${shapes} cannot be broadcast together (${p} vs ${q})`);
        batch.push(p === 1 ? q : p);
    }
    const full = [...batch, n, m];
    const dtype = x.dtype === 'float64' || y.dtype === 'float64' ? 'float64' : 'float32';
    const out = allocateData(dtype, sizeOf(full));
    const sx = broadcastStrides(batchX, batch);
    const sy = broadcastStrides(batchY, batch);
    const X = x.data;
    const Y = y.data;
    const row = new Float64Array(m);
    const count = sizeOf(batch);
    for (let t = 0; t < count; t++) {
        let rest = t;
        let bx = 0;
        let by = 0;
        for (let d = nb - 1; d >= 0; d--) {
            const i = rest % batch[d];
            rest = (rest - i) / batch[d];
            bx += i * sx[d];
            by += i * sy[d];
        }
        const xo = bx * n * k;
        const yo = by * k * m;
        const oo = t * n * m;
        for (let i = 0; i < n; i++) {
            row.fill(0);
            for (let p = 0; p < k; p++) {
                const v = X[xo + i * k + p];
                const yr = yo + p * m;
                for (let j = 0; j < m; j++)
                    row[j] += v * Y[yr + j];
            }
            out.set(row, oo + i * m);
        }
    }
    const shape = full.filter((_, d) => !(x.shape.length === 1 && d === nb) && !(y.shape.length === 1 && d === nb + 1));
    const result = new Tensor(out, shape);
    return attachGrad(result, gradNode('MatmulBackward', [x, y], (g) => {
        const g2 = viewOf(g, full);
        const x2 = viewOf(x, xs);
        const y2 = viewOf(y, ys);
        return [
            x.requiresGrad ? viewOf(sumToShape(matmul(g2, transpose(y2)), xs), x.shape) : null,
            y.requiresGrad ? viewOf(sumToShape(matmul(transpose(x2), g2), ys), y.shape) : null,
        ];
    }));
}
