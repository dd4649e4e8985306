/**
 * What the column-wise Krylov solvers (cg, minres) share: their argument checks, the
 * preconditioner, and one operator application for every still-active column at once, so
 * that a kernel operator runs one reduction per iteration however many right-hand sides.
 */
import { Tensor } from '../tensor/tensor.js';
import { DTypeError, ShapeError, describe } from '../errors.js';
import { LinearOperator } from './linear-operator.js';
import { checkCallback, checkFinite, checkSignal, nonNegative, packColumns, positiveInt, tensorOf, toBlock, unpackColumns, type FloatDType, type VectorLike } from './arrays.js';

/** A preconditioner: an operator approximating A^-1, or a function r -> M r on Tensors [N]. */
export type Preconditioner = LinearOperator | ((r: Tensor) => VectorLike | Promise<VectorLike>);

/** Progress of cg and minres, reported once per iteration. */
export interface SolverProgress {
  readonly iteration: number;
  /** Largest relative residual ||r|| / ||b|| over the columns still iterating. */
  readonly residual: number;
  /** Columns that met the tolerance so far. */
  readonly converged: number;
  readonly columns: number;
}

/**
 * Why cg or minres stopped: every column met the tolerance; the iteration limit; (cg) a
 * direction with p^T A p <= 0, so A is not positive definite; (minres) r^T M r < 0, so the
 * preconditioner is not positive definite; (bicgstab) a recurrence coefficient vanished.
 */
export type SolveReason = 'converged' | 'maxiter' | 'non-positive curvature' | 'indefinite preconditioner' | 'breakdown';

/** What cg and minres resolve to. */
export interface SolveResult {
  /** The solution, with the shape of b ([N] or [N, k]). */
  readonly x: Tensor;
  /** Iterations of the slowest column. */
  readonly iterations: number;
  /** True when every column met the tolerance. */
  readonly converged: boolean;
  /** Largest final relative residual ||b - A x|| / ||b|| (from the recurrence), over the columns. */
  readonly residual: number;
  /** Final relative residual of each column. */
  readonly residuals: Float64Array;
  /** Why the solve stopped; with several columns, the column that fared worst decides. */
  readonly reason: SolveReason;
  /** The reason in a sentence, with what to do about it. */
  readonly message: string;
}

/** Checks a square operator argument. */
export function squareOperator(where: string, op: unknown): LinearOperator {
  if (!(op instanceof LinearOperator)) {
    throw new DTypeError(`${where}: the operator must be a LinearOperator (wrap LazyTensors and Tensors with aslinearoperator), received ${describe(op)}`);
  }
  if (op.shape[0] !== op.shape[1]) throw new ShapeError(`${where}: the operator must be square, received shape [${op.shape.join(', ')}]`);
  return op;
}

/** The right-hand side as float64 columns, checked for shape and finiteness. */
export function rightHandSide(where: string, b: unknown, n: number): { columns: Float64Array[]; shape: number[]; dtype: FloatDType | undefined } {
  const { data, cols } = toBlock(where, 'b', b, n);
  checkFinite(where, 'b', data);
  const shape = b instanceof Tensor && b.shape.length === 2 ? [n, cols] : [n];
  // Number arrays fix no dtype; the operator's is used.
  const dtype: FloatDType | undefined = b instanceof Tensor ? (b.dtype === 'float32' ? 'float32' : 'float64') : b instanceof Float32Array ? 'float32' : b instanceof Float64Array ? 'float64' : undefined;
  return { columns: unpackColumns(data, n, cols), shape, dtype };
}

/** The initial guess as columns matching b, or zeros. */
export function initialGuess(where: string, x0: unknown, n: number, cols: number): Float64Array[] | null {
  if (x0 === undefined) return null;
  const { data, cols: c } = toBlock(where, 'options.x0', x0, n);
  if (c !== cols) throw new ShapeError(`${where}: options.x0 has ${c} columns but b has ${cols}`);
  checkFinite(where, 'options.x0', data);
  return unpackColumns(data, n, cols);
}

/** op applied to several columns through one call of op.apply. */
export async function applyColumns(op: LinearOperator, columns: readonly Float64Array[], signal: AbortSignal | undefined): Promise<Float64Array[]> {
  const n = op.shape[0];
  const out = await op.apply(packColumns(columns, n), columns.length, signal);
  return unpackColumns(out, n, columns.length);
}

/** The preconditioner as a column map (the identity when absent); `name` is how messages call it. */
export function preconditioner(where: string, M: unknown, n: number, dtype: FloatDType, name = 'options.M'): ((cols: Float64Array[], signal: AbortSignal | undefined) => Promise<Float64Array[]>) | null {
  if (M === undefined) return null;
  if (M instanceof LinearOperator) {
    if (M.shape[0] !== n || M.shape[1] !== n) throw new ShapeError(`${where}: ${name} must be an operator of shape [${n}, ${n}], received [${M.shape.join(', ')}]`);
    return (cols, signal) => applyColumns(M, cols, signal);
  }
  if (typeof M === 'function') {
    const fn = M as (r: Tensor) => VectorLike | Promise<VectorLike>;
    return async (cols) => {
      const out: Float64Array[] = [];
      for (const c of cols) out.push(toBlock(`${where}: the preconditioner ${name}`, 'its result', await fn(tensorOf(c, [n], dtype)), n, 1).data);
      return out;
    };
  }
  throw new DTypeError(`${where}: ${name} must be a LinearOperator or a function, received ${describe(M)}`);
}

/** The solution columns as a Tensor shaped like b. */
export function solutionTensor(columns: readonly Float64Array[], shape: readonly number[], dtype: FloatDType): Tensor {
  const n = shape[0]!;
  return tensorOf(shape.length === 1 ? columns[0]! : packColumns(columns, n), shape, dtype);
}

/** The dtype of a solution: float64 when the operator or b fixes float64, like numpy's result_type. */
export function solutionDType(op: LinearOperator, bDType: FloatDType | undefined): FloatDType {
  if (bDType === undefined) return op.dtype;
  if (op.flexible) return bDType;
  return op.dtype === 'float64' || bDType === 'float64' ? 'float64' : 'float32';
}

/** What the Krylov solvers for A x = b (cg, gmres, bicgstab) share, validated in one place. */
export interface KrylovProblem {
  A: LinearOperator;
  n: number;
  /** b's columns, and b's shape and dtype. */
  B: Float64Array[];
  shape: number[];
  dtype: FloatDType | undefined;
  tol: number;
  atol: number;
  maxiter: number;
  signal: AbortSignal | undefined;
  onProgress: ((p: SolverProgress) => void) | undefined;
}

/**
 * The square operator, the right-hand side and the common options of a Krylov solve, with
 * scipy's defaults (tol 1e-5, atol 0, maxiter 10 N): a typed error naming the bad one.
 */
export function krylovProblem(where: string, op: LinearOperator, b: VectorLike, options: { tol?: number; atol?: number; maxiter?: number; signal?: AbortSignal; onProgress?: unknown } | undefined): KrylovProblem {
  const A = squareOperator(where, op);
  const n = A.shape[0];
  const { columns: B, shape, dtype } = rightHandSide(where, b, n);
  return {
    A, n, B, shape, dtype,
    tol: nonNegative(where, 'tol', options?.tol, 1e-5),
    atol: nonNegative(where, 'atol', options?.atol, 0),
    maxiter: positiveInt(where, 'maxiter', options?.maxiter, 10 * n),
    signal: checkSignal(where, options?.signal),
    onProgress: checkCallback<(p: SolverProgress) => void>(where, 'onProgress', options?.onProgress),
  };
}
