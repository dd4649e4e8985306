/**
 * Reductions larger than the engine memory one reduction may use (inputs that fit in JS
 * memory but not in the wasm heap, outputs larger than it): they stream through the heap in
 * blocks. Row blocks: the i-variables' rows and the output rows of one block at a time, the
 * output copied out after each. Column blocks: the j-variables' columns of one block at a time
 * (transposed to tiles as usual), each reduced into raw per-row accumulators that are merged
 * in column order (the same merge as the pool's split axis), then finished once.
 *
 * The wasm addresses a variable's row r at ptr + r * stride: a block's buffer gets the pointer
 * `buffer - firstRow * stride` (modulo 2^32, as every wasm32 address), so the plan, the tape
 * and the kernels run unchanged with absolute row and column indices (argmin's indices too).
 */
import { PLAN, TILE, I_BLOCK } from '../tape/opcodes.js';
import { MemoryLimitError } from '../errors.js';
import { Yielder, YIELD_INTERVAL_MS } from '../abort.js';
import { formatBytes } from './heap.js';
import { tableBytes } from './task-table.js';
import { chunkTarget, splitRows } from './chunks.js';
import { writePlan } from './plan-record.js';
import { varBytes, writeRows, writeColumns } from './var-layout.js';
/** Chunks of one (row block, column block) of the run at most; the task table is sized for it. */
const MAX_CHUNKS = 4096;
function sumBytes(vars, esz) {
    return vars.reduce((s, v) => s + v.dim * esz, 0);
}
/** Block sizes that fit the budget, or a MemoryLimitError saying what does not fit. */
function chooseBlocks(request, layout, acc, fixed) {
    const { nRows, nCols, outWidth } = request;
    const esz = layout.esz;
    const perRow = sumBytes(request.vars.filter((v) => v.category === 'i'), esz) + outWidth * ((request.wantValues ? esz : 0) + (request.wantIndices ? 4 : 0));
    const perCol = sumBytes(request.vars.filter((v) => v.category === 'j'), esz);
    const budget = layout.blockBytes - fixed;
    const roundRows = (r) => (r >= I_BLOCK ? Math.floor(r / I_BLOCK) * I_BLOCK : r);
    const paddedAll = Math.ceil(nCols / TILE) * TILE;
    const allCols = perCol * (paddedAll + TILE);
    if (allCols <= budget / 2) {
        // The columns fit in one block: rows stream, each finished at once.
        const rows = Math.min(nRows, roundRows(Math.floor((budget - allCols) / Math.max(1, perRow))));
        if (rows >= 1)
            return { rows, cols: nCols, paddedCols: paddedAll, acc: 0, maxSpans: 1 };
    }
    else {
        // Columns in blocks of half the budget; rows and their running accumulators in a quarter,
        // the column spans' raw accumulators in the last quarter.
        const cols = Math.min(nCols, Math.floor(budget / 2 / Math.max(1, perCol) / TILE) * TILE - TILE);
        const rows = Math.min(nRows, roundRows(Math.floor(budget / 4 / (perRow + acc))));
        if (cols >= TILE && rows >= 1) {
            const maxSpans = Math.max(1, Math.min(MAX_CHUNKS, Math.floor(budget / 4 / (rows * acc))));
            return { rows, cols, paddedCols: Math.ceil(cols / TILE) * TILE, acc, maxSpans };
        }
    }
    throw new MemoryLimitError(`${request.reduction} reduction: even one block of ${I_BLOCK} rows and ${TILE} columns needs more than the ${formatBytes(layout.blockBytes)} of engine memory `
        + `one reduction may use for its inputs and outputs (${formatBytes(perRow)} per row, ${formatBytes(perCol)} per column); `
        + 'use a smaller K, fewer output dimensions or float32');
}
/** The output arrays, allocated before any work (a MemoryLimitError where the runtime refuses them). */
function outputArrays(request, esz) {
    const length = request.nRows * request.outWidth;
    try {
        return {
            values: request.wantValues ? (esz === 4 ? new Float32Array(length) : new Float64Array(length)) : null,
            indices: request.wantIndices ? new Int32Array(length) : null,
        };
    }
    catch (e) {
        throw new MemoryLimitError(`${request.reduction} reduction: the runtime could not allocate the output of ${length} values (${e.message}); reduce fewer rows at a time`);
    }
}
/**
 * Runs `request` in blocks through the engine heap (see the file comment). Dense reductions
 * only (the engine refuses block-sparse ones that do not fit), row lanes off.
 */
export async function reduceInBlocks(run, request, layout) {
    const { nRows, nCols, outWidth, signal, tape, vars } = request;
    const { esz, kind, auxDim, nScratch } = layout;
    const scratchBytes = layout.scratch.bytes;
    const heap = run.heap;
    const perPair = tape.nInstr + 2;
    const onPool = run.pool !== null && !run.pool.broken && nRows * nCols * perPair >= run.poolThreshold;
    const threads = onPool ? run.pool.size : 1;
    const accRow = run.exports.accBytes(kind, tape.outDim, auxDim, request.k);
    const pBytes = sumBytes(vars.filter((v) => v.category === 'p'), esz);
    // The budget is for inputs and outputs; scratch comes on top, as in the engine's check.
    const fixed = tape.code.byteLength + tape.consts.byteLength + 12 * vars.length + PLAN.WORDS * 4
        + pBytes + (onPool ? tableBytes(MAX_CHUNKS) : 0) + 64 * (vars.length + 12);
    const blocks = chooseBlocks(request, layout, accRow, fixed);
    const { values, indices } = outputArrays(request, esz);
    run.stats.streamed++;
    if (onPool)
        run.stats.pooled++;
    else
        run.stats.callingThread++;
    const allocated = [];
    const alloc = (bytes) => {
        const at = heap.allocate(bytes);
        allocated.push([at, bytes]);
        return at;
    };
    let compiled = null;
    try {
        const tapePtr = alloc(tape.code.byteLength);
        const constPtr = alloc(tape.consts.byteLength);
        const varTablePtr = alloc(12 * vars.length);
        const planPtr = alloc(PLAN.WORDS * 4);
        const scratchPtr = alloc(scratchBytes * nScratch);
        const callerScratch = scratchPtr + (nScratch - 1) * scratchBytes;
        const tablePtr = onPool ? alloc(tableBytes(MAX_CHUNKS)) : 0;
        const varPtrs = vars.map((v) => alloc(varBytes(v, blocks.rows, blocks.paddedCols, esz)));
        const outPtr = request.wantValues ? alloc(blocks.rows * outWidth * esz) : 0;
        const idxPtr = request.wantIndices ? alloc(blocks.rows * outWidth * 4) : 0;
        const split = blocks.cols < nCols;
        const accPtr = split ? alloc(blocks.rows * blocks.acc) : 0;
        const partsPtr = split ? alloc(blocks.maxSpans * blocks.rows * blocks.acc) : 0;
        // May compile a module, whose bytes go to engine memory too.
        compiled = run.compiled.select(tape, request.dtype, kind, nRows * nCols, false, request.sumScheme);
        // Every allocation of this run is done, but other reductions on this engine allocate while
        // it awaits its chunks, and a memory.grow detaches the buffer (writes through an old view are
        // lost without an error): views are made afresh after every await, from heap.memory.buffer.
        const buffer = heap.memory.buffer;
        new Int32Array(buffer, tapePtr, tape.code.length).set(tape.code);
        new Float64Array(buffer, constPtr, tape.consts.length).set(tape.consts);
        writePlan(buffer, planPtr, request, tape, kind, auxDim, {
            tapePtr, constPtr, varTablePtr, outPtr, idxPtr, accOffset: layout.scratch.accOffset, rowBatch: layout.scratch.rowBatch,
        });
        run.compiled.write(new Int32Array(buffer, planPtr, PLAN.WORDS), compiled);
        // Int32Array stores the shifted pointers modulo 2^32, as the wasm adds to them.
        const pointTo = (s, ptr, stride) => new Int32Array(heap.memory.buffer, varTablePtr, 3 * vars.length).set([ptr, vars[s].dim, stride], 3 * s);
        vars.forEach((v, s) => {
            if (v.category !== 'p')
                return;
            writeRows(buffer, varPtrs[s], v, 0, 1, esz);
            pointTo(s, varPtrs[s], v.dim);
        });
        const setColumns = (c0, c1) => vars.forEach((v, s) => {
            if (v.category !== 'j')
                return;
            writeColumns(heap.memory.buffer, varPtrs[s], v, c0, c1, blocks.paddedCols, esz);
            pointTo(s, varPtrs[s] - c0 * esz, blocks.paddedCols);
        });
        // Between blocks: a turn for the event loop (every YIELD_INTERVAL_MS, or every block when
        // a signal is given: its abort can only land then), then the signal.
        const yielder = new Yielder('the reduction', signal, signal ? 0 : YIELD_INTERVAL_MS);
        if (!split)
            setColumns(0, nCols);
        for (let r0 = 0; r0 < nRows; r0 += blocks.rows) {
            const r1 = Math.min(nRows, r0 + blocks.rows);
            const rows = r1 - r0;
            vars.forEach((v, s) => {
                if (v.category !== 'i')
                    return;
                writeRows(heap.memory.buffer, varPtrs[s], v, r0, r1, esz);
                pointTo(s, varPtrs[s] - r0 * v.dim * esz, v.dim);
            });
            // 0 stays 0: the wasm writes no values (or no indices) through a null pointer.
            const plan = new Int32Array(heap.memory.buffer, planPtr, PLAN.WORDS);
            plan[PLAN.outPtr] = outPtr === 0 ? 0 : outPtr - r0 * outWidth * esz;
            plan[PLAN.outIdxPtr] = idxPtr === 0 ? 0 : idxPtr - r0 * outWidth * 4;
            if (!split) {
                const target = chunkTarget(rows * nCols * perPair, threads, !!signal || !onPool);
                const chunks = splitRows(rows, nCols * perPair, target, I_BLOCK, threads)
                    .slice(0, MAX_CHUNKS)
                    .map((c) => ({ ...c, rowStart: r0 + c.rowStart, rowEnd: Math.min(r1, r0 + c.rowEnd) }));
                await run.runChunks(planPtr, tablePtr, fitChunks(chunks, r1), scratchPtr, scratchBytes, onPool, signal);
            }
            else {
                run.exports.initPartial(planPtr, r0, r1, accPtr, callerScratch);
                for (let c0 = 0; c0 < nCols; c0 += blocks.cols) {
                    await yielder.tick();
                    const c1 = Math.min(nCols, c0 + blocks.cols);
                    setColumns(c0, c1);
                    const chunks = blockChunks(r0, r1, c0, c1, perPair, threads, !!signal || !onPool, blocks, partsPtr);
                    await run.runChunks(planPtr, tablePtr, chunks.list, scratchPtr, scratchBytes, onPool, signal);
                    run.exports.mergeInto(planPtr, r0, r1, accPtr, partsPtr, chunks.spans, rows * blocks.acc, callerScratch);
                }
                run.exports.mergeFinish(planPtr, r0, r1, accPtr, 1, 0, callerScratch);
            }
            const after = heap.memory.buffer;
            if (values)
                values.set(esz === 4 ? new Float32Array(after, outPtr, rows * outWidth) : new Float64Array(after, outPtr, rows * outWidth), r0 * outWidth);
            if (indices)
                indices.set(new Int32Array(after, idxPtr, rows * outWidth), r0 * outWidth);
            if (r1 < nRows)
                await yielder.tick();
        }
        return { values, indices };
    }
    finally {
        run.compiled.release(compiled);
        for (const [at, bytes] of allocated)
            heap.free(at, bytes);
    }
}
/** Row chunks cut to at most MAX_CHUNKS: the last one takes every remaining row. */
function fitChunks(chunks, rowEnd) {
    if (chunks.length === 0)
        return chunks;
    const last = chunks[chunks.length - 1];
    if (last.rowEnd < rowEnd)
        chunks[chunks.length - 1] = { ...last, rowEnd };
    return chunks;
}
/**
 * The chunks of one (row block, column block): row spans times column spans, each column span
 * reducing into its own raw accumulators (partsPtr + span * rows * acc), merged in order after.
 */
function blockChunks(r0, r1, c0, c1, perPair, threads, abortable, blocks, partsPtr) {
    const rows = r1 - r0;
    const work = rows * (c1 - c0) * perPair;
    const target = Math.max(1, chunkTarget(work, threads, abortable));
    const rowSpans = fitChunks(splitRows(rows, (c1 - c0) * perPair, target, I_BLOCK, threads).slice(0, MAX_CHUNKS), rows);
    const tiles = Math.ceil((c1 - c0) / TILE);
    const wanted = Math.ceil(work / target);
    const maxSpans = Math.max(1, Math.min(blocks.maxSpans, tiles, Math.floor(MAX_CHUNKS / rowSpans.length)));
    const spans = Math.max(1, Math.min(maxSpans, Math.ceil(wanted / rowSpans.length)));
    const spanCols = Math.ceil(tiles / spans) * TILE;
    const list = [];
    let s = 0;
    for (let cs = c0; cs < c1; cs += spanCols, s++) {
        const ce = Math.min(c1, cs + spanCols);
        for (const rs of rowSpans) {
            list.push({ rowStart: r0 + rs.rowStart, rowEnd: r0 + rs.rowEnd, colStart: cs, colEnd: ce, partial: partsPtr + s * rows * blocks.acc + rs.rowStart * blocks.acc });
        }
    }
    return { list, spans: s };
}
