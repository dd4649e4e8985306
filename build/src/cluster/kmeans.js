/**
 * Lloyd's k-means with lazy distance matrices, as in KeOps's k-means tutorial: each step is
 * one argmin reduction of |x_i - c_j|^2, so it scales to large N and any dimension; what
 * gridCluster cannot do for D > 3 (its cells become too many and too sparse).
 */
import { Tensor, allocateData } from '../tensor/tensor.js';
import { ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { Vi, Vj } from '../api/variables.js';
import { pointCloud } from './points.js';
/** Clusters the points X [N, D] around K centroids; labels feed clusterRangesCentroids and sortClusters. */
export async function kmeans(X, K, options) {
    const where = 'kmeans';
    checkOptions(where, options, ['iterations', 'init', 'signal']);
    const { data: x, n, d, tensor } = pointCloud(where, X);
    if (typeof K !== 'number' || !Number.isInteger(K) || K < 1 || K > n)
        throw new ValueError(`${where}: K must be an integer in [1, N = ${n}], received ${describe(K)}`);
    const iterations = options?.iterations ?? 10;
    if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 1) {
        throw new ValueError(`${where}: options.iterations must be a positive integer, received ${describe(iterations)}`);
    }
    const centroids = allocateData(tensor.dtype, K * d);
    const init = options?.init;
    if (init !== undefined) {
        if (!(init instanceof Tensor) || init.shape.length !== 2 || init.shape[0] !== K || init.shape[1] !== d) {
            throw new ShapeError(`${where}: options.init must be a Tensor [${K}, ${d}], received ${describe(init)}`);
        }
        centroids.set(init.data);
    }
    else {
        centroids.set(x.subarray(0, K * d));
    }
    const points = tensor.shape.length === 2 ? tensor : new Tensor(tensor.data, [n, 1]);
    const C = new Tensor(centroids, [K, d]);
    let labels = new Int32Array(n);
    for (let it = 0; it < iterations; it++) {
        C.markChanged(); // the centroids are updated in place: cached engine copies must refresh
        const nearest = await Vi(points).sqdist(Vj(C)).argmin(1, options?.signal ? { signal: options.signal } : undefined);
        labels = nearest.data;
        const sums = new Float64Array(K * d);
        const counts = new Float64Array(K);
        for (let i = 0; i < n; i++) {
            const l = labels[i];
            counts[l]++;
            for (let c = 0; c < d; c++)
                sums[l * d + c] += x[i * d + c];
        }
        for (let l = 0; l < K; l++) {
            if (counts[l] === 0)
                continue;
            for (let c = 0; c < d; c++)
                centroids[l * d + c] = sums[l * d + c] / counts[l];
        }
    }
    return { labels: new Tensor(Int32Array.from(labels), [n]), centroids: C };
}
