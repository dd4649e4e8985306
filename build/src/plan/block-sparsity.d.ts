import { Tensor } from '../tensor/tensor.js';
import type { BlockSparsity } from '../tape/request.js';
/** KeOps's block-sparsity 6-tuple: [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI]. */
export type RangesTuple = readonly (Tensor | Int32Array)[];
/** The six int32 arrays of KeOps's 6-tuple (Tensors or Int32Arrays), checked in type and shape only. */
export declare function rangesArrays(ranges: unknown): Int32Array[];
/**
 * Converts KeOps's 6-tuple to the engines' form for a reduction over `axis`, validating it:
 * ranges inside [0, n), slices non-decreasing and inside the reduction ranges, no two clusters
 * sharing a row and no column counted twice for a cluster. Both halves are checked, the one
 * this axis does not use included (gradients and transposed operators use it), so that a bad
 * tuple fails the same way whatever the axis. Rows outside every cluster have nothing to reduce.
 */
export declare function blockSparsity(ranges: unknown, axis: 0 | 1, nI: number, nJ: number): BlockSparsity;
