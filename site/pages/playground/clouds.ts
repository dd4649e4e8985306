// The playground's data: point clouds x [N, D] and y [M, D] drawn from a seeded distribution,
// or read from CSV files, and the weights b [M, 1] in (0, 1].
import { tensor, type DType, type Tensor } from 'lazykernel';
import { generator, type Generator } from '../../../examples/lib/random.js';
import type { CsvTable } from '../../lib/csv.js';

export type Distribution = 'normal' | 'uniform' | 'blobs';

/** The variables an expression names, and one line saying what they are. */
export interface PointClouds {
  x: Tensor;
  y: Tensor;
  b: Tensor;
  label: string;
}

/** Centres of the blobs. */
const BLOBS = 6;

export const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Fills `out` with `rows` points of `dim` coordinates from the distribution: normal, uniform or blobs. */
function draw(rng: Generator, rows: number, dim: number, kind: Distribution, centres: Float64Array, out: Float32Array | Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const c = kind === 'blobs' ? Math.floor(rng.uniform() * BLOBS) : 0;
    for (let d = 0; d < dim; d++) {
      const k = r * dim + d;
      if (kind === 'uniform') out[k] = rng.uniform();
      else if (kind === 'blobs') out[k] = centres[c * dim + d]! + 0.35 * rng.normal();
      else out[k] = rng.normal();
    }
  }
}

function arrayOf(dtype: DType, length: number): Float32Array | Float64Array {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** The weights b: M numbers in (0, 1], from the seed. */
function weights(M: number, seed: number, dtype: DType): Tensor {
  const rng = generator(seed ^ 0x5bd1e995);
  const b = arrayOf(dtype, M);
  for (let j = 0; j < M; j++) b[j] = 1 - rng.uniform();
  return tensor(b, [M, 1]);
}

function fromCsv(table: CsvTable, dtype: DType): Tensor {
  const data = arrayOf(dtype, table.data.length);
  data.set(table.data);
  return tensor(data, [table.rows, table.cols]);
}

/** x [N, D] and y [M, D] from the distribution (y drawn after x, from the same generator), b [M, 1]. */
export function generatedClouds({ N, M, D, seed, kind, dtype }: { N: number; M: number; D: number; seed: number; kind: Distribution; dtype: DType }): PointClouds {
  const rng = generator(seed);
  const centres = new Float64Array(BLOBS * D);
  for (let k = 0; k < centres.length; k++) centres[k] = 2.5 * rng.normal();
  const x = arrayOf(dtype, N * D);
  const y = arrayOf(dtype, M * D);
  draw(rng, N, D, kind, centres, x);
  draw(rng, M, D, kind, centres, y);
  return {
    x: tensor(x, [N, D]), y: tensor(y, [M, D]), b: weights(M, seed, dtype),
    label: `Generated: x [${N}, ${D}] and y [${M}, ${D}] (${kind}, seed ${seed}), b [${M}, 1]; ${dtype}.`,
  };
}

/** x from a CSV file, y from a second one (or y = x), b generated from the seed. */
export function csvClouds(xTable: CsvTable, yTable: CsvTable | null, seed: number, dtype: DType): PointClouds {
  const x = fromCsv(xTable, dtype);
  const y = yTable ? fromCsv(yTable, dtype) : x;
  const b = weights(y.shape[0]!, seed, dtype);
  const header = (t: CsvTable) => (t.header ? ` (columns ${t.header.join(', ')})` : '');
  const label = `x from ${xTable.name} ${shapeText(x.shape)}${header(xTable)}; `
    + `${yTable ? `y from ${yTable.name} ${shapeText(y.shape)}${header(yTable)}` : 'y = x'}; b ${shapeText(b.shape)} generated (seed ${seed}); ${dtype}. `
    + 'N, M and D come from the files.';
  return { x, y, b, label };
}
