/**
 * The clustering steps of GeomLoss's multiscale backend, as pykeops.torch.cluster does them:
 * voxel-grid labels, cluster ranges, weighted centroids, sorting, and the block-sparse 6-tuple
 * from a boolean cluster-pair mask (KeOps's `from_matrix`, `swap_axes`). Kept private to the
 * OT code; the mask is a bitset so that 10^4 x 10^4 cluster pairs stay small.
 */
import { attachGrad, gradNode } from '../autograd/grad-node.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
/**
 * Voxel labels of the rows of x [N, D] for cubic cells of side `size` (KeOps's `grid_cluster`):
 * contiguous integers 0..C-1 in the order of the cells' codes.
 */
export function gridCluster(x, size) {
    const [N, D] = x.shape;
    const d = x.data;
    const mins = new Float64Array(D).fill(Infinity);
    const cells = new Float64Array(N * D);
    for (let i = 0; i < N; i++) {
        for (let k = 0; k < D; k++) {
            const c = Math.floor(d[i * D + k] / size);
            cells[i * D + k] = c;
            if (c < mins[k])
                mins[k] = c;
        }
    }
    const maxs = new Float64Array(D);
    for (let i = 0; i < N; i++)
        for (let k = 0; k < D; k++)
            maxs[k] = Math.max(maxs[k], cells[i * D + k] - mins[k]);
    // Mixed-radix code of each cell (exact in float64 while the grid has < 2^53 cells).
    const codes = new Float64Array(N);
    for (let i = 0; i < N; i++) {
        let code = 0;
        for (let k = 0; k < D; k++)
            code = code * (maxs[k] + 1) + (cells[i * D + k] - mins[k]);
        codes[i] = code;
    }
    const unique = Float64Array.from(new Set(codes)).sort();
    const index = new Map();
    unique.forEach((c, k) => index.set(c, k));
    const labels = new Int32Array(N);
    for (let i = 0; i < N; i++)
        labels[i] = index.get(codes[i]);
    return labels;
}
/** Labels given by the user (any numeric tensor) as contiguous integers 0..C-1, in sorted order. */
export function relabel(labels) {
    const values = Array.from(labels.data);
    const unique = [...new Set(values)].sort((p, q) => p - q);
    const index = new Map();
    unique.forEach((v, k) => index.set(v, k));
    return Int32Array.from(values, (v) => index.get(v));
}
/** The permutation sorting the labels (stable), as an Int32Array of indices. */
export function sortPermutation(labels) {
    const perm = Int32Array.from(labels.keys());
    return perm.sort((a, b) => labels[a] - labels[b] || a - b);
}
/**
 * Ranges [start, end) of every cluster in the sorted order, weighted centroids [C, D] and
 * cluster weights [C] (KeOps's `cluster_ranges_centroids`). A cluster without mass keeps the
 * plain mean of its points as centroid (KeOps would divide 0 by 0).
 */
export function clusterRangesCentroids(x, labels, weights) {
    const [N, D] = x.shape;
    let C = 0;
    for (const l of labels)
        C = Math.max(C, l + 1);
    const counts = new Int32Array(C);
    for (const l of labels)
        counts[l]++;
    const ranges = new Int32Array(2 * C);
    let start = 0;
    for (let c = 0; c < C; c++) {
        ranges[2 * c] = start;
        start += counts[c];
        ranges[2 * c + 1] = start;
    }
    const wsum = new Float64Array(C);
    const sums = new Float64Array(C * D);
    const plain = new Float64Array(C * D);
    const xd = x.data, wd = weights.data;
    for (let i = 0; i < N; i++) {
        const l = labels[i];
        const w = wd[i];
        wsum[l] += w;
        for (let k = 0; k < D; k++) {
            sums[l * D + k] += w * xd[i * D + k];
            plain[l * D + k] += xd[i * D + k];
        }
    }
    const centroids = allocateData(x.dtype, C * D);
    for (let c = 0; c < C; c++) {
        // A cluster of one point is that point exactly ((w x) / w may be an ulp away).
        if (counts[c] === 1)
            for (let k = 0; k < D; k++)
                centroids[c * D + k] = plain[c * D + k];
        else
            for (let k = 0; k < D; k++)
                centroids[c * D + k] = wsum[c] > 0 ? sums[c * D + k] / wsum[c] : plain[c * D + k] / counts[c];
    }
    const cw = allocateData(weights.dtype, C);
    cw.set(wsum);
    return { ranges, centroids: new Tensor(centroids, [C, D]), clusterWeights: new Tensor(cw, [C]) };
}
/** Rows `perm` of t (differentiable: the gradient is scattered back). */
export function gatherRows(t, perm) {
    const rows = t.shape[0];
    const width = t.size / Math.max(1, rows);
    const out = allocateData(t.dtype, t.size);
    const d = t.data;
    for (let r = 0; r < perm.length; r++)
        for (let k = 0; k < width; k++)
            out[r * width + k] = d[perm[r] * width + k];
    const result = new Tensor(out, t.shape);
    return attachGrad(result, gradNode('GatherRowsBackward', [t], (g) => {
        const gi = allocateData(t.dtype, t.size);
        for (let r = 0; r < perm.length; r++)
            for (let k = 0; k < width; k++)
                gi[perm[r] * width + k] = g.data[r * width + k];
        return [new Tensor(gi, t.shape)];
    }, []));
}
/** A boolean matrix [rows, cols] stored one bit per entry. */
export class BitMatrix {
    rows;
    cols;
    bits;
    constructor(rows, cols) {
        this.rows = rows;
        this.cols = cols;
        this.bits = new Uint32Array(Math.ceil((rows * cols) / 32));
    }
    set(i, j) {
        const k = i * this.cols + j;
        this.bits[k >>> 5] |= 1 << (k & 31);
    }
    get(i, j) {
        const k = i * this.cols + j;
        return (this.bits[k >>> 5] & (1 << (k & 31))) !== 0;
    }
}
/**
 * KeOps's `from_matrix`: the 6-tuple [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI]
 * of the block-sparse reduction that keeps the cluster pairs (i, j) with keep(i, j).
 */
export function fromMatrix(rangesI, rangesJ, keep) {
    const Ci = keep.rows, Cj = keep.cols;
    const slicesI = new Int32Array(Ci);
    const slicesJ = new Int32Array(Cj);
    const colCounts = new Int32Array(Cj);
    let total = 0;
    for (let i = 0; i < Ci; i++) {
        for (let j = 0; j < Cj; j++) {
            if (keep.get(i, j)) {
                total++;
                colCounts[j]++;
            }
        }
        slicesI[i] = total;
    }
    const redJ = new Int32Array(2 * total);
    let n = 0;
    for (let i = 0; i < Ci; i++) {
        for (let j = 0; j < Cj; j++) {
            if (!keep.get(i, j))
                continue;
            redJ[2 * n] = rangesJ[2 * j];
            redJ[2 * n + 1] = rangesJ[2 * j + 1];
            n++;
        }
    }
    // Column-major order for the transposed half.
    let acc = 0;
    const colStart = new Int32Array(Cj);
    for (let j = 0; j < Cj; j++) {
        colStart[j] = acc;
        acc += colCounts[j];
        slicesJ[j] = acc;
    }
    const redI = new Int32Array(2 * total);
    const fill = colStart.slice();
    for (let i = 0; i < Ci; i++) {
        for (let j = 0; j < Cj; j++) {
            if (!keep.get(i, j))
                continue;
            const p = fill[j]++;
            redI[2 * p] = rangesI[2 * i];
            redI[2 * p + 1] = rangesI[2 * i + 1];
        }
    }
    return [rangesI, slicesI, redJ, rangesJ, slicesJ, redI];
}
/** KeOps's `swap_axes`: the same block-sparsity for the transposed reduction. */
export function swapAxes(r) {
    return [r[3], r[4], r[5], r[0], r[1], r[2]];
}
