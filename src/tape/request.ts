import type { Tape } from './tape.js';
import type { ReductionKind } from './opcodes.js';

export type FloatArray = Float32Array | Float64Array;
export type FloatDType = 'float32' | 'float64';

/** One variable as a backend sees it, after i/j roles were swapped for axis 0. */
export interface BoundVariable {
  /** Row-major [rows, dim] data; converted to the request's dtype by the backend. */
  readonly data: Float32Array | Float64Array;
  readonly dim: number;
  /** 'i': one row per output row; 'j': one row per reduced column; 'p': a single row. */
  readonly category: 'i' | 'j' | 'p';
  /** Identity and version of the host tensor, for caching device copies. */
  readonly id: number;
  readonly version: number;
  /** The host tensor itself, so a cached copy can be dropped when it is garbage collected. */
  readonly owner?: object;
  /**
   * Batched requests: the slice of `data` each batch reads (a slice is one batch's [rows, dim]
   * block, or [dim] for a parameter); broadcast batch axes repeat a slice, never copy it.
   * Absent: the whole of `data` is one slice, read by every batch.
   */
  readonly slices?: Int32Array;
}

/**
 * Block-sparse reduction: clusters of output rows, each reduced over its own column intervals.
 * clusters holds [r0, r1, s0, s1] per cluster (rows [r0, r1), intervals [s0, s1)); intervals
 * holds [c0, c1) pairs; emptyRows lists row spans in no cluster (nothing to reduce).
 */
export interface BlockSparsity {
  readonly clusters: Int32Array;
  readonly intervals: Int32Array;
  readonly emptyRows: readonly (readonly [number, number])[];
}

/**
 * How a SUM adds the terms of each tile of columns before the tile's total reaches the row's
 * float64 accumulator: 'block' in the working precision (the default), 'kahan' compensated
 * (Kahan-Babuska-Neumaier) in the working precision, 'double' each term widened to float64.
 */
export type SumAccumulation = 'block' | 'kahan' | 'double';

/** Everything a tape backend needs to run one reduction. */
export interface ReductionRequest {
  readonly tape: Tape;
  readonly dtype: FloatDType;
  readonly vars: readonly BoundVariable[];
  readonly nRows: number;
  readonly nCols: number;
  readonly reduction: ReductionKind;
  /** K of the K-min reductions, 0 otherwise. */
  readonly k: number;
  /** Values per output row (K * dim for K-min, the weight's dim for weighted softmax...). */
  readonly outWidth: number;
  readonly wantValues: boolean;
  readonly wantIndices: boolean;
  /** Block-sparse ranges (dense when absent); shared by every batch. */
  readonly ranges?: BlockSparsity;
  /** SUM only: how each tile's terms are added ('block' when absent). */
  readonly sumScheme?: SumAccumulation;
  /**
   * Batches: the same reduction over `batches` sets of inputs (see BoundVariable.slices), the
   * output [batches, nRows, outWidth]. Absent: 1.
   */
  readonly batches?: number;
  /** Per-batch block-sparse ranges (one per batch) instead of `ranges`. */
  readonly batchRanges?: readonly BlockSparsity[];
  /**
   * The same reduction's tape compiled with the i and j roles swapped again, for a backend that
   * lays the output rows across its SIMD lanes when there are few columns (the wasm engine's
   * row lanes). Compiled on demand; absent when the caller cannot provide it.
   */
  readonly rowLanesTape?: () => Tape;
  readonly signal?: AbortSignal;
}

/** Batches of a request (1 when not batched). */
export function batchesOf(request: { readonly batches?: number }): number {
  return request.batches ?? 1;
}

/** Rows of one slice of a bound variable: the output rows, the reduced columns, or 1 for a parameter. */
export function sliceRows(v: BoundVariable, nRows: number, nCols: number): number {
  return v.category === 'i' ? nRows : v.category === 'j' ? nCols : 1;
}

/** The ranges batch `b` of a request reduces with (undefined: dense). */
export function rangesOfBatch(request: Pick<ReductionRequest, 'ranges' | 'batchRanges'>, b: number): BlockSparsity | undefined {
  return request.batchRanges ? request.batchRanges[b] : request.ranges;
}

/**
 * Batch `b` of a batched request as an unbatched request (its variables views of their
 * slices, not copies): for the paths that run the batches one after another.
 */
export function batchRequest(request: ReductionRequest, b: number): ReductionRequest {
  const vars = request.vars.map((v) => {
    if (!v.slices) return v;
    const n = sliceRows(v, request.nRows, request.nCols) * v.dim;
    const s = v.slices[b]!;
    // A slice is a new array for the input caches: no id, no owner (never cached by identity).
    return { data: v.data.subarray(s * n, (s + 1) * n), dim: v.dim, category: v.category, id: -1, version: 0 };
  });
  return { ...request, vars, batches: 1, batchRanges: undefined, ranges: rangesOfBatch(request, b) };
}

export interface ReductionResult {
  readonly values: FloatArray | null;
  readonly indices: Int32Array | null;
}
