import type { Chunk } from './task-table.js';
import type { BlockSparsity } from '../tape/request.js';
/**
 * The work one chunk should hold: several chunks per thread for balance (workers take chunks
 * themselves, so a chunk costs no message) and, when an AbortSignal is given, little enough
 * for the calling thread to check it often.
 */
export declare function chunkTarget(total: number, threads: number, abortable: boolean): number;
/** Consecutive row ranges of about `target` work each (guided), in whole blocks of `block` rows. */
export declare function splitRows(nRows: number, perRow: number, target: number, block: number, threads: number): Chunk[];
/**
 * All rows against consecutive column ranges of about `target` work each (guided), in whole
 * tiles: the reduced axis split across threads, for reductions with too few rows to keep them busy.
 */
export declare function splitColumns(nRows: number, nCols: number, perCol: number, target: number, threads: number): Chunk[];
/** Work of each cluster of a block-sparse reduction: rows x reduced columns x `perPair` (instructions), plus one. */
export declare function clusterWork(ranges: BlockSparsity, perPair: number): number[];
