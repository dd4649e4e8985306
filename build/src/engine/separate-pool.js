import { AbortError, BackendError, DTypeError, MemoryLimitError, ShapeError, ValueError } from '../errors.js';
import { TILE, I_BLOCK } from '../tape/opcodes.js';
import { batchesOf, sliceRows } from '../tape/request.js';
import { StartPolicy, startCancelled } from './start-policy.js';
import { WorkerInputCache } from './worker-input-cache.js';
/** Each block takes 1 / (GUIDED_SHARE x workers) of the rows left: 5-6 blocks per worker, the last ones small. */
const GUIDED_SHARE = 2;
/** Smallest block: whole tiles (row lanes lay rows across a tile) and whole I_BLOCKs of rows. */
const MIN_BLOCK_ROWS = Math.max(2 * TILE, 4 * I_BLOCK);
/** How long an idle pool waits before stopping workers that would keep the process alive (Deno). */
const IDLE_STOP_MS = 300;
/** Error classes a worker's failure is rebuilt as, by name. */
const ERRORS = { AbortError, BackendError, MemoryLimitError, ValueError, ShapeError, DTypeError };
/**
 * [r0, r1) blocks covering n rows, in whole tiles of at least MIN_BLOCK_ROWS, shrinking
 * (guided: each a share of the rows left), so that the worker that finishes first waits for a
 * short last block, not a full one. The same rows give the same blocks: a repeated reduction
 * finds its row slices where they were.
 */
export function rowBlocks(nRows, workers) {
    const roundUp = (x) => Math.max(MIN_BLOCK_ROWS, Math.ceil(x / TILE) * TILE);
    const blocks = [];
    for (let r0 = 0; r0 < nRows;) {
        const rows = roundUp((nRows - r0) / (GUIDED_SHARE * workers));
        blocks.push([r0, Math.min(nRows, r0 + rows)]);
        r0 += rows;
    }
    return blocks;
}
/** Whether a request is cut into blocks of batches (several batches, or ranges per batch), not of rows. */
function inBatchBlocks(request) {
    return batchesOf(request) > 1 || request.batchRanges !== undefined;
}
/** [b0, b1) blocks of whole batches, shrinking (guided) as rowBlocks' rows. */
export function batchBlocks(batches, workers) {
    const blocks = [];
    for (let b0 = 0; b0 < batches;) {
        const n = Math.max(1, Math.ceil((batches - b0) / (GUIDED_SHARE * workers)));
        blocks.push([b0, Math.min(batches, b0 + n)]);
        b0 += n;
    }
    return blocks;
}
/** The slices [lo, hi] of a variable that batches [b0, b1) read. */
function sliceSpan(v, b0, b1) {
    if (!v.slices)
        return [0, 0];
    let lo = Infinity;
    let hi = -1;
    for (let b = b0; b < b1; b++) {
        lo = Math.min(lo, v.slices[b]);
        hi = Math.max(hi, v.slices[b]);
    }
    return [lo, hi];
}
/** A batched block's variable: the slices its batches read, renumbered from 0. */
function batchedInput(v, req, b0, b1) {
    const span = sliceSpan(v, b0, b1);
    const n = sliceRows(v, req.nRows, req.nCols) * v.dim;
    const slices = v.slices ? v.slices.slice(b0, b1).map((x) => x - span[0]) : new Int32Array(b1 - b0);
    const d = v.data;
    const [start, end] = v.slices ? [span[0] * n, (span[1] + 1) * n] : [0, d.length];
    const data = start === 0 && end === d.length && d.byteOffset === 0 && d.byteLength === d.buffer.byteLength ? d : d.slice(start, end);
    return { data, slices, span };
}
/** The key a worker keeps an input under: tensor, version, element type and, for i-variables, the rows. */
function inputKey(v, r0, r1) {
    if (v.owner === undefined)
        return null;
    const base = `${v.id}:${v.version}:${v.data instanceof Float32Array ? 'f32' : 'f64'}`;
    return v.category === 'i' ? `${base}:${r0}-${r1}` : base;
}
/** The key a worker keeps a batched block's input under: tensor, version, element type and the slices. */
function batchedKey(v, b0, b1) {
    if (v.owner === undefined)
        return null;
    const [lo, hi] = sliceSpan(v, b0, b1);
    return `${v.id}:${v.version}:${v.data instanceof Float32Array ? 'f32' : 'f64'}:s${lo}-${hi}`;
}
/** The rows [r0, r1) of a variable (all of a j-variable or parameter) as a typed array that owns its buffer. */
function inputData(v, r0, r1) {
    const [start, end] = v.category === 'i' ? [r0 * v.dim, r1 * v.dim] : [0, v.data.length];
    const d = v.data;
    // A view of part of a buffer would be cloned with its whole buffer: copy the part.
    if (start === 0 && end === d.length && d.byteOffset === 0 && d.byteLength === d.buffer.byteLength)
        return d;
    return d.slice(start, end);
}
function inputBytes(v, r0, r1) {
    return (v.category === 'i' ? (r1 - r0) * v.dim : v.data.length) * v.data.BYTES_PER_ELEMENT;
}
/** Smallest input cache per worker (16 MiB: a j-variable of 10^6 float32 3-D points). */
const MIN_WORKER_CACHE_BYTES = 16 * 2 ** 20;
export class SeparatePool {
    size;
    module;
    workerUrl;
    options;
    stats;
    slots;
    /** Reductions with blocks left to hand out, oldest first. */
    open = [];
    jobs = 0;
    /** How workers start, retries of those that fail, and when to give up (start-policy.ts). */
    policy;
    idleTimer = null;
    constructor(size, module, workerUrl, options, stats) {
        this.size = size;
        this.module = module;
        this.workerUrl = workerUrl;
        this.options = options;
        this.stats = stats;
        this.slots = Array.from({ length: size }, () => ({
            handle: null, ready: null, started: false, busy: null, mirror: new WorkerInputCache(this.workerCacheBytes), generation: 0, cancelStart: null,
        }));
        this.policy = new StartPolicy(this.slots, (k) => this.ensureStarted(k), () => this.open.length > 0, () => this.dispatch());
    }
    /**
     * What each worker keeps of its inputs (its copies, and its engine's copies in wasm memory):
     * the engine's cacheBytes shared among the workers, so that a page's memory does not grow
     * with its core count; at least enough for a few mid-sized inputs (but never more than asked: 0 caches nothing).
     */
    get workerCacheBytes() {
        const total = this.options.cacheBytes;
        return Math.min(total, Math.max(MIN_WORKER_CACHE_BYTES, Math.floor(total / this.size)));
    }
    /** Set once workers failed to start MAX_START_FAILURES times in a row: reductions then stay on the calling thread. */
    get broken() {
        return this.policy.gaveUp;
    }
    get startedWorkers() {
        return this.slots.filter((s) => s.started).length;
    }
    /**
     * Runs a reduction on the workers. `lanesTape` is the request's row-lanes tape where row
     * lanes could apply (a function cannot be sent to a worker). Rejects with an AbortError as
     * soon as the request's signal fires; the workers are told to stop.
     */
    reduce(request, lanesTape) {
        if (this.policy.gaveUp)
            return Promise.reject(this.policy.gaveUp);
        if (this.idleTimer !== null)
            clearTimeout(this.idleTimer);
        this.idleTimer = null;
        this.stats.separate++;
        return new Promise((resolve, reject) => {
            const { nRows, outWidth, signal } = request;
            const batched = inBatchBlocks(request);
            const n = batchesOf(request) * nRows * outWidth;
            const run = {
                request,
                lanesTape,
                pending: [],
                inFlight: 0,
                values: request.wantValues ? (request.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)) : null,
                indices: request.wantIndices ? new Int32Array(n) : null,
                done: false,
                resolve,
                reject,
                detach: () => { },
            };
            // Block-sparse clusters name absolute rows: the request goes whole to one worker (a
            // batched one in blocks of whole batches, each with its ranges).
            const blocks = batched ? batchBlocks(batchesOf(request), this.size) : request.ranges ? [[0, nRows]] : rowBlocks(nRows, this.size);
            for (const [r0, r1] of blocks) {
                const keys = request.vars.map((v) => (batched ? batchedKey(v, r0, r1) : inputKey(v, r0, r1)));
                const rowKeys = keys.filter((key, s) => key !== null && request.vars[s].category === 'i');
                run.pending.push({ run, r0, r1, keys, rowKeys });
            }
            if (signal) {
                const onAbort = () => this.fail(run, new AbortError('the reduction was aborted'));
                signal.addEventListener('abort', onAbort, { once: true });
                run.detach = () => signal.removeEventListener('abort', onAbort);
            }
            this.open.push(run);
            if (run.pending.length === 0)
                this.finishIfDone(run);
            this.dispatch();
            this.policy.startMissing();
        });
    }
    /** Starts the workers in the background, so that they are ready by the first reduction. */
    prestart() {
        void this.started().catch(() => { });
    }
    /** Resolves when every worker has started (retrying failed starts as the policy allows); rejects once the pool gave up. */
    async started() {
        await this.policy.startAll();
        this.stopWhenIdle();
    }
    /** Stops every worker (their inputs are lost); the pool starts fresh ones if used again. */
    terminate() {
        this.policy.cancelStarts();
        for (const slot of this.slots) {
            slot.generation++;
            slot.handle?.terminate();
            slot.cancelStart?.(startCancelled());
            slot.cancelStart = null;
            const busy = slot.busy;
            this.resetSlot(slot);
            if (busy)
                this.fail(busy.block.run, new BackendError('the worker pool was shut down during the reduction'));
        }
        for (const run of [...this.open])
            this.fail(run, new BackendError('the worker pool was shut down before the reduction ran'));
    }
    /** Test hook: makes worker `index` throw an uncaught error, as a crash would. */
    crashWorkerForTesting(index) {
        this.slots[index]?.handle?.post({ type: 'crash-for-testing' });
    }
    resetSlot(slot) {
        slot.handle = null;
        slot.ready = null;
        slot.started = false;
        slot.busy = null;
        slot.mirror.clear();
    }
    ensureStarted(k) {
        const slot = this.slots[k];
        return slot.ready ?? this.policy.startSlot(slot, this.workerUrl, {
            init: () => ({ type: 'engine-init', module: this.module, cacheBytes: this.workerCacheBytes, rowLanes: this.options.rowLanes, blockBytes: this.options.blockBytes, compile: this.options.compile, relaxedSimd: this.options.relaxedSimd }),
            readyType: 'engine-ready',
            onMessage: (handle, msg) => {
                if (slot.handle === handle)
                    this.onReply(slot, msg);
            },
            onDied: (handle, reason) => this.onWorkerDied(k, handle, reason),
            onGaveUp: (error) => {
                for (const run of [...this.open])
                    this.fail(run, error);
            },
        });
    }
    /** Hands blocks to the idle workers. */
    dispatch() {
        for (let k = 0; k < this.slots.length; k++) {
            const slot = this.slots[k];
            if (slot.busy || !slot.started || !slot.handle)
                continue;
            const block = this.nextBlock(k);
            if (!block)
                return;
            this.send(slot, block);
        }
    }
    /**
     * The oldest reduction's next block for worker k: one whose rows it already holds, else one
     * no other worker holds, else any (copying a block's rows costs far less than idling).
     */
    nextBlock(k) {
        const run = this.open.find((r) => r.pending.length > 0);
        if (!run)
            return null;
        const holds = (s, b) => b.rowKeys.length > 0 && b.rowKeys.every((key) => s.mirror.has(key));
        const mine = this.slots[k];
        let at = run.pending.findIndex((b) => holds(mine, b));
        if (at < 0)
            at = run.pending.findIndex((b) => !this.slots.some((s) => s !== mine && s.started && holds(s, b)));
        // Taken from the end: the worker holding it would come to it last.
        if (at < 0)
            at = run.pending.length - 1;
        return run.pending.splice(at, 1)[0];
    }
    send(slot, block) {
        const { run, r0, r1, keys } = block;
        const req = run.request;
        if (inBatchBlocks(req)) {
            this.sendBatches(slot, block);
            return;
        }
        const vars = req.vars;
        const wanted = [];
        keys.forEach((key, s) => { if (key !== null)
            wanted.push({ key, bytes: inputBytes(vars[s], r0, r1) }); });
        const plan = slot.mirror.admit(wanted);
        const sent = new Set();
        let copied = 0;
        const inputs = vars.map((v, s) => {
            const key = keys[s];
            const base = { key, dim: v.dim, category: v.category };
            const once = key !== null && plan.once.has(key);
            if (key !== null && !once && (!plan.send.has(key) || sent.has(key)))
                return base;
            if (key !== null)
                sent.add(key);
            copied += inputBytes(v, r0, r1);
            return { ...base, data: inputData(v, r0, r1), ...(once ? { once } : {}) };
        });
        this.stats.copiedBytes += copied;
        const whole = r0 === 0 && r1 === req.nRows;
        const message = {
            type: 'reduce',
            job: ++this.jobs,
            evict: plan.evict,
            inputs,
            request: {
                tape: req.tape, dtype: req.dtype, nRows: r1 - r0, nCols: req.nCols, reduction: req.reduction, k: req.k,
                outWidth: req.outWidth, wantValues: req.wantValues, wantIndices: req.wantIndices,
                ...(whole && req.ranges ? { ranges: req.ranges } : {}),
                ...(req.sumScheme ? { sumScheme: req.sumScheme } : {}),
                ...(run.lanesTape ? { rowLanesTape: run.lanesTape } : {}),
            },
        };
        slot.busy = { block, job: message.job };
        run.inFlight++;
        slot.handle.setKeepsAlive(true);
        slot.handle.post(message);
    }
    /** Sends a block of whole batches: a batched request over the slices its batches read. */
    sendBatches(slot, block) {
        const { run, r0: b0, r1: b1, keys } = block;
        const req = run.request;
        const parts = req.vars.map((v) => batchedInput(v, req, b0, b1));
        const wanted = [];
        keys.forEach((key, s) => { if (key !== null)
            wanted.push({ key, bytes: parts[s].data.byteLength }); });
        const plan = slot.mirror.admit(wanted);
        const sent = new Set();
        let copied = 0;
        const inputs = req.vars.map((v, s) => {
            const key = keys[s];
            const base = { key, dim: v.dim, category: v.category, slices: parts[s].slices };
            const once = key !== null && plan.once.has(key);
            if (key !== null && !once && (!plan.send.has(key) || sent.has(key)))
                return base;
            if (key !== null)
                sent.add(key);
            copied += parts[s].data.byteLength;
            return { ...base, data: parts[s].data, ...(once ? { once } : {}) };
        });
        this.stats.copiedBytes += copied;
        const message = {
            type: 'reduce',
            job: ++this.jobs,
            evict: plan.evict,
            inputs,
            request: {
                tape: req.tape, dtype: req.dtype, nRows: req.nRows, nCols: req.nCols, reduction: req.reduction, k: req.k,
                outWidth: req.outWidth, wantValues: req.wantValues, wantIndices: req.wantIndices, batches: b1 - b0,
                ...(req.ranges ? { ranges: req.ranges } : {}),
                ...(req.batchRanges ? { batchRanges: req.batchRanges.slice(b0, b1) } : {}),
                ...(run.lanesTape ? { rowLanesTape: run.lanesTape } : {}),
            },
        };
        slot.busy = { block, job: message.job };
        run.inFlight++;
        slot.handle.setKeepsAlive(true);
        slot.handle.post(message);
    }
    onReply(slot, msg) {
        if (msg.type !== 'reduced' && msg.type !== 'reduce-failed')
            return;
        const busy = slot.busy;
        if (!busy || busy.job !== msg.job)
            return;
        slot.busy = null;
        const { run, r0 } = busy.block;
        run.inFlight--;
        if (msg.type === 'reduced') {
            // r0 is a row, or for a batched request a batch of nRows rows.
            const offset = r0 * (inBatchBlocks(run.request) ? run.request.nRows : 1) * run.request.outWidth;
            if (!run.done) {
                if (run.values && msg.values)
                    run.values.set(msg.values, offset);
                if (run.indices && msg.indices)
                    run.indices.set(msg.indices, offset);
            }
            this.finishIfDone(run);
        }
        else {
            const Ctor = ERRORS[msg.name];
            this.fail(run, Ctor ? new Ctor(msg.message) : new BackendError(`a wasm worker failed: ${msg.message}`));
        }
        this.dispatch();
        // An idle worker must not hold the process (Node, Bun): each is let go once nothing is left for it.
        if (!slot.busy)
            slot.handle?.setKeepsAlive(false);
        this.stopWhenIdle();
    }
    busy() {
        return this.open.length > 0 || this.slots.some((s) => s.busy);
    }
    finishIfDone(run) {
        if (run.done || run.pending.length > 0 || run.inFlight > 0)
            return;
        run.done = true;
        this.close(run);
        run.resolve({ values: run.values, indices: run.indices });
    }
    /** Fails a reduction now; its blocks still running are told to stop (their workers stay usable). */
    fail(run, error) {
        if (run.done)
            return;
        run.done = true;
        this.close(run);
        run.pending.length = 0;
        for (const slot of this.slots) {
            if (slot.busy?.block.run === run)
                slot.handle?.post({ type: 'stop', job: slot.busy.job });
        }
        run.reject(error);
    }
    close(run) {
        run.detach();
        const at = this.open.indexOf(run);
        if (at >= 0)
            this.open.splice(at, 1);
    }
    onWorkerDied(k, handle, reason) {
        const slot = this.slots[k];
        if (slot.handle !== handle)
            return;
        handle.terminate();
        const busy = slot.busy;
        this.resetSlot(slot);
        if (busy)
            this.fail(busy.block.run, new BackendError(`a wasm worker died during the reduction (${reason}); it is replaced`));
        this.policy.note(`worker ${k} stopped (${reason}); it is restarted when needed`);
        // Replaced now if reductions are waiting, else at the next reduction.
        if (this.open.length)
            this.policy.startMissing();
    }
    /**
     * Where workers cannot be told not to hold the process (Deno), an idle pool stops them after
     * a short grace period, so a script ends; the next reduction starts them again.
     */
    stopWhenIdle() {
        const releasable = this.slots.every((s) => !s.handle || s.handle.canRelease);
        const starting = this.slots.some((s) => s.ready && !s.started);
        if (releasable || starting || this.busy())
            return;
        if (this.idleTimer !== null)
            clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => {
            this.idleTimer = null;
            if (!this.busy())
                this.terminate();
        }, IDLE_STOP_MS);
    }
}
