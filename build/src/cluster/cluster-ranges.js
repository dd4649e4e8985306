/**
 * Ranges and centroids of labelled clusters, as pykeops.torch.cluster's cluster_ranges,
 * cluster_centroids and cluster_ranges_centroids: the per-cluster description that
 * fromMatrix turns into block-sparse ranges.
 */
import { Tensor, allocateData } from '../tensor/tensor.js';
import { ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { bincount, labelVector, pointCloud } from './points.js';
/**
 * The [start, end) ranges (int32 [C, 2]) that labels 0..C-1 occupy once the points are
 * sorted by label (sortClusters), C being the largest label + 1.
 *
 * @example
 * ```ts
 * import { tensor, clusterRanges } from 'lazykernel';
 * const labels = tensor(new Int32Array([0, 1, 0, 1, 2]));
 * console.log(clusterRanges(labels)); // => [[0, 2], [2, 4], [4, 5]]
 * ```
 */
export function clusterRanges(labels) {
    const where = 'clusterRanges';
    const n = labels instanceof Tensor ? labels.shape[0] ?? 0 : labels instanceof Int32Array ? labels.length : -1;
    const { data, classes } = labelVector(where, labels, n);
    return rangesOf(bincount(data, classes));
}
function rangesOf(counts) {
    const ranges = new Int32Array(2 * counts.length);
    let start = 0;
    for (let k = 0; k < counts.length; k++) {
        ranges[2 * k] = start;
        start += counts[k];
        ranges[2 * k + 1] = start;
    }
    return new Tensor(ranges, [counts.length, 2]);
}
/**
 * Ranges, centroids and total weights of the clusters given by `labels` (int32 [N], values
 * 0..C-1) on the points X [N, D], like pykeops's cluster_ranges_centroids.
 *
 * @example
 * ```ts
 * import { tensor, gridCluster, clusterRangesCentroids } from 'lazykernel';
 * const X = tensor([0.1, 2.2, 0.3, 2.4, 5.0], [5, 1]);
 * const { ranges, centroids, weights } = clusterRangesCentroids(X, gridCluster(X, 1));
 * console.log(ranges);    // => [[0, 2], [2, 4], [4, 5]]
 * console.log(centroids); // => [[0.2], [2.3], [5.0]]
 * console.log(weights);   // => [2, 2, 1]
 * ```
 */
export function clusterRangesCentroids(X, labels, options) {
    const where = 'clusterRangesCentroids';
    checkOptions(where, options, ['weights', 'minWeight']);
    const { data: x, n, d, tensor } = pointCloud(where, X);
    const { data: lab, classes } = labelVector(where, labels, n);
    const minWeight = options?.minWeight ?? 1e-9;
    if (typeof minWeight !== 'number' || !(minWeight >= 0))
        throw new ValueError(`${where}: options.minWeight must be a non-negative number, received ${describe(minWeight)}`);
    const w = pointWeights(where, options?.weights, n, minWeight);
    const counts = bincount(lab, classes);
    const total = new Float64Array(classes);
    const sums = new Float64Array(classes * d);
    for (let i = 0; i < n; i++) {
        const l = lab[i];
        const wi = w ? w[i] : 1;
        total[l] += wi;
        for (let c = 0; c < d; c++)
            sums[l * d + c] += wi * x[i * d + c];
    }
    const centroids = allocateData(tensor.dtype, classes * d);
    for (let l = 0; l < classes; l++)
        for (let c = 0; c < d; c++)
            centroids[l * d + c] = sums[l * d + c] / total[l];
    const weights = allocateData(tensor.dtype, classes);
    weights.set(total);
    return { ranges: rangesOf(counts), centroids: new Tensor(centroids, [classes, d]), weights: new Tensor(weights, [classes]) };
}
function pointWeights(where, weights, n, minWeight) {
    if (weights === undefined)
        return null;
    let data;
    if (weights instanceof Tensor) {
        if (weights.shape.length !== 1 && !(weights.shape.length === 2 && weights.shape[1] === 1)) {
            throw new ShapeError(`${where}: options.weights must have shape [N], received [${weights.shape.join(', ')}]`);
        }
        data = weights.data;
    }
    else if (weights instanceof Float32Array || weights instanceof Float64Array || (Array.isArray(weights) && weights.every((v) => typeof v === 'number'))) {
        data = weights;
    }
    else {
        throw new ValueError(`${where}: options.weights must be a Tensor [N] or an array of numbers, received ${describe(weights)}`);
    }
    if (data.length !== n)
        throw new ShapeError(`${where}: options.weights has ${data.length} entries for ${n} points`);
    const out = Float64Array.from(data);
    for (let i = 0; i < n; i++) {
        if (Number.isNaN(out[i]))
            throw new ValueError(`${where}: options.weights[${i}] is NaN`);
        if (out[i] <= minWeight)
            out[i] = minWeight;
    }
    return out;
}
