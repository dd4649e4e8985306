import { LazyTensor } from '../api/lazy-tensor.js';
import { Tensor } from '../tensor/tensor.js';
import type { Yielder } from '../abort.js';
import type { CostOption } from './options.js';
/** |x_i - y_j|^2 for x [B, N, D], y [B, M, D], as GeomLoss's `squared_distances` (differentiable). */
export declare function squaredDistances(x: Tensor, y: Tensor): Tensor;
/** |x_i - y_j| with a zero gradient at zero (GeomLoss's `distances`). */
export declare function distances(x: Tensor, y: Tensor): Tensor;
/** A dense cost: x [B, N, D], y [B, M, D] -> [B, N, M]. */
export type DenseCost = (x: Tensor, y: Tensor) => Tensor;
/**
 * A lazy cost: x [N, D], y [M, D] -> LazyTensor [N, M], times `scale` (default 1): the
 * scale is folded into the formula's constant (one multiplication per pair less).
 */
export type LazyCost = (x: Tensor, y: Tensor, scale?: number) => LazyTensor;
/**
 * Squared distances below this floor count as the floor in the lazy |x - y|^p / p of p other
 * than 1 and 2: Powf's derivative p/2 r^(p/2) / r is 0/0 at coincident points (every diagonal
 * pair of the debiasing problems), while Max's is 0 below the floor, so the gradient there is
 * 0 as GeomLoss's sqrt_0 makes it. The value moves by at most floor^(1/2) / p = 1e-18.
 */
export declare const POW_COST_FLOOR = 1e-36;
/** The dense form of the cost option (GeomLoss's `cost_routines` by default, |x - y|^p / p for other p). */
export declare function denseCost(p: number, cost: CostOption | null): DenseCost;
/**
 * The dense form of the cost option for the loops: the default costs are built by row blocks
 * with a tick of `yielder` between them (one build at 5000^2 pairs is longer than a page can
 * wait); a custom cost is built in one go, after a tick.
 */
export declare function denseCostYielding(p: number, cost: CostOption | null, yielder: Yielder): (x: Tensor, y: Tensor) => Promise<Tensor>;
/**
 * The lazy form of the cost option (GeomLoss's `cost_formulas` by default: Norm2(X-Y) for
 * p = 1, SqDist(X,Y) / 2 for p = 2, and Powf(Max(SqDist(X,Y), floor), p/2) / p for other p).
 */
export declare function lazyCost(p: number, cost: CostOption | null): LazyCost;
