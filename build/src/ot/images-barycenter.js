/**
 * `imagesBarycenter(images, weights, options)`: the Sinkhorn barycenter of densities on a grid,
 * GeomLoss's `ImagesBarycenter` (wasserstein_barycenter_images.py): symmetric Sinkhorn updates
 * between the barycenter and every image, a de-biasing density d, epsilon-scaling from the blur
 * radius 1 (the unit box) down to the target, coarse-to-fine on the image pyramid. Where
 * GeomLoss needs square images of a power-of-2 side, this takes any [H, W] or [D, H, W]: the
 * pyramid halves while every side is even (no pyramid for odd sides), and the full-resolution
 * level iterates until the blur reaches its target, then `iterations` more times.
 *
 * The result is not differentiable (GeomLoss's differentiates a few extra iterations).
 */
import { Yielder } from '../abort.js';
import { DTypeError, ShapeError, ValueError, describe } from '../errors.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { checkImage, checkSameShape, resolveBarycenterOptions } from './images-options.js';
import { pyramid, upsample } from './images-pyramid.js';
import { softminGridData } from './images-softmin.js';
const WHERE = 'imagesBarycenter';
/** The barycentric weights as numbers: finite, non-negative, summing to 1. */
function checkWeights(weights, K) {
    let w;
    if (weights instanceof Tensor) {
        if (weights.ndim !== 1)
            throw new ShapeError(`${WHERE}: the weights must be a 1-D Tensor or an array of ${K} numbers, received shape [${weights.shape.join(', ')}]`);
        w = weights.data;
    }
    else if (Array.isArray(weights) || weights instanceof Float64Array || weights instanceof Float32Array) {
        w = weights;
    }
    else {
        throw new DTypeError(`${WHERE}: the weights must be an array of numbers or a 1-D Tensor, received ${describe(weights)}`);
    }
    if (w.length !== K)
        throw new ShapeError(`${WHERE}: ${K} images need ${K} weights, received ${w.length}`);
    const out = new Float64Array(K);
    let total = 0;
    for (let k = 0; k < K; k++) {
        const v = w[k];
        if (typeof v !== 'number' || !(v >= 0) || v === Infinity)
            throw new ValueError(`${WHERE}: the weights must be finite, non-negative numbers, found ${describe(v)} at index ${k}`);
        out[k] = v;
        total += v;
    }
    if (Math.abs(total - 1) > 1e-6)
        throw new ValueError(`${WHERE}: the weights must sum to 1, they sum to ${total}`);
    return out;
}
/** The images stacked [K, ...shape], each divided by its mass, in `dtype`. */
function stackNormalised(images, masses, dtype) {
    const size = images[0].size;
    const data = allocateData(dtype, size * images.length);
    images.forEach((img, k) => {
        const d = img.data;
        for (let e = 0; e < size; e++)
            data[k * size + e] = d[e] / masses[k];
    });
    return { data, shape: images[0].shape.slice(), count: images.length };
}
/** log(a), with -100000 for empty pixels (as the Sinkhorn losses' log-weights). */
function logDensity(a) {
    const out = allocateData(a instanceof Float32Array ? 'float32' : 'float64', a.length);
    for (let k = 0; k < a.length; k++)
        out[k] = a[k] > 0 ? Math.log(a[k]) : -100000;
    return out;
}
/**
 * GeomLoss's schedule: sigma = 1, multiplied by `scaling` after every iteration down to the
 * blur; a coarse level runs for one halving of sigma (10 iterations at the default scaling),
 * the finest until sigma reaches the blur, then `iterations` more.
 */
function schedule(levels, blur, opts) {
    const perLevel = Math.max(1, Math.ceil(Math.log(0.5) / Math.log(opts.scaling) - 1e-9));
    const steps = [];
    let sigma = 1;
    const next = () => {
        sigma = Math.max(sigma * opts.scaling, blur);
    };
    for (let level = 0; level < levels - 1; level++) {
        for (let k = 0; k < perLevel; k++) {
            steps.push({ level, sigma });
            next();
        }
    }
    let atBlur = 0;
    while (atBlur < opts.iterations) {
        if (sigma <= blur)
            atBlur++;
        steps.push({ level: levels - 1, sigma });
        next();
    }
    return steps;
}
/** out[e] = a[e] + b[e] * s. */
function axpy(a, b, s) {
    const out = allocateData(a instanceof Float32Array ? 'float32' : 'float64', a.length);
    for (let e = 0; e < a.length; e++)
        out[e] = a[e] + b[e] * s;
    return out;
}
/**
 * The Sinkhorn barycenter of K densities on one grid (GeomLoss's `ImagesBarycenter`): the
 * minimiser of sum_k w_k S_eps(bar, image_k), a Tensor shaped like the images with total
 * mass 1. The images (non-negative Tensors [H, W] or [D, H, W] of one shape) are normalised
 * to mass 1 first; the weights are K non-negative numbers that sum to 1.
 *
 * @example
 * ```ts
 * import { tensor, imagesBarycenter } from 'lazykernel';
 * const left = tensor([0, 1, 0, 0, 0, 0, 0, 0], [1, 8]);   // a spike at x = 1/8
 * const right = tensor([0, 0, 0, 0, 0, 1, 0, 0], [1, 8]);  // a spike at x = 5/8
 * const mid = await imagesBarycenter([left, right], [0.5, 0.5], { blur: 0.02 });
 * console.log(mid.shape);             // => [1, 8]
 * console.log(mid.sum().item());      // => 1
 * // The mass sits half-way, at x = 3/8:
 * console.log(mid.get(0, 3) > 0.9);   // => true
 * ```
 */
export async function imagesBarycenter(images, weights, options) {
    const opts = resolveBarycenterOptions(options);
    if (!Array.isArray(images) || images.length === 0)
        throw new ValueError(`${WHERE}: images must be a non-empty array of Tensors, received ${describe(images)}`);
    const masses = images.map((img, k) => checkImage(WHERE, `images[${k}]`, img));
    images.forEach((img, k) => checkSameShape(WHERE, 'images[0]', images[0], `images[${k}]`, img));
    const wAll = checkWeights(weights, images.length);
    const shape = images[0].shape.slice();
    const dtype = images.some((img) => img.dtype === 'float64') ? 'float64' : 'float32';
    // An image of weight 0 does not move the barycenter (its potentials only ever update
    // themselves): leave it out, an exact saving (the edges of an interpolation grid).
    const used = images.map((_, k) => k).filter((k) => wAll[k] > 0);
    const K = used.length;
    const w = Float64Array.from(used, (k) => wAll[k]);
    const blur = opts.blur ?? 1 / Math.max(...shape);
    const p = opts.p;
    const levels = pyramid(stackNormalised(used.map((k) => images[k]), used.map((k) => masses[k]), dtype)).map((s) => ({ ...s, data: logDensity(s.data) }));
    const steps = schedule(levels.length, blur, opts);
    const yielder = new Yielder(WHERE, opts.signal);
    await yielder.tick();
    const grid = (s) => ({ shape: s, p, backend: opts.backend, signal: opts.signal, yielder });
    let level = 0;
    let C = grid(levels[0].shape);
    let akLog = levels[0].data;
    // Initial potentials: the softmin of each image at the largest blur.
    let f = await softminGridData(1, C, akLog);
    let g = f.slice();
    // The de-biasing density starts uniform.
    const pixels0 = akLog.length / K;
    let dLog = allocateData(dtype, pixels0).fill(-Math.log(pixels0));
    let barLog = dLog;
    const pixels = () => akLog.length / K;
    /** bar_log = d_log + sum_k w_k LSE_k(ak_log + g_k / eps), from the softmins -eps LSE. */
    const barycenterLog = (softmins, eps) => {
        const n = pixels();
        const out = allocateData(dtype, n);
        for (let e = 0; e < n; e++) {
            let s = dLog[e];
            for (let k = 0; k < K; k++)
                s -= (w[k] * softmins[k * n + e]) / eps;
            out[e] = s;
        }
        return out;
    };
    let reuse = null;
    for (let it = 0; it < steps.length; it++) {
        const step = steps[it];
        if (step.level !== level) {
            // Refine: the potentials and the de-biasing density go to the next level of the pyramid.
            f = upsample({ data: f, shape: C.shape.slice(), count: K }).data;
            g = upsample({ data: g, shape: C.shape.slice(), count: K }).data;
            dLog = upsample({ data: dLog, shape: C.shape.slice(), count: 1 }).data;
            level = step.level;
            C = grid(levels[level].shape);
            akLog = levels[level].data;
        }
        await yielder.tick();
        const eps = step.sigma ** p;
        // From the images to the barycenter, then the symmetric updates. The images' softmin is the
        // one that ended the last iteration when neither the temperature nor the level has changed
        // since (the iterations at the target): the same numbers, not computed twice.
        const ft = reuse && reuse.eps === eps && reuse.level === level ? reuse.ft : await softminGridData(eps, C, axpy(akLog, g, 1 / eps));
        barLog = barycenterLog(ft, eps);
        const hBar = allocateData(dtype, f.length);
        for (let e = 0; e < f.length; e++)
            hBar[e] = barLog[e % barLog.length] + f[e] / eps;
        const gt = await softminGridData(eps, C, hBar);
        for (let e = 0; e < f.length; e++) {
            f[e] = (f[e] + ft[e]) / 2;
            g[e] = (g[e] + gt[e]) / 2;
        }
        const ftNew = await softminGridData(eps, C, axpy(akLog, g, 1 / eps));
        reuse = { eps, level, ft: ftNew };
        barLog = barycenterLog(ftNew, eps);
        // The de-biasing density: d = (d + bar + softmin(d) / eps) / 2, in the log domain.
        const sd = await softminGridData(eps, C, dLog);
        const nd = allocateData(dtype, dLog.length);
        for (let e = 0; e < nd.length; e++)
            nd[e] = 0.5 * (dLog[e] + barLog[e] + sd[e] / eps);
        dLog = nd;
        if (opts.onProgress)
            await opts.onProgress({ iteration: it + 1, iterations: steps.length, blur: step.sigma, shape: C.shape.slice() });
    }
    // exp(bar_log), normalised to mass 1 (the fixed point's mass is 1 up to the solver's tolerance).
    const out = allocateData(dtype, barLog.length);
    let total = 0;
    let m = -Infinity;
    for (let e = 0; e < barLog.length; e++)
        m = Math.max(m, barLog[e]);
    for (let e = 0; e < out.length; e++)
        total += out[e] = Math.exp(barLog[e] - m);
    for (let e = 0; e < out.length; e++)
        out[e] = out[e] / total;
    return new Tensor(out, shape);
}
