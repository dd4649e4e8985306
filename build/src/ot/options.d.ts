import type { LazyTensor } from '../api/lazy-tensor.js';
import { type ReductionCluster } from '../api/cluster-option.js';
import type { Tensor } from '../tensor/tensor.js';
/** The losses `samplesLoss` knows, as in GeomLoss. */
export type LossName = 'sinkhorn' | 'hausdorff' | 'energy' | 'gaussian' | 'laplacian';
export declare const LOSS_NAMES: readonly LossName[];
/** Where the loss runs: dense host tensors, lazy kernel reductions, or block-sparse ones. */
export type OTBackend = 'auto' | 'tensorized' | 'online' | 'multiscale' | 'webgpu';
export declare const OT_BACKENDS: readonly OTBackend[];
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
/** options[key] as a positive finite number (or null where `nullable`), else a ValueError naming it. */
export declare function positive(where: string, key: string, value: unknown, nullable: boolean): number | null;
/** options[key] as a boolean, else a ValueError naming it. */
export declare function bool(where: string, key: string, value: unknown): boolean;
/**
 * Checks the loss name and the options; returns them with GeomLoss's defaults filled in.
 * `where` names the caller in the messages; `extraKeys` are options of the caller that it
 * checks itself (accepted here, ignored).
 */
export declare function resolveOptions(name: unknown, options: unknown, where?: string, extraKeys?: readonly string[]): {
    name: LossName;
    opts: ResolvedOptions;
};
