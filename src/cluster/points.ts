/** Argument checks shared by the clustering helpers: point clouds and label vectors. */
import { Tensor } from '../tensor/tensor.js';
import { DTypeError, ShapeError, ValueError, describe } from '../errors.js';

/** A float point cloud [N, D] (a [N] Tensor counts as D = 1), or a typed error naming the argument. */
export function pointCloud(where: string, X: unknown, argName = 'X'): { data: Float32Array | Float64Array; n: number; d: number; tensor: Tensor } {
  if (!(X instanceof Tensor)) throw new DTypeError(`${where}: ${argName} must be a Tensor [N, D], received ${describe(X)}`);
  if (X.dtype === 'int32') throw new DTypeError(`${where}: ${argName} must be float32 or float64, received an int32 Tensor`);
  if (X.shape.length !== 1 && X.shape.length !== 2) throw new ShapeError(`${where}: ${argName} must have shape [N, D], received [${X.shape.join(', ')}]`);
  const n = X.shape[0]!;
  const d = X.shape.length === 2 ? X.shape[1]! : 1;
  if (d < 1) throw new ShapeError(`${where}: ${argName} must have at least one coordinate, received shape [${X.shape.join(', ')}]`);
  return { data: X.data as Float32Array | Float64Array, n, d, tensor: X };
}

/** Non-negative int32 labels of length n (Tensor [n] or Int32Array), with the number of classes max + 1. */
export function labelVector(where: string, labels: unknown, n: number, argName = 'labels'): { data: Int32Array; classes: number } {
  let data: unknown = labels;
  if (labels instanceof Tensor) {
    if (labels.shape.length !== 1 && !(labels.shape.length === 2 && labels.shape[1] === 1)) {
      throw new ShapeError(`${where}: ${argName} must have shape [N], received [${labels.shape.join(', ')}]`);
    }
    data = labels.data;
  }
  if (!(data instanceof Int32Array)) throw new DTypeError(`${where}: ${argName} must be an int32 Tensor [N] or an Int32Array, received ${describe(labels)}`);
  if (data.length !== n) throw new ShapeError(`${where}: ${argName} has ${data.length} entries for ${n} points`);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const l = data[i]!;
    if (l < 0) throw new ValueError(`${where}: ${argName}[${i}] = ${l}; labels must be non-negative`);
    if (l > max) max = l;
  }
  return { data, classes: max + 1 };
}

/** Number of points with each label (numpy's bincount). */
export function bincount(labels: Int32Array, classes: number): Int32Array {
  const counts = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}
