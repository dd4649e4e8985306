/**
 * Dense pairwise costs |x_i - y_j|^2, |x_i - y_j|^2 / 2, |x_i - y_j| and |x_i - y_j|^p / p for batched point
 * clouds x [B, N, D], y [B, M, D], in one pass over the pairs with a hand-written backward.
 * The same values through broadcasting host ops (xx - 2 xy + yy) take seconds at 5000^2 pairs,
 * all of it on the calling thread (a frozen page, an abort that cannot land); this pass is
 * several times faster, can give the event loop its turns (`pairwiseCostYielding`), and sums
 * the differences directly (coincident points give exactly 0).
 */
import { Yielder } from '../abort.js';
import { Tensor } from '../tensor/tensor.js';
/**
 * Which function of the difference: squared norm, half of it (GeomLoss's p = 2 cost), norm
 * (p = 1), or |x - y|^p / p for the exponent given beside it ('pow', any p >= 1).
 */
export type PairwiseKind = 'sqdist' | 'halfsqdist' | 'dist' | 'pow';
/**
 * C [B, N, M] with C[b, i, j] = f(x[b, i] - y[b, j]), differentiable in x and y; `p` is the
 * exponent of 'pow'. For 'dist' and 'pow' the gradient is 0 where the distance is 0 (GeomLoss's `sqrt_0`).
 */
export declare function pairwiseCost(x: Tensor, y: Tensor, kind: PairwiseKind, p?: number): Tensor;
/** `pairwiseCost`, ticking `yielder` every ~2^18 pairs: the event loop gets its turns, the signal its checks. */
export declare function pairwiseCostYielding(x: Tensor, y: Tensor, kind: PairwiseKind, yielder: Yielder, p?: number): Promise<Tensor>;
