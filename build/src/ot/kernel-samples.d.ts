/**
 * Kernel norms (MMDs) between sampled measures, as GeomLoss's `kernel_samples`:
 *   Loss(a, b) = 1/2 <a, k*a> + 1/2 <b, k*b> - <a, k*b>
 * with k(x, y) = exp(-|x-y|^2 / 2 blur^2) ('gaussian'), exp(-|x-y| / blur) ('laplacian') or
 * -|x-y| ('energy'). The self-interaction terms are computed with one side detached and a
 * doubled gradient (GeomLoss's `double_grad`), which is exact because k is symmetric.
 */
import type { Yielder } from '../abort.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import type { RangesTuple } from '../api/ranges.js';
import type { Backend } from '../api/reduce.js';
import type { ReductionCluster } from '../api/cluster-option.js';
import { Tensor } from '../tensor/tensor.js';
import type { KernelOption, ResolvedOptions } from './options.js';
import type { RoutineContext, RoutineResult } from './sinkhorn-samples.js';
export type KernelName = 'gaussian' | 'laplacian' | 'energy';
/** GeomLoss's `kernel_tensorized` for one kernel name. */
export declare function kernelTensorized(name: KernelName): (a: Tensor, x: Tensor, b: Tensor, y: Tensor, opts: ResolvedOptions, _ctx: RoutineContext) => Promise<RoutineResult>;
/** The lazy kernel between the rows of x [N, D] and y [M, D], and whether points are divided by blur. */
export declare function lazyKernel(name: KernelName, kernel: KernelOption | null, blur: number): {
    K: (x: Tensor, y: Tensor) => LazyTensor;
    rescale: boolean;
};
/** Centre both clouds on the mean of their means (a constant shift) and divide by blur when asked. */
export declare function preprocess(x: Tensor, y: Tensor, blur: number, rescale: boolean): [Tensor, Tensor];
/**
 * sum_j K(x_i, y_j) w_j for lazy K: [N]; `yielder` gives the event loop its turn first when due;
 * `backend`: where the reduction runs (undefined: the engine's choice); `cluster`: a cluster
 * that runs it instead.
 */
export declare function kernelConv(K: (x: Tensor, y: Tensor) => LazyTensor, x: Tensor, y: Tensor, w: Tensor, ranges: RangesTuple | undefined, signal: AbortSignal | undefined, yielder?: Yielder, backend?: Backend, cluster?: ReductionCluster): Promise<Tensor>;
/** GeomLoss's `kernel_online` for one kernel name (a [N], x [N, D], b [M], y [M, D]). */
export declare function kernelOnline(name: KernelName): (a: Tensor, x: Tensor, b: Tensor, y: Tensor, opts: ResolvedOptions, ctx: RoutineContext) => Promise<RoutineResult>;
