import { Tensor } from '../tensor/tensor.js';
import { type ImagesLossOptions, type ResolvedImagesLossOptions } from './images-options.js';
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
export declare function gridDiameter(shape: readonly number[], blur: number): number;
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
export declare function imagesLoss(name: 'sinkhorn', options: ImagesLossOptions & {
    potentials: true;
}): ImagesPotentialsFunction;
export declare function imagesLoss(name: 'sinkhorn', options?: ImagesLossOptions): ImagesLossFunction;
