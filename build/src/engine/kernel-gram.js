import { tableBytes } from './task-table.js';
import { PLAN } from '../tape/opcodes.js';
import { Yielder } from '../abort.js';
/** Multiply-adds per call of gramAccumulate (about 20 ms): the event loop gets a turn between calls. */
const BLOCK_WORK = 1e8;
/** The module's code and the scale of r (r^2 for the Gaussian) of each kernel. */
function kernelCode(kernel, sigma) {
    switch (kernel) {
        case 'gaussian': return { kind: 0, scale: -1 / (2 * sigma * sigma) };
        case 'laplacian': return { kind: 1, scale: 1 / sigma };
        case 'matern32': return { kind: 2, scale: Math.sqrt(3) / sigma };
        case 'matern52': return { kind: 3, scale: Math.sqrt(5) / sigma };
    }
}
/** The record dtype that makes the interpreter's `run` a Gram chunk. */
const GRAM_DTYPE = 2;
/** Bytes of a Gram job's parameters, just before its record (assembly/dense/gram.ts). */
const GRAM_PARAMS_BYTES = 48;
/**
 * Whether `exports` has the dense kernels with the parameter layout this file writes (a module
 * built before them has not).
 */
export function hasKernelGram(exports) {
    const e = exports;
    return typeof e.gramKernelPanels === 'function' && typeof e.gramParamsBytes === 'function' && e.gramParamsBytes() === GRAM_PARAMS_BYTES;
}
/** Tile rows [0, tiles) cut into `parts` bands of about equal work (tile row P costs P + 1 tiles). */
function bands(tiles, parts) {
    const out = [];
    let from = 0;
    for (let k = 1; k <= parts && from < tiles; k++) {
        const to = k === parts ? tiles : Math.max(from + 1, Math.round(tiles * Math.sqrt(k / parts)));
        if (to > from)
            out.push({ rowStart: from, rowEnd: Math.min(to, tiles), colStart: 0, colEnd: 0 });
        from = Math.min(to, tiles);
    }
    return out;
}
/**
 * K_mn K_nm and K_mm for the points and centres of `spec`, in float64. Checks `signal`
 * between blocks of rows (an AbortError from `where`). Throws a MemoryLimitError when H and
 * the blocks' panels do not fit in the wasm heap.
 */
export async function kernelGram(run, where, spec, signal) {
    const { exports, heap, pool } = run;
    const { x, centres, d } = spec;
    const n = x.length / d;
    const m = centres.length / d;
    const mp = Math.ceil(m / 4) * 4;
    const tiles = mp / 4;
    const { kind, scale } = kernelCode(spec.kernel, spec.sigma);
    // Rows per block: about BLOCK_WORK multiply-adds, at least 16 (H's load and store per block
    // then cost under a tenth of its arithmetic) and at most 512 (the panels stay in cache).
    const rowsPerBlock = Math.min(n, Math.max(16, Math.min(512, Math.floor(BLOCK_WORK / (mp * mp / 2)))));
    const onPool = pool !== null && !pool.broken && rowsPerBlock * mp * mp / 2 >= run.poolThreshold;
    const pooledChunks = bands(tiles, onPool ? pool.size : 1);
    const hereChunks = bands(tiles, 1);
    run.stats.gram++;
    if (onPool)
        run.stats.gramPooled++;
    // One scratch (a block's panels) per worker and one for the calling thread, as runChunks lays them out.
    const nScratch = pool !== null ? pool.size + 1 : 1;
    const scratchBytes = Math.ceil(rowsPerBlock * mp * 8 / 16) * 16;
    const blocks = [];
    const alloc = (bytes) => {
        const at = heap.allocate(bytes);
        blocks.push([at, bytes]);
        return at;
    };
    try {
        const hPtr = alloc(mp * mp * 8);
        const cPtr = alloc(d * mp * 8);
        const xPtr = alloc(Math.max(rowsPerBlock, m) * d * 8);
        const kmmPtr = alloc(mp * m * 8);
        const scratchPtr = alloc(scratchBytes * nScratch);
        const recordPtr = alloc(GRAM_PARAMS_BYTES + PLAN.WORDS * 4) + GRAM_PARAMS_BYTES;
        const tablePtr = alloc(tableBytes(pooledChunks.length));
        // Views are made afresh after every await: another reduction may have grown the memory.
        const view = (ptr, length) => new Float64Array(heap.memory.buffer, ptr, length);
        view(hPtr, mp * mp).fill(0);
        const cView = view(cPtr, d * mp);
        cView.fill(0);
        for (let c = 0; c < m; c++)
            for (let k = 0; k < d; k++)
                cView[k * mp + c] = centres[c * d + k];
        // K_mm: the panels of the centres against themselves, read back in rows.
        view(xPtr, m * d).set(centres);
        exports.gramKernelPanels(kind, scale, xPtr, m, d, cPtr, m, mp, kmmPtr, tiles);
        const kmm = new Float64Array(m * m);
        {
            const panels = view(kmmPtr, mp * m);
            for (let a = 0; a < m; a++) {
                for (let c = 0; c < m; c++)
                    kmm[a * m + c] = panels[((c >> 2) * m + a) * 4 + (c & 3)];
            }
        }
        const params = () => new Int32Array(heap.memory.buffer, recordPtr - GRAM_PARAMS_BYTES, GRAM_PARAMS_BYTES / 4);
        const planWords = new Int32Array(heap.memory.buffer, recordPtr, PLAN.WORDS);
        planWords.fill(0);
        planWords[PLAN.dtype] = GRAM_DTYPE;
        params().set([kind, d, m, mp, xPtr, 0, cPtr, hPtr]);
        new Float64Array(heap.memory.buffer, recordPtr - GRAM_PARAMS_BYTES + 32, 1)[0] = scale;
        const yielder = new Yielder(where, signal);
        for (let start = 0; start < n; start += rowsPerBlock) {
            await yielder.tick();
            const rows = Math.min(rowsPerBlock, n - start);
            view(xPtr, rows * d).set(x.subarray(start * d, (start + rows) * d));
            params()[5] = rows;
            // A pool that has given up starting its workers since leaves the rest to the calling thread.
            const pooled = onPool && !pool.broken;
            await run.runChunks(recordPtr, tablePtr, pooled ? pooledChunks : hereChunks, scratchPtr, scratchBytes, pooled, signal);
        }
        // The lower triangle (whole 4 x 4 tiles on the diagonal) mirrored into a full m x m matrix.
        const h = view(hPtr, mp * mp);
        const gram = new Float64Array(m * m);
        for (let a = 0; a < m; a++) {
            for (let c = 0; c <= a; c++) {
                const v = h[a * mp + c];
                gram[a * m + c] = v;
                gram[c * m + a] = v;
            }
        }
        return { gram, kmm };
    }
    finally {
        // runChunks settles only once no worker touches the memory, even when it rejects.
        for (const [at, bytes] of blocks)
            heap.free(at, bytes);
    }
}
