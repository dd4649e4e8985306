import { Vi, Vj } from '../api/variables.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
/**
 * Lines of one 1-D pass handed to one reduction (the vector dimension of its Vj variable): few
 * reductions per pass (each costs about half a millisecond of dispatch), all the lines of a
 * 64 x 64 x 4 stack in one.
 */
const LINES_PER_REDUCTION = 1024;
/** The pixel coordinates k / n of one axis, divided by the cost's scale: sqrt(2 eps) (p = 2) or eps (p = 1). */
function axisCoordinates(n, eps, p, dtype) {
    const scale = p === 2 ? Math.sqrt(2 * eps) : eps;
    const data = allocateData(dtype, n);
    for (let k = 0; k < n; k++)
        data[k] = k / n / scale;
    return new Tensor(data, [n, 1]);
}
/**
 * log sum_j exp(h[.., j, ..] - c(x_i, x_j)) along `axis` of `data` (row-major, shape `shape`),
 * for every line of that axis; c is the scaled 1-D cost. Returns a new array.
 */
async function lineLogSumExp(data, shape, axis, eps, C) {
    const n = shape[axis];
    if (n === 1)
        return data; // one term, at cost 0
    const dtype = data instanceof Float32Array ? 'float32' : 'float64';
    const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const lines = data.length / n;
    const x = axisCoordinates(n, eps, C.p, dtype);
    const xi = Vi(x), xj = Vj(x);
    const cost = C.p === 2 ? xi.sub(xj).square() : xi.sub(xj).abs();
    const out = allocateData(dtype, data.length);
    // Offset of element j of line l: the lines are the (outer, inner) index pairs.
    const base = (l) => Math.floor(l / inner) * n * inner + (l % inner);
    const blocks = [];
    for (let l0 = 0; l0 < lines; l0 += LINES_PER_REDUCTION) {
        const count = Math.min(LINES_PER_REDUCTION, lines - l0);
        const h = allocateData(dtype, n * count);
        for (let b = 0; b < count; b++) {
            const o = base(l0 + b);
            for (let j = 0; j < n; j++)
                h[j * count + b] = data[o + j * inner];
        }
        // Every block is its own reduction: the worker pool runs them side by side.
        blocks.push(Vj(new Tensor(h, [n, count])).sub(cost).logsumexp(1, { backend: C.backend, signal: C.signal }).then((r) => {
            const rd = r.data;
            for (let b = 0; b < count; b++) {
                const o = base(l0 + b);
                for (let i = 0; i < n; i++)
                    out[o + i * inner] = rd[i * count + b];
            }
        }));
    }
    await Promise.all(blocks);
    return out;
}
/**
 * The separable softmin of a stack of images: `h` holds `data.length / prod(C.shape)` images of
 * shape C.shape one after the other; returns -eps log sum_j exp(h_j - C_ij / eps) for each, in
 * h's dtype. No graph: the grid is constant and the loops pass detached potentials.
 */
export async function softminGridData(eps, C, h) {
    const pixels = C.shape.reduce((a, b) => a * b, 1);
    const full = [h.length / pixels, ...C.shape];
    let v = h;
    for (let axis = full.length - 1; axis >= 1; axis--) {
        await C.yielder.tick();
        v = await lineLogSumExp(v, full, axis, eps, C);
    }
    const out = v === h ? allocateData(h instanceof Float32Array ? 'float32' : 'float64', h.length) : v;
    for (let k = 0; k < out.length; k++)
        out[k] = -eps * v[k];
    return out;
}
/** `softminGridData` on a flat Tensor of one or more images (the Sinkhorn loop's Softmin). */
export async function softminGrid(eps, C, h) {
    return new Tensor(await softminGridData(eps, C, h.data), h.shape);
}
