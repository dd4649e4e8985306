/**
 * The chunks of one pooled reduction, laid out in wasm memory so that workers take them
 * themselves (an atomic counter) instead of one message round trip per chunk.
 *
 * int32 words: [next, nChunks, 0, 0, then per chunk rowStart, rowEnd, colStart, colEnd,
 * partial, plan]. A chunk with partial = 0 finishes its rows (all columns). A chunk's plan is
 * the job's plan (0) or, for a batched reduction, the plan record of its batch: the batches of
 * one job share its tape and scratch, each reads its own inputs and writes its own output. Otherwise the reduced
 * axis is split: the chunk reduces columns [colStart, colEnd) of its rows into the raw
 * accumulators at `partial` (one per row, accBytes apart), merged later in column order.
 * For block-sparse plans rowStart / rowEnd are a range of the cluster table.
 * Addresses are unsigned 32-bit values stored in int32 words (the heap spans up to 4 GiB).
 */
import { PLAN } from '../tape/opcodes.js';
export const TABLE_HEADER_WORDS = 4;
export const TABLE_CHUNK_WORDS = 6;
export function tableBytes(nChunks) {
    return 4 * (TABLE_HEADER_WORDS + TABLE_CHUNK_WORDS * nChunks);
}
export function writeTable(buffer, at, chunks) {
    const words = new Int32Array(buffer, at, TABLE_HEADER_WORDS + TABLE_CHUNK_WORDS * chunks.length);
    words[0] = 0;
    words[1] = chunks.length;
    words[2] = 0;
    words[3] = 0;
    // Int32Array stores addresses past 2^31 as negative words; the wasm reads them as unsigned.
    chunks.forEach((c, k) => words.set([c.rowStart, c.rowEnd, c.colStart, c.colEnd, c.partial ?? 0, c.plan ?? 0], TABLE_HEADER_WORDS + TABLE_CHUNK_WORDS * k));
}
/** Chunks not yet taken by any thread. */
export function chunksLeft(buffer, at) {
    const words = new Int32Array(buffer, at, TABLE_HEADER_WORDS);
    return Math.max(0, words[1] - Atomics.load(words, 0));
}
/**
 * Value of a plan's abort word that asks worker k to crash (test hook): CRASH_REQUEST + k.
 * STOP_REQUEST is a plain stop request.
 */
export const CRASH_REQUEST = 16;
export const STOP_REQUEST = 1;
/**
 * Sets the abort word of the plan at `plan`: every thread running it stops at its next tile
 * (and takes no more chunks of its table). `batchPlans`: a batched job's per-batch plan
 * records, whose tiles check their own abort words.
 */
export function requestStop(memory, plan, value = STOP_REQUEST, batchPlans = []) {
    const words = new Int32Array(memory.buffer);
    for (const p of batchPlans)
        Atomics.store(words, (p >>> 2) + PLAN.abort, STOP_REQUEST);
    Atomics.store(words, (plan >>> 2) + PLAN.abort, value);
}
/**
 * Takes chunks of the table at `at` until none is left or the plan's abort word is set.
 * Returns true when the abort word asks this worker (`worker`) to crash, for the pool's tests.
 */
export function drainTable(engine, memory, plan, at, scratch, worker) {
    const words = new Int32Array(memory.buffer);
    // >>> : the heap spans up to 4 GiB, past int32's range.
    const abortWord = (plan >>> 2) + PLAN.abort;
    const base = at >>> 2;
    const n = words[base + 1];
    for (;;) {
        const stop = Atomics.load(words, abortWord);
        if (stop !== 0)
            return stop === CRASH_REQUEST + worker;
        const c = Atomics.add(words, base, 1);
        if (c >= n)
            return false;
        const e = base + TABLE_HEADER_WORDS + TABLE_CHUNK_WORDS * c;
        runChunk(engine, words[e + 5] === 0 ? plan : words[e + 5] >>> 0, words[e], words[e + 1], words[e + 2], words[e + 3], words[e + 4], scratch);
    }
}
/** Runs one chunk: finishes its rows, or (partial != 0) leaves their raw accumulators at `partial`. */
export function runChunk(engine, plan, rowStart, rowEnd, colStart, colEnd, partial, scratch) {
    if (partial !== 0)
        engine.runPartial(plan, rowStart, rowEnd, colStart, colEnd, scratch, partial);
    else
        engine.run(plan, rowStart, rowEnd, scratch);
}
