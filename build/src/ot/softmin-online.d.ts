/**
 * The soft C-transform as a lazy log-sum-exp reduction (GeomLoss's `softmin_online` and
 * `softmin_multiscale`): f_i = -eps log sum_j exp(h_j - C(x_i, y_j) / eps), never forming
 * the N x M matrix, block-sparse when the cost carries reduction ranges.
 */
import type { Yielder } from '../abort.js';
import type { Backend } from '../api/reduce.js';
import type { ReductionCluster } from '../api/cluster-option.js';
import type { RangesTuple } from '../api/ranges.js';
import { Tensor } from '../tensor/tensor.js';
import type { LazyCost } from './cost.js';
import type { Softmin } from './sinkhorn-loop.js';
/** A cost "matrix" between the rows of x [N, D] and of y [M, D], evaluated on the fly. */
export interface LazyCostMatrix {
    x: Tensor;
    y: Tensor;
    /** Block-sparse ranges of the reduction over the rows of y (multiscale), or undefined. */
    ranges?: RangesTuple;
}
/** The same cost with detached points (for the iterations). */
export declare function detachLazy(C: LazyCostMatrix): LazyCostMatrix;
/** `t` with the given float dtype (a copy outside any graph when it differs). */
export declare function asDType(t: Tensor, dtype: Tensor['dtype']): Tensor;
/**
 * The online softmin for a lazy cost; `h` is [M] (or [M, 1]), the result [N]. With a
 * `yielder`, each call first gives the event loop its turn when due and checks the signal (a
 * reduction on the calling thread resolves as microtasks: without it a loop of them never
 * lets a timer run). `backend`: where the reductions run (undefined: the engine's choice);
 * `cluster`: a cluster that runs them instead (lazykernel/distributed).
 */
export declare function softminOnline(cost: LazyCost, signal?: AbortSignal, yielder?: Yielder, backend?: Backend, cluster?: ReductionCluster): Softmin<LazyCostMatrix>;
