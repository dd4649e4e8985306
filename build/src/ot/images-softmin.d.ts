/**
 * GeomLoss's `softmin_grid`: the soft C-transform between densities on a regular grid,
 * f_i = -eps log sum_j exp(h_j - C(x_i, x_j) / eps), computed axis by axis. Pixel k of n sits at
 * k / n; the cost |x - y|^2 / 2 (p = 2) and the Manhattan cost |x - y|_1 (p = 1) are sums over
 * the axes, so the D-dimensional log-sum-exp is D one-dimensional ones, n^(D+1) terms instead
 * of n^(2D).
 *
 * Each 1-D pass is one lazykernel reduction per block of lines: the lines are the vector
 * dimension of a Vj variable, logsumexp_j (h_j[l] - (x_i - x_j)^2) for every line l at once.
 * bench/ot-images.mjs measures it against block-sparse ranges (one cluster per line) and a host
 * JavaScript loop (bench/RESULTS.md): fastest or tied at 16 to 128 pixels per line, where the
 * host loop ties only at 16 and is 4-7x slower above, so there is no host path.
 */
import type { Yielder } from '../abort.js';
import type { Backend } from '../api/reduce.js';
import { Tensor, type DataArray } from '../tensor/tensor.js';
/** The grid a softmin runs on: the spatial shape, the cost's exponent and where the reductions run. */
export interface GridCost {
    /** Spatial axes, e.g. [H, W] or [D, H, W]. */
    shape: readonly number[];
    p: 1 | 2;
    backend: Backend;
    signal: AbortSignal | undefined;
    yielder: Yielder;
}
/**
 * The separable softmin of a stack of images: `h` holds `data.length / prod(C.shape)` images of
 * shape C.shape one after the other; returns -eps log sum_j exp(h_j - C_ij / eps) for each, in
 * h's dtype. No graph: the grid is constant and the loops pass detached potentials.
 */
export declare function softminGridData(eps: number, C: GridCost, h: DataArray): Promise<DataArray>;
/** `softminGridData` on a flat Tensor of one or more images (the Sinkhorn loop's Softmin). */
export declare function softminGrid(eps: number, C: GridCost, h: Tensor): Promise<Tensor>;
