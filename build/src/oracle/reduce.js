import { PairEvaluator } from './evaluate.js';
/** The columns each row reduces over: all of them, or those of its cluster's intervals. */
function columnsOfRows(nRows, nCols, ranges) {
    const all = Array.from({ length: nCols }, (_, c) => c);
    if (!ranges)
        return () => all;
    const byRow = new Array(nRows).fill([]);
    const { clusters, intervals } = ranges;
    for (let c = 0; c < clusters.length / 4; c++) {
        const cols = [];
        for (let s = clusters[4 * c + 2]; s < clusters[4 * c + 3]; s++) {
            for (let j = intervals[2 * s]; j < intervals[2 * s + 1]; j++)
                cols.push(j);
        }
        cols.sort((a, b) => a - b);
        for (let r = clusters[4 * c]; r < clusters[4 * c + 1]; r++)
            byRow[r] = cols;
    }
    return (row) => byRow[row];
}
/** The documented value of log sum_j w_j exp(f_j): max-shifted, exact on +-Inf and NaN. */
function logSumExp(f, w) {
    let m = -Infinity;
    for (const x of f)
        m = Math.max(m, x);
    if (!Number.isFinite(m))
        return m;
    let s = 0;
    f.forEach((x, j) => (s += Math.exp(x - m) * (w ? w[j] : 1)));
    return m + Math.log(s);
}
/** Best non-NaN value and its first index; (worst, -1) when there is none. */
function argBest(values, isMax) {
    let best = isMax ? -Infinity : Infinity;
    let idx = -1;
    values.forEach((x, j) => {
        if (Number.isNaN(x))
            return;
        if ((isMax ? x > best : x < best) || (idx < 0 && x === best)) {
            best = x;
            idx = j;
        }
    });
    return [best, idx];
}
/**
 * Runs a reduction in float64, pair by pair, with the semantics the backends must match.
 * Returns values and indices laid out like the backends' ([rows, outWidth]).
 */
export function oracleReduce(req) {
    const { result, aux, nRows, outWidth } = req;
    const batches = req.batches ?? 1;
    const ev = new PairEvaluator(aux ? [result, aux] : [result], req.swap);
    const values = new Float64Array(batches * nRows * outWidth);
    const indices = new Int32Array(batches * nRows * outWidth);
    for (let b = 0; b < batches; b++) {
        for (const [key, offsets] of req.offsets ?? [])
            ev.setOffset(key, offsets[b]);
        const ranges = req.batchRanges ? req.batchRanges[b] : req.ranges;
        const size = nRows * outWidth;
        reduceBatch(req, ev, ranges, values.subarray(b * size, (b + 1) * size), indices.subarray(b * size, (b + 1) * size));
    }
    return { values, indices };
}
/** One batch of a reduction, into `values` and `indices` ([rows, outWidth] each). */
function reduceBatch(req, ev, ranges, values, indices) {
    const { result, aux, reduction, k: K, nRows, nCols, outWidth } = req;
    const dim = result.dim;
    const auxDim = aux?.dim ?? 0;
    const columnsOf = columnsOfRows(nRows, nCols, ranges);
    for (let r = 0; r < nRows; r++) {
        // Column-major copy of this row's formula values: f[k][j], and the aux formula's w[k][j],
        // where j runs over the row's columns (indices reported are the columns' own).
        const cols = columnsOf(r);
        const f = Array.from({ length: dim }, () => new Array(cols.length));
        const w = Array.from({ length: auxDim }, () => new Array(cols.length));
        cols.forEach((col, c) => {
            ev.evaluate(r, col);
            const fv = ev.valueOf(result);
            for (let k = 0; k < dim; k++)
                f[k][c] = fv[k];
            if (aux) {
                const wv = ev.valueOf(aux);
                for (let k = 0; k < auxDim; k++)
                    w[k][c] = wv[k];
            }
        });
        const colIndex = (c) => (c < 0 ? -1 : cols[c]);
        const o = r * outWidth;
        switch (reduction) {
            case 'SUM':
                for (let k = 0; k < dim; k++)
                    values[o + k] = f[k].reduce((s, x) => s + x, 0);
                break;
            case 'LOGSUMEXP':
                for (let k = 0; k < dim; k++)
                    values[o + k] = logSumExp(f[k], null);
                break;
            case 'LOGSUMEXP_WEIGHT':
                for (let k = 0; k < auxDim; k++)
                    values[o + k] = logSumExp(f[0], w[k]);
                break;
            case 'SUMSOFTMAXWEIGHT': {
                const m = f[0].reduce((a, x) => Math.max(a, x), -Infinity);
                const e = f[0].map((x) => Math.exp(x - m));
                const s = e.reduce((a, x) => a + x, 0);
                for (let k = 0; k < auxDim; k++) {
                    values[o + k] = Number.isFinite(m) ? e.reduce((a, x, j) => a + x * w[k][j], 0) / s : NaN;
                }
                break;
            }
            case 'MIN':
            case 'ARGMIN':
            case 'MIN_ARGMIN':
            case 'MAX':
            case 'ARGMAX':
            case 'MAX_ARGMAX': {
                const isMax = reduction.startsWith('MAX') || reduction === 'ARGMAX';
                for (let k = 0; k < dim; k++) {
                    const [best, at] = argBest(f[k], isMax);
                    values[o + k] = best;
                    indices[o + k] = colIndex(at);
                }
                break;
            }
            default: {
                // K-min: the K smallest non-NaN values, ascending, ties by index; (+Inf, -1) padding.
                for (let k = 0; k < dim; k++) {
                    const order = f[k].map((x, j) => [x, j])
                        .filter(([x]) => !Number.isNaN(x))
                        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
                    for (let s = 0; s < K; s++) {
                        values[o + s * dim + k] = s < order.length ? order[s][0] : Infinity;
                        indices[o + s * dim + k] = s < order.length ? colIndex(order[s][1]) : -1;
                    }
                }
            }
        }
    }
}
