/**
 * KeOps's block-sparse `ranges` 6-tuple on the host: built from a cluster-to-cluster mask
 * (from_matrix), swapped between axes (swap_axes) and validated.
 */
import { Tensor } from '../tensor/tensor.js';
import { type RangesTuple } from '../api/ranges.js';
/** [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI], each an int32 Tensor. */
export type BlockRanges = readonly [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
/** A cluster-to-cluster mask: a Tensor [Ci, Cj] (non-zero keeps), a Uint8Array of Ci * Cj entries, or nested booleans. */
export type KeepMask = Tensor | Uint8Array | readonly (readonly boolean[])[];
/**
 * Turns cluster ranges (int32 [Ci, 2] and [Cj, 2]) and a mask `keep` [Ci, Cj] into KeOps's
 * 6-tuple: reductions then only visit the pairs of points whose clusters are kept.
 * Like pykeops's from_matrix, redrangesJ lists, cluster of i after cluster of i, the j-ranges
 * kept for it (ascending), slicesI their running counts; the last three mirror them for axis 0.
 */
export declare function fromMatrix(rangesI: Tensor | Int32Array, rangesJ: Tensor | Int32Array, keep: KeepMask): BlockRanges;
/** The ranges of the transposed reduction: the i and j halves of the 6-tuple exchanged (pykeops's swap_axes). */
export declare function swapAxes<R extends RangesTuple | null | undefined>(ranges: R): R;
/**
 * Checks a 6-tuple for reductions with nI rows on the i axis and nJ on the j axis, for both
 * axes: int32 data, shapes, ranges inside the axes, slices non-decreasing and in bounds,
 * clusters that do not share rows, and no column range reduced twice for one cluster.
 * Throws ShapeError, DTypeError or ValueError naming the faulty array.
 */
export declare function validateRanges(ranges: unknown, nI: number, nJ: number): void;
