/**
 * The chunks of one pooled reduction, laid out in wasm memory so that workers take them
 * themselves (an atomic counter) instead of one message round trip per chunk.
 *
 * int32 words: [next, nChunks, partialBase, partialStride, then per chunk rowStart, rowEnd,
 * colStart, colEnd]. With partialStride > 0 the reduced axis is split: chunk c reduces
 * columns [colStart, colEnd) of its rows into the raw accumulators at partialBase + c * stride.
 * For block-sparse plans rowStart / rowEnd are a range of the cluster table.
 */
import { PLAN } from '../tape/opcodes.js';

export const TABLE_HEADER_WORDS = 4;
export const TABLE_CHUNK_WORDS = 4;

export interface Chunk {
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly colStart: number;
  readonly colEnd: number;
}

export function tableBytes(nChunks: number): number {
  return 4 * (TABLE_HEADER_WORDS + TABLE_CHUNK_WORDS * nChunks);
}

export function writeTable(buffer: ArrayBufferLike, at: number, chunks: readonly Chunk[], partialBase: number, partialStride: number): void {
  const words = new Int32Array(buffer, at, TABLE_HEADER_WORDS + TABLE_CHUNK_WORDS * chunks.length);
  words[0] = 0;
  words[1] = chunks.length;
  words[2] = partialBase;
  words[3] = partialStride;
  chunks.forEach((c, k) => words.set([c.rowStart, c.rowEnd, c.colStart, c.colEnd], TABLE_HEADER_WORDS + TABLE_CHUNK_WORDS * k));
}

/** Chunks not yet taken by any thread. */
export function chunksLeft(buffer: ArrayBufferLike, at: number): number {
  const words = new Int32Array(buffer, at, TABLE_HEADER_WORDS);
  return Math.max(0, words[1]! - Atomics.load(words, 0));
}

interface ChunkRunner {
  run(plan: number, start: number, end: number, scratch: number): void;
  runPartial(plan: number, rowStart: number, rowEnd: number, colStart: number, colEnd: number, scratch: number, partial: number): void;
}

/**
 * Value of a plan's abort word that asks worker k to crash (test hook): CRASH_REQUEST + k.
 * STOP_REQUEST is a plain stop request.
 */
export const CRASH_REQUEST = 16;
export const STOP_REQUEST = 1;

/** Sets the abort word of the plan at `plan`: every thread running it stops at its next tile. */
export function requestStop(memory: WebAssembly.Memory, plan: number, value: number = STOP_REQUEST): void {
  Atomics.store(new Int32Array(memory.buffer), (plan >> 2) + PLAN.abort, value);
}

/**
 * Takes chunks of the table at `at` until none is left or the plan's abort word is set.
 * Returns true when the abort word asks this worker (`worker`) to crash, for the pool's tests.
 */
export function drainTable(engine: ChunkRunner, memory: WebAssembly.Memory, plan: number, at: number, scratch: number, worker: number): boolean {
  const words = new Int32Array(memory.buffer);
  const abortWord = (plan >> 2) + PLAN.abort;
  const base = at >> 2;
  const n = words[base + 1]!;
  const partialBase = words[base + 2]!;
  const stride = words[base + 3]!;
  for (;;) {
    const stop = Atomics.load(words, abortWord);
    if (stop !== 0) return stop === CRASH_REQUEST + worker;
    const c = Atomics.add(words, base, 1);
    if (c >= n) return false;
    const e = base + TABLE_HEADER_WORDS + TABLE_CHUNK_WORDS * c;
    if (stride > 0) engine.runPartial(plan, words[e]!, words[e + 1]!, words[e + 2]!, words[e + 3]!, scratch, partialBase + c * stride);
    else engine.run(plan, words[e]!, words[e + 1]!, scratch);
  }
}
