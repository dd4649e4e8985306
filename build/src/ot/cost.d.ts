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
/** The dense form of the cost option (GeomLoss's `cost_routines` by default). */
export declare function denseCost(p: 1 | 2, cost: CostOption | null): DenseCost;
/**
 * The dense form of the cost option for the loops: the default costs are built by row blocks
 * with a tick of `yielder` between them (one build at 5000^2 pairs is longer than a page can
 * wait); a custom cost is built in one go, after a tick.
 */
export declare function denseCostYielding(p: 1 | 2, cost: CostOption | null, yielder: Yielder): (x: Tensor, y: Tensor) => Promise<Tensor>;
/** The lazy form of the cost option (GeomLoss's `cost_formulas` by default). */
export declare function lazyCost(p: 1 | 2, cost: CostOption | null): LazyCost;
