/**
 * Lloyd's k-means with lazy distance matrices, as in KeOps's k-means tutorial: each step is
 * one argmin reduction of |x_i - c_j|^2, so it scales to large N and any dimension; what
 * gridCluster cannot do for D > 3 (its cells become too many and too sparse).
 */
import { Tensor, allocateData } from '../tensor/tensor.js';
import { ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { Yielder, checkSignal } from '../abort.js';
import { Vi, Vj } from '../api/variables.js';
import { pointCloud } from './points.js';
/** Points the host pass covers between two looks at the clock. */
const POINTS_PER_TICK = 1 << 16;
/**
 * Clusters the points X [N, D] around K centroids; labels feed clusterRangesCentroids and sortClusters.
 *
 * @example
 * ```ts
 * import { tensor, kmeans } from 'lazykernel';
 * const X = tensor([0, 0, 0.1, 0, 5, 5, 5.1, 5], [4, 2]);   // two groups of two points
 * const { labels, centroids } = await kmeans(X, 2, { iterations: 10 });
 * console.log(labels);    // => [0, 0, 1, 1]
 * console.log(centroids); // => [[0.05, 0], [5.05, 5]]
 * ```
 */
export async function kmeans(X, K, options) {
    const where = 'kmeans';
    checkOptions(where, options, ['iterations', 'init', 'signal', 'onProgress']);
    const signal = checkSignal(where, options?.signal);
    const onProgress = options?.onProgress;
    if (onProgress !== undefined && typeof onProgress !== 'function')
        throw new ValueError(`${where}: options.onProgress must be a function, received ${describe(onProgress)}`);
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
    // An argmin on the calling thread resolves as microtasks: without a turn of the event loop
    // between iterations, a timer's abort() (or a page's events) would wait for the last one.
    const yielder = new Yielder(where, signal);
    for (let it = 0; it < iterations; it++) {
        await yielder.tick();
        C.markChanged(); // the centroids are updated in place: cached engine copies must refresh
        const nearest = await Vi(points).sqdist(Vj(C)).argmin(1, signal ? { signal } : undefined);
        const previous = labels;
        labels = nearest.data;
        let changed = 0;
        const sums = new Float64Array(K * d);
        const counts = new Float64Array(K);
        for (let i = 0; i < n; i++) {
            if ((i + 1) % POINTS_PER_TICK === 0)
                await yielder.tick();
            const l = labels[i];
            if (it === 0 || l !== previous[i])
                changed++;
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
        if (onProgress)
            await onProgress({ iteration: it + 1, iterations, changed });
    }
    return { labels: new Tensor(Int32Array.from(labels), [n]), centroids: C };
}
