import type { EncodedPlan } from './plan-codec.js';
import type { ReductionPlan } from './reduction-plan.js';
/** Output rows [rowStart, rowEnd) of a plan. */
export interface RowShard {
    readonly rowStart: number;
    readonly rowEnd: number;
}
/**
 * Whether a plan can be cut into row shards. Batched and block-sparse plans run as one shard
 * for now: cutting them needs the batch index or the ranges cut too.
 */
export declare function rowShardable(plan: Pick<ReductionPlan, 'batchShape' | 'ranges' | 'batchRanges'>): boolean;
/**
 * Which elements of each buffer a shard reads: [start, end) for the output axis's variables
 * (the shard's rows), null for the others (all of it). `json` is encodePlan's.
 */
export declare function shardBufferRanges(json: string, shard: RowShard): Map<number, [number, number]>;
/** Number of output rows of a plan (of one batch). */
export declare function outputRows(plan: Pick<ReductionPlan, 'axis' | 'nI' | 'nJ'>): number;
/**
 * Fewest rows in a shard. The engine picks how to run a reduction partly by its number of rows:
 * from TILE / 4 rows on, a reduction over few columns lays its rows across the SIMD lanes
 * (ROW_LANES_MIN_ROWS in src/engine/wasm-engine.ts), which adds a row's terms in another order.
 * A shard below that size where the whole plan is above it would give other bits; shards of at
 * least this many rows make the same choice as the whole plan.
 */
export declare const MIN_SHARD_ROWS: number;
/**
 * At most `count` shards of consecutive rows covering [0, nRows), of equal size up to one
 * `align`-row block, each of at least MIN_SHARD_ROWS rows (a shorter tail joins the shard
 * before it): one shard when nRows is under twice that.
 */
export declare function rowShards(nRows: number, count: number, align?: number): RowShard[];
/**
 * The encoded plan of output rows [rowStart, rowEnd): the output axis's inputs (i-variables
 * for axis 1, j-variables for axis 0) view only those rows, and that axis's size shrinks to
 * match. Their buffers may hold all the rows (cut here) or only the shard's. The whole range gives the plan back unchanged; an unshardable plan only that.
 */
export declare function sliceEncodedPlan(encoded: EncodedPlan, shard: RowShard): EncodedPlan;
type OutputArray = Float32Array | Float64Array | Int32Array;
/**
 * Writes one shard's output (rows [rowStart, rowEnd) of the plan's output, row-major) into the
 * whole output `into`; a ValueError when its length does not match the rows.
 */
export declare function placeShardRows(into: OutputArray, part: OutputArray, shard: RowShard, nRows: number): void;
export {};
