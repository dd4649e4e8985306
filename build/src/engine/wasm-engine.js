import { PLAN, RED, TILE } from '../tape/opcodes.js';
import { AbortError, BackendError } from '../errors.js';
import { Heap } from './heap.js';
import { loadWasmModule } from './wasm-loader.js';
/** Work (pairs x instructions) between two checks of the AbortSignal. */
const WORK_PER_CHUNK = 4e7;
/** Resolves on the next macrotask, so a pending abort() can run. */
function yieldToEventLoop() {
    return new Promise((resolve) => setTimeout(resolve, 0));
}
/**
 * The WebAssembly backend on the calling thread: copies the inputs into wasm memory (j-variables
 * transposed to structure-of-arrays and padded to whole tiles), writes the plan record and runs
 * the interpreter over chunks of rows.
 */
export class WasmEngine {
    exports;
    heap;
    constructor(exports, heap) {
        this.exports = exports;
        this.heap = heap;
    }
    /** Instantiates the module (compiled from the shipped .wasm unless one is given). */
    static async create(source) {
        const module = await loadWasmModule(source);
        const memory = new WebAssembly.Memory({ initial: 32 });
        const instance = await WebAssembly.instantiate(module, {
            env: {
                memory,
                abort: (_msg, _file, line, col) => {
                    throw new BackendError(`wasm engine aborted at ${line}:${col}`);
                },
            },
        });
        const exports = instance.exports;
        if (exports.tileLanes() !== TILE)
            throw new BackendError(`wasm module tile size ${exports.tileLanes()} differs from the host's ${TILE}: rebuild`);
        return new WasmEngine(exports, new Heap(memory));
    }
    async reduce(request) {
        const { tape, dtype, nRows, nCols, outWidth, signal } = request;
        if (signal?.aborted)
            throw new AbortError('the reduction was aborted before it started');
        const esz = dtype === 'float32' ? 4 : 8;
        const heap = this.heap;
        const blocks = [];
        const alloc = (bytes) => {
            const at = heap.allocate(bytes);
            blocks.push([at, bytes]);
            return at;
        };
        try {
            const paddedCols = Math.ceil(nCols / TILE) * TILE;
            const tapePtr = alloc(tape.code.byteLength);
            const constPtr = alloc(tape.consts.byteLength);
            const varTablePtr = alloc(12 * request.vars.length);
            const varPtrs = request.vars.map((v) => alloc(this.varBytes(v, nRows, paddedCols, esz)));
            const outPtr = request.wantValues ? alloc(nRows * outWidth * esz) : 0;
            const idxPtr = request.wantIndices ? alloc(nRows * outWidth * 4) : 0;
            const kind = RED[request.reduction];
            const auxDim = tape.aux?.dim ?? 0;
            const accOffset = tape.registerBytes;
            const scratchBytes = accOffset + this.exports.scratchTailBytes(kind, tape.outDim, auxDim, request.k);
            const scratchPtr = alloc(scratchBytes);
            const planPtr = alloc(PLAN.WORDS * 4);
            // Every allocation is done: views made now stay valid (memory no longer grows).
            const buffer = heap.memory.buffer;
            new Int32Array(buffer, tapePtr, tape.code.length).set(tape.code);
            new Float64Array(buffer, constPtr, tape.consts.length).set(tape.consts);
            const table = new Int32Array(buffer, varTablePtr, 3 * request.vars.length);
            request.vars.forEach((v, s) => {
                this.writeVar(buffer, varPtrs[s], v, paddedCols, dtype);
                table.set([varPtrs[s], v.dim, v.category === 'j' ? paddedCols : v.dim], 3 * s);
            });
            const plan = new Int32Array(buffer, planPtr, PLAN.WORDS);
            plan[PLAN.dtype] = esz === 4 ? 0 : 1;
            plan[PLAN.tapePtr] = tapePtr;
            plan[PLAN.nInstr] = tape.nInstr;
            plan[PLAN.pEnd] = tape.pEnd;
            plan[PLAN.jEnd] = tape.jEnd;
            plan[PLAN.iEnd] = tape.iEnd;
            plan[PLAN.nRows] = nRows;
            plan[PLAN.nCols] = nCols;
            plan[PLAN.reduction] = kind;
            plan[PLAN.resultReg] = tape.result.offset;
            plan[PLAN.resultFlags] = tape.result.uniform ? 1 : 0;
            plan[PLAN.resultDim] = tape.outDim;
            plan[PLAN.resultBroadcast] = tape.result.dim < tape.outDim ? 1 : 0;
            const factor = tape.factor;
            plan[PLAN.factorReg] = factor?.offset ?? 0;
            plan[PLAN.factorFlags] = factor ? 4 | (factor.uniform ? 1 : 0) | (factor.dim < tape.outDim ? 2 : 0) : 0;
            plan[PLAN.auxReg] = tape.aux?.offset ?? 0;
            plan[PLAN.auxFlags] = tape.aux?.uniform ? 1 : 0;
            plan[PLAN.auxDim] = auxDim;
            plan[PLAN.k] = request.k;
            plan[PLAN.outPtr] = outPtr;
            plan[PLAN.outIdxPtr] = idxPtr;
            plan[PLAN.varTablePtr] = varTablePtr;
            plan[PLAN.constPtr] = constPtr;
            plan[PLAN.accOffset] = accOffset;
            const work = Math.max(1, nCols * Math.max(1, tape.nInstr));
            const chunkRows = signal ? Math.max(32, Math.floor(WORK_PER_CHUNK / work / 32) * 32) : nRows;
            for (let start = 0; start < nRows; start += chunkRows) {
                this.exports.run(planPtr, start, Math.min(nRows, start + chunkRows), scratchPtr);
                if (signal && start + chunkRows < nRows) {
                    await yieldToEventLoop();
                    if (signal.aborted)
                        throw new AbortError('the reduction was aborted');
                }
            }
            const after = heap.memory.buffer;
            const values = outPtr ? (esz === 4 ? new Float32Array(after, outPtr, nRows * outWidth).slice() : new Float64Array(after, outPtr, nRows * outWidth).slice()) : null;
            const indices = idxPtr ? new Int32Array(after, idxPtr, nRows * outWidth).slice() : null;
            return { values, indices };
        }
        finally {
            for (const [at, bytes] of blocks)
                heap.free(at, bytes);
        }
    }
    varBytes(v, nRows, paddedCols, esz) {
        if (v.category === 'j')
            return v.dim * paddedCols * esz;
        if (v.category === 'i')
            return nRows * v.dim * esz;
        return v.dim * esz;
    }
    /** i-variables and parameters row-major; j-variables as [dim][paddedCols], zero-padded. */
    writeVar(buffer, at, v, paddedCols, dtype) {
        const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
        if (v.category !== 'j') {
            new Ctor(buffer, at, v.data.length).set(v.data);
            return;
        }
        const dst = new Ctor(buffer, at, v.dim * paddedCols);
        const rows = v.data.length / v.dim;
        const src = v.data;
        for (let k = 0; k < v.dim; k++) {
            const base = k * paddedCols;
            for (let r = 0; r < rows; r++)
                dst[base + r] = src[r * v.dim + k];
            dst.fill(0, base + rows, base + paddedCols);
        }
    }
}
