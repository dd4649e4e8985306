/**
 * The WebGPU backend: runs a tape's reduction as a WGSL compute kernel (gpu/wgsl.ts).
 *
 * - Pipelines are cached by kernel key (the tape's code and layout, the reduction, K, the
 *   variables' dimensions; not the constants' values, which live in a buffer).
 * - Inputs are copied to GPU buffers once per tensor version and kept (keyed by tensor id and
 *   version, like the wasm engine's input cache); other buffers come from a pool.
 * - Rows are split into chunks that respect the dispatch limits, and columns into chunks of
 *   bounded work; a variable larger than maxStorageBufferBindingSize (or maxBufferSize) is held
 *   in several buffers and each chunk binds the slice it reads.
 * - Whatever the engine cannot do (a float64 request, a kernel that fails to compile, a lost
 *   device, a problem beyond the limits) is reported by throwing GpuFallback with the reason;
 *   the caller (the dispatcher, src/dispatch/) then runs the request on wasm.
 */
import { batchesOf, batchRequest, sliceRows } from '../src/tape/request.js';
import { AbortError } from '../src/errors.js';
import { generateKernel, kernelKey, PARAM, PARAM_WORDS, WORKGROUP } from './wgsl.js';
import { BUFFER_USAGE, MAP_MODE, } from './webgpu-types.js';
/** A request the WebGPU engine hands back to wasm, with the reason. */
export class GpuFallback extends Error {
    reason;
    constructor(reason) {
        super(reason);
        this.reason = reason;
        this.name = 'GpuFallback';
    }
}
/** An adapter and what it is; GpuFallback when the implementation has none. */
export async function requestGpuAdapter(gpu, powerPreference = 'high-performance') {
    const adapter = await gpu.requestAdapter({ powerPreference });
    if (!adapter)
        throw new GpuFallback('requestAdapter() found no WebGPU adapter');
    return { adapter, description: await describeAdapter(adapter) };
}
const SOFTWARE_NAMES = /llvmpipe|lavapipe|softpipe|swiftshader|software|warp|basic render|cpu/i;
/** Mesa's Vulkan vendor id (VK_VENDOR_ID_MESA), which llvmpipe / lavapipe report. */
const MESA_VENDOR_IDS = new Set(['65541', '0x10005']);
/** What the adapter is, and whether it runs on the CPU. */
export async function describeAdapter(adapter) {
    let info = adapter.info ?? {};
    if (!adapter.info && typeof adapter.requestAdapterInfo === 'function') {
        try {
            info = await adapter.requestAdapterInfo();
        }
        catch {
            info = {};
        }
    }
    const fields = [info.vendor, info.architecture, info.device, info.description].filter((x) => !!x);
    const text = fields.join(' / ') || 'unknown adapter';
    const software = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true
        || fields.some((f) => SOFTWARE_NAMES.test(f)) || (info.vendor !== undefined && MESA_VENDOR_IDS.has(info.vendor));
    return { text, software, info };
}
const WORK_PER_DISPATCH = 2 ** 31;
/**
 * Loop iterations one invocation may run: llvmpipe (Mesa's gallivm) ends every loop of an
 * invocation once 65535 iterations were run in all, silently; columns are split into
 * dispatches to stay below it (the accumulators are carried over between dispatches).
 */
const LOOP_BUDGET = 60000;
/** With an AbortSignal, work submitted between two checks of it. */
const WORK_PER_SUBMIT = 2 ** 30;
const PIPELINE_CACHE_LIMIT = 256;
const POOL_LIMIT_BYTES = 256 * 2 ** 20;
const UNIFORM_STRIDE = 256;
const INF_BITS = 0x7f800000;
const NAN_BITS = 0x7fc00000;
const pow2floor = (x) => 2 ** Math.floor(Math.log2(x));
/** Buffers for reuse, by usage and power-of-two size class. */
class BufferPool {
    device;
    free = new Map();
    bytes = 0;
    constructor(device) {
        this.device = device;
    }
    acquire(size, usage) {
        const cls = Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(1, size))));
        const key = `${usage}:${cls}`;
        const list = this.free.get(key);
        const hit = list?.pop();
        if (hit) {
            this.bytes -= cls;
            return hit;
        }
        return this.device.createBuffer({ size: cls, usage, label: 'lazykernel pooled' });
    }
    release(buffer, usage) {
        const key = `${usage}:${buffer.size}`;
        if (this.bytes + buffer.size > POOL_LIMIT_BYTES) {
            buffer.destroy();
            return;
        }
        let list = this.free.get(key);
        if (!list)
            this.free.set(key, (list = []));
        list.push(buffer);
        this.bytes += buffer.size;
    }
    clear() {
        for (const list of this.free.values())
            for (const b of list)
                b.destroy();
        this.free.clear();
        this.bytes = 0;
    }
}
/** Copies of input tensors on the GPU, by tensor id, version and segment size. */
class GpuInputCache {
    device;
    budget;
    entries = new Map();
    bytes = 0;
    finalizer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((id) => this.evictTensor(id)) : null;
    watched = new WeakSet();
    constructor(device, budget) {
        this.device = device;
        this.budget = budget;
    }
    get cachedBytes() {
        return this.bytes;
    }
    /** The variable's data as segments of `segRows` rows each; pinned until `unpin`. */
    acquire(v, segRows, uploads) {
        const rows = v.data.length / v.dim;
        const bytes = Math.max(1, rows) * v.dim * 4;
        const key = `${v.id}:${v.version}:${segRows}`;
        let entry = v.owner !== undefined && bytes <= this.budget ? this.entries.get(key) : undefined;
        if (entry) {
            this.entries.delete(key);
            this.entries.set(key, entry);
        }
        else {
            const segments = this.upload(v, segRows);
            uploads.count++;
            entry = { key, id: v.id, segments, bytes, pins: 0 };
            if (v.owner !== undefined && bytes <= this.budget) {
                this.evictTensor(v.id);
                this.makeRoom(bytes);
                this.entries.set(key, entry);
                this.bytes += bytes;
                if (this.finalizer && !this.watched.has(v.owner)) {
                    this.watched.add(v.owner);
                    this.finalizer.register(v.owner, v.id);
                }
            }
            else {
                entry = { ...entry, key: '' }; // not cached: destroyed on unpin
            }
        }
        entry.pins++;
        return entry;
    }
    unpin(entry) {
        entry.pins--;
        if (entry.key === '' && entry.pins === 0)
            for (const b of entry.segments)
                b.destroy();
    }
    clear() {
        for (const e of [...this.entries.values()])
            if (e.pins === 0)
                this.drop(e);
    }
    upload(v, segRows) {
        const data = v.data instanceof Float32Array ? v.data : Float32Array.from(v.data);
        const rows = data.length / v.dim;
        const segments = [];
        for (let r0 = 0; r0 < Math.max(1, rows); r0 += segRows) {
            const n = Math.min(segRows, rows - r0);
            const size = Math.max(16, Math.ceil((n * v.dim * 4) / 4) * 4);
            const buffer = this.device.createBuffer({ size, usage: BUFFER_USAGE.STORAGE | BUFFER_USAGE.COPY_DST, label: `lazykernel input ${v.id}` });
            if (n > 0)
                this.device.queue.writeBuffer(buffer, 0, data, r0 * v.dim, n * v.dim);
            segments.push(buffer);
        }
        return segments;
    }
    evictTensor(id) {
        for (const e of [...this.entries.values()])
            if (e.id === id && e.pins === 0)
                this.drop(e);
    }
    makeRoom(bytes) {
        for (const e of [...this.entries.values()]) {
            if (this.bytes + bytes <= this.budget)
                return;
            if (e.pins === 0)
                this.drop(e);
        }
    }
    drop(e) {
        this.entries.delete(e.key);
        this.bytes -= e.bytes;
        for (const b of e.segments)
            b.destroy();
    }
}
export class WebGpuEngine {
    device;
    adapter;
    options;
    stats = { reductions: 0, dispatches: 0, uploads: 0, pipelinesCompiled: 0 };
    pipelines = new Map();
    pool;
    inputs;
    lostReason = null;
    destroyed = false;
    tail = Promise.resolve();
    /**
     * Serialises the parts that open device error scopes (a stack per device, so concurrent
     * reductions would pop each other's) and use the pooled buffers; resolves to the release.
     */
    lock() {
        let release;
        const next = new Promise((r) => (release = r));
        const ready = this.tail.then(() => release);
        this.tail = next;
        return ready;
    }
    constructor(device, adapter, options) {
        this.device = device;
        this.adapter = adapter;
        this.options = options;
        this.pool = new BufferPool(device);
        this.inputs = new GpuInputCache(device, options.cacheBytes ?? 256 * 2 ** 20);
        device.lost.then((info) => {
            if (!this.destroyed)
                this.lostReason = `${info.message || 'no message'}${info.reason ? ` (${info.reason})` : ''}`;
        }, () => { });
    }
    /** A device on `adapter` (from requestGpuAdapter) with the adapter's largest buffer limits. */
    static async create(adapter, description, options = {}) {
        const l = adapter.limits;
        const requiredLimits = {
            maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
            maxBufferSize: l.maxBufferSize,
            maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
            maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
        };
        let device;
        try {
            device = await adapter.requestDevice({ label: 'lazykernel', requiredLimits });
        }
        catch {
            device = await adapter.requestDevice({ label: 'lazykernel' });
        }
        return new WebGpuEngine(device, description, options);
    }
    /** Why the engine cannot run anything any more (lost device), or null. */
    get lost() {
        return this.lostReason;
    }
    get cachedInputBytes() {
        return this.inputs.cachedBytes;
    }
    destroy() {
        this.destroyed = true;
        this.inputs.clear();
        this.pool.clear();
        this.device.destroy();
    }
    /** Frees cached inputs and pooled buffers (the device stays). */
    clear() {
        this.inputs.clear();
        this.pool.clear();
    }
    /** The compiled kernel for a request (cached); GpuFallback when it cannot be made. */
    async pipelineFor(spec) {
        const key = kernelKey(spec);
        let p = this.pipelines.get(key);
        if (p) {
            this.pipelines.delete(key);
            this.pipelines.set(key, p);
            return p;
        }
        p = this.compile(spec);
        this.pipelines.set(key, p);
        if (this.pipelines.size > PIPELINE_CACHE_LIMIT)
            this.pipelines.delete(this.pipelines.keys().next().value);
        return p;
    }
    async compile(spec) {
        let kernel;
        try {
            kernel = generateKernel(spec);
        }
        catch (e) {
            throw new GpuFallback(`the formula could not be translated to WGSL: ${e.message}`);
        }
        const limits = this.device.limits;
        if (kernel.sharedWords * 4 > limits.maxComputeWorkgroupStorageSize) {
            throw new GpuFallback(`the formula stages ${kernel.sharedWords / WORKGROUP} j-values per column, ${kernel.sharedWords * 4} bytes of workgroup memory, above the device's ${limits.maxComputeWorkgroupStorageSize}`);
        }
        const storageBindings = 2 + (kernel.taskBinding >= 0 ? 1 : 0) + kernel.varBindings.length;
        if (storageBindings > limits.maxStorageBuffersPerShaderStage) {
            throw new GpuFallback(`the formula needs ${storageBindings} storage buffers, above the device's maxStorageBuffersPerShaderStage (${limits.maxStorageBuffersPerShaderStage})`);
        }
        if (kernel.privateWords > 65536) {
            throw new GpuFallback(`K-min keeps ${kernel.privateWords} values per row, too many for per-invocation arrays`);
        }
        const device = this.device;
        // Error scopes are one stack per device: compile and run hold the lock while theirs is open.
        const unlock = await this.lock();
        let module = null;
        let failure = null;
        let pipeline = null;
        let scopeError = null;
        try {
            device.pushErrorScope('validation');
            try {
                module = device.createShaderModule({ code: kernel.code, label: 'lazykernel reduction' });
                pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: 'lazykernel reduction' });
            }
            catch (e) {
                failure = e;
            }
            scopeError = await device.popErrorScope().catch(() => null);
        }
        finally {
            unlock();
        }
        if (failure || scopeError || !pipeline) {
            let detail = scopeError?.message ?? failure?.message ?? 'no pipeline';
            try {
                const info = await module?.getCompilationInfo?.();
                const errors = info?.messages.filter((m) => m.type === 'error') ?? [];
                if (errors.length)
                    detail = errors.map((m) => `${m.lineNum ?? '?'}:${m.linePos ?? '?'} ${m.message}`).join('; ');
            }
            catch {
                // the compilation messages are optional
            }
            throw new GpuFallback(`the WGSL kernel failed to compile: ${detail.slice(0, 2000)}`);
        }
        this.stats.pipelinesCompiled++;
        return { kernel, pipeline };
    }
    async reduce(request) {
        if (this.lostReason)
            throw new GpuFallback(`the WebGPU device was lost: ${this.lostReason}`);
        if (request.dtype !== 'float32')
            throw new GpuFallback('WGSL has no float64: float64 reductions run on wasm');
        if (request.signal?.aborted)
            throw new AbortError('the reduction was aborted before it started');
        const { tape, nRows, nCols, reduction, k, wantValues, wantIndices } = request;
        const sparse = request.ranges !== undefined || request.batchRanges !== undefined;
        const spec = {
            tape, reduction, k, sparse, wantValues, wantIndices,
            vars: request.vars.map((v) => ({ dim: v.dim, category: v.category })),
            batched: this.gridApplies(request),
        };
        let { kernel, pipeline } = await this.pipelineFor(spec);
        // A batch's rows that do not fit one binding: the batches one after another instead.
        if (spec.batched && nRows * (kernel.outWidth * ((wantValues ? 1 : 0) + (wantIndices ? 1 : 0)) + kernel.stateWords) * 4 > this.bindingBytes()) {
            ({ kernel, pipeline } = await this.pipelineFor({ ...spec, batched: false }));
        }
        const W = kernel.outWidth;
        if (W !== request.outWidth)
            throw new GpuFallback(`internal: the kernel writes ${W} values per row, the request expects ${request.outWidth}`);
        const rowsOut = batchesOf(request) * nRows;
        const values = wantValues ? new Float32Array(rowsOut * W) : null;
        const indices = wantIndices ? new Int32Array(rowsOut * W) : null;
        if (rowsOut === 0)
            return { values, indices };
        this.stats.reductions++;
        try {
            const unlock = await this.lock();
            let held = true;
            const release = () => {
                if (held)
                    unlock();
                held = false;
            };
            try {
                await this.run(request, kernel, pipeline, values, indices, release);
            }
            finally {
                release();
            }
        }
        catch (e) {
            if (e instanceof AbortError || e instanceof GpuFallback)
                throw e;
            if (this.lostReason)
                throw new GpuFallback(`the WebGPU device was lost: ${this.lostReason}`);
            throw new GpuFallback(`the WebGPU reduction failed: ${e?.message ?? String(e)}`);
        }
        return { values, indices };
    }
    /**
     * Whether a batched request runs with the batch in the dispatch grid: shared ranges or none
     * (per-batch ranges have a task table per batch), every variable whole in one binding (all
     * its slices; the batch table gives each batch's offset), a batch's rows in one dispatch.
     */
    gridApplies(request) {
        if (batchesOf(request) <= 1 || request.batchRanges)
            return false;
        if (request.nRows > Math.min(65535, this.device.limits.maxComputeWorkgroupsPerDimension) * WORKGROUP)
            return false;
        // Whole in one buffer segment of the input cache (segmentRows' rows).
        return request.vars.every((v) => v.category === 'p' || v.data.length / v.dim <= pow2floor(this.bindingBytes() / (v.dim * 4)));
    }
    /** Largest bytes of one binding (and one buffer). */
    bindingBytes() {
        const l = this.device.limits;
        return Math.min(l.maxStorageBufferBindingSize, l.maxBufferSize, this.options.maxBindingBytes ?? Infinity);
    }
    /** Rows per buffer segment of a variable of dimension `dim`. */
    segmentRows(dim) {
        const rows = pow2floor(this.bindingBytes() / (dim * 4));
        if (rows < WORKGROUP)
            throw new GpuFallback(`a variable of dimension ${dim} does not fit ${WORKGROUP} rows in one storage binding (${this.bindingBytes()} bytes)`);
        return rows;
    }
    /**
     * Encodes, submits and reads back one reduction. `unlock` releases the engine's lock once the
     * work is submitted and the error scopes are popped: the read-back then waits outside it, so
     * that concurrent reductions overlap their waits (Deno completes a mapAsync only every 10 ms;
     * its buffers stay out of the pool until it is done).
     */
    async run(request, kernel, pipeline, values, indices, unlock) {
        const device = this.device;
        const { nRows, nCols, tape, signal } = request;
        const W = kernel.outWidth;
        const Wv = values ? W : 0;
        const Wi = indices ? W : 0;
        const release = [];
        const pooled = (size, usage) => {
            const b = this.pool.acquire(size, usage);
            release.push(() => this.pool.release(b, usage));
            return b;
        };
        const STORAGE_IN = BUFFER_USAGE.STORAGE | BUFFER_USAGE.COPY_DST;
        const ROWS = BUFFER_USAGE.STORAGE | BUFFER_USAGE.COPY_SRC;
        const READBACK = BUFFER_USAGE.MAP_READ | BUFFER_USAGE.COPY_DST;
        const UNIFORM = BUFFER_USAGE.UNIFORM | BUFFER_USAGE.COPY_DST;
        device.pushErrorScope('out-of-memory');
        device.pushErrorScope('validation');
        let scopes = 2;
        const popScopes = async () => {
            let message = null;
            while (scopes > 0) {
                scopes--;
                const e = await device.popErrorScope().catch(() => null);
                if (e && !message)
                    message = e.message;
            }
            return message;
        };
        try {
            const paramsOf = (p) => {
                const words = new Uint32Array(PARAM_WORDS);
                words[PARAM.infBits] = INF_BITS;
                words[PARAM.nanBits] = NAN_BITS;
                for (const [name, value] of Object.entries(p))
                    words[PARAM[name]] = value;
                return words;
            };
            const dispatches = [];
            // Row chunks: [rowStart, rows, rows buffer, readback buffer, the output row it starts at].
            const chunks = [];
            // The dispatches of one batch (of the whole request when it is not batched): its slices
            // of the inputs, its parameters and ranges, its block of output rows from `outRow`.
            const addBatch = (request, outRow) => {
                // The small buffer: constants, then parameter variables.
                const small = new Float32Array(kernel.smallWords);
                small.set(tape.consts.subarray(0, kernel.constCount));
                request.vars.forEach((v, slot) => {
                    const at = kernel.paramOffsets[slot];
                    if (at >= 0)
                        small.set(v.data.subarray(0, v.dim), at);
                });
                const smallBuffer = pooled(small.byteLength, STORAGE_IN);
                device.queue.writeBuffer(smallBuffer, 0, small);
                // Inputs, as segments that one binding can hold.
                const seg = new Map();
                const inputs = new Map();
                const uploads = { count: 0 };
                for (const b of kernel.varBindings) {
                    const v = request.vars[b.slot];
                    const segRows = this.segmentRows(v.dim);
                    seg.set(b.slot, segRows);
                    const entry = this.inputs.acquire(v, segRows, uploads);
                    release.push(() => this.inputs.unpin(entry));
                    inputs.set(b.slot, { entry, dim: v.dim });
                }
                this.stats.uploads += uploads.count;
                const workPerPair = tape.nInstr + 2;
                const bindMax = this.bindingBytes();
                const maxGroups = Math.min(65535, device.limits.maxComputeWorkgroupsPerDimension);
                const iBind = kernel.varBindings.filter((b) => b.category === 'i');
                const jBind = kernel.varBindings.filter((b) => b.category === 'j');
                const table = request.ranges ? sparseTasks(request.ranges, nRows) : null;
                // Rows: chunks of a power of two (so that no chunk straddles two buffers of a variable),
                // within the dispatch limit and one binding; block-sparse tasks take all rows at once.
                let rowChunk;
                if (table) {
                    for (const b of iBind) {
                        const v = request.vars[b.slot];
                        if (v.data.length / v.dim > seg.get(b.slot))
                            throw new GpuFallback(`block-sparse reductions bind i-variables whole; ${v.data.length * 4} bytes exceed one storage binding (${bindMax})`);
                    }
                    rowChunk = nRows;
                }
                else {
                    const rowWords = Wv + Wi + kernel.stateWords;
                    rowChunk = Math.min(pow2floor(maxGroups * WORKGROUP), pow2floor(bindMax / (Math.max(1, rowWords) * 4)), ...iBind.map((b) => seg.get(b.slot)));
                    if (rowChunk < WORKGROUP)
                        throw new GpuFallback(`an output row needs ${rowWords * 4} bytes, too many for ${WORKGROUP} rows in one binding`);
                }
                // Columns: windows of bounded work, within one buffer of every j-variable, and with fewer
                // loop iterations per invocation than llvmpipe allows.
                const rowsPerDispatch = Math.min(rowChunk, nRows);
                const workBudget = this.options.workPerDispatch ?? WORK_PER_DISPATCH;
                const loopBudget = LOOP_BUDGET - 3 * kernel.privateWords - (table?.maxIntervals ?? 0);
                if (loopBudget < 4 * WORKGROUP)
                    throw new GpuFallback(`the kernel would exceed the loop iterations some drivers allow per invocation (K-min lists of ${kernel.privateWords / 2} values, ${table?.maxIntervals ?? 0} intervals per cluster)`);
                const loopCap = pow2floor(loopBudget / (1 + 1 / WORKGROUP + kernel.loopItersPerColumn));
                const colWindow = Math.max(WORKGROUP, Math.min(pow2floor(Math.max(1, workBudget / (rowsPerDispatch * workPerPair))), loopCap, ...jBind.map((b) => seg.get(b.slot))));
                const windows = Math.max(1, Math.ceil(nCols / colWindow));
                const stateWords = windows > 1 ? kernel.stateWords : 0;
                if (table && nRows * (Wv + Wi + stateWords) * 4 > bindMax) {
                    throw new GpuFallback(`block-sparse reductions write all rows in one binding; ${nRows * (Wv + Wi + stateWords) * 4} bytes exceed ${bindMax}`);
                }
                const taskBuffer = table ? pooled(table.words.byteLength, STORAGE_IN) : null;
                if (table)
                    device.queue.writeBuffer(taskBuffer, 0, table.words);
                for (let rowStart = 0; rowStart < nRows; rowStart += rowChunk) {
                    const rows = Math.min(rowChunk, nRows - rowStart);
                    const outBytes = rows * (Wv + Wi) * 4;
                    const rowsBytes = Math.max(16, rows * (Wv + Wi + stateWords) * 4);
                    const rowsBuffer = pooled(rowsBytes, ROWS);
                    const readback = pooled(Math.max(16, outBytes), READBACK);
                    chunks.push({ rowStart, rows, rowsBuffer, readback, bytes: outBytes, outRow: outRow + rowStart });
                    const iEntries = iBind.map((b) => {
                        const { entry, dim } = inputs.get(b.slot);
                        const segRows = seg.get(b.slot);
                        const buffer = entry.segments[Math.floor(rowStart / segRows)];
                        return { binding: b.binding, resource: { buffer, offset: (rowStart % segRows) * dim * 4, size: Math.max(4, rows * dim * 4) } };
                    });
                    for (let c = 0; c < windows; c++) {
                        const colStart = c * colWindow;
                        const colEnd = Math.min(nCols, colStart + colWindow);
                        const jEntries = jBind.map((b) => {
                            const { entry, dim } = inputs.get(b.slot);
                            const segRows = seg.get(b.slot);
                            const buffer = entry.segments[Math.floor(colStart / segRows)];
                            const offset = (colStart % segRows) * dim * 4;
                            return { binding: b.binding, resource: { buffer, offset, size: Math.min(buffer.size - offset, Math.max(16, (colEnd - colStart) * dim * 4)) } };
                        });
                        const common = {
                            nRows: rows, colStart, colEnd, colBase: colStart, first: c === 0 ? 1 : 0, last: c === windows - 1 ? 1 : 0,
                            outOff: 0, idxOff: rows * Wv, stateOff: rows * (Wv + Wi),
                        };
                        if (!table) {
                            dispatches.push({
                                params: paramsOf(common), small: smallBuffer, smallBytes: small.byteLength, rowsBuffer, rowsBytes, vars: [...iEntries, ...jEntries], extra: [],
                                groups: Math.ceil(rows / WORKGROUP), work: rows * (colEnd - colStart) * workPerPair,
                            });
                            continue;
                        }
                        for (let taskBase = 0; taskBase < table.nTasks; taskBase += maxGroups) {
                            const groups = Math.min(maxGroups, table.nTasks - taskBase);
                            dispatches.push({
                                params: paramsOf({ ...common, taskBase, intervalsOff: table.intervalsOff }),
                                small: smallBuffer, smallBytes: small.byteLength, rowsBuffer, rowsBytes, vars: [...iEntries, ...jEntries], extra: [{ binding: kernel.taskBinding, resource: { buffer: taskBuffer } }],
                                groups, work: (groups / table.nTasks) * table.pairs * ((colEnd - colStart) / Math.max(1, nCols)) * workPerPair,
                            });
                        }
                    }
                }
            };
            // A batched kernel: the batches are the grid's y axis. Each variable is bound whole (all
            // its slices, cached like any input) and read at its batch's offset from the batch table;
            // each batch's parameters are its block of the small buffer.
            const addGrid = () => {
                const B = batchesOf(request);
                const sw = kernel.smallWords;
                const small = new Float32Array(B * sw);
                for (let b = 0; b < B; b++) {
                    small.set(tape.consts.subarray(0, kernel.constCount), b * sw);
                    request.vars.forEach((v, slot) => {
                        const at = kernel.paramOffsets[slot];
                        const s = (v.slices ? v.slices[b] : 0) * v.dim;
                        if (at >= 0)
                            small.set(v.data.subarray(s, s + v.dim), b * sw + at);
                    });
                }
                const smallBuffer = pooled(small.byteLength, STORAGE_IN);
                device.queue.writeBuffer(smallBuffer, 0, small);
                const nb = kernel.varBindings.length;
                const table = new Uint32Array(Math.max(1, B * nb));
                const uploads = { count: 0 };
                const vars = kernel.varBindings.map((bind, q) => {
                    const v = request.vars[bind.slot];
                    const entry = this.inputs.acquire(v, this.segmentRows(v.dim), uploads);
                    release.push(() => this.inputs.unpin(entry));
                    const sliceWords = sliceRows(v, nRows, nCols) * v.dim;
                    for (let b = 0; b < B; b++)
                        table[b * nb + q] = (v.slices ? v.slices[b] : 0) * sliceWords;
                    const buffer = entry.segments[0];
                    return { binding: bind.binding, resource: { buffer, offset: 0, size: buffer.size } };
                });
                this.stats.uploads += uploads.count;
                const tableBuffer = pooled(table.byteLength, STORAGE_IN);
                device.queue.writeBuffer(tableBuffer, 0, table);
                const tasks = request.ranges ? sparseTasks(request.ranges, nRows) : null;
                const taskBuffer = tasks ? pooled(tasks.words.byteLength, STORAGE_IN) : null;
                if (tasks)
                    device.queue.writeBuffer(taskBuffer, 0, tasks.words);
                const extra = [
                    { binding: kernel.batchBinding, resource: { buffer: tableBuffer } },
                    ...(tasks ? [{ binding: kernel.taskBinding, resource: { buffer: taskBuffer } }] : []),
                ];
                // Columns in windows as for one batch; then as many batches per dispatch as the work
                // budget, the grid's y limit and one binding of rows allow.
                const workPerPair = tape.nInstr + 2;
                const bindMax = this.bindingBytes();
                const maxGroups = Math.min(65535, device.limits.maxComputeWorkgroupsPerDimension);
                const workBudget = this.options.workPerDispatch ?? WORK_PER_DISPATCH;
                const loopBudget = LOOP_BUDGET - 3 * kernel.privateWords - (tasks?.maxIntervals ?? 0);
                if (loopBudget < 4 * WORKGROUP)
                    throw new GpuFallback(`the kernel would exceed the loop iterations some drivers allow per invocation (K-min lists of ${kernel.privateWords / 2} values, ${tasks?.maxIntervals ?? 0} intervals per cluster)`);
                const loopCap = pow2floor(loopBudget / (1 + 1 / WORKGROUP + kernel.loopItersPerColumn));
                const colWindow = Math.max(WORKGROUP, Math.min(pow2floor(Math.max(1, workBudget / (Math.max(1, nRows) * workPerPair))), loopCap));
                const windows = Math.max(1, Math.ceil(nCols / colWindow));
                const stateWords = windows > 1 ? kernel.stateWords : 0;
                const rowWords = Wv + Wi + stateWords;
                const perDispatch = Math.floor(workBudget / Math.max(1, nRows * Math.min(nCols, colWindow) * workPerPair));
                const batchChunk = Math.max(1, Math.min(B, maxGroups, perDispatch, Math.floor(bindMax / Math.max(16, nRows * rowWords * 4))));
                for (let b0 = 0; b0 < B; b0 += batchChunk) {
                    const nBatches = Math.min(batchChunk, B - b0);
                    const rows = nBatches * nRows;
                    const outBytes = rows * (Wv + Wi) * 4;
                    const rowsBytes = Math.max(16, rows * rowWords * 4);
                    const rowsBuffer = pooled(rowsBytes, ROWS);
                    const readback = pooled(Math.max(16, outBytes), READBACK);
                    chunks.push({ rowStart: 0, rows, rowsBuffer, readback, bytes: outBytes, outRow: b0 * nRows });
                    for (let c = 0; c < windows; c++) {
                        const colStart = c * colWindow;
                        const colEnd = Math.min(nCols, colStart + colWindow);
                        const common = {
                            nRows, colStart, colEnd, colBase: 0, first: c === 0 ? 1 : 0, last: c === windows - 1 ? 1 : 0,
                            outOff: 0, idxOff: rows * Wv, stateOff: rows * (Wv + Wi), batchBase: b0, batchRows: nRows,
                        };
                        const base = { small: smallBuffer, smallBytes: small.byteLength, rowsBuffer, rowsBytes, vars, extra, groupsY: nBatches };
                        if (!tasks) {
                            dispatches.push({ ...base, params: paramsOf(common), groups: Math.ceil(nRows / WORKGROUP), work: rows * (colEnd - colStart) * workPerPair });
                            continue;
                        }
                        for (let taskBase = 0; taskBase < tasks.nTasks; taskBase += maxGroups) {
                            const groups = Math.min(maxGroups, tasks.nTasks - taskBase);
                            dispatches.push({
                                ...base, params: paramsOf({ ...common, taskBase, intervalsOff: tasks.intervalsOff }), groups,
                                work: nBatches * (groups / tasks.nTasks) * tasks.pairs * ((colEnd - colStart) / Math.max(1, nCols)) * workPerPair,
                            });
                        }
                    }
                }
            };
            const B = batchesOf(request);
            if (kernel.batchBinding >= 0)
                addGrid();
            else
                for (let b = 0; b < B; b++)
                    addBatch(B === 1 && !request.batchRanges ? request : batchRequest(request, b), b * nRows);
            // Parameters of every dispatch in one uniform buffer, 256-byte slots.
            const stride = Math.max(UNIFORM_STRIDE, device.limits.minUniformBufferOffsetAlignment);
            const uniforms = new Uint32Array((dispatches.length * stride) / 4);
            dispatches.forEach((d, n) => uniforms.set(d.params, (n * stride) / 4));
            const uniformBuffer = pooled(uniforms.byteLength, UNIFORM);
            device.queue.writeBuffer(uniformBuffer, 0, uniforms);
            const layout = pipeline.getBindGroupLayout(0);
            let encoder = device.createCommandEncoder({ label: 'lazykernel' });
            let pass = encoder.beginComputePass();
            pass.setPipeline(pipeline);
            let pending = 0;
            const submit = () => {
                pass.end();
                device.queue.submit([encoder.finish()]);
            };
            for (let n = 0; n < dispatches.length; n++) {
                const d = dispatches[n];
                const group = device.createBindGroup({
                    layout,
                    entries: [
                        { binding: 0, resource: { buffer: uniformBuffer, offset: n * stride, size: PARAM_WORDS * 4 } },
                        { binding: 1, resource: { buffer: d.small, offset: 0, size: d.smallBytes } },
                        { binding: 2, resource: { buffer: d.rowsBuffer, offset: 0, size: d.rowsBytes } },
                        ...d.extra,
                        ...d.vars,
                    ],
                });
                pass.setBindGroup(0, group);
                pass.dispatchWorkgroups(d.groups, d.groupsY ?? 1);
                this.stats.dispatches++;
                pending += d.work;
                if (signal && pending >= WORK_PER_SUBMIT && n + 1 < dispatches.length) {
                    submit();
                    pending = 0;
                    await device.queue.onSubmittedWorkDone();
                    if (signal.aborted)
                        throw new AbortError('the reduction was aborted');
                    encoder = device.createCommandEncoder({ label: 'lazykernel' });
                    pass = encoder.beginComputePass();
                    pass.setPipeline(pipeline);
                }
            }
            pass.end();
            for (const c of chunks)
                if (c.bytes > 0)
                    encoder.copyBufferToBuffer(c.rowsBuffer, 0, c.readback, 0, c.bytes);
            device.queue.submit([encoder.finish()]);
            const error = await popScopes();
            if (error)
                throw new GpuFallback(`WebGPU reported an error: ${error}`);
            unlock();
            await Promise.all(chunks.map((c) => (c.bytes > 0 ? c.readback.mapAsync(MAP_MODE.READ, 0, c.bytes) : Promise.resolve())));
            for (const c of chunks) {
                if (c.bytes === 0)
                    continue;
                const mapped = c.readback.getMappedRange(0, c.bytes);
                if (values)
                    values.set(new Float32Array(mapped, 0, c.rows * Wv), c.outRow * W);
                if (indices)
                    indices.set(new Int32Array(mapped, c.rows * Wv * 4, c.rows * Wi), c.outRow * W);
                c.readback.unmap();
            }
            if (signal?.aborted)
                throw new AbortError('the reduction was aborted');
        }
        finally {
            if (scopes > 0)
                await popScopes();
            for (const r of release)
                r();
        }
    }
}
/**
 * The task table of a block-sparse reduction: [r0, r1, s0, s1] per workgroup (at most
 * WORKGROUP rows of one cluster, and the cluster's column intervals sorted by start), then the
 * intervals [c0, c1). Rows of no cluster get tasks without intervals (the identity).
 */
export function sparseTasks(ranges, nRows) {
    const tasks = [];
    const intervals = [];
    const { clusters } = ranges;
    let pairs = 0;
    let maxIntervals = 0;
    for (let c = 0; c < clusters.length / 4; c++) {
        const [r0, r1, s0, s1] = [clusters[4 * c], clusters[4 * c + 1], clusters[4 * c + 2], clusters[4 * c + 3]];
        if (r1 <= r0)
            continue;
        const spans = [];
        for (let s = s0; s < s1; s++) {
            const c0 = ranges.intervals[2 * s];
            const c1 = ranges.intervals[2 * s + 1];
            if (c1 > c0)
                spans.push([c0, c1]);
        }
        spans.sort((a, b) => a[0] - b[0]);
        const first = intervals.length / 2;
        for (const [c0, c1] of spans) {
            intervals.push(c0, c1);
            pairs += (c1 - c0) * (r1 - r0);
        }
        const last = intervals.length / 2;
        maxIntervals = Math.max(maxIntervals, last - first);
        for (let r = r0; r < r1; r += WORKGROUP)
            tasks.push(r, Math.min(r1, r + WORKGROUP), first, last);
    }
    for (const [r0, r1] of ranges.emptyRows) {
        for (let r = r0; r < r1; r += WORKGROUP)
            tasks.push(r, Math.min(r1, r + WORKGROUP), 0, 0);
    }
    const nTasks = tasks.length / 4;
    const words = new Uint32Array(Math.max(4, tasks.length + intervals.length));
    words.set(tasks);
    words.set(intervals, tasks.length);
    void nRows;
    return { words, nTasks, intervalsOff: tasks.length, pairs, maxIntervals };
}
