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
import { Tensor } from '../tensor/tensor.js';
import { epsilonSchedule } from './epsilon-schedule.js';
import { castTo } from './grad-helpers.js';
import { checkImage, checkSameShape, resolveImagesLossOptions, type ImagesLossOptions, type ResolvedImagesLossOptions } from './images-options.js';
import { softminGrid, type GridCost } from './images-softmin.js';
import { sinkhornCost } from './sinkhorn-cost.js';
import { sinkhornLoop } from './sinkhorn-loop.js';
import { logWeights } from './weights.js';

/** A loss between two images: `await loss(A, B)`, a scalar Tensor. */
export interface ImagesLossFunction {
  (A: Tensor, B: Tensor): Promise<Tensor>;
  readonly options: Readonly<ResolvedImagesLossOptions>;
}

/** With `potentials: true`: the dual potentials [F, G], each shaped like the images. */
export interface ImagesPotentialsFunction {
  (A: Tensor, B: Tensor): Promise<[Tensor, Tensor]>;
  readonly options: Readonly<ResolvedImagesLossOptions>;
}

/**
 * The diameter samplesLoss computes for the grid's points: the diagonal of their bounding box,
 * sqrt(sum over the axes of ((n - 1) / n)^2); blur where every axis has one pixel (as samplesLoss).
 */
export function gridDiameter(shape: readonly number[], blur: number): number {
  const d = Math.sqrt(shape.reduce((s, n) => s + ((n - 1) / n) ** 2, 0));
  return d === 0 ? blur : d;
}

async function run(opts: ResolvedImagesLossOptions, A: unknown, B: unknown): Promise<Tensor | [Tensor, Tensor]> {
  const where = 'imagesLoss';
  const ma = checkImage(where, 'the image A', A);
  const mb = checkImage(where, 'the image B', B);
  const imgA = A as Tensor, imgB = B as Tensor;
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
  const C: GridCost = { shape, p: opts.p, backend: opts.backend, signal: opts.signal, yielder };
  const pots = await sinkhornLoop<GridCost>({
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
    const [F, G] = result as [Tensor, Tensor];
    return [F.reshape(shape), G.reshape(shape)];
  }
  return (result as Tensor).reshape([]);
}

/**
 * Creates a Sinkhorn divergence between densities on a regular 2-D or 3-D grid, like GeomLoss's
 * `sinkhorn_images`: `await loss(A, B)` for non-negative Tensors [H, W] or [D, H, W] of equal
 * shape (and equal total mass unless `reach` is set) is a scalar Tensor, differentiable with
 * respect to both. Pixel k of n sits at k / n on each axis, and the value is samplesLoss's with
 * the same options on the grid's points weighted by the pixel masses; the softmin runs axis by
 * axis, as lazykernel reductions on the chosen backend.
 *
 * @example
 * ```ts
 * import { tensor, imagesLoss } from 'lazykernel';
 * const A = tensor([1, 0, 0, 0, 0, 0, 0, 0], [2, 4], { requiresGrad: true }); // all the mass at (0, 0)
 * const B = tensor([0, 0, 0, 0, 0, 0, 0, 1], [2, 4]);                        // all of it at (1/2, 3/4)
 * const L = await imagesLoss('sinkhorn', { p: 2, blur: 0.01 })(A, B);
 * // The cost between the two pixels, |(1/2, 3/4)|^2 / 2:
 * console.log(L.item());    // => 0.40625
 * await L.backward();       // A.grad: the dual potential, up to a constant
 * ```
 */
export function imagesLoss(name: 'sinkhorn', options: ImagesLossOptions & { potentials: true }): ImagesPotentialsFunction;
export function imagesLoss(name: 'sinkhorn', options?: ImagesLossOptions): ImagesLossFunction;
export function imagesLoss(name: 'sinkhorn', options?: ImagesLossOptions): ImagesLossFunction | ImagesPotentialsFunction {
  const opts = resolveImagesLossOptions(name, options);
  const fn = (A: Tensor, B: Tensor) => run(opts, A, B);
  Object.defineProperty(fn, 'options', { value: Object.freeze({ ...opts }), enumerable: true });
  return fn as unknown as ImagesLossFunction;
}
