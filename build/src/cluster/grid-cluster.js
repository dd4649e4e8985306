/**
 * grid_cluster: points binned into cubic voxels, as in pykeops.torch.cluster. The simplest
 * way to make the clusters that block-sparse reductions skip between.
 */
import { Tensor } from '../tensor/tensor.js';
import { ShapeError, ValueError, describe } from '../errors.js';
import { pointCloud } from './points.js';
/**
 * Voxel labels of the points X [N, D]: two points share a label when they fall in the same
 * cell of size `eps` (a number, or one size per coordinate), counting cells from the
 * smallest coordinates. Labels are compact, 0..C-1 for the C non-empty cells, numbered in
 * lexicographic order of the cells' coordinates (pykeops's order, without its limit of 1024
 * cells per axis and of D <= 3). Returns an int32 Tensor [N].
 *
 * @example
 * ```ts
 * import { tensor, gridCluster } from 'lazykernel';
 * const X = tensor([0.1, 2.2, 0.3, 2.4, 5.0], [5, 1]);
 * const labels = gridCluster(X, 1);   // cells of size 1, from the smallest coordinate
 * console.log(labels);                // => [0, 1, 0, 1, 2]
 * ```
 */
export function gridCluster(X, eps) {
    const where = 'gridCluster';
    const { data, n, d } = pointCloud(where, X);
    const size = cellSizes(where, eps, d);
    for (let k = 0; k < data.length; k++) {
        if (!Number.isFinite(data[k]))
            throw new ValueError(`${where}: X must be finite, but entry ${k} (point ${Math.floor(k / d)}) is ${data[k]}`);
    }
    const min = new Float64Array(d).fill(Infinity);
    for (let i = 0; i < n; i++)
        for (let c = 0; c < d; c++)
            min[c] = Math.min(min[c], data[i * d + c]);
    const cells = new Float64Array(n * d);
    const extent = new Float64Array(d);
    for (let i = 0; i < n; i++) {
        for (let c = 0; c < d; c++) {
            const v = Math.floor((data[i * d + c] - min[c]) / size[c]);
            cells[i * d + c] = v;
            if (v + 1 > extent[c])
                extent[c] = v + 1;
        }
    }
    return new Tensor(compactLabels(cells, n, d, extent), [n]);
}
function cellSizes(where, eps, d) {
    let sizes;
    if (typeof eps === 'number')
        sizes = new Float64Array(d).fill(eps);
    else if (eps instanceof Tensor) {
        if (eps.ndim !== 1)
            throw new ShapeError(`${where}: eps as a Tensor must have shape [D] (one size per coordinate), received [${eps.shape.join(', ')}]`);
        sizes = eps.data;
    }
    else if (Array.isArray(eps))
        sizes = eps;
    else
        throw new ValueError(`${where}: eps must be a positive number or one positive size per coordinate, received ${describe(eps)}`);
    if (sizes.length !== d)
        throw new ShapeError(`${where}: eps has ${sizes.length} sizes for points of dimension ${d}`);
    // Each size a number of its own: Float64Array.from would turn '1' into 1 and null into 0.
    for (let c = 0; c < d; c++) {
        const s = sizes[c];
        if (typeof s !== 'number' || !(s > 0) || !Number.isFinite(s)) {
            throw new ValueError(`${where}: eps must be positive and finite, ${typeof eps === 'number' ? `received ${describe(eps)}` : `but eps[${c}] is ${describe(s)}`}`);
        }
    }
    return Float64Array.from(sizes);
}
/** Ranks of the distinct cell coordinates, in lexicographic order. */
function compactLabels(cells, n, d, extent) {
    const labels = new Int32Array(n);
    // Mixed-radix keys are exact while the product of the extents stays below 2^53.
    let radix = 1;
    for (const e of extent)
        radix *= Math.max(1, e);
    if (radix < 2 ** 53) {
        const keys = new Float64Array(n);
        for (let i = 0; i < n; i++) {
            let key = 0;
            for (let c = 0; c < d; c++)
                key = key * Math.max(1, extent[c]) + cells[i * d + c];
            keys[i] = key;
        }
        const sorted = Float64Array.from(keys).sort();
        let distinct = 0;
        for (let k = 0; k < n; k++)
            if (k === 0 || sorted[k] !== sorted[k - 1])
                sorted[distinct++] = sorted[k];
        const unique = sorted.subarray(0, distinct);
        for (let i = 0; i < n; i++)
            labels[i] = lowerBound(unique, keys[i]);
        return labels;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => {
        for (let c = 0; c < d; c++) {
            const diff = cells[p * d + c] - cells[q * d + c];
            if (diff !== 0)
                return diff;
        }
        return 0;
    });
    let label = -1;
    for (let k = 0; k < n; k++) {
        const i = order[k];
        const prev = k > 0 ? order[k - 1] : -1;
        let same = prev >= 0;
        for (let c = 0; same && c < d; c++)
            same = cells[i * d + c] === cells[prev * d + c];
        if (!same)
            label++;
        labels[i] = label;
    }
    return labels;
}
function lowerBound(sorted, value) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
