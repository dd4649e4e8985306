/**
 * How a reduction's work is cut into chunks that threads take: spans of rows, or of reduced
 * columns when there are too few rows, each of about a target amount of work.
 */
import { TILE } from '../tape/opcodes.js';
import type { Chunk } from './task-table.js';
import type { BlockSparsity } from '../tape/request.js';

/** Work (pairs x instructions) between two checks of the AbortSignal on the calling thread. */
const WORK_PER_CHUNK = 4e7;

/**
 * The work one chunk should hold: several chunks per thread for balance (workers take chunks
 * themselves, so a chunk costs no message) and, when an AbortSignal is given, little enough
 * for the calling thread to check it often.
 */
export function chunkTarget(total: number, threads: number, abortable: boolean): number {
  const balanced = threads > 1 ? total / (threads * 8) : total;
  return abortable ? Math.min(balanced, (threads > 1 ? 4 : 1) * WORK_PER_CHUNK) : balanced;
}

/**
 * [start, end) spans covering [0, n) in multiples of `unit`, at most `maxSpan` long. Shared by
 * several threads, they shrink towards the end (each takes a share of what is left, down to a
 * quarter of maxSpan): the thread that finishes first then waits for a short last span of
 * another, not a full one.
 */
function guidedSpans(n: number, unit: number, maxSpan: number, threads: number): [number, number][] {
  const roundUp = (x: number) => Math.max(unit, Math.ceil(x / unit) * unit);
  const max = roundUp(maxSpan);
  const min = threads > 1 ? roundUp(max / 4) : max;
  const spans: [number, number][] = [];
  for (let start = 0; start < n;) {
    const span = Math.min(max, Math.max(min, roundUp((n - start) / (2 * threads))));
    spans.push([start, Math.min(n, start + span)]);
    start += span;
  }
  return spans;
}

/** Consecutive row ranges of about `target` work each (guided), in whole blocks of `block` rows. */
export function splitRows(nRows: number, perRow: number, target: number, block: number, threads: number): Chunk[] {
  return guidedSpans(nRows, block, target / Math.max(1, perRow), threads).map(([rowStart, rowEnd]) => ({ rowStart, rowEnd, colStart: 0, colEnd: 0 }));
}

/**
 * All rows against consecutive column ranges of about `target` work each (guided), in whole
 * tiles: the reduced axis split across threads, for reductions with too few rows to keep them busy.
 */
export function splitColumns(nRows: number, nCols: number, perCol: number, target: number, threads: number): Chunk[] {
  const tiles = Math.ceil(nCols / TILE);
  const wanted = Math.max(2 * threads, Math.ceil((nCols * perCol) / Math.max(1, target)));
  const perChunk = Math.max(1, Math.ceil(tiles / Math.min(tiles, wanted))) * TILE;
  return guidedSpans(nCols, TILE, perChunk, threads).map(([colStart, colEnd]) => ({ rowStart: 0, rowEnd: nRows, colStart, colEnd }));
}


/** Work of each cluster of a block-sparse reduction: rows x reduced columns x `perPair` (instructions), plus one. */
export function clusterWork(ranges: BlockSparsity, perPair: number): number[] {
  const { clusters, intervals } = ranges;
  const work: number[] = [];
  for (let c = 0; c < clusters.length / 4; c++) {
    let cols = 0;
    for (let s = clusters[4 * c + 2]!; s < clusters[4 * c + 3]!; s++) cols += intervals[2 * s + 1]! - intervals[2 * s]!;
    work.push((clusters[4 * c + 1]! - clusters[4 * c]!) * cols * perPair + 1);
  }
  return work;
}
