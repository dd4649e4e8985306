// Batch axes of a reduction, as pykeops has them: the leading axes of a Vi / Vj tensor
// ([...batch, rows, D]) and of a Pm tensor ([...batch, D]) are batch axes. They broadcast like
// numpy (aligned on the right, size 1 repeats), and a batched reduction is the same reduction
// run once per batch index, its output [...batch, rows, ...]. The backends never copy a
// broadcast input: each batch reads slice `slices[b]` of every input.
import type { Tensor } from '../tensor/tensor.js';
import type { VarCategory } from '../formula/node.js';
import { ShapeError } from '../errors.js';

/** How a variable's tensor splits into batch axes, rows and vector dimension. */
export interface VarLayout {
  readonly batchShape: readonly number[];
  /** Rows of one batch (1 for a parameter). */
  readonly rows: number;
  readonly dim: number;
}

/**
 * The layout of a variable's tensor: Vi / Vj take [N], [N, D] or [...batch, N, D]; Pm takes [D]
 * or [...batch, D], where [1, D] is read as [D] (as before batches existed).
 */
export function varLayout(shape: readonly number[], category: VarCategory): VarLayout {
  if (category === 'p') {
    if (shape.length <= 1 || (shape.length === 2 && shape[0] === 1)) return { batchShape: [], rows: 1, dim: shape.reduce((a, b) => a * b, 1) };
    return { batchShape: shape.slice(0, -1), rows: 1, dim: shape[shape.length - 1]! };
  }
  if (shape.length === 1) return { batchShape: [], rows: shape[0]!, dim: 1 };
  return { batchShape: shape.slice(0, -2), rows: shape[shape.length - 2]!, dim: shape[shape.length - 1]! };
}

/** The layout of a variable leaf's tensor. */
export function tensorLayout(t: Tensor, category: VarCategory): VarLayout {
  return varLayout(t.shape, category);
}

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/**
 * The batch shape of a reduction: the numpy broadcast of its inputs' batch shapes, or a
 * ShapeError naming both inputs' shapes at the first pair that does not broadcast.
 */
export function broadcastBatchShapes(where: string, inputs: readonly { readonly shape: readonly number[]; readonly batchShape: readonly number[]; readonly category: VarCategory }[]): number[] {
  let out: number[] = [];
  let from: { shape: readonly number[]; category: VarCategory } | null = null;
  for (const input of inputs) {
    const b = input.batchShape;
    const n = Math.max(out.length, b.length);
    const next = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const da = out[out.length - n + k] ?? 1;
      const db = b[b.length - n + k] ?? 1;
      if (da !== db && da !== 1 && db !== 1) {
        const name = (c: VarCategory) => (c === 'i' ? 'Vi' : c === 'j' ? 'Vj' : 'Pm');
        throw new ShapeError(
          `${where}: batch axes do not broadcast: ${name(from!.category)} of shape ${fmt(from!.shape)} (batch ${fmt(out)}) and ${name(input.category)} of shape ${fmt(input.shape)} `
          + `(batch ${fmt(b)}) differ at batch axis ${k - n} (${da} vs ${db}); batch axes must be equal or 1, aligned on the right as in numpy`,
        );
      }
      next[k] = da === 1 ? db : da;
    }
    if (b.length > 0 && (from === null || next.some((d, k) => d !== out[k]) || next.length !== out.length)) from = input;
    out = next;
  }
  return out;
}

/** Number of batches of a batch shape (1 when it is empty). */
export function batchCount(batchShape: readonly number[]): number {
  return batchShape.reduce((a, b) => a * b, 1);
}

/**
 * For each batch index b of `batchShape` (row-major), the slice of an input of batch shape
 * `own` that batch reads: the input's own coordinates, 0 on its axes of size 1 and on the
 * axes it lacks. These are the broadcast strides, applied once per batch.
 */
export function batchSlices(own: readonly number[], batchShape: readonly number[]): Int32Array {
  const n = batchShape.length;
  const B = batchCount(batchShape);
  // Stride of each output batch axis in the input's slices (0 where it broadcasts).
  const strides = new Array<number>(n).fill(0);
  let s = 1;
  for (let k = own.length - 1; k >= 0; k--) {
    const axis = n - own.length + k;
    strides[axis] = own[k] === 1 ? 0 : s;
    s *= own[k]!;
  }
  const slices = new Int32Array(B);
  const coord = new Array<number>(n).fill(0);
  let at = 0;
  for (let b = 0; b < B; b++) {
    slices[b] = at;
    // Row-major increment of the batch coordinate, moving `at` by the strides.
    for (let k = n - 1; k >= 0; k--) {
      coord[k]!++;
      at += strides[k]!;
      if (coord[k]! < batchShape[k]!) break;
      at -= strides[k]! * coord[k]!;
      coord[k] = 0;
    }
  }
  return slices;
}

/**
 * A LazyTensor's shape from its variables: [...batch, N, M] (then D when dim > 1), the batch
 * axes broadcast (a ShapeError when they do not); an axis without variables is reported as 1.
 */
export function lazyShape(vars: readonly { readonly tensor?: Tensor | null; readonly category?: VarCategory | null }[], dim: number): number[] {
  const leaves = vars.filter((v) => v.tensor && v.category).map((v) => ({ shape: v.tensor!.shape, category: v.category!, ...tensorLayout(v.tensor!, v.category!) }));
  const rows = (cat: VarCategory) => leaves.find((v) => v.category === cat)?.rows ?? 1;
  const batch = broadcastBatchShapes('LazyTensor shape', leaves);
  return dim === 1 ? [...batch, rows('i'), rows('j')] : [...batch, rows('i'), rows('j'), dim];
}
