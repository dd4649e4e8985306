import type { LazyTensor } from '../api/lazy-tensor.js';
import type { ReduceOptions } from '../api/reduce.js';
import { Tensor } from '../tensor/tensor.js';
import { type SamplesLossOptions } from './options.js';
import type { BackendChoice } from './backend-choice.js';
/** Options of `transportPlan`: those of samplesLoss('sinkhorn'), and the stopping rule of the last updates. */
export interface TransportPlanOptions extends Omit<SamplesLossOptions, 'potentials' | 'kernel' | 'debias'> {
    /**
     * The plan is that of OT_eps(a, b), GeomLoss's `debias: false`; only `false` (or leaving it
     * out) is accepted.
     */
    debias?: false;
    /**
     * Stops the final Sinkhorn updates when sum_i |sum_j pi_ij - target_i| <= tol * sum_i a_i,
     * target_i = a_i (balanced) or a_i exp(-F_i / rho) (unbalanced), measured from the softmins in
     * the points' dtype. Default 1e-6 in float64, 1e-4 in float32: in float32 the plan's
     * exponents (F_i + G_j - C_ij) / eps round at about 1e-7 |F| / eps (1e-5 to 1e-4 at blurs
     * 0.05 to 0.01 on the unit square), which a smaller tol cannot remove; pass float64 points
     * for tighter marginals. The updates are
     * over-relaxed (sinkhorn-refine.ts); still, blur 0.02 on clouds of diameter 1 takes a hundred
     * or two of them for 1e-6. `converged` says whether the tolerance was reached.
     */
    tol?: number;
    /**
     * At most this many final updates (each is two reductions); default 1000. With 0, F is the
     * loop's (GeomLoss's) and G is still recomputed from it (one reduction).
     */
    maxIter?: number;
}
/** What `transportPlan` returns. */
export interface TransportPlan {
    /**
     * pi_ij = a_i b_j exp((F_i + G_j - C(x_i, y_j)) / eps), a LazyTensor [N, M]: reduce it like
     * any other (`sum(1)` for its row marginal, `argmax(1)` for a matching, `argKmin`, ...).
     */
    readonly plan: LazyTensor;
    /** The dual potential on x, Tensor [N]. */
    readonly F: Tensor;
    /** The dual potential on y, Tensor [M]. */
    readonly G: Tensor;
    /** The temperature blur^p. */
    readonly eps: number;
    /** Final Sinkhorn updates done after the epsilon-scaling loop. */
    readonly iterations: number;
    /** The last row-marginal error, relative to the mass of a (see `tol`). */
    readonly marginalError: number;
    /**
     * Whether marginalError <= tol: false when maxIter updates did not get there, or when the
     * error stopped decreasing above tol (rounding: a tol too small for float32 at that blur).
     */
    readonly converged: boolean;
    /**
     * The barycentric map T(x_i) = sum_j pi_ij y_j / sum_j pi_ij, a Tensor [N, D], by one
     * reduction (a softmax-weighted sum over j; the N x M plan is never formed).
     */
    map(options?: ReduceOptions): Promise<Tensor>;
    /** The backend the potentials were computed on ('auto' resolved), why, and the estimates of each. */
    readonly backend: BackendChoice;
}
/**
 * The entropic optimal transport plan between two point clouds, and its barycentric map:
 * pi_ij = a_i b_j exp((F_i + G_j - C(x_i, y_j)) / eps), eps = blur^p, C = |x - y|^p / p (or
 * `options.cost`), from the dual potentials of OT_eps(a, b). Called as `(x, y)` (uniform
 * weights) or `(a, x, b, y)`, with the options of samplesLoss('sinkhorn') after them.
 *
 * After GeomLoss's epsilon-scaling loop, full Sinkhorn updates at the target temperature run
 * until the plan's marginals are within `tol` (relative, L1) of their targets: a and b when
 * balanced (`ot.plan.sum(1)` ~ a, `ot.plan.sum(0)` ~ b); a_i exp(-F_i / rho) and
 * b_j exp(-G_j / rho) with rho = reach^p when unbalanced (`reach` set). The plan reads x and y
 * when it is reduced (do not write them in place in between); gradients flow through the cost
 * only, with F and G held fixed. Point clouds are [N, D] and [M, D] (no batch axis); a cost
 * function must return a LazyTensor when called with (Vi(x), Vj(y)), as the plan is lazy.
 *
 * @example
 * ```ts
 * import { tensor, transportPlan } from 'lazykernel';
 * const X = tensor([0, 0, 1, 0, 0, 1], [3, 2]);
 * const Y = tensor([3, 0, 4, 0, 3, 1], [3, 2]);   // X shifted by (3, 0)
 * const ot = await transportPlan(X, Y, { p: 2, blur: 0.05, scaling: 0.5 });
 * // Row sums: the weights a = 1/3; argmax: x_i goes to y_i; the map moves X onto Y.
 * console.log(await ot.plan.sum(1));      // => [[0.3333], [0.3333], [0.3333]]
 * console.log(await ot.plan.argmax(1));   // => [[0], [1], [2]]
 * console.log(await ot.map());            // => [[3, 0], [4, 0], [3, 1]]
 * console.log(ot.F.shape);                // => [3]
 * console.log(ot.converged);              // => true
 * ```
 */
export declare function transportPlan(x: Tensor, y: Tensor, options?: TransportPlanOptions): Promise<TransportPlan>;
export declare function transportPlan(a: Tensor, x: Tensor, b: Tensor, y: Tensor, options?: TransportPlanOptions): Promise<TransportPlan>;
