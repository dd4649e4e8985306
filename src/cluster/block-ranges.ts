/**
 * KeOps's block-sparse `ranges` 6-tuple on the host: built from a cluster-to-cluster mask
 * (from_matrix), swapped between axes (swap_axes) and validated.
 */
import { Tensor } from '../tensor/tensor.js';
import { DTypeError, ShapeError, ValueError, describe } from '../errors.js';
import { blockSparsity, type RangesTuple } from '../api/ranges.js';

/** [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI], each an int32 Tensor. */
export type BlockRanges = readonly [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];

/** A cluster-to-cluster mask: a Tensor [Ci, Cj] (non-zero keeps), a Uint8Array of Ci * Cj entries, or nested booleans. */
export type KeepMask = Tensor | Uint8Array | readonly (readonly boolean[])[];

function rangePairs(where: string, r: unknown, argName: string): Int32Array {
  const data = r instanceof Tensor ? r.data : r;
  if (!(data instanceof Int32Array)) throw new DTypeError(`${where}: ${argName} must be an int32 Tensor [C, 2] or an Int32Array, received ${describe(r)}`);
  if (r instanceof Tensor && (r.shape.length !== 2 || r.shape[1] !== 2)) throw new ShapeError(`${where}: ${argName} must have shape [C, 2], received [${r.shape.join(', ')}]`);
  if (data.length % 2 !== 0) throw new ShapeError(`${where}: ${argName} must hold [start, end) pairs, received ${data.length} numbers`);
  for (let k = 0; k < data.length; k += 2) {
    if (!(data[k]! >= 0 && data[k]! <= data[k + 1]!)) throw new ValueError(`${where}: ${argName}[${k / 2}] = [${data[k]}, ${data[k + 1]}) is not a range (need 0 <= start <= end)`);
  }
  return data;
}

function maskOf(where: string, keep: unknown, ci: number, cj: number): (i: number, j: number) => boolean {
  if (keep instanceof Tensor) {
    if (keep.shape.length !== 2 || keep.shape[0] !== ci || keep.shape[1] !== cj) throw new ShapeError(`${where}: keep must have shape [${ci}, ${cj}], received [${keep.shape.join(', ')}]`);
    const d = keep.data;
    return (i, j) => d[i * cj + j] !== 0;
  }
  if (keep instanceof Uint8Array) {
    if (keep.length !== ci * cj) throw new ShapeError(`${where}: keep has ${keep.length} entries; a [${ci}, ${cj}] mask needs ${ci * cj}`);
    return (i, j) => keep[i * cj + j] !== 0;
  }
  if (Array.isArray(keep) && keep.length === ci && keep.every((row) => Array.isArray(row) && row.length === cj)) {
    return (i, j) => Boolean((keep as boolean[][])[i]![j]);
  }
  throw new DTypeError(`${where}: keep must be a Tensor [${ci}, ${cj}], a Uint8Array of ${ci * cj} entries or ${ci} arrays of ${cj} booleans, received ${describe(keep)}`);
}

/**
 * Turns cluster ranges (int32 [Ci, 2] and [Cj, 2]) and a mask `keep` [Ci, Cj] into KeOps's
 * 6-tuple: reductions then only visit the pairs of points whose clusters are kept.
 * Like pykeops's from_matrix, redrangesJ lists, cluster of i after cluster of i, the j-ranges
 * kept for it (ascending), slicesI their running counts; the last three mirror them for axis 0.
 */
export function fromMatrix(rangesI: Tensor | Int32Array, rangesJ: Tensor | Int32Array, keep: KeepMask): BlockRanges {
  const where = 'fromMatrix';
  const ri = rangePairs(where, rangesI, 'rangesI');
  const rj = rangePairs(where, rangesJ, 'rangesJ');
  const ci = ri.length / 2;
  const cj = rj.length / 2;
  const kept = maskOf(where, keep, ci, cj);
  const slicesI = new Int32Array(ci);
  const slicesJ = new Int32Array(cj);
  const redJ: number[] = [];
  for (let i = 0; i < ci; i++) {
    for (let j = 0; j < cj; j++) if (kept(i, j)) redJ.push(rj[2 * j]!, rj[2 * j + 1]!);
    slicesI[i] = redJ.length / 2;
  }
  const redI: number[] = [];
  for (let j = 0; j < cj; j++) {
    for (let i = 0; i < ci; i++) if (kept(i, j)) redI.push(ri[2 * i]!, ri[2 * i + 1]!);
    slicesJ[j] = redI.length / 2;
  }
  return [
    new Tensor(Int32Array.from(ri), [ci, 2]), new Tensor(slicesI, [ci]), new Tensor(Int32Array.from(redJ), [redJ.length / 2, 2]),
    new Tensor(Int32Array.from(rj), [cj, 2]), new Tensor(slicesJ, [cj]), new Tensor(Int32Array.from(redI), [redI.length / 2, 2]),
  ];
}

/** The ranges of the transposed reduction: the i and j halves of the 6-tuple exchanged (pykeops's swap_axes). */
export function swapAxes<R extends RangesTuple | null | undefined>(ranges: R): R {
  if (ranges === null || ranges === undefined) return ranges;
  if (!Array.isArray(ranges) || ranges.length !== 6) {
    throw new ValueError(`swapAxes: expected KeOps's 6-tuple [rangesI, slicesI, redrangesJ, rangesJ, slicesJ, redrangesI], received ${describe(ranges)}`);
  }
  return [ranges[3], ranges[4], ranges[5], ranges[0], ranges[1], ranges[2]] as unknown as R;
}

/**
 * Checks a 6-tuple for reductions with nI rows on the i axis and nJ on the j axis, for both
 * axes: int32 data, shapes, ranges inside the axes, slices non-decreasing and in bounds,
 * clusters that do not share rows, and no column range reduced twice for one cluster.
 * Throws ShapeError, DTypeError or ValueError naming the faulty array.
 */
export function validateRanges(ranges: unknown, nI: number, nJ: number): void {
  for (const [n, name] of [[nI, 'nI'], [nJ, 'nJ']] as const) {
    if (!Number.isInteger(n) || n < 0) throw new ValueError(`validateRanges: ${name} must be a non-negative integer, received ${describe(n)}`);
  }
  blockSparsity(ranges, 1, nI, nJ); // checks both halves
}
