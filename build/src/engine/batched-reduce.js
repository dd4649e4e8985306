/**
 * Batched reductions on the wasm engine: the batch is an outer loop over one tape. Each input
 * is copied once, all its slices side by side (a broadcast input has one slice, never
 * repeated); each batch gets a plan record of its own that points at its slices (input offsets
 * from the broadcast strides: `BoundVariable.slices`) and at its block of the output, and
 * shares the tape, the constants and the scratch. One task table holds the chunks of every
 * batch, each naming its batch's plan record: the pool runs the whole batch as one job.
 */
import { PLAN, TILE, I_BLOCK } from '../tape/opcodes.js';
import { batchesOf, rangesOfBatch, sliceRows } from '../tape/request.js';
import { tableBytes } from './task-table.js';
import { chunkTarget, clusterWork, splitRows } from './chunks.js';
import { writePlan } from './plan-record.js';
import { writeColumns, writeRows } from './var-layout.js';
/**
 * Slices a bound variable's data holds, and the bytes of one slice in the engine's layout:
 * `rowAxis` rows of an i-variable, `tileAxis` columns of a j-variable padded to `paddedCols`.
 */
function sliceLayout(v, rowAxis, paddedCols, tileAxis, esz) {
    const rows = sliceRows(v, rowAxis, tileAxis);
    const count = Math.max(1, v.data.length / Math.max(1, rows * v.dim));
    // j-variables: [dim][paddedCols] plus a spare tile per slice (var-layout.ts).
    const bytes = v.category === 'j' ? (v.dim * paddedCols + TILE) * esz : rows * v.dim * esz;
    return { count, bytes };
}
/** Writes every slice of a variable, each in the engine's layout, one after another. */
function writeSlices(buffer, at, v, rows, count, sliceBytes, paddedCols, esz) {
    if (v.category !== 'j') {
        writeRows(buffer, at, v, 0, rows * count, esz);
        return;
    }
    const n = rows * v.dim;
    for (let s = 0; s < count; s++) {
        const slice = { ...v, data: v.data.subarray(s * n, (s + 1) * n) };
        writeColumns(buffer, at + s * sliceBytes, slice, 0, rows, paddedCols, esz);
    }
}
/** Consecutive ranges of clusters of about `target` work each, for batch plan `plan`. */
function clusterChunks(work, target, plan) {
    const chunks = [];
    let start = 0;
    let acc = 0;
    work.forEach((w, k) => {
        acc += w;
        if (acc >= target) {
            chunks.push({ rowStart: start, rowEnd: k + 1, colStart: 0, colEnd: 0, plan });
            start = k + 1;
            acc = 0;
        }
    });
    if (start < work.length)
        chunks.push({ rowStart: start, rowEnd: work.length, colStart: 0, colEnd: 0, plan });
    return chunks;
}
/** Engine memory a batched request's inputs and output take (for the engine's block budget). */
export function batchedBytes(request, esz) {
    const paddedCols = Math.ceil(request.nCols / TILE) * TILE;
    const inputs = request.vars.reduce((sum, v) => {
        const { count, bytes } = sliceLayout(v, request.nRows, paddedCols, request.nCols, esz);
        return sum + count * bytes;
    }, 0);
    const outputs = batchesOf(request) * request.nRows * request.outWidth * ((request.wantValues ? esz : 0) + (request.wantIndices ? 4 : 0));
    return inputs + outputs;
}
/** Runs a batched request as one job: every batch's chunks in one task table. */
export async function reduceBatched(run, request, layout) {
    const { dtype, nRows, nCols, outWidth, signal } = request;
    const { kind, auxDim, esz, scratch, nScratch, tape } = layout;
    const B = batchesOf(request);
    const heap = run.heap;
    // Row lanes swap the roles: the output rows are the tile axis.
    const rowLanes = layout.laneColumns !== null;
    const tileAxis = rowLanes ? nRows : nCols;
    const rowAxis = rowLanes ? nCols : nRows;
    const paddedCols = Math.ceil(tileAxis / TILE) * TILE;
    const outSize = B * nRows * outWidth;
    const blocks = [];
    const inputs = [];
    const alloc = (bytes) => {
        const at = heap.allocate(bytes);
        blocks.push([at, bytes]);
        return at;
    };
    let compiled = null;
    try {
        // Each input once, with all its slices; a slice's address is base + slice x slice bytes.
        const varSlices = layout.vars.map((v) => {
            const { count, bytes } = sliceLayout(v, rowAxis, paddedCols, tileAxis, esz);
            const layoutName = v.category === 'j' ? `soa${paddedCols}x${count}` : 'rows';
            const rows = sliceRows(v, rowAxis, tileAxis);
            const ptr = run.cache.acquire(v, v.owner, layoutName, dtype, count * bytes, (at) => writeSlices(heap.memory.buffer, at, v, rows, count, bytes, paddedCols, esz));
            inputs.push([ptr, count * bytes]);
            return { ptr, bytes };
        });
        const nVars = layout.vars.length;
        const tapePtr = alloc(tape.code.byteLength);
        const constPtr = alloc(tape.consts.byteLength);
        const varTablesPtr = alloc(Math.max(4, 12 * nVars * B));
        const outPtr = request.wantValues ? alloc(Math.max(esz, outSize * esz)) : 0;
        const idxPtr = request.wantIndices ? alloc(Math.max(4, outSize * 4)) : 0;
        const scratchPtr = alloc(scratch.bytes * nScratch);
        const plansPtr = alloc(PLAN.WORDS * 4 * B);
        // Ranges: one table shared by every batch, or one per batch.
        const rangeTables = request.batchRanges ?? (request.ranges ? [request.ranges] : []);
        const rangePtrs = rangeTables.map((r) => ({ clusters: alloc(Math.max(4, r.clusters.byteLength)), intervals: alloc(Math.max(4, r.intervals.byteLength)) }));
        const perPair = tape.nInstr + 2;
        const batchWork = (b) => {
            const r = rangesOfBatch(request, b);
            return r ? clusterWork(r, perPair) : null;
        };
        const units = Array.from({ length: B }, (_, b) => batchWork(b));
        const totalWork = units.reduce((sum, u) => sum + (u ? u.reduce((x, y) => x + y, 0) : nRows * nCols * perPair), 0);
        const onPool = run.pool !== null && !run.pool.broken && totalWork >= run.poolThreshold;
        const threads = onPool ? run.pool.size : 1;
        const target = chunkTarget(totalWork, threads, !!signal || !onPool);
        const plans = Array.from({ length: B }, (_, b) => plansPtr + b * PLAN.WORDS * 4);
        const chunks = [];
        for (let b = 0; b < B; b++) {
            const u = units[b];
            // Fixed spans within a batch (threads = 1: no guided shrinking): the table's many
            // batches already balance the threads. Row lanes take whole tiles of rows.
            if (u)
                chunks.push(...clusterChunks(u, target, plans[b]));
            else if (nRows > 0)
                chunks.push(...splitRows(nRows, nCols * perPair, target, rowLanes ? TILE : I_BLOCK, 1).map((c) => ({ ...c, plan: plans[b] })));
        }
        const tablePtr = onPool ? alloc(tableBytes(chunks.length)) : 0;
        // May compile a module, whose bytes go to engine memory too.
        compiled = run.compiled.select(tape, dtype, kind, totalWork / perPair, rowLanes, request.sumScheme);
        // Every allocation is done: views made now stay valid (memory no longer grows).
        const buffer = heap.memory.buffer;
        new Int32Array(buffer, tapePtr, tape.code.length).set(tape.code);
        new Float64Array(buffer, constPtr, tape.consts.length).set(tape.consts);
        rangeTables.forEach((r, t) => {
            new Int32Array(buffer, rangePtrs[t].clusters, r.clusters.length).set(r.clusters);
            new Int32Array(buffer, rangePtrs[t].intervals, r.intervals.length).set(r.intervals);
        });
        const tables = new Int32Array(buffer, varTablesPtr, 3 * nVars * B);
        for (let b = 0; b < B; b++) {
            layout.vars.forEach((v, s) => {
                const slice = v.slices ? v.slices[b] : 0;
                tables.set([varSlices[s].ptr + slice * varSlices[s].bytes, v.dim, v.category === 'j' ? paddedCols : v.dim], 3 * (nVars * b + s));
            });
            const plan = writePlan(buffer, plans[b], request, tape, kind, auxDim, {
                tapePtr,
                constPtr,
                varTablePtr: varTablesPtr + 12 * nVars * b,
                outPtr: outPtr ? outPtr + b * nRows * outWidth * esz : 0,
                idxPtr: idxPtr ? idxPtr + b * nRows * outWidth * 4 : 0,
                accOffset: scratch.accOffset,
                rowBatch: scratch.rowBatch,
            });
            run.compiled.write(plan, compiled);
            if (rowLanes) {
                plan[PLAN.laneState] = scratch.laneOffset;
                plan[PLAN.laneColumns] = layout.laneColumns;
            }
            const ranges = rangesOfBatch(request, b);
            if (ranges) {
                const at = rangePtrs[request.batchRanges ? b : 0];
                plan[PLAN.rangesPtr] = at.clusters;
                plan[PLAN.nRanges] = ranges.clusters.length / 4;
                plan[PLAN.intervalsPtr] = at.intervals;
                for (const [r0, r1] of ranges.emptyRows)
                    run.exports.fillEmpty(plans[b], r0, r1, scratchPtr);
            }
        }
        run.stats.batched++;
        if (onPool)
            run.stats.pooled++;
        else
            run.stats.callingThread++;
        if (chunks.length > 0) {
            // The first batch's plan is the job's: its abort word stops the table (and requestStop
            // sets every batch's, so that running tiles stop too).
            await run.runChunks(plans[0], tablePtr, chunks, scratchPtr, scratch.bytes, onPool, signal, plans);
        }
        const after = heap.memory.buffer;
        const values = outPtr ? (esz === 4 ? new Float32Array(after, outPtr, outSize).slice() : new Float64Array(after, outPtr, outSize).slice()) : null;
        const indices = idxPtr ? new Int32Array(after, idxPtr, outSize).slice() : null;
        return { values, indices };
    }
    finally {
        // runChunks settles only once no worker touches this memory (after an abort too).
        run.compiled.release(compiled);
        for (const [at, bytes] of blocks)
            heap.free(at, bytes);
        for (const [at, bytes] of inputs)
            run.cache.release(at, bytes);
    }
}
