/**
 * Options of `imagesLoss` and `imagesBarycenter`, and the checks on the images they take:
 * validated before any work, with typed errors naming the argument.
 */
import { checkSignal } from '../abort.js';
import type { Backend } from '../api/reduce.js';
import { DTypeError, ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { checkScheduleLength } from './epsilon-schedule.js';
import { positive, bool, type SinkhornProgress } from './options.js';

/** Where the separable reductions run: any reduction backend ('oracle' is the float64 reference). */
export type ImagesBackend = Backend;
const BACKENDS: readonly ImagesBackend[] = ['auto', 'wasm', 'webgpu', 'oracle'];

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

const LOSS_KEYS = ['p', 'blur', 'reach', 'diameter', 'scaling', 'debias', 'potentials', 'backend', 'signal', 'onProgress'];
const BARYCENTER_KEYS = ['blur', 'p', 'scaling', 'iterations', 'backend', 'signal', 'onProgress'];

function exponent(where: string, value: unknown): 1 | 2 {
  if (value !== 1 && value !== 2) throw new ValueError(`${where}: options.p must be 1 or 2 (costs that separate over the grid's axes), received ${describe(value)}`);
  return value;
}

function scalingOf(where: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new ValueError(`${where}: options.scaling must be a number strictly between 0 and 1, received ${describe(value)}`);
  }
  return value;
}

function backendOf(where: string, value: unknown): ImagesBackend {
  const b = value ?? 'auto';
  if (!BACKENDS.includes(b as ImagesBackend)) throw new ValueError(`${where}: options.backend must be one of ${BACKENDS.map((x) => `'${x}'`).join(', ')}, received ${describe(value)}`);
  return b as ImagesBackend;
}

function progressOf<T>(where: string, value: unknown): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw new ValueError(`${where}: options.onProgress must be a function, received ${describe(value)}`);
  return value as T | undefined;
}

/** Checks `imagesLoss`'s name and options; returns them with the defaults filled in. */
export function resolveImagesLossOptions(name: unknown, options: unknown): ResolvedImagesLossOptions {
  const where = 'imagesLoss';
  if (name !== 'sinkhorn') throw new ValueError(`${where}: the loss name must be 'sinkhorn', received ${describe(name)}`);
  checkOptions(where, options, LOSS_KEYS);
  const o = (options ?? {}) as ImagesLossOptions;
  const p = exponent(where, o.p ?? 2);
  const blur = positive(where, 'blur', o.blur ?? 0.05, false)!;
  const reach = positive(where, 'reach', o.reach === undefined ? null : o.reach, true);
  const diameter = positive(where, 'diameter', o.diameter === undefined ? null : o.diameter, true);
  const scaling = scalingOf(where, o.scaling ?? 0.5);
  if (diameter !== null) checkScheduleLength(where, diameter, blur, scaling);
  return {
    p, blur, reach, diameter, scaling,
    debias: bool(where, 'debias', o.debias ?? true),
    potentials: bool(where, 'potentials', o.potentials ?? false),
    backend: backendOf(where, o.backend),
    signal: checkSignal(where, o.signal),
    onProgress: progressOf(where, o.onProgress),
  };
}

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
export function resolveBarycenterOptions(options: unknown): ResolvedBarycenterOptions {
  const where = 'imagesBarycenter';
  checkOptions(where, options, BARYCENTER_KEYS);
  const o = (options ?? {}) as ImagesBarycenterOptions;
  const iterations = o.iterations ?? 10;
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 1 || iterations > 10_000) {
    throw new ValueError(`${where}: options.iterations must be an integer from 1 to 10000, received ${describe(iterations)}`);
  }
  const scaling = scalingOf(where, o.scaling ?? 2 ** (-1 / 10));
  const blur = positive(where, 'blur', o.blur === undefined ? null : o.blur, true);
  if (blur !== null) checkScheduleLength(where, 1, blur, scaling);
  return {
    blur, p: exponent(where, o.p ?? 2), scaling, iterations,
    backend: backendOf(where, o.backend),
    signal: checkSignal(where, o.signal),
    onProgress: progressOf(where, o.onProgress),
  };
}

/**
 * Checks one image: a float32 or float64 Tensor [H, W] or [D, H, W] of finite, non-negative
 * pixels with a positive total mass. Returns that mass.
 */
export function checkImage(where: string, what: string, img: unknown): number {
  if (!(img instanceof Tensor)) throw new DTypeError(`${where}: ${what} must be a Tensor, received ${describe(img)}`);
  if (img.dtype === 'int32') throw new DTypeError(`${where}: ${what} must be a float32 or float64 Tensor, received int32`);
  if (img.ndim !== 2 && img.ndim !== 3) throw new ShapeError(`${where}: ${what} must be an image [H, W] or a volume [D, H, W], received shape [${img.shape.join(', ')}]`);
  if (img.size === 0) throw new ShapeError(`${where}: ${what} is empty (shape [${img.shape.join(', ')}])`);
  const d = img.data;
  let mass = 0;
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    if (!(v >= 0) || v === Infinity) throw new ValueError(`${where}: ${what} must have finite, non-negative pixels, found ${v} at flat index ${k}`);
    mass += v;
  }
  if (!(mass > 0)) throw new ValueError(`${where}: ${what} has a total mass of 0; a density needs a positive mass`);
  return mass;
}

/** ShapeError unless `b` has the shape of `a`. */
export function checkSameShape(where: string, whatA: string, a: Tensor, whatB: string, b: Tensor): void {
  if (a.ndim !== b.ndim || a.shape.some((n, k) => n !== b.shape[k])) {
    throw new ShapeError(`${where}: ${whatA} [${a.shape.join(', ')}] and ${whatB} [${b.shape.join(', ')}] must have the same shape`);
  }
}
