import { PLAN, RED, TILE, I_BLOCK, LAYOUT_HASH } from '../tape/opcodes.js';
import { batchesOf, batchRequest } from '../tape/request.js';
import { AbortError, BackendError, MemoryLimitError } from '../errors.js';
import { Yielder, YIELD_INTERVAL_MS } from '../abort.js';
import { Heap, alignUp, formatBytes } from './heap.js';
import { reduceInBlocks } from './blocked-reduce.js';
import { batchedBytes, reduceBatched } from './batched-reduce.js';
import { chunkTarget, clusterWork, splitRows, splitColumns } from './chunks.js';
import { writePlan } from './plan-record.js';
import { varBytes, writeVariable } from './var-layout.js';
import { InputCache } from './input-cache.js';
import { WorkerPool } from './pool.js';
import { SeparatePool } from './separate-pool.js';
import { tableBytes, writeTable, drainTable, requestStop, runChunk } from './task-table.js';
import { MAILBOX_BYTES } from './mailbox.js';
import { loadWasmModule } from './wasm-loader.js';
import { DenseSoftmin, hasDenseSoftmin } from './dense-softmin.js';
import { hasKernelGram, kernelGram } from './kernel-gram.js';
import { workerUrl } from './assets.js';
import { CompiledTier } from './compiled-tier.js';
/**
 * Default engine memory for one reduction before it runs in blocks: a quarter of the wasm32
 * heap, so that cached inputs and a few concurrent reductions still fit beside it.
 */
export const DEFAULT_BLOCK_BYTES = 2 ** 30;
/**
 * Scratch (registers, accumulators) of all threads of one reduction at most: a quarter of the
 * wasm32 heap. Only a huge K (K-min keeps K values per row) or output dimension reaches it.
 */
const MAX_SCRATCH_BYTES = 2 ** 30;
/** Rows and columns per axis at most: indices are int32, and tile loops add a tile to a column index. */
export const MAX_AXIS = 2 ** 31 - 4 * TILE;
/**
 * Pooled runs with at most this much work (pair-instructions: about 25 ms on one thread) are
 * also worked on by the calling thread: it starts at once, while the workers wake up, which
 * hides most of the pool's latency on the short reductions of optimisers' loops. Longer runs
 * leave it free, so that its event loop sees an abort at once.
 */
const CALLER_HELPS_BELOW = 5e7;
/** How long the calling thread spins for the workers' last chunks after its own share. */
const COLLECT_WAIT_MS = 5;
/**
 * Row lanes pay off up to this many reduced columns (bench/row-lanes.mjs, bench/RESULTS.md): a
 * tile of columns would be mostly empty, and each row would pay its own horizontal reduction.
 * The log-sum-exp family's two-pass form (a buffer of every column's values for the tile's
 * lanes) gains 1.3-2.7x at 16-128 columns; its online form, when that buffer would be too
 * large, costs more per pair than the usual two-pass tile update: 1.2-2.4x at 4-16 columns,
 * a loss from about 32.
 */
const ROW_LANES_MAX_COLS = 32;
const ROW_LANES_MAX_COLS_SOFTMAX = 128;
const ROW_LANES_MAX_COLS_SOFTMAX_ONLINE = 16;
const SOFTMAX_KINDS = [RED.LOGSUMEXP, RED.LOGSUMEXP_WEIGHT, RED.SUMSOFTMAXWEIGHT];
/** ... and from this many output rows (a tile of lanes a quarter full at least). */
const ROW_LANES_MIN_ROWS = TILE / 4;
/** Lane state per thread at most (a SUM of a 256-dimensional formula: 512 KiB). */
const ROW_LANES_MAX_STATE = 512 * 1024;
/** Bytes of row banks a batch of rows may touch, so that they stay in the L1 cache. */
const ROW_BATCH_BYTES = 24 * 1024;
/**
 * Rows run together through the i-only and pair instructions: many when tiles are short (few
 * columns: the per-instruction decode would dominate), few when each row's tiles are large.
 */
function rowBatchFor(tape, nCols) {
    const used = tape.rowBytes - tape.rowTileBytes + tape.rowTileBytes * Math.min(1, nCols / TILE);
    return Math.max(1, Math.min(I_BLOCK, Math.floor(ROW_BATCH_BYTES / Math.max(16, used))));
}
/** Consecutive ranges of clusters of about `target` work each. */
function splitClusters(work, target) {
    const chunks = [];
    let start = 0;
    let acc = 0;
    work.forEach((w, k) => {
        acc += w;
        if (acc >= target) {
            chunks.push({ rowStart: start, rowEnd: k + 1, colStart: 0, colEnd: 0 });
            start = k + 1;
            acc = 0;
        }
    });
    if (start < work.length)
        chunks.push({ rowStart: start, rowEnd: work.length, colStart: 0, colEnd: 0 });
    return chunks;
}
/**
 * Waits for a pooled run, but rejects as soon as the signal fires: the plan's abort word is
 * set, so the workers stop at their next tile, and `pool.cancel` sends no more of them.
 */
function abortable(running, signal, onAbort) {
    if (!signal)
        return running;
    return new Promise((resolve, reject) => {
        const stop = () => {
            onAbort();
            reject(new AbortError('the reduction was aborted'));
        };
        signal.addEventListener('abort', stop, { once: true });
        running.then(() => { signal.removeEventListener('abort', stop); if (signal.aborted)
            reject(new AbortError('the reduction was aborted'));
        else
            resolve(); }, (e) => { signal.removeEventListener('abort', stop); reject(e); });
    });
}
/**
 * Refuses axes longer than MAX_AXIS (int32 indices and tile loops) with a MemoryLimitError.
 * (Output sizes are checked for every backend by the API's runReduction.)
 */
function checkAxes(request) {
    for (const [name, n] of [['rows', request.nRows], ['reduced columns', request.nCols]]) {
        if (n > MAX_AXIS) {
            throw new MemoryLimitError(`${request.reduction} reduction: ${n} ${name} is more than the engine's ${MAX_AXIS} per axis (indices are int32); split the points into several reductions`);
        }
    }
}
/** A variable with the i and j roles exchanged (row lanes). */
function swapRoles(v) {
    return v.category === 'p' ? v : { ...v, category: v.category === 'i' ? 'j' : 'i' };
}
/**
 * The WebAssembly backend: copies the inputs into wasm memory (j-variables transposed to
 * structure-of-arrays, padded to whole tiles; unchanged tensors are reused from the cache),
 * writes the plan record and runs the interpreter, on the calling thread for small problems
 * and across the worker pool otherwise.
 */
export class WasmEngine {
    exports;
    heap;
    pool;
    options;
    cache;
    /** Reductions run so far: on the calling thread, on the pool, and of those, split along the reduced axis; dense Gram jobs (kernelGram), and those on the pool. */
    stats = { callingThread: 0, pooled: 0, splitAxis: 0, rowLanes: 0, rowLanesBuffered: 0, streamed: 0, separate: 0, copiedBytes: 0, batched: 0, batchByBatch: 0, gram: 0, gramPooled: 0 };
    /** The separate-memory workers (workerMemory: 'separate'); `pool` is then null. */
    separatePool;
    /** The compiled tier of the calling thread's instance (the workers install its modules themselves). */
    compiled;
    /** The dense soft C-transform's rows, run synchronously here (null: a module built before it). */
    denseSoftmin;
    constructor(exports, heap, pool, options, separateModule) {
        this.exports = exports;
        this.heap = heap;
        this.pool = pool;
        this.options = options;
        this.cache = new InputCache(heap, options.cacheBytes);
        const compile = options.compile ?? 'auto';
        const relaxedSimd = options.relaxedSimd ?? 'auto';
        this.compiled = new CompiledTier(compile, exports, heap.memory, heap, pool !== null, relaxedSimd);
        this.denseSoftmin = hasDenseSoftmin(exports) ? new DenseSoftmin(exports, heap) : null;
        this.separatePool = separateModule
            ? new SeparatePool(options.threads, separateModule, workerUrl(), { cacheBytes: options.cacheBytes, rowLanes: options.rowLanes ?? 'auto', blockBytes: options.blockBytes, compile, relaxedSimd }, this.stats)
            : null;
        this.separatePool?.prestart();
    }
    /** Instantiates the module on the calling thread (workers start on first use). */
    static async create(options) {
        const separate = options.threads > 1 && options.workerMemory === 'separate';
        const threaded = options.threads > 1 && !separate;
        const module = await loadWasmModule(options.source, threaded ? 'lazykernel-threads.wasm' : 'lazykernel.wasm');
        const memory = threaded
            ? new WebAssembly.Memory({ initial: 32, maximum: 65536, shared: true })
            : new WebAssembly.Memory({ initial: 32 });
        const instance = await WebAssembly.instantiate(module, {
            env: {
                memory,
                abort: (_msg, _file, line, col) => {
                    throw new BackendError(`wasm engine aborted at ${line}:${col}`);
                },
            },
        });
        const exports = instance.exports;
        if (typeof exports.layoutHash !== 'function' || exports.layoutHash() !== LAYOUT_HASH) {
            throw new BackendError('the wasm module was built from another opcode / plan layout than this JavaScript: rebuild both (node tools/build.mjs)');
        }
        const heap = new Heap(memory);
        let pool = null;
        if (threaded) {
            const mailboxes = heap.reserve(MAILBOX_BYTES * options.threads);
            new Uint8Array(memory.buffer, mailboxes, MAILBOX_BYTES * options.threads).fill(0);
            pool = new WorkerPool(options.threads, module, memory, workerUrl(), mailboxes);
            pool.prestart();
        }
        return new WasmEngine(exports, heap, pool, options, separate ? module : null);
    }
    /** Workers (of either pool), or 1: no pool, or one that gave up starting its workers. */
    get threads() {
        if (this.pool && !this.pool.broken)
            return this.pool.size;
        if (this.separatePool && !this.separatePool.broken)
            return this.separatePool.size;
        return 1;
    }
    async reduce(request) {
        const { dtype, nRows, nCols, outWidth, signal } = request;
        if (signal?.aborted)
            throw new AbortError('the reduction was aborted before it started');
        checkAxes(request);
        if (batchesOf(request) !== 1 || request.batchRanges)
            return this.reduceBatches(request);
        const separate = this.separatePool;
        if (separate && !separate.broken && nRows > 0) {
            const perPair = request.tape.nInstr + 2;
            const work = request.ranges ? clusterWork(request.ranges, perPair).reduce((x, y) => x + y, 0) : nRows * nCols * perPair;
            if (work >= this.options.poolThreshold)
                return separate.reduce(request, this.rowLanesTapeFor(request));
        }
        const esz = dtype === 'float32' ? 4 : 8;
        const heap = this.heap;
        const kind = RED[request.reduction];
        const auxDim = request.tape.aux?.dim ?? 0;
        const blockBytes = this.options.blockBytes ?? DEFAULT_BLOCK_BYTES;
        // Inputs and output over the budget stream through the heap in blocks (row lanes off).
        const inputBytes = request.vars.reduce((sum, v) => sum + varBytes(v, nRows, Math.ceil(nCols / TILE) * TILE, esz), 0);
        const outputBytes = nRows * outWidth * ((request.wantValues ? esz : 0) + (request.wantIndices ? 4 : 0));
        const streamed = inputBytes + outputBytes > blockBytes;
        if (streamed && request.ranges) {
            throw new MemoryLimitError(`block-sparse ${request.reduction} reduction: its inputs and output need ${formatBytes(inputBytes + outputBytes)} of engine memory, more than the ${formatBytes(blockBytes)} `
                + 'one reduction may use, and block-sparse reductions do not stream in blocks; split the clusters into several reductions, or use float32');
        }
        const lanes = streamed ? { bytes: 0, columns: 0 } : this.rowLanesLayout(request, kind, auxDim, esz);
        const laneBytes = lanes.bytes;
        const rowLanes = laneBytes > 0;
        // Row lanes: the tape with the roles swapped, so the output rows are its j (tile) axis.
        const tape = rowLanes ? request.rowLanesTape() : request.tape;
        const vars = rowLanes ? request.vars.map(swapRoles) : request.vars;
        const tileAxis = rowLanes ? nRows : nCols;
        const rowAxis = rowLanes ? nCols : nRows;
        const paddedCols = Math.ceil(tileAxis / TILE) * TILE;
        // One scratch area per worker, and one for the calling thread, which helps with short pooled runs.
        const nScratch = this.pool !== null ? this.pool.size + 1 : 1;
        const scratch = this.scratchLayout(request, tape, kind, auxDim, tileAxis, laneBytes);
        if (scratch.bytes * nScratch > MAX_SCRATCH_BYTES) {
            throw new MemoryLimitError(`${request.reduction} reduction: each thread needs ${formatBytes(scratch.bytes)} of scratch memory (${formatBytes(scratch.bytes * nScratch)} for ${nScratch} threads), `
                + `more than the engine's ${formatBytes(MAX_SCRATCH_BYTES)} for scratch${request.k > 1 ? ` (K = ${request.k} keeps K values per row and output dimension)` : ''}; `
                + `use a smaller K, a smaller output dimension or fewer threads`);
        }
        if (streamed)
            return reduceInBlocks(this.blockedRun(), request, { kind, auxDim, esz, scratch, nScratch, blockBytes });
        const blocks = [];
        const inputs = [];
        const alloc = (bytes) => {
            const at = heap.allocate(bytes);
            blocks.push([at, bytes]);
            return at;
        };
        let running = null;
        let compiled = null;
        try {
            const work = nRows * nCols * (tape.nInstr + 2);
            const scratchBytes = scratch.bytes;
            const varPtrs = vars.map((v) => {
                const bytes = varBytes(v, rowAxis, paddedCols, esz);
                const layout = v.category === 'j' ? `soa${paddedCols}` : 'rows';
                const ptr = this.cache.acquire(v, v.owner, layout, dtype, bytes, (at) => writeVariable(heap.memory.buffer, at, v, paddedCols, esz));
                inputs.push([ptr, bytes]);
                return ptr;
            });
            const tapePtr = alloc(tape.code.byteLength);
            const constPtr = alloc(tape.consts.byteLength);
            const varTablePtr = alloc(12 * vars.length);
            const outPtr = request.wantValues ? alloc(nRows * outWidth * esz) : 0;
            const idxPtr = request.wantIndices ? alloc(nRows * outWidth * 4) : 0;
            const scratchPtr = alloc(scratchBytes * nScratch);
            const planPtr = alloc(PLAN.WORDS * 4);
            const ranges = request.ranges;
            const clustersPtr = ranges ? alloc(Math.max(4, ranges.clusters.byteLength)) : 0;
            const intervalsPtr = ranges ? alloc(Math.max(4, ranges.intervals.byteLength)) : 0;
            // Units of work the threads share: rows, clusters of rows for block-sparse plans, or
            // columns when there are too few rows to keep every worker busy.
            const units = ranges ? clusterWork(ranges, tape.nInstr + 2) : null;
            const totalWork = units ? units.reduce((x, y) => x + y, 0) : work;
            // A pool that gave up starting its workers leaves the work to the calling thread.
            const onPool = this.pool !== null && !this.pool.broken && totalWork >= this.options.poolThreshold;
            const threads = onPool ? this.pool.size : 1;
            // On the calling thread, chunks short enough to give the event loop a turn between them
            // (runHere), signal or not: a long reduction must not freeze a page.
            const target = chunkTarget(totalWork, threads, !!signal || !onPool);
            let chunks = units ? splitClusters(units, target) : splitRows(nRows, work / Math.max(1, nRows), target, rowLanes ? TILE : I_BLOCK, threads);
            const splitAxis = onPool && !units && !rowLanes && chunks.length < 2 * threads && nCols >= 2 * TILE;
            const partBytes = splitAxis ? this.exports.accBytes(kind, tape.outDim, auxDim, request.k) * nRows : 0;
            let partsPtr = 0;
            if (splitAxis) {
                const columnChunks = splitColumns(nRows, nCols, nRows * (tape.nInstr + 2), target, threads);
                partsPtr = alloc(partBytes * columnChunks.length);
                chunks = columnChunks.map((c, k) => ({ ...c, partial: partsPtr + k * partBytes }));
            }
            const tablePtr = onPool ? alloc(tableBytes(chunks.length)) : 0;
            // May compile a module, whose bytes go to engine memory too.
            compiled = this.compiled.select(tape, dtype, kind, units ? totalWork / (tape.nInstr + 2) : nRows * nCols, rowLanes, request.sumScheme);
            // Every allocation is done: views made now stay valid (memory no longer grows).
            const buffer = heap.memory.buffer;
            new Int32Array(buffer, tapePtr, tape.code.length).set(tape.code);
            new Float64Array(buffer, constPtr, tape.consts.length).set(tape.consts);
            const table = new Int32Array(buffer, varTablePtr, 3 * vars.length);
            vars.forEach((v, s) => table.set([varPtrs[s], v.dim, v.category === 'j' ? paddedCols : v.dim], 3 * s));
            const plan = writePlan(buffer, planPtr, request, tape, kind, auxDim, { tapePtr, constPtr, varTablePtr, outPtr, idxPtr, accOffset: scratch.accOffset, rowBatch: scratch.rowBatch });
            plan[PLAN.laneState] = rowLanes ? scratch.laneOffset : 0;
            plan[PLAN.laneColumns] = lanes.columns;
            this.compiled.write(plan, compiled);
            if (rowLanes)
                this.stats.rowLanes++;
            if (lanes.columns > 0)
                this.stats.rowLanesBuffered++;
            if (ranges) {
                new Int32Array(buffer, clustersPtr, ranges.clusters.length).set(ranges.clusters);
                new Int32Array(buffer, intervalsPtr, ranges.intervals.length).set(ranges.intervals);
                plan[PLAN.rangesPtr] = clustersPtr;
                plan[PLAN.nRanges] = ranges.clusters.length / 4;
                plan[PLAN.intervalsPtr] = intervalsPtr;
                for (const [r0, r1] of ranges.emptyRows)
                    this.exports.fillEmpty(planPtr, r0, r1, scratchPtr);
            }
            if (onPool) {
                this.stats.pooled++;
                if (splitAxis)
                    this.stats.splitAxis++;
                writeTable(buffer, tablePtr, chunks);
                // Only once a worker runs: until then, the pool must get the event loop to start them.
                const callerHelps = totalWork <= CALLER_HELPS_BELOW && this.pool.startedWorkers > 0;
                running = this.runOnPool(planPtr, tablePtr, scratchPtr, scratchBytes, callerHelps ? this.pool.size - 1 : this.pool.size);
                if (callerHelps) {
                    // The calling thread takes chunks too, in place of one worker (more threads than cores
                    // would let the scheduler stall the last chunk): it starts at once, while the worker
                    // wakes up. The run is short, so its event loop is not held for long.
                    drainTable(this.exports, heap.memory, planPtr, tablePtr, scratchPtr + this.pool.size * scratchBytes, -1);
                    this.pool.close(planPtr);
                    // The worker is finishing its last chunk: wait for it here rather than for its message.
                    this.pool.collect(planPtr, COLLECT_WAIT_MS);
                }
                await abortable(running, signal, () => {
                    requestStop(heap.memory, planPtr);
                    this.pool.close(planPtr);
                });
                running = null;
                if (splitAxis)
                    this.exports.mergeFinish(planPtr, 0, nRows, partsPtr, chunks.length, partBytes, scratchPtr);
            }
            else {
                this.stats.callingThread++;
                await this.runHere(planPtr, chunks, scratchPtr, signal);
            }
            const after = heap.memory.buffer;
            const values = outPtr ? (esz === 4 ? new Float32Array(after, outPtr, nRows * outWidth).slice() : new Float64Array(after, outPtr, nRows * outWidth).slice()) : null;
            const indices = idxPtr ? new Int32Array(after, idxPtr, nRows * outWidth).slice() : null;
            return { values, indices };
        }
        finally {
            const used = compiled;
            const release = () => {
                this.compiled.release(used);
                for (const [at, bytes] of blocks)
                    heap.free(at, bytes);
                for (const [at, bytes] of inputs)
                    this.cache.release(at, bytes);
            };
            // After an abort the call returns at once, but workers may still be finishing a tile in
            // this memory: it is released when they have stopped.
            if (running)
                void running.then(release, release);
            else
                release();
        }
    }
    /**
     * A batched reduction: one job over every batch (batched-reduce.ts), or blocks of batches on
     * the separate-memory workers. Batch by batch instead (a call per batch) when the inputs and
     * output exceed the engine's block budget (each batch then streams).
     */
    async reduceBatches(request) {
        const B = batchesOf(request);
        const esz = request.dtype === 'float32' ? 4 : 8;
        const size = B * request.nRows * request.outWidth;
        if (size === 0)
            return { values: request.wantValues ? (esz === 4 ? new Float32Array(0) : new Float64Array(0)) : null, indices: request.wantIndices ? new Int32Array(0) : null };
        // Separate-memory workers take blocks of whole batches (separate-pool.ts).
        const separate = this.separatePool;
        if (separate && !separate.broken && batchesOf(request) * request.nRows * request.nCols * (request.tape.nInstr + 2) >= this.options.poolThreshold) {
            return separate.reduce(request, this.rowLanesTapeFor(request));
        }
        if (batchedBytes(request, esz) > (this.options.blockBytes ?? DEFAULT_BLOCK_BYTES)) {
            this.stats.batchByBatch++;
            const values = request.wantValues ? (esz === 4 ? new Float32Array(size) : new Float64Array(size)) : null;
            const indices = request.wantIndices ? new Int32Array(size) : null;
            const n = request.nRows * request.outWidth;
            for (let b = 0; b < B; b++) {
                const r = await this.reduce(batchRequest(request, b));
                values?.set(r.values, b * n);
                indices?.set(r.indices, b * n);
            }
            return { values, indices };
        }
        const kind = RED[request.reduction];
        const auxDim = request.tape.aux?.dim ?? 0;
        // Row lanes as for one batch (few reduced columns): the tape and variables with the roles swapped.
        const lanes = this.rowLanesLayout(request, kind, auxDim, esz);
        const rowLanes = lanes.bytes > 0;
        if (rowLanes)
            this.stats.rowLanes++;
        const tape = rowLanes ? request.rowLanesTape() : request.tape;
        const nScratch = this.pool !== null ? this.pool.size + 1 : 1;
        const scratch = this.scratchLayout(request, tape, kind, auxDim, rowLanes ? request.nRows : request.nCols, lanes.bytes);
        if (scratch.bytes * nScratch > MAX_SCRATCH_BYTES)
            return this.reduce(batchRequest(request, 0)); // its MemoryLimitError
        return reduceBatched(this.batchedRun(), request, {
            kind, auxDim, esz, scratch, nScratch, tape,
            vars: rowLanes ? request.vars.map(swapRoles) : request.vars,
            laneColumns: rowLanes ? lanes.columns : null,
        });
    }
    /** What reduceBatched needs of this engine. */
    batchedRun() {
        return {
            exports: this.exports,
            heap: this.heap,
            cache: this.cache,
            pool: this.pool,
            poolThreshold: this.options.poolThreshold,
            stats: this.stats,
            compiled: this.compiled,
            runChunks: (planPtr, tablePtr, chunks, scratchPtr, scratchBytes, onPool, signal, batchPlans) => this.runChunks(planPtr, tablePtr, chunks, scratchPtr, scratchBytes, onPool, signal, batchPlans),
        };
    }
    /**
     * One thread's scratch area: registers, a batch of rows' registers, the accumulators and
     * temporaries, then the row-lanes state. Sizes come from the module in f64 and are summed
     * here as numbers, so a huge K or dimension gives a huge size (refused by the caller), never
     * a wrapped one.
     */
    scratchLayout(request, tape, kind, auxDim, tileAxis, laneBytes) {
        const rowBatch = rowBatchFor(tape, tileAxis);
        const accOffset = tape.sharedBytes + rowBatch * tape.rowBytes;
        const laneOffset = alignUp(accOffset + this.exports.scratchTailBytes(kind, tape.outDim, auxDim, request.k), 16);
        return { bytes: alignUp(laneOffset + laneBytes, 64), accOffset, laneOffset, rowBatch };
    }
    /** What reduceInBlocks needs of this engine. */
    blockedRun() {
        return {
            exports: this.exports,
            heap: this.heap,
            pool: this.pool,
            poolThreshold: this.options.poolThreshold,
            stats: this.stats,
            compiled: this.compiled,
            runChunks: (planPtr, tablePtr, chunks, scratchPtr, scratchBytes, onPool, signal) => this.runChunks(planPtr, tablePtr, chunks, scratchPtr, scratchBytes, onPool, signal),
        };
    }
    /**
     * Runs `chunks` of the plan at `planPtr` to the end: on the pool (through the task table at
     * `tablePtr`, which holds them all) or on the calling thread. Rejects with an AbortError when
     * the signal fires; the returned `settled` resolves once no worker touches the memory.
     */
    async runChunks(planPtr, tablePtr, chunks, scratchPtr, scratchBytes, onPool, signal, batchPlans = []) {
        if (!onPool) {
            await this.runHere(planPtr, chunks, scratchPtr + (this.pool ? this.pool.size * scratchBytes : 0), signal);
            return;
        }
        writeTable(this.heap.memory.buffer, tablePtr, chunks);
        const running = this.runOnPool(planPtr, tablePtr, scratchPtr, scratchBytes, this.pool.size);
        try {
            await abortable(running, signal, () => {
                requestStop(this.heap.memory, planPtr, undefined, batchPlans);
                this.pool.close(planPtr);
            });
        }
        catch (e) {
            // The workers may still be finishing a tile in this memory: the caller frees it only
            // once they have stopped.
            await running.catch(() => { });
            throw e;
        }
    }
    /**
     * Lane state per thread when the reduction runs in row lanes (bytes 0 otherwise), and the
     * columns its two-pass buffer holds (log-sum-exp family; 0: the online form).
     */
    rowLanesLayout(request, kind, auxDim, esz) {
        const none = { bytes: 0, columns: 0 };
        const mode = this.options.rowLanes ?? 'auto';
        if (mode === 'never' || !request.rowLanesTape || request.ranges || request.batchRanges)
            return none;
        const softmax = SOFTMAX_KINDS.includes(kind);
        const maxCols = softmax ? ROW_LANES_MAX_COLS_SOFTMAX : ROW_LANES_MAX_COLS;
        if (mode === 'auto' && (request.nCols > maxCols || request.nRows < ROW_LANES_MIN_ROWS))
            return none;
        const dim = request.tape.outDim;
        if (softmax) {
            const columns = Math.max(1, request.nCols);
            const bytes = this.exports.laneStateBytes(kind, dim, auxDim, columns, esz);
            if (bytes <= ROW_LANES_MAX_STATE)
                return { bytes, columns };
            if (mode === 'auto' && request.nCols > ROW_LANES_MAX_COLS_SOFTMAX_ONLINE)
                return none;
        }
        const bytes = this.exports.laneStateBytes(kind, dim, auxDim, 0, esz);
        return bytes <= ROW_LANES_MAX_STATE ? { bytes, columns: 0 } : none;
    }
    /**
     * The row-lanes tape for a separate-memory worker, computed here where row lanes could apply
     * (few columns, or 'always'): the worker's engine decides for its block of rows as
     * rowLanesLayout does, but cannot call the request's function.
     */
    rowLanesTapeFor(request) {
        const mode = this.options.rowLanes ?? 'auto';
        if (mode === 'never' || !request.rowLanesTape || request.ranges || request.batchRanges)
            return undefined;
        const maxCols = SOFTMAX_KINDS.includes(RED[request.reduction]) ? ROW_LANES_MAX_COLS_SOFTMAX : ROW_LANES_MAX_COLS;
        if (mode === 'auto' && request.nCols > maxCols)
            return undefined;
        return request.rowLanesTape();
    }
    /**
     * Runs the chunks on the calling thread. Between chunks the event loop gets a turn: at every
     * chunk when a signal is given (its abort can only land then), otherwise every
     * YIELD_INTERVAL_MS, so that a long reduction does not freeze a page.
     */
    async runHere(planPtr, chunks, scratchPtr, signal) {
        const yielder = new Yielder('the reduction', signal, signal ? 0 : YIELD_INTERVAL_MS);
        for (let k = 0; k < chunks.length; k++) {
            const { rowStart, rowEnd, colStart, colEnd, partial, plan } = chunks[k];
            runChunk(this.exports, plan || planPtr, rowStart, rowEnd, colStart, colEnd, partial ?? 0, scratchPtr);
            if (k + 1 < chunks.length)
                await yielder.tick();
        }
    }
    /** Runs the reduction's task table on the pool; its abort word stops the workers. */
    runOnPool(planPtr, tablePtr, scratchPtr, scratchBytes, maxWorkers) {
        return this.pool.run({ plan: planPtr, table: tablePtr, scratchFor: (w) => scratchPtr + w * scratchBytes }, maxWorkers);
    }
    /**
     * K_mn K_nm and K_mm in float64 by the dense kernels, on the shared-memory pool when there is
     * one (src/engine/kernel-gram.ts), or null when the module predates them (a custom `source`).
     */
    async kernelGram(where, spec, signal) {
        const exports = this.exports;
        if (!hasKernelGram(exports))
            return null;
        return kernelGram({
            exports,
            heap: this.heap,
            pool: this.pool,
            poolThreshold: this.options.poolThreshold,
            stats: this.stats,
            runChunks: (planPtr, tablePtr, chunks, scratchPtr, scratchBytes, onPool, sig) => this.runChunks(planPtr, tablePtr, chunks, scratchPtr, scratchBytes, onPool, sig),
        }, where, spec, signal);
    }
    /** Stops the workers and frees cached inputs; the engine stays usable (workers restart lazily). */
    shutdown() {
        this.pool?.terminate();
        this.separatePool?.terminate();
        this.cache.clear();
    }
}
