// Shards of a reduction: blocks of output rows. Each shard is the same encoded plan with the
// output axis's variables cut to its rows (views of the buffers, no copy), so a shard run
// anywhere computes exactly the rows the whole plan would: a row's reduction never depends on
// the other rows. The reduced axis is never split across shards, so no partial result has to
// be merged and every kind (sums, log-sum-exps, K-min, arg-reductions) joins by concatenation.
import { ValueError } from '../errors.js';
import { TILE } from '../tape/opcodes.js';
/**
 * Whether a plan can be cut into row shards. Batched and block-sparse plans run as one shard
 * for now: cutting them needs the batch index or the ranges cut too.
 */
export function rowShardable(plan) {
    return plan.batchShape.length === 0 && plan.ranges === null && plan.batchRanges === null;
}
/** encodePlan's JSON parsed (decodePlan validates it field by field); a ValueError when it is not JSON. */
function parseJson(json, where) {
    try {
        return JSON.parse(json);
    }
    catch (e) {
        throw new ValueError(`${where}: json is not valid JSON (${e.message})`);
    }
}
/**
 * Which elements of each buffer a shard reads: [start, end) for the output axis's variables
 * (the shard's rows), null for the others (all of it). `json` is encodePlan's.
 */
export function shardBufferRanges(json, shard) {
    const j = parseJson(json, 'shardBufferRanges');
    const ranges = new Map();
    const nRows = j.axis === 1 ? j.nI : j.nJ;
    const whole = shard.rowStart === 0 && shard.rowEnd === nRows;
    if (whole || (j.batchShape ?? []).length > 0 || j.ranges !== null || (j.batchRanges ?? null) !== null)
        return ranges;
    const category = j.axis === 1 ? 'i' : 'j';
    for (const input of j.inputs) {
        if (input.category !== category)
            continue;
        const rowSize = input.shape.slice(1).reduce((a, b) => a * b, 1);
        ranges.set(input.buffer, [shard.rowStart * rowSize, shard.rowEnd * rowSize]);
    }
    return ranges;
}
/** Number of output rows of a plan (of one batch). */
export function outputRows(plan) {
    return plan.axis === 1 ? plan.nI : plan.nJ;
}
/**
 * Fewest rows in a shard. The engine picks how to run a reduction partly by its number of rows:
 * from TILE / 4 rows on, a reduction over few columns lays its rows across the SIMD lanes
 * (ROW_LANES_MIN_ROWS in src/engine/wasm-engine.ts), which adds a row's terms in another order.
 * A shard below that size where the whole plan is above it would give other bits; shards of at
 * least this many rows make the same choice as the whole plan.
 */
export const MIN_SHARD_ROWS = TILE / 4;
/**
 * At most `count` shards of consecutive rows covering [0, nRows), of equal size up to one
 * `align`-row block, each of at least MIN_SHARD_ROWS rows (a shorter tail joins the shard
 * before it): one shard when nRows is under twice that.
 */
export function rowShards(nRows, count, align = 1) {
    if (!Number.isSafeInteger(count) || count < 1)
        throw new ValueError(`rowShards: count must be a positive integer, received ${count}`);
    const wanted = Math.max(1, Math.min(count, Math.floor(nRows / MIN_SHARD_ROWS)));
    const blocks = Math.ceil(nRows / align);
    const perShard = Math.max(1, Math.ceil(blocks / wanted)) * align;
    const shards = [];
    for (let rowStart = 0; rowStart < nRows; rowStart += perShard)
        shards.push({ rowStart, rowEnd: Math.min(nRows, rowStart + perShard) });
    const last = shards[shards.length - 1];
    if (shards.length > 1 && last && last.rowEnd - last.rowStart < MIN_SHARD_ROWS) {
        shards.pop();
        shards[shards.length - 1] = { rowStart: shards[shards.length - 1].rowStart, rowEnd: nRows };
    }
    return shards.length ? shards : [{ rowStart: 0, rowEnd: nRows }];
}
/**
 * The encoded plan of output rows [rowStart, rowEnd): the output axis's inputs (i-variables
 * for axis 1, j-variables for axis 0) view only those rows, and that axis's size shrinks to
 * match. Their buffers may hold all the rows (cut here) or only the shard's. The whole range gives the plan back unchanged; an unshardable plan only that.
 */
export function sliceEncodedPlan(encoded, shard) {
    const j = parseJson(encoded.json, 'sliceEncodedPlan');
    const nRows = j.axis === 1 ? j.nI : j.nJ;
    const { rowStart, rowEnd } = shard;
    if (!(Number.isSafeInteger(rowStart) && Number.isSafeInteger(rowEnd) && rowStart >= 0 && rowStart < rowEnd && rowEnd <= nRows)) {
        throw new ValueError(`sliceEncodedPlan: shard rows [${rowStart}, ${rowEnd}) must be a non-empty range within the plan's ${nRows} output rows`);
    }
    if (rowStart === 0 && rowEnd === nRows)
        return encoded;
    if ((j.batchShape ?? []).length > 0 || j.ranges !== null || (j.batchRanges ?? null) !== null) {
        throw new ValueError('sliceEncodedPlan: a batched or block-sparse plan runs as one shard of all its rows');
    }
    const category = j.axis === 1 ? 'i' : 'j';
    const buffers = [...encoded.buffers];
    const rows = rowEnd - rowStart;
    const inputs = j.inputs.map((input) => {
        if (input.category !== category)
            return input;
        // Not batched: the shape is [rows] or [rows, dim], rows first.
        const rowSize = input.shape.slice(1).reduce((a, b) => a * b, 1);
        const buffer = buffers[input.buffer];
        // The whole variable is cut here; a worker that fetched only the shard's rows passes those.
        if (buffer && buffer.length === nRows * rowSize)
            buffers[input.buffer] = buffer.subarray(rowStart * rowSize, rowEnd * rowSize);
        else if (!buffer || buffer.length !== rows * rowSize) {
            throw new ValueError(`sliceEncodedPlan: buffer ${input.buffer} must hold the ${nRows} rows of its variable or the shard's ${rows}, received ${buffer?.length ?? 'none'} numbers`);
        }
        return { ...input, shape: [rows, ...input.shape.slice(1)] };
    });
    const sliced = { ...j, inputs, ...(j.axis === 1 ? { nI: rows } : { nJ: rows }) };
    return { json: JSON.stringify(sliced), buffers };
}
/**
 * Writes one shard's output (rows [rowStart, rowEnd) of the plan's output, row-major) into the
 * whole output `into`; a ValueError when its length does not match the rows.
 */
export function placeShardRows(into, part, shard, nRows) {
    const rowSize = into.length / Math.max(1, nRows);
    const expected = (shard.rowEnd - shard.rowStart) * rowSize;
    if (part.length !== expected || part.constructor !== into.constructor) {
        throw new ValueError(`placeShardRows: the shard of rows [${shard.rowStart}, ${shard.rowEnd}) must give ${expected} numbers in a ${into.constructor.name}, received ${part.length} in a ${part.constructor.name}`);
    }
    into.set(part, shard.rowStart * rowSize);
}
