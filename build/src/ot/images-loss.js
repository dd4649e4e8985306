/**
 * `imagesLoss('sinkhorn', options)`: the Sinkhorn divergence between densities on a regular
 * grid (GeomLoss's `sinkhorn_images`). Pixel k of n sits at k / n on each axis; the loss is
 * samplesLoss's on the grid's points weighted by the pixel masses (same schedule, same
 * symmetric updates, same last step and cost), with the softmin computed axis by axis
 * (images-softmin.ts): n^(D+1) terms per softmin instead of n^(2D).
 *
 * GeomLoss's `sinkhorn_images` also runs coarse-to-fine on an image pyramid; this one keeps
 * samplesLoss's single-scale loop so that both give the same number, and stays cheap without
 * it. Differentiable with respect to both images: by the envelope theorem the gradient is the
 * dual potentials, carried by sinkhornCost as for weighted point clouds.
 */
import { Yielder } from '../abort.js';
import { ValueError } from '../errors.js';
import { epsilonSchedule } from './epsilon-schedule.js';
import { castTo } from './grad-helpers.js';
import { checkImage, checkSameShape, resolveImagesLossOptions } from './images-options.js';
import { softminGrid } from './images-softmin.js';
import { sinkhornCost } from './sinkhorn-cost.js';
import { sinkhornLoop } from './sinkhorn-loop.js';
import { logWeights } from './weights.js';
/**
 * The diameter samplesLoss computes for the grid's points: the diagonal of their bounding box,
 * sqrt(sum over the axes of ((n - 1) / n)^2); blur where every axis has one pixel (as samplesLoss).
 */
export function gridDiameter(shape, blur) {
    const d = Math.sqrt(shape.reduce((s, n) => s + ((n - 1) / n) ** 2, 0));
    return d === 0 ? blur : d;
}
async function run(opts, A, B) {
    const where = 'imagesLoss';
    const ma = checkImage(where, 'the image A', A);
    const mb = checkImage(where, 'the image B', B);
    const imgA = A, imgB = B;
    checkSameShape(where, 'the image A', imgA, 'the image B', imgB);
    if (opts.reach === null && Math.abs(ma - mb) > 1e-4 * Math.max(ma, mb)) {
        throw new ValueError(`${where}: balanced transport (reach: null) needs images of equal total mass, received ${ma} and ${mb}; normalise them or set options.reach for unbalanced transport`);
    }
    const dtype = imgA.dtype === 'float64' || imgB.dtype === 'float64' ? 'float64' : 'float32';
    const shape = imgA.shape;
    const a = castTo(imgA, dtype).reshape([imgA.size]);
    const b = castTo(imgB, dtype).reshape([imgB.size]);
    const diameter = opts.diameter ?? gridDiameter(shape, opts.blur);
    const epsList = epsilonSchedule(opts.p, diameter, opts.blur, opts.scaling, where);
    const eps = opts.blur ** opts.p;
    const rho = opts.reach === null ? null : opts.reach ** opts.p;
    const yielder = new Yielder(where, opts.signal);
    await yielder.tick();
    const C = { shape, p: opts.p, backend: opts.backend, signal: opts.signal, yielder };
    const pots = await sinkhornLoop({
        softmin: softminGrid,
        detach: (c) => c, // the grid holds no tensor
        aLogs: [logWeights(a)],
        bLogs: [logWeights(b)],
        Cxxs: opts.debias ? [C] : null,
        Cyys: opts.debias ? [C] : null,
        Cxys: [C],
        Cyxs: [C],
        epsList,
        rho,
        debias: opts.debias,
        signal: opts.signal,
        yielder,
        onProgress: opts.onProgress,
        p: opts.p,
    });
    const result = sinkhornCost(eps, rho, a, b, pots, opts.debias, opts.potentials);
    if (opts.potentials) {
        const [F, G] = result;
        return [F.reshape(shape), G.reshape(shape)];
    }
    return result.reshape([]);
}
export function imagesLoss(name, options) {
    const opts = resolveImagesLossOptions(name, options);
    const fn = (A, B) => run(opts, A, B);
    Object.defineProperty(fn, 'options', { value: Object.freeze({ ...opts }), enumerable: true });
    return fn;
}
