/** Argument checks shared by the clustering helpers: point clouds and label vectors. */
import { Tensor } from '../tensor/tensor.js';
/** A float point cloud [N, D] (a [N] Tensor counts as D = 1), or a typed error naming the argument. */
export declare function pointCloud(where: string, X: unknown, argName?: string): {
    data: Float32Array | Float64Array;
    n: number;
    d: number;
    tensor: Tensor;
};
/** Non-negative int32 labels of length n (Tensor [n] or Int32Array), with the number of classes max + 1. */
export declare function labelVector(where: string, labels: unknown, n: number, argName?: string): {
    data: Int32Array;
    classes: number;
};
/** Number of points with each label (numpy's bincount). */
export declare function bincount(labels: Int32Array, classes: number): Int32Array;
