/**
 * The Gram matrix K_mn K_nm (K_nm = k(X, C) [N, m]) and K_mm in float64 with the module's dense
 * kernels (assembly/dense/gram.ts): X goes through in blocks of rows, each block's K(X_b, C)
 * [B, m] is written in panels of 4 centres that stay in cache, and the lower triangle of
 * K_b^T K_b is added into H by a register-blocked 4 x 4 SIMD kernel: the N m^2 / 2
 * multiply-adds of the Nystrom preconditioner's set-up at about 4-6 times the rate of the same
 * products as kernel reductions (whose operand of 64 columns streams from memory per row).
 *
 * On the worker pool each block is one round of the task table, one chunk per thread: chunk t
 * owns a band of H's tile rows (equal work) and computes the panels it needs in its own
 * scratch. H's entries thus get their blocks' terms in block order whatever thread ran them, so
 * H is the same on any number of threads. Elsewhere (one thread, separate-memory workers, small
 * jobs) the calling thread runs each round as one chunk.
 */
import type { Heap } from './heap.js';
import type { WorkerPool } from './pool.js';
import { tableBytes, type Chunk } from './task-table.js';
import { PLAN } from '../tape/opcodes.js';
import { Yielder } from '../abort.js';

/** The module's exports this file calls. */
export interface KernelGramExports {
  gramKernelPanels(kind: number, scale: number, x: number, rows: number, d: number, centres: number, m: number, mp: number, panels: number, tiles: number): void;
  gramParamsBytes(): number;
}

/** What a Gram job needs of the engine (as blocked-reduce.ts's BlockedRun). */
export interface GramRun {
  readonly exports: KernelGramExports;
  readonly heap: Heap;
  readonly pool: WorkerPool | null;
  readonly poolThreshold: number;
  readonly stats: { gram: number; gramPooled: number };
  /** Runs chunks to the end (pool or calling thread); after a rejection no worker touches the memory. */
  runChunks(planPtr: number, tablePtr: number, chunks: readonly Chunk[], scratchPtr: number, scratchBytes: number, onPool: boolean, signal: AbortSignal | undefined): Promise<void>;
}

/** The kernels the dense path knows (KernelRidge's names). */
export type GramKernel = 'gaussian' | 'laplacian' | 'matern32' | 'matern52';

export interface KernelGramSpec {
  readonly kernel: GramKernel;
  readonly sigma: number;
  /** The points, float64 row-major [n, d]. */
  readonly x: Float64Array;
  /** The centres, float64 row-major [m, d]. */
  readonly centres: Float64Array;
  readonly d: number;
}

/** Both m x m matrices, float64 row-major and symmetric. */
export interface KernelGram {
  /** K_mn K_nm = sum over the points of k(x, c_a) k(x, c_b). */
  readonly gram: Float64Array;
  /** k(c_a, c_b). */
  readonly kmm: Float64Array;
}

/** Multiply-adds per call of gramAccumulate (about 20 ms): the event loop gets a turn between calls. */
const BLOCK_WORK = 1e8;

/** The module's code and the scale of r (r^2 for the Gaussian) of each kernel. */
function kernelCode(kernel: GramKernel, sigma: number): { kind: number; scale: number } {
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
export function hasKernelGram(exports: object): exports is KernelGramExports {
  const e = exports as Partial<KernelGramExports>;
  return typeof e.gramKernelPanels === 'function' && typeof e.gramParamsBytes === 'function' && e.gramParamsBytes() === GRAM_PARAMS_BYTES;
}

/** Tile rows [0, tiles) cut into `parts` bands of about equal work (tile row P costs P + 1 tiles). */
function bands(tiles: number, parts: number): Chunk[] {
  const out: Chunk[] = [];
  let from = 0;
  for (let k = 1; k <= parts && from < tiles; k++) {
    const to = k === parts ? tiles : Math.max(from + 1, Math.round(tiles * Math.sqrt(k / parts)));
    if (to > from) out.push({ rowStart: from, rowEnd: Math.min(to, tiles), colStart: 0, colEnd: 0 });
    from = Math.min(to, tiles);
  }
  return out;
}

/**
 * K_mn K_nm and K_mm for the points and centres of `spec`, in float64. Checks `signal`
 * between blocks of rows (an AbortError from `where`). Throws a MemoryLimitError when H and
 * the blocks' panels do not fit in the wasm heap.
 */
export async function kernelGram(run: GramRun, where: string, spec: KernelGramSpec, signal: AbortSignal | undefined): Promise<KernelGram> {
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
  const pooledChunks = bands(tiles, onPool ? pool!.size : 1);
  const hereChunks = bands(tiles, 1);
  run.stats.gram++;
  if (onPool) run.stats.gramPooled++;
  // One scratch (a block's panels) per worker and one for the calling thread, as runChunks lays them out.
  const nScratch = pool !== null ? pool.size + 1 : 1;
  const scratchBytes = Math.ceil(rowsPerBlock * mp * 8 / 16) * 16;
  const blocks: [number, number][] = [];
  const alloc = (bytes: number): number => {
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
    const view = (ptr: number, length: number) => new Float64Array(heap.memory.buffer, ptr, length);
    view(hPtr, mp * mp).fill(0);
    const cView = view(cPtr, d * mp);
    cView.fill(0);
    for (let c = 0; c < m; c++) for (let k = 0; k < d; k++) cView[k * mp + c] = centres[c * d + k]!;

    // K_mm: the panels of the centres against themselves, read back in rows.
    view(xPtr, m * d).set(centres);
    exports.gramKernelPanels(kind, scale, xPtr, m, d, cPtr, m, mp, kmmPtr, tiles);
    const kmm = new Float64Array(m * m);
    {
      const panels = view(kmmPtr, mp * m);
      for (let a = 0; a < m; a++) {
        for (let c = 0; c < m; c++) kmm[a * m + c] = panels[((c >> 2) * m + a) * 4 + (c & 3)]!;
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
      const pooled = onPool && !pool!.broken;
      await run.runChunks(recordPtr, tablePtr, pooled ? pooledChunks : hereChunks, scratchPtr, scratchBytes, pooled, signal);
    }

    // The lower triangle (whole 4 x 4 tiles on the diagonal) mirrored into a full m x m matrix.
    const h = view(hPtr, mp * mp);
    const gram = new Float64Array(m * m);
    for (let a = 0; a < m; a++) {
      for (let c = 0; c <= a; c++) {
        const v = h[a * mp + c]!;
        gram[a * m + c] = v;
        gram[c * m + a] = v;
      }
    }
    return { gram, kmm };
  } finally {
    // runChunks settles only once no worker touches the memory, even when it rejects.
    for (const [at, bytes] of blocks) heap.free(at, bytes);
  }
}
