import { Tensor } from '../tensor/tensor.js';
import { type LossName, type OTBackend, type ResolvedOptions, type SamplesLossOptions } from './options.js';
import type { BackendChoice, ConcreteBackend } from './backend-choice.js';
/** A loss: `await loss(x, y)`, `await loss(a, x, b, y)` or, multiscale, `await loss(lx, a, x, ly, b, y)`. */
export interface SamplesLossFunction {
    (x: Tensor, y: Tensor): Promise<Tensor>;
    (a: Tensor, x: Tensor, b: Tensor, y: Tensor): Promise<Tensor>;
    (labelsX: Tensor, a: Tensor, x: Tensor, labelsY: Tensor, b: Tensor, y: Tensor): Promise<Tensor>;
    readonly lossName: LossName;
    readonly options: Readonly<ResolvedOptions>;
    /** The backend of the last call ('auto' resolved), null before the first. */
    readonly lastBackend: ConcreteBackend | null;
    /** Why the last call ran on it, with the estimated seconds of each backend when 'auto' chose. */
    readonly lastChoice: BackendChoice | null;
}
/** With `potentials: true`: the dual potentials [F, G], shaped like the weights a and b. */
export interface SamplesPotentialsFunction {
    (x: Tensor, y: Tensor): Promise<[Tensor, Tensor]>;
    (a: Tensor, x: Tensor, b: Tensor, y: Tensor): Promise<[Tensor, Tensor]>;
    (labelsX: Tensor, a: Tensor, x: Tensor, labelsY: Tensor, b: Tensor, y: Tensor): Promise<[Tensor, Tensor]>;
    readonly lossName: LossName;
    readonly options: Readonly<ResolvedOptions>;
    /** The backend of the last call ('auto' resolved), null before the first. */
    readonly lastBackend: ConcreteBackend | null;
    /** Why the last call ran on it, with the estimated seconds of each backend when 'auto' chose. */
    readonly lastChoice: BackendChoice | null;
}
/** The measures of one call, as given (weights filled in when only points are). */
export interface Inputs {
    labelsX: Tensor | null;
    labelsY: Tensor | null;
    a: Tensor;
    x: Tensor;
    b: Tensor;
    y: Tensor;
}
/** Sizes of one call. */
export interface Shapes {
    /** 0 without a batch axis. */
    B: number;
    N: number;
    M: number;
    D: number;
}
/**
 * Checks the arguments of one call (`where` names the function in the messages): tensors,
 * shapes, finite coordinates, weights, and equal masses for balanced Sinkhorn.
 */
export declare function checkCall(where: string, name: LossName, opts: ResolvedOptions, args: unknown[]): {
    inp: Inputs;
    s: Shapes;
};
/** 'webgpu' runs float32 reductions only: a DTypeError for float64 points, before any work. */
export declare function checkBackendDType(where: string, backend: OTBackend, dtype: 'float32' | 'float64'): void;
/** The backend of an OT backend's LazyTensor reductions: WebGPU for 'webgpu', else the engine's default. */
export declare function reductionBackendOf(backend: OTBackend): 'webgpu' | undefined;
/**
 * Creates a loss between sampled measures, like GeomLoss's `SamplesLoss(name, **options)`:
 * 'sinkhorn' (de-biased Sinkhorn divergence), 'hausdorff', 'energy', 'gaussian', 'laplacian'.
 * The loss is async and differentiable with respect to weights and points.
 *
 * Backends: 'tensorized' runs dense loops over N x M matrices on the calling thread (host
 * JavaScript), 'online' runs every softmin as a lazy log-sum-exp reduction on the engine
 * (the wasm workers, or WebGPU where the dispatcher sends reductions there), 'multiscale'
 * clusters the points and runs block-sparse reductions (GeomLoss's multiscale Sinkhorn:
 * 'sinkhorn', p = 2, D <= 3; an approximation, within ~1e-4 of the others). The default,
 * 'auto', estimates the time of each from timings measured in this process (the engine's
 * reductions of this loss's formula at a few sizes, the host's dense loops, block-sparse
 * reductions when multiscale may pay) and the reductions the loss makes (its epsilon
 * schedule, debias, gradients, batch), and takes the least: the dense loops only for a few
 * thousand pairs, where the engine's fixed cost per reduction dominates. The first call in a
 * process pays those measurements (tens to hundreds of milliseconds, more on a loaded
 * machine); the estimates are kept, and grown when a larger problem comes. When the
 * dispatcher would run the reductions on WebGPU, 'auto' takes 'online'. `loss.lastBackend`
 * says which backend the last call ran on and `loss.lastChoice.reason` why, with the
 * estimates (`options.verbose` prints it on every call).
 *
 * @example
 * ```ts
 * import { tensor, samplesLoss } from 'lazykernel';
 * const X = tensor([0, 0.5, 1, 1.5], [4, 1], { requiresGrad: true });
 * const Y = tensor([1, 1.5, 2, 2.5], [4, 1]);            // X shifted by 1
 * const loss = samplesLoss('sinkhorn', { p: 2, blur: 0.05, scaling: 0.5, debias: true });
 * const L = await loss(X, Y);                            // scalar Tensor, ~ |shift|^2 / 2
 * console.log(L.item());                                 // => 0.50
 * await L.backward();                                    // X.grad: each point pulled towards Y
 * console.log(X.grad);                                   // => [[-0.25], [-0.25], [-0.25], [-0.25]]
 * const A = tensor([0.1, 0.2, 0.3, 0.4], [4]);           // weighted measures
 * console.log((await loss(A, X.detach(), A, Y)).item()); // => 0.50
 * console.log((await samplesLoss('energy')(X, X)).item()); // => 0
 * // Any p >= 1: the cost |x - y|^p / p, here |1|^3 / 3.
 * console.log((await samplesLoss('sinkhorn', { p: 3, blur: 0.05 })(X.detach(), Y)).item()); // => 0.3333
 * // Which backend ran, and why: 'auto' took the least estimated time on this machine.
 * console.log(['tensorized', 'online', 'multiscale'].includes(loss.lastBackend ?? '')); // => true
 * console.log(loss.lastChoice?.reason.startsWith('N = 4, M = 4, D = 1:'));             // => true
 * const online = samplesLoss('sinkhorn', { blur: 0.05, backend: 'online' });
 * await online(X.detach(), Y);
 * console.log(online.lastBackend);         // => 'online'
 * console.log(online.lastChoice?.reason);  // => "options.backend is 'online'"
 * ```
 */
export declare function samplesLoss(name: LossName, options: SamplesLossOptions & {
    potentials: true;
}): SamplesPotentialsFunction;
export declare function samplesLoss(name: LossName, options?: SamplesLossOptions): SamplesLossFunction;
