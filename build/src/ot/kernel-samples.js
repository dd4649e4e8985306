import { DTypeError, ShapeError } from '../errors.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import { Vi, Vj } from '../api/variables.js';
import { Tensor } from '../tensor/tensor.js';
import { distances, squaredDistances } from './cost.js';
import { formulaToDense, formulaToLazy, parseFormula } from './formula-string.js';
import { doubleGrad } from './grad-helpers.js';
import { scal } from './sinkhorn-cost.js';
/** Dense kernel matrix for x [B, N, D], y [B, M, D]. */
function denseKernel(name, kernel, blur) {
    if (kernel === null) {
        if (name === 'gaussian')
            return (x, y) => squaredDistances(x.div(blur), y.div(blur)).mul(-0.5).exp();
        if (name === 'laplacian')
            return (x, y) => distances(x.div(blur), y.div(blur)).neg().exp();
        return (x, y) => distances(x, y).neg();
    }
    if (typeof kernel === 'string') {
        const f = parseFormula(kernel, 'samplesLoss: options.kernel');
        return (x, y) => formulaToDense(f, x.div(blur), y.div(blur), 'samplesLoss: options.kernel');
    }
    return (x, y) => {
        const K = kernel(x, y, blur);
        if (!(K instanceof Tensor))
            throw new DTypeError("samplesLoss: on the 'tensorized' backend, options.kernel is called with dense Tensors x [B, N, D], y [B, M, D] and blur, and must return a Tensor [B, N, M]");
        if (K.ndim !== 3 || K.shape[0] !== x.shape[0] || K.shape[1] !== x.shape[1] || K.shape[2] !== y.shape[1]) {
            throw new ShapeError(`samplesLoss: options.kernel returned a Tensor of shape [${K.shape.join(', ')}], expected [${x.shape[0]}, ${x.shape[1]}, ${y.shape[1]}]`);
        }
        return K;
    };
}
/** Batched matrix-vector product: K [B, N, M], w [B, M] -> [B, N]. */
function matvec(K, w) {
    const [B, N, M] = K.shape;
    return K.matmul(w.reshape([B, M, 1])).reshape([B, N]);
}
/** GeomLoss's `kernel_tensorized` for one kernel name. */
export function kernelTensorized(name) {
    return async (a, x, b, y, opts, _ctx) => {
        const kernel = denseKernel(name, opts.kernel, opts.blur);
        const Kxx = kernel(doubleGrad(x), x.detach());
        const Kyy = kernel(doubleGrad(y), y.detach());
        const Kxy = kernel(x, y);
        const ax = matvec(Kxx, a.detach());
        const by = matvec(Kyy, b.detach());
        const bx = matvec(Kxy, b);
        if (opts.potentials) {
            const ay = matvec(Kxy.transpose(1, 2), a);
            return [ax.sub(bx), by.sub(ay)];
        }
        return scal(doubleGrad(a), ax).mul(0.5).add(scal(doubleGrad(b), by).mul(0.5)).sub(scal(a, bx));
    };
}
/** The lazy kernel between the rows of x [N, D] and y [M, D], and whether points are divided by blur. */
export function lazyKernel(name, kernel, blur) {
    if (kernel === null) {
        if (name === 'gaussian')
            return { K: (x, y) => Vi(x).sqdist(Vj(y)).mul(-0.5).exp(), rescale: true };
        if (name === 'laplacian')
            return { K: (x, y) => Vi(x).sub(Vj(y)).norm2().neg().exp(), rescale: true };
        return { K: (x, y) => Vi(x).sub(Vj(y)).norm2().neg(), rescale: false };
    }
    if (typeof kernel === 'string') {
        const f = parseFormula(kernel, 'samplesLoss: options.kernel');
        return { K: (x, y) => formulaToLazy(f, x, y, 'samplesLoss: options.kernel'), rescale: true };
    }
    return {
        K: (x, y) => {
            const K = kernel(Vi(x), Vj(y), blur);
            if (!(K instanceof LazyTensor))
                throw new DTypeError("samplesLoss: on the 'online' and 'multiscale' backends, options.kernel is called with (Vi(x), Vj(y), blur) and must return a LazyTensor");
            if (K.dim !== 1)
                throw new ShapeError(`samplesLoss: options.kernel must return a scalar formula, its dimension is ${K.dim}`);
            return K;
        },
        rescale: false,
    };
}
/** Centre both clouds on the mean of their means (a constant shift) and divide by blur when asked. */
export function preprocess(x, y, blur, rescale) {
    const D = x.shape[x.ndim - 1];
    const c = x.detach().mean(0).add(y.detach().mean(0)).mul(0.5).reshape([1, D]);
    const xc = x.sub(c);
    const yc = y.sub(c);
    return rescale ? [xc.div(blur), yc.div(blur)] : [xc, yc];
}
/**
 * sum_j K(x_i, y_j) w_j for lazy K: [N]; `yielder` gives the event loop its turn first when due;
 * `backend`: where the reduction runs (undefined: the engine's choice); `cluster`: a cluster
 * that runs it instead.
 */
export async function kernelConv(K, x, y, w, ranges, signal, yielder, backend, cluster) {
    await yielder?.tick();
    const M = y.shape[0];
    const options = { signal, ...(ranges !== undefined && { ranges }), ...(backend !== undefined && { backend }), ...(cluster && { cluster }) };
    return K(x, y).matvec(w.reshape([M]), options);
}
/** GeomLoss's `kernel_online` for one kernel name (a [N], x [N, D], b [M], y [M, D]). */
export function kernelOnline(name) {
    return async (a, x, b, y, opts, ctx) => {
        const { K, rescale } = lazyKernel(name, opts.kernel, opts.blur);
        const [xs, ys] = preprocess(x, y, opts.blur, rescale);
        const s = opts.signal;
        const yl = ctx.yielder;
        const rb = ctx.reductionBackend;
        const ax = await kernelConv(K, doubleGrad(xs), xs.detach(), a.detach(), undefined, s, yl, rb, opts.cluster);
        const by = await kernelConv(K, doubleGrad(ys), ys.detach(), b.detach(), undefined, s, yl, rb, opts.cluster);
        const bx = await kernelConv(K, xs, ys, b, undefined, s, yl, rb, opts.cluster);
        if (opts.potentials) {
            const ay = await kernelConv(K, ys, xs, a, undefined, s, yl, rb, opts.cluster);
            return [ax.sub(bx), by.sub(ay)];
        }
        return scal(doubleGrad(a), ax).mul(0.5).add(scal(doubleGrad(b), by).mul(0.5)).sub(scal(a, bx));
    };
}
