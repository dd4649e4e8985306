import { Tensor } from '../tensor/tensor.js';
import { ShapeError, ValueError, DTypeError, describe } from '../errors.js';
function int32Of(x, name, pairs) {
    let data = x;
    if (x instanceof Tensor) {
        const okShape = pairs ? x.shape.length === 2 && x.shape[1] === 2 : x.shape.length === 1;
        if (!okShape)
            throw new ShapeError(`ranges: ${name} must have shape ${pairs ? '[C, 2]' : '[C]'}, received [${x.shape.join(', ')}]`);
        data = x.data;
    }
    if (!(data instanceof Int32Array))
        throw new DTypeError(`ranges: ${name} must be an int32 Tensor or Int32Array, received ${describe(x)}`);
    if (pairs && data.length % 2 !== 0)
        throw new ShapeError(`ranges: ${name} must hold [start, end) pairs, received ${data.length} numbers`);
    return data;
}
/** The six int32 arrays of KeOps's 6-tuple (Tensors or Int32Arrays), checked in type and shape only. */
export function rangesArrays(ranges) {
    if (!Array.isArray(ranges) || ranges.length !== 6) {
        throw new ValueError(`ranges: expected KeOps's 6-tuple [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI], received ${describe(ranges)}`);
    }
    return ['rangesI', 'slicesI', 'redrangesJ', 'rangesJ', 'slicesJ', 'redrangesI'].map((name, k) => int32Of(ranges[k], name, k % 3 !== 1));
}
/**
 * Converts KeOps's 6-tuple to the engines' form for a reduction over `axis`, validating it:
 * ranges inside [0, n), slices non-decreasing and inside the reduction ranges, no two clusters
 * sharing a row and no column counted twice for a cluster. Both halves are checked, the one
 * this axis does not use included (gradients and transposed operators use it), so that a bad
 * tuple fails the same way whatever the axis. Rows outside every cluster have nothing to reduce.
 */
export function blockSparsity(ranges, axis, nI, nJ) {
    const all = rangesArrays(ranges);
    // An iterative solver passes the same tuple to every matvec: validating and converting it
    // again (sorting every cluster's column spans) cost ~3 ms per call at 1,600 clusters, on the
    // calling thread. The cache is keyed on the tuple and checked against a hash of its contents,
    // so an array written in place between calls is validated again.
    const fingerprint = contentHash(all);
    const key = `${axis} ${nI} ${nJ}`;
    const cached = converted.get(ranges);
    if (cached && cached.fingerprint === fingerprint) {
        const hit = cached.byShape.get(key);
        if (hit)
            return hit;
    }
    const result = convert(all, axis, nI, nJ);
    const entry = cached && cached.fingerprint === fingerprint ? cached : { fingerprint, byShape: new Map() };
    entry.byShape.set(key, result);
    converted.set(ranges, entry);
    return result;
}
/** Validated conversions of a ranges tuple (by the tuple object), with the hash of the contents they were made from. */
const converted = new WeakMap();
/** A hash of the six arrays' lengths and contents (two 32-bit FNV-1a lanes), to notice in-place writes. */
function contentHash(all) {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (const a of all) {
        h1 = Math.imul(h1 ^ a.length, 0x01000193);
        h2 = Math.imul(h2 ^ a.length, 0x5bd1e995);
        for (let k = 0; k < a.length; k++) {
            h1 = Math.imul(h1 ^ a[k], 0x01000193);
            h2 = Math.imul(h2 ^ a[k], 0x5bd1e995) ^ (h2 >>> 15);
        }
    }
    return `${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}
/** blockSparsity without the cache. */
function convert(all, axis, nI, nJ) {
    // The i half first, whatever the axis: one tuple, one error.
    const halfI = halfOf(all, 1, nI, nJ);
    const halfJ = halfOf(all, 0, nI, nJ);
    return axis === 1 ? halfI : halfJ;
}
/** The half of the 6-tuple that a reduction over `axis` uses (1: the first three), validated and converted. */
function halfOf(all, axis, nI, nJ) {
    const at = axis === 1 ? 0 : 3;
    const names = axis === 1 ? ['rangesI', 'slicesI', 'redrangesJ'] : ['rangesJ', 'slicesJ', 'redrangesI'];
    const [rowRanges, slices, colRanges] = [all[at], all[at + 1], all[at + 2]];
    const [nRows, nCols] = axis === 1 ? [nI, nJ] : [nJ, nI];
    const nClusters = rowRanges.length / 2;
    if (slices.length !== nClusters)
        throw new ShapeError(`ranges: ${names[1]} has ${slices.length} entries for ${nClusters} clusters in ${names[0]}`);
    const checkRange = (data, k, n, name) => {
        const [s, e] = [data[2 * k], data[2 * k + 1]];
        if (!(s >= 0 && s <= e && e <= n))
            throw new ValueError(`ranges: ${name}[${k}] = [${s}, ${e}) is out of bounds for an axis of size ${n}`);
    };
    const clusters = new Int32Array(4 * nClusters);
    let prevSlice = 0;
    for (let c = 0; c < nClusters; c++) {
        checkRange(rowRanges, c, nRows, names[0]);
        const end = slices[c];
        if (end < prevSlice || end > colRanges.length / 2) {
            throw new ValueError(`ranges: ${names[1]}[${c}] = ${end} must be non-decreasing and at most ${colRanges.length / 2} (the number of ${names[2]})`);
        }
        const spans = [];
        for (let s = prevSlice; s < end; s++) {
            checkRange(colRanges, s, nCols, names[2]);
            spans.push([colRanges[2 * s], colRanges[2 * s + 1]]);
        }
        spans.sort((a, b) => a[0] - b[0]);
        for (let s = 1; s < spans.length; s++) {
            if (spans[s][0] < spans[s - 1][1]) {
                throw new ValueError(`ranges: cluster ${c} reduces over overlapping ${names[2]} [${spans[s - 1]}) and [${spans[s]}); each column must appear once`);
            }
        }
        clusters.set([rowRanges[2 * c], rowRanges[2 * c + 1], prevSlice, end], 4 * c);
        prevSlice = end;
    }
    const order = Array.from({ length: nClusters }, (_, c) => c).sort((a, b) => clusters[4 * a] - clusters[4 * b]);
    const emptyRows = [];
    let covered = 0;
    for (const c of order) {
        const [r0, r1] = [clusters[4 * c], clusters[4 * c + 1]];
        if (r0 === r1)
            continue;
        if (r0 < covered)
            throw new ValueError(`ranges: ${names[0]}[${c}] = [${r0}, ${r1}) overlaps another cluster's rows; clusters must not share rows`);
        if (r0 > covered)
            emptyRows.push([covered, r0]);
        covered = r1;
    }
    if (covered < nRows)
        emptyRows.push([covered, nRows]);
    return { clusters, intervals: colRanges, emptyRows };
}
