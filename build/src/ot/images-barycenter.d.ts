import { Tensor } from '../tensor/tensor.js';
import { type ImagesBarycenterOptions } from './images-options.js';
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
export declare function imagesBarycenter(images: readonly Tensor[], weights: readonly number[] | Float64Array | Tensor, options?: ImagesBarycenterOptions): Promise<Tensor>;
