/**
 * Options of `samplesLoss`, with GeomLoss's names (camelCased) and defaults, validated once
 * when the loss is created so that a typo fails before any computation.
 */
import { DTypeError, ValueError, checkOptions, describe } from '../errors.js';
import { checkSignal } from '../abort.js';
import { checkScheduleLength } from './epsilon-schedule.js';
import { parseFormula } from './formula-string.js';
import type { LazyTensor } from '../api/lazy-tensor.js';
import { checkCluster, type ReductionCluster } from '../api/cluster-option.js';
import type { Tensor } from '../tensor/tensor.js';

/** The losses `samplesLoss` knows, as in GeomLoss. */
export type LossName = 'sinkhorn' | 'hausdorff' | 'energy' | 'gaussian' | 'laplacian';
export const LOSS_NAMES: readonly LossName[] = ['sinkhorn', 'hausdorff', 'energy', 'gaussian', 'laplacian'];

/** Where the loss runs: dense host tensors, lazy kernel reductions, or block-sparse ones. */
export type OTBackend = 'auto' | 'tensorized' | 'online' | 'multiscale' | 'webgpu';
export const OT_BACKENDS: readonly OTBackend[] = ['auto', 'tensorized', 'online', 'multiscale', 'webgpu'];

/**
 * A ground cost. A string is a KeOps formula in the variables `X` and `Y` (GeomLoss's default
 * costs are `'Norm2(X-Y)'` for p = 1 and `'(SqDist(X,Y) / IntCst(2))'` for p = 2; other p use
 * |X - Y|^p / p) and works on
 * every backend. A function is called with `(Vi(x), Vj(y))` and returns a LazyTensor on the
 * 'online' and 'multiscale' backends, and with dense `(x [B, N, D], y [B, M, D])` Tensors and
 * returns a Tensor `[B, N, M]` on 'tensorized' (GeomLoss's convention).
 */
export type CostOption = string | ((x: LazyTensor | Tensor, y: LazyTensor | Tensor) => LazyTensor | Tensor);

/**
 * A kernel for 'gaussian' / 'laplacian' / 'energy'-style losses. A string is a KeOps formula in
 * `X` and `Y`, evaluated (like GeomLoss) on points divided by `blur`. A function receives
 * `(x, y, blur)` with the same conventions as a cost function.
 */
export type KernelOption = string | ((x: LazyTensor | Tensor, y: LazyTensor | Tensor, blur: number) => LazyTensor | Tensor);

/** Reported after every iteration of the Sinkhorn loop (and of Hausdorff's symmetric loops). */
export interface SinkhornProgress {
  /** 1-based iteration index. */
  iteration: number;
  /** Number of iterations of the epsilon schedule. */
  iterations: number;
  /** The temperature of this iteration. */
  epsilon: number;
  /** epsilon^(1/p): the blur radius of this iteration. */
  blur: number;
  /** Index of the batch element (0 without batches). */
  batch: number;
}

/** Options of `samplesLoss`, as GeomLoss's `SamplesLoss` (camelCased). */
export interface SamplesLossOptions {
  /**
   * Exponent of the ground cost |x - y|^p / p: any real number p >= 1 (default 2). It also sets
   * the temperatures of the epsilon schedule (diameter^p down to blur^p) and rho = reach^p,
   * with a custom cost as well. For p > 2 the Gibbs kernel exp(-|x - y|^p / (p eps)) is not
   * positive definite, so the Sinkhorn divergence may be slightly negative (its positivity
   * holds for 1 <= p <= 2).
   */
  p?: number;
  /** Finest scale: epsilon = blur^p for 'sinkhorn'/'hausdorff', the kernel's sigma for 'gaussian'/'laplacian' (default 0.05). */
  blur?: number;
  /** Unbalanced transport: rho = reach^p; null (default) is balanced. */
  reach?: number | null;
  /** Upper bound on |x - y|, the first scale of the epsilon schedule; null (default) computes it. */
  diameter?: number | null;
  /**
   * Ratio between successive blur radii of the epsilon schedule, in (0, 1) (default 0.5). The
   * schedule may take at most 10^4 steps (a ValueError otherwise): 0.5 to 0.9 are usual.
   */
  scaling?: number;
  /** 'multiscale': kernel truncation beyond truncate * blur; null disables it (default 5). */
  truncate?: number | null;
  /** Custom ground cost (see CostOption). */
  cost?: CostOption | null;
  /** Custom kernel for the kernel losses (see KernelOption). */
  kernel?: KernelOption | null;
  /** 'multiscale': size of the clustering cells; null (default) derives it from the diameter. */
  clusterScale?: number | null;
  /** 'sinkhorn': the de-biased Sinkhorn divergence (default true) or the raw OT_eps cost. */
  debias?: boolean;
  /** Return the pair of dual potentials [F, G] instead of the loss (default false). */
  potentials?: boolean;
  /** Print the backend of each call and why ('auto': the estimates); 'multiscale': the clustering and the schedule too (default false). */
  verbose?: boolean;
  /**
   * 'auto' (default: the least estimated time, from timings measured in this process; see
   * samplesLoss), 'tensorized' (dense host loops), 'online' (lazy reductions on the engine),
   * 'multiscale' (clusters and block-sparse reductions), or 'webgpu': the 'online' routine with
   * every reduction (softmins, kernel products, gradients) on WebGPU, float32 only; a
   * BackendError when no WebGPU adapter is available (configureGpu).
   */
  backend?: OTBackend;
  /**
   * Stops the computation: the promise rejects with an AbortError within a few tens of
   * milliseconds, even when `abort()` is called from a timer or an event handler (the loops give
   * the event loop a turn every 20 ms). Must be a real AbortSignal (a ValueError otherwise).
   */
  signal?: AbortSignal;
  /** Called (and awaited) after every iteration of the Sinkhorn loop. */
  onProgress?: (progress: SinkhornProgress) => void | Promise<void>;
  /**
   * Runs every reduction of the 'online' routine on this cluster (`connect()` of
   * 'lazykernel/distributed'), with the same result; the backend must then be 'auto' or 'online'.
   */
  cluster?: ReductionCluster;
}

/** Options after validation, defaults filled in. */
export interface ResolvedOptions {
  p: number;
  blur: number;
  reach: number | null;
  diameter: number | null;
  scaling: number;
  truncate: number | null;
  cost: CostOption | null;
  kernel: KernelOption | null;
  clusterScale: number | null;
  debias: boolean;
  potentials: boolean;
  verbose: boolean;
  backend: OTBackend;
  signal: AbortSignal | undefined;
  onProgress: ((progress: SinkhornProgress) => void | Promise<void>) | undefined;
  cluster: ReductionCluster | undefined;
}

const KEYS = ['p', 'blur', 'reach', 'diameter', 'scaling', 'truncate', 'cost', 'kernel', 'clusterScale', 'debias', 'potentials', 'verbose', 'backend', 'signal', 'onProgress', 'cluster'];

/** options[key] as a positive finite number (or null where `nullable`), else a ValueError naming it. */
export function positive(where: string, key: string, value: unknown, nullable: boolean): number | null {
  if (value === null && nullable) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${where}: options.${key} must be a positive finite number${nullable ? ' or null' : ''}, received ${describe(value)}`);
  }
  return value;
}

/** options[key] as a boolean, else a ValueError naming it. */
export function bool(where: string, key: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValueError(`${where}: options.${key} must be true or false, received ${describe(value)}`);
  return value;
}

/**
 * Checks the loss name and the options; returns them with GeomLoss's defaults filled in.
 * `where` names the caller in the messages; `extraKeys` are options of the caller that it
 * checks itself (accepted here, ignored).
 */
export function resolveOptions(name: unknown, options: unknown, where = 'samplesLoss', extraKeys: readonly string[] = []): { name: LossName; opts: ResolvedOptions } {
  if (typeof name !== 'string' || !LOSS_NAMES.includes(name as LossName)) {
    throw new ValueError(`${where}: the loss name must be one of ${LOSS_NAMES.map((n) => `'${n}'`).join(', ')}, received ${describe(name)}`);
  }
  checkOptions(where, options, extraKeys.length ? [...KEYS, ...extraKeys] : KEYS);
  const o = (options ?? {}) as SamplesLossOptions;
  const p = o.p ?? 2;
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 1) {
    throw new ValueError(`${where}: options.p must be a finite number >= 1 (the exponent of the cost |x - y|^p / p), received ${describe(p)}`);
  }
  const blur = positive(where, 'blur', o.blur ?? 0.05, false)!;
  const reach = positive(where, 'reach', o.reach === undefined ? null : o.reach, true);
  const diameter = positive(where, 'diameter', o.diameter === undefined ? null : o.diameter, true);
  const scaling = o.scaling ?? 0.5;
  if (typeof scaling !== 'number' || !(scaling > 0 && scaling < 1)) {
    throw new ValueError(`${where}: options.scaling must be a number strictly between 0 and 1, received ${describe(scaling)}`);
  }
  const truncate = positive(where, 'truncate', o.truncate === undefined ? 5 : o.truncate, true);
  const clusterScale = positive(where, 'clusterScale', o.clusterScale === undefined ? null : o.clusterScale, true);
  const cost = o.cost ?? null;
  if (cost !== null && typeof cost !== 'string' && typeof cost !== 'function') {
    throw new DTypeError(`${where}: options.cost must be a formula string, a function or null, received ${describe(cost)}`);
  }
  const kernel = o.kernel ?? null;
  if (kernel !== null && typeof kernel !== 'string' && typeof kernel !== 'function') {
    throw new DTypeError(`${where}: options.kernel must be a formula string, a function or null, received ${describe(kernel)}`);
  }
  const debias = bool(where, 'debias', o.debias ?? true);
  const potentials = bool(where, 'potentials', o.potentials ?? false);
  const verbose = bool(where, 'verbose', o.verbose ?? false);
  const backend = o.backend ?? 'auto';
  if (!OT_BACKENDS.includes(backend)) {
    throw new ValueError(`${where}: options.backend must be one of ${OT_BACKENDS.map((b) => `'${b}'`).join(', ')}, received ${describe(backend)}`);
  }
  const signal = checkSignal(where, o.signal);
  const cluster = checkCluster(where, o.cluster);
  if (cluster && backend !== 'auto' && backend !== 'online') {
    throw new ValueError(`${where}: options.cluster runs the 'online' routine's reductions on a cluster; options.backend must then be 'auto' or 'online', received '${backend}'`);
  }
  const onProgress = o.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new ValueError(`${where}: options.onProgress must be a function, received ${describe(onProgress)}`);
  }
  if (name === 'hausdorff' && reach !== null) {
    throw new ValueError(`${where}: 'hausdorff' is defined for balanced measures only; options.reach must be null (received ${reach})`);
  }
  if ((name === 'sinkhorn' || name === 'hausdorff') && kernel !== null) {
    throw new ValueError(`${where}: options.kernel applies to 'energy', 'gaussian' and 'laplacian'; '${name}' takes a ground cost through options.cost`);
  }
  if (name !== 'sinkhorn' && name !== 'hausdorff' && cost !== null) {
    throw new ValueError(`${where}: options.cost applies to 'sinkhorn' and 'hausdorff'; '${name}' takes options.kernel`);
  }
  // Fail at creation, before any work: a formula string that does not parse (or nests too
  // deeply), and a schedule too long for the diameter given.
  if (typeof cost === 'string') parseFormula(cost, `${where}: options.cost`);
  if (typeof kernel === 'string') parseFormula(kernel, `${where}: options.kernel`);
  if (diameter !== null && (name === 'sinkhorn' || name === 'hausdorff')) checkScheduleLength(where, diameter, blur, scaling);
  return { name: name as LossName, opts: { p, blur, reach, diameter, scaling, truncate, cost, kernel, clusterScale, debias, potentials, verbose, backend, signal, onProgress, cluster } };
}
