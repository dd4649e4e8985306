/**
 * The image pyramid of GeomLoss's multiscale image solvers (utils.py's `pyramid` and
 * `upsample`): sum-pooling by 2 along every axis, and bilinear / trilinear upsampling by 2 with
 * PyTorch's `align_corners=False` convention, on stacks of images stored row-major.
 */
import { type DataArray } from '../tensor/tensor.js';
/** A stack of `count` images of shape `shape`, one after the other. */
export interface ImageStack {
    data: DataArray;
    shape: number[];
    count: number;
}
/** Sums 2 x 2 (x 2) blocks: every axis halved (each must be even). The total mass is kept. */
export declare function sumPool(s: ImageStack): ImageStack;
/** Linear upsampling by 2 along every axis, `align_corners=False` (source coordinate (o + 1/2) / 2 - 1/2, clamped). */
export declare function upsample(s: ImageStack): ImageStack;
/**
 * The levels of the pyramid, coarsest first, finest (the stack itself) last: halved while every
 * axis is even, the single-pixel level left out as GeomLoss does (a stack that is one pixel
 * already is its own only level).
 */
export declare function pyramid(s: ImageStack): ImageStack[];
