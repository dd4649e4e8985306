/** Batches of a request (1 when not batched). */
export function batchesOf(request) {
    return request.batches ?? 1;
}
/** Rows of one slice of a bound variable: the output rows, the reduced columns, or 1 for a parameter. */
export function sliceRows(v, nRows, nCols) {
    return v.category === 'i' ? nRows : v.category === 'j' ? nCols : 1;
}
/** The ranges batch `b` of a request reduces with (undefined: dense). */
export function rangesOfBatch(request, b) {
    return request.batchRanges ? request.batchRanges[b] : request.ranges;
}
/**
 * Batch `b` of a batched request as an unbatched request (its variables views of their
 * slices, not copies): for the paths that run the batches one after another.
 */
export function batchRequest(request, b) {
    const vars = request.vars.map((v) => {
        if (!v.slices)
            return v;
        const n = sliceRows(v, request.nRows, request.nCols) * v.dim;
        const s = v.slices[b];
        // A slice is a new array for the input caches: no id, no owner (never cached by identity).
        return { data: v.data.subarray(s * n, (s + 1) * n), dim: v.dim, category: v.category, id: -1, version: 0 };
    });
    return { ...request, vars, batches: 1, batchRanges: undefined, ranges: rangesOfBatch(request, b) };
}
