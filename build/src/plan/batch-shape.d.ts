import type { Tensor } from '../tensor/tensor.js';
import type { VarCategory } from '../formula/node.js';
/** How a variable's tensor splits into batch axes, rows and vector dimension. */
export interface VarLayout {
    readonly batchShape: readonly number[];
    /** Rows of one batch (1 for a parameter). */
    readonly rows: number;
    readonly dim: number;
}
/**
 * The layout of a variable's tensor: Vi / Vj take [N], [N, D] or [...batch, N, D]; Pm takes [D]
 * or [...batch, D], where [1, D] is read as [D] (as before batches existed).
 */
export declare function varLayout(shape: readonly number[], category: VarCategory): VarLayout;
/** The layout of a variable leaf's tensor. */
export declare function tensorLayout(t: Tensor, category: VarCategory): VarLayout;
/**
 * The batch shape of a reduction: the numpy broadcast of its inputs' batch shapes, or a
 * ShapeError naming both inputs' shapes at the first pair that does not broadcast.
 */
export declare function broadcastBatchShapes(where: string, inputs: readonly {
    readonly shape: readonly number[];
    readonly batchShape: readonly number[];
    readonly category: VarCategory;
}[]): number[];
/** Number of batches of a batch shape (1 when it is empty). */
export declare function batchCount(batchShape: readonly number[]): number;
/**
 * For each batch index b of `batchShape` (row-major), the slice of an input of batch shape
 * `own` that batch reads: the input's own coordinates, 0 on its axes of size 1 and on the
 * axes it lacks. These are the broadcast strides, applied once per batch.
 */
export declare function batchSlices(own: readonly number[], batchShape: readonly number[]): Int32Array;
/**
 * A LazyTensor's shape from its variables: [...batch, N, M] (then D when dim > 1), the batch
 * axes broadcast (a ShapeError when they do not); an axis without variables is reported as 1.
 */
export declare function lazyShape(vars: readonly {
    readonly tensor?: Tensor | null;
    readonly category?: VarCategory | null;
}[], dim: number): number[];
