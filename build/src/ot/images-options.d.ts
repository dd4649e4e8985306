import type { Backend } from '../api/reduce.js';
import { Tensor } from '../tensor/tensor.js';
import { type SinkhornProgress } from './options.js';
/** Where the separable reductions run: any reduction backend ('oracle' is the float64 reference). */
export type ImagesBackend = Backend;
/** Options of `imagesLoss`, as `samplesLoss`'s where they mean the same (GeomLoss's `sinkhorn_images`). */
export interface ImagesLossOptions {
    /** 2 (default): cost |x - y|^2 / 2; 1: the Manhattan cost |x - y|_1 (GeomLoss's `softmin_grid`), which separates over the axes. */
    p?: 1 | 2;
    /** Finest scale: epsilon = blur^p (default 0.05). */
    blur?: number;
    /** Unbalanced transport: rho = reach^p; null (default) is balanced (both images of equal total mass). */
    reach?: number | null;
    /** First scale of the epsilon schedule; null (default) is the diameter of the grid's bounding box, as samplesLoss computes it. */
    diameter?: number | null;
    /** Ratio between successive blur radii of the epsilon schedule, in (0, 1) (default 0.5). */
    scaling?: number;
    /** The de-biased Sinkhorn divergence (default true) or the raw OT_eps cost. */
    debias?: boolean;
    /** Return the dual potentials [F, G], each shaped like the images, instead of the loss (default false). */
    potentials?: boolean;
    /** The backend of the separable reductions: 'auto' (default), 'wasm', 'webgpu' or 'oracle'. */
    backend?: ImagesBackend;
    /** Stops the computation: the promise rejects with an AbortError. */
    signal?: AbortSignal;
    /** Called (and awaited) after every iteration of the Sinkhorn loop. */
    onProgress?: (progress: SinkhornProgress) => void | Promise<void>;
}
export interface ResolvedImagesLossOptions {
    p: 1 | 2;
    blur: number;
    reach: number | null;
    diameter: number | null;
    scaling: number;
    debias: boolean;
    potentials: boolean;
    backend: ImagesBackend;
    signal: AbortSignal | undefined;
    onProgress: ((progress: SinkhornProgress) => void | Promise<void>) | undefined;
}
/** Progress of `imagesBarycenter`: one call per iteration. */
export interface ImagesBarycenterProgress {
    /** 1-based iteration index. */
    iteration: number;
    /** Total number of iterations. */
    iterations: number;
    /** The blur radius of this iteration (epsilon = blur^p). */
    blur: number;
    /** The side lengths of the pyramid level this iteration runs on. */
    shape: number[];
}
/** Options of `imagesBarycenter` (GeomLoss's `ImagesBarycenter`). */
export interface ImagesBarycenterOptions {
    /** Target blur radius (default: one pixel, 1 / the longest side, as GeomLoss). */
    blur?: number;
    /** 2 (default) or 1, as imagesLoss. */
    p?: 1 | 2;
    /**
     * Ratio between successive blur radii, in (0, 1) (default 2^(-1/10): GeomLoss's ten
     * iterations per halving of the blur, one halving per level of the image pyramid).
     */
    scaling?: number;
    /** Iterations at the target blur on the full-resolution images, after the descent (default 10). */
    iterations?: number;
    /** The backend of the separable reductions, as imagesLoss. */
    backend?: ImagesBackend;
    signal?: AbortSignal;
    onProgress?: (progress: ImagesBarycenterProgress) => void | Promise<void>;
}
/** Checks `imagesLoss`'s name and options; returns them with the defaults filled in. */
export declare function resolveImagesLossOptions(name: unknown, options: unknown): ResolvedImagesLossOptions;
export interface ResolvedBarycenterOptions {
    blur: number | null;
    p: 1 | 2;
    scaling: number;
    iterations: number;
    backend: ImagesBackend;
    signal: AbortSignal | undefined;
    onProgress: ((progress: ImagesBarycenterProgress) => void | Promise<void>) | undefined;
}
/** Checks `imagesBarycenter`'s options (blur null: one pixel, decided once the images are known). */
export declare function resolveBarycenterOptions(options: unknown): ResolvedBarycenterOptions;
/**
 * Checks one image: a float32 or float64 Tensor [H, W] or [D, H, W] of finite, non-negative
 * pixels with a positive total mass. Returns that mass.
 */
export declare function checkImage(where: string, what: string, img: unknown): number;
/** ShapeError unless `b` has the shape of `a`. */
export declare function checkSameShape(where: string, whatA: string, a: Tensor, whatB: string, b: Tensor): void;
