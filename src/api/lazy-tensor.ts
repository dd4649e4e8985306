import { FormulaNode, constNode, collectVars } from '../formula/node.js';
import { apply } from '../formula/build.js';
import { formulaToString } from '../formula/print.js';
import { DTypeError, ShapeError, ValueError, describe } from '../errors.js';
import { checkIntAttr } from '../formula/ops/unary.js';
import { encodeTensorDot, kronParams, type TensorDotParams } from '../formula/ops/tensordot.js';
import type { Tensor } from '../tensor/tensor.js';
import type { KernelSolveOptions } from '../linalg/solve.js';
import type { SolveResult } from '../linalg/columns.js';
import { kernelSolver } from './kernel-solve-hook.js';
import { reduce, type ReduceOptions, type LogSumExpOptions, type SumOptions } from './reduce.js';

/** What a LazyTensor operation accepts as its other operand: a LazyTensor or a number. */
export type LazyOperand = LazyTensor | number;

function toNode(x: unknown, where: string): FormulaNode {
  if (x instanceof LazyTensor) return x.node;
  if (typeof x === 'number') return constNode(x);
  throw new DTypeError(`${where}: expected a LazyTensor or a number, received ${describe(x)}`);
}

/** A LazyTensor operand (not a number): tensordot and kron contract tensors. */
function toLazy(x: unknown, where: string, name: string): LazyTensor {
  if (x instanceof LazyTensor) return x;
  throw new DTypeError(`${where}: ${name} must be a LazyTensor, received ${describe(x)}`);
}

/** An array of int32 integers (axes, sizes), copied. */
function checkIntList(where: string, name: string, value: unknown): number[] {
  if (!Array.isArray(value)) throw new ValueError(`${where}: ${name} must be an array of integers, received ${describe(value)}`);
  return value.map((v, k) => checkIntAttr(where, `${name}[${k}]`, v));
}

/**
 * The K of the K-min reductions: a positive integer, given (not left undefined), and an int32
 * (the engines count slots and indices in int32). Larger K within that range may still exceed
 * the engine's memory; the reduction reports that.
 */
function checkK(where: string, K: unknown): number {
  if (typeof K !== 'number' || !Number.isInteger(K) || K < 1 || K > 2 ** 31 - 1) {
    throw new ValueError(`${where}: K must be a positive integer at most ${2 ** 31 - 1} (2^31 - 1), received ${describe(K)}`);
  }
  return K;
}

/**
 * A symbolic [N, M] (or [N, M, D]) kernel matrix: an immutable formula over i-variables,
 * j-variables and parameters, evaluated only inside reductions.
 */
export class LazyTensor {
  /** @internal The formula IR node this LazyTensor wraps. */
  readonly node: FormulaNode;

  /** @internal LazyTensors are made by Vi, Vj, Pm and their operations. */
  constructor(node: FormulaNode) {
    if (!(node instanceof FormulaNode)) {
      throw new DTypeError(`LazyTensor: LazyTensors are made by Vi, Vj, Pm and their methods; new LazyTensor() takes a formula node, received ${describe(node)}`);
    }
    this.node = node;
  }

  /** Vector dimension of each (i, j) entry. */
  get dim(): number {
    return this.node.dim;
  }

  /** [N, M] or [N, M, D]; an axis without variables is reported as 1. */
  get shape(): number[] {
    const vars = collectVars([this.node]);
    const rows = (cat: 'i' | 'j') => vars.find((v) => v.category === cat)?.tensor!.shape[0] ?? 1;
    return this.dim === 1 ? [rows('i'), rows('j')] : [rows('i'), rows('j'), this.dim];
  }

  private op(name: string, args: unknown[], attrs: number[] = []): LazyTensor {
    return new LazyTensor(apply(name, [this.node, ...args.map((a, k) => toNode(a, `${name} argument ${k + 1}`))], attrs));
  }

  // Element-wise arithmetic (numbers are promoted to constants; dimension-1 operands broadcast).
  add(y: LazyOperand): LazyTensor { return this.op('Add', [y]); }
  sub(y: LazyOperand): LazyTensor { return this.op('Subtract', [y]); }
  mul(y: LazyOperand): LazyTensor { return this.op('Mult', [y]); }
  div(y: LazyOperand): LazyTensor { return this.op('Divide', [y]); }
  neg(): LazyTensor { return this.op('Minus', []); }
  exp(): LazyTensor { return this.op('Exp', []); }
  log(): LazyTensor { return this.op('Log', []); }
  sqrt(): LazyTensor { return this.op('Sqrt', []); }
  /** 1/sqrt(x), with rsqrt(0) = 0 as in KeOps. */
  rsqrt(): LazyTensor { return this.op('Rsqrt', []); }
  square(): LazyTensor { return this.op('Square', []); }
  abs(): LazyTensor { return this.op('Abs', []); }
  sin(): LazyTensor { return this.op('Sin', []); }
  cos(): LazyTensor { return this.op('Cos', []); }
  sign(): LazyTensor { return this.op('Sign', []); }
  /** 0 for x < 0, 1 otherwise. */
  step(): LazyTensor { return this.op('Step', []); }
  relu(): LazyTensor { return this.op('ReLU', []); }
  inv(): LazyTensor { return this.op('Inv', []); }
  floor(): LazyTensor { return this.op('Floor', []); }
  /** Rounds half away from zero to `decimals` digits. */
  round(decimals = 0): LazyTensor { return this.op('Round', [], [checkIntAttr('round', 'decimals', decimals)]); }

  /**
   * x^p. Like pykeops: an integer p is repeated multiplication, 0.5 is sqrt, -0.5 is rsqrt,
   * any other number or a LazyTensor is powf (exp(p log x), NaN for x < 0).
   */
  pow(p: LazyOperand): LazyTensor {
    if (typeof p === 'number') {
      if (Number.isInteger(p)) return p === 2 ? this.square() : this.op('Pow', [], [checkIntAttr('pow', 'the integer exponent p', p)]);
      if (p === 0.5) return this.sqrt();
      if (p === -0.5) return this.rsqrt();
    }
    return this.powf(p);
  }
  powf(p: LazyOperand): LazyTensor { return this.op('Powf', [p]); }
  /** Element-wise minimum of two formulas (NaN propagates). */
  minimum(y: LazyOperand): LazyTensor { return this.op('Min', [y]); }
  /** Element-wise maximum of two formulas (NaN propagates). */
  maximum(y: LazyOperand): LazyTensor { return this.op('Max', [y]); }
  atan2(x: LazyOperand): LazyTensor { return this.op('Atan2', [x]); }
  /** x - n floor((x - d) / n), KeOps's Mod. */
  mod(n: LazyOperand, d: LazyOperand = 0): LazyTensor { return this.op('Mod', [n, d]); }
  clamp(lo: LazyOperand, hi: LazyOperand): LazyTensor { return this.op('Clamp', [lo, hi]); }
  /** this >= 0 ? a : b. */
  ifelse(a: LazyOperand, b: LazyOperand): LazyTensor { return this.op('IfElse', [a, b]); }

  // Vector operations.
  sqnorm2(): LazyTensor { return this.op('SqNorm2', []); }
  norm2(): LazyTensor { return this.op('Norm2', []); }
  normalize(): LazyTensor { return this.op('Normalize', []); }
  sqdist(y: LazyTensor): LazyTensor { return this.op('SqDist', [y]); }
  dot(y: LazyTensor): LazyTensor { return this.op('Scalprod', [y]); }
  /** (x - y)^T S (x - y) with S of dimension 1, D (diagonal) or D*D (full). */
  weightedsqdist(y: LazyTensor, s: LazyOperand): LazyTensor {
    return new LazyTensor(apply('WeightedSqDist', [toNode(s, 'weightedsqdist weight'), this.node, toNode(y, 'weightedsqdist y')]));
  }
  /** x^T S x with S of dimension 1, D (diagonal) or D*D (full). */
  weightedsqnorm(s: LazyOperand): LazyTensor {
    return new LazyTensor(apply('WeightedSqNorm', [toNode(s, 'weightedsqnorm weight'), this.node]));
  }
  concat(y: LazyTensor): LazyTensor { return this.op('Concat', [y]); }
  elem(k: number): LazyTensor { return this.op('Elem', [], [checkIntAttr('elem', 'k', k)]); }
  extract(start: number, len: number): LazyTensor {
    return this.op('Extract', [], [checkIntAttr('extract', 'start', start), checkIntAttr('extract', 'len', len)]);
  }
  /** This (a row-major n x m matrix) times v (m components). */
  matvecmult(v: LazyTensor): LazyTensor { return this.op('MatVecMult', [v]); }
  /** This (n components) times A (a row-major n x m matrix). */
  vecmatmult(A: LazyTensor): LazyTensor { return this.op('VecMatMult', [A]); }
  tensorprod(y: LazyTensor): LazyTensor { return this.op('TensorProd', [y]); }

  // KeOps parity: more element-wise functions, integer clamping, one-hot vectors, tensor
  // contractions and Python-style indexing of the vector components.

  /**
   * Element-wise arctangent, KeOps's `Atan`; derivative 1 / (1 + x^2).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 1, -1], [3, 1]));
   * const y = Vj(tensor([1, 2], [2, 1]));
   * console.log(await x.mul(y).atan().sum(1)); // => [[0], [1.8925], [-1.8925]]
   * ```
   */
  atan(): LazyTensor { return this.op('Atan', []); }

  /**
   * Element-wise arcsine, KeOps's `Asin`: NaN outside [-1, 1]. Its derivative is KeOps's
   * rsqrt(1 - x^2), which is 0 (not infinite) at x = +-1.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0.5, 1], [3, 1]));
   * const y = Vj(tensor([1, 1], [2, 1]));
   * console.log(await x.asin().mul(y).sum(1)); // => [[0], [1.0472], [3.1416]]
   * ```
   */
  asin(): LazyTensor { return this.op('Asin', []); }

  /**
   * Element-wise arccosine, KeOps's `Acos`: NaN outside [-1, 1]; derivative -rsqrt(1 - x^2)
   * (0 at x = +-1, as in KeOps).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 0, -1], [3, 1]));
   * const one = Vj(tensor([1], [1, 1]));
   * console.log(await x.acos().mul(one).sum(1)); // => [[0], [1.5708], [3.1416]]
   * ```
   */
  acos(): LazyTensor { return this.op('Acos', []); }

  /**
   * Element-wise x log x with the value 0 at x = 0, KeOps's `XLogX` (an entropy term; NaN for
   * x < 0). Derivative log x + 1.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const p = Vi(tensor([0, 0.5, 1], [3, 1]));
   * const one = Vj(tensor([1], [1, 1]));
   * console.log(await p.xlogx().mul(one).sum(1)); // => [[0], [-0.34657], [0]]
   * ```
   */
  xlogx(): LazyTensor { return this.op('XLogX', []); }

  /**
   * Element-wise sin(x) / x with the value 1 at x = 0, KeOps's `SinXDivX` (pykeops' `sinc` is
   * `x.mul(Math.PI).sinxdivx()`). Derivative (cos x - sin(x) / x) / x, taken as 0 at x = 0.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 1, 2], [3, 1]));
   * const one = Vj(tensor([1], [1, 1]));
   * console.log(await x.sinxdivx().mul(one).sum(1)); // => [[1], [0.84147], [0.45465]]
   * ```
   */
  sinxdivx(): LazyTensor { return this.op('SinXDivX', []); }

  /**
   * Clamps every component to [a, b] with integer bounds fixed in the formula, KeOps's
   * `ClampInt(x, a, b)` (x < a gives a, x > b gives b; NaN stays NaN). `clamp(lo, hi)` takes
   * any numbers or LazyTensors as bounds. Derivative 1 for a <= x <= b, 0 elsewhere.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([-3, 0.5, 7], [3, 1]));
   * const one = Vj(tensor([1], [1, 1]));
   * console.log(await x.clampint(-1, 2).mul(one).sum(1)); // => [[-1], [0.5], [2]]
   * ```
   */
  clampint(a: number, b: number): LazyTensor {
    return this.op('ClampInt', [], [checkIntAttr('clampint', 'a', a), checkIntAttr('clampint', 'b', b)]);
  }

  /**
   * KeOps's `OneHot(x, dim)` (pykeops' `one_hot`): a scalar formula x gives the vector of
   * dimension `dim` with 1 at component round(x) (half away from zero) and 0 elsewhere; all
   * zeros where round(x) is outside [0, dim) or x is NaN. Its derivative is zero.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const label = Vi(tensor([0, 2, 1.2], [3, 1]));
   * const one = Vj(tensor([1], [1, 1]));
   * console.log(await label.oneHot(3).mul(one).sum(1)); // => [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
   * ```
   */
  oneHot(dim: number): LazyTensor {
    const d = checkIntAttr('oneHot', 'dim', dim);
    if (d < 1) throw new ValueError(`oneHot: dim must be a positive integer, received ${describe(dim)}`);
    return this.op('OneHot', [], [d]);
  }

  /**
   * KeOps's `TensorDot` (pykeops' `keops_tensordot`), with its argument order: this formula
   * and `y` seen as row-major tensors of shapes `dimsA` and `dimsB` (their products being the
   * two dimensions), axes `contA` of this contracted with axes `contB` of y pairwise, as numpy's
   * `tensordot(a, b, (contA, contB))`. The result's axes are this formula's remaining axes then
   * y's; `permute` (a permutation of them) sends axis k to position `permute[k]` (KeOps's
   * convention). Differentiable in both operands.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * // A 2 x 3 matrix per i times a 3-vector per j (one of each here).
   * const A = Vi(tensor([1, 2, 3, 4, 5, 6], [1, 6]));
   * const v = Vj(tensor([1, 0, -1], [1, 3]));
   * console.log(await A.tensordot(v, [2, 3], [3], [1], [0]).sum(1)); // => [[-2, -2]]
   * ```
   */
  tensordot(y: LazyTensor, dimsA: readonly number[], dimsB: readonly number[], contA: readonly number[], contB: readonly number[], permute?: readonly number[]): LazyTensor {
    const other = toLazy(y, 'tensordot', 'y');
    const list = (name: string, value: unknown) => checkIntList('tensordot', name, value);
    const params: TensorDotParams = {
      dimsA: list('dimsA', dimsA), dimsB: list('dimsB', dimsB), contA: list('contA', contA), contB: list('contB', contB),
      ...(permute === undefined ? {} : { permute: list('permute', permute) }),
    };
    if (params.contA.length !== params.contB.length) {
      throw new ValueError(`tensordot: contA and contB must pair up axes (as many of each), received [${params.contA.join(', ')}] and [${params.contB.join(', ')}]`);
    }
    const nK = params.dimsA.length + params.dimsB.length - 2 * params.contA.length;
    if (params.permute && params.permute.length !== nK) {
      throw new ValueError(`tensordot: permute must order the ${nK} axes left after the contraction, received [${params.permute.join(', ')}]`);
    }
    return this.op('TensorDot', [other], encodeTensorDot(params));
  }

  /**
   * The Kronecker product of this formula and `y` seen as tensors of shapes `dimsA` and
   * `dimsB` (as many axes each), flattened: numpy's `kron`, KeOps's `Kron` (pykeops'
   * `keops_kron`), a TensorDot without contraction.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const a = Vi(tensor([1, 2], [1, 2]));
   * const b = Vj(tensor([1, 10, 100], [1, 3]));
   * console.log(await a.kron(b, [2], [3]).sum(1)); // => [[1, 10, 100, 2, 20, 200]]
   * ```
   */
  kron(y: LazyTensor, dimsA: readonly number[], dimsB: readonly number[]): LazyTensor {
    const other = toLazy(y, 'kron', 'y');
    const params = kronParams(checkIntList('kron', 'dimsA', dimsA), checkIntList('kron', 'dimsB', dimsB));
    return this.op('TensorDot', [other], encodeTensorDot(params));
  }

  /**
   * Component k of the vector formula, pykeops' `x[k]`: `elem(k)` with Python's negative
   * indices (-1 is the last component). A ShapeError when k is outside [-dim, dim).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2, 3], [1, 3]));
   * const one = Vj(tensor([1], [1, 1]));
   * console.log(await x.at(-1).mul(one).sum(1)); // => [[3]]
   * ```
   */
  at(k: number): LazyTensor {
    const index = checkIntAttr('at', 'k', k);
    const d = this.dim;
    if (index < -d || index >= d) throw new ShapeError(`at: index ${index} is out of range for dimension ${d} (expected -${d} <= k < ${d})`);
    return this.elem(index < 0 ? index + d : index);
  }

  /**
   * Components [start, end) of the vector formula, pykeops' `x[start:end]`: `extract` with
   * Python's negative indices; `end` defaults to the dimension. Unlike a Python slice it is
   * never empty nor clipped: a ShapeError when the range is empty or outside the vector.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2, 3, 4], [1, 4]));
   * const one = Vj(tensor([1], [1, 1]));
   * // x[1:-1] in Python:
   * console.log(await x.slice(1, -1).mul(one).sum(1)); // => [[2, 3]]
   * ```
   */
  slice(start: number, end?: number): LazyTensor {
    const d = this.dim;
    const from = checkIntAttr('slice', 'start', start);
    const to = end === undefined ? d : checkIntAttr('slice', 'end', end);
    const s = from < 0 ? from + d : from;
    const e = to < 0 ? to + d : to;
    if (s < 0 || e > d || s >= e) {
      throw new ShapeError(`slice: components [${from}, ${to}) are ${s >= e && s >= 0 && e <= d ? 'an empty range' : 'outside the vector'} of dimension ${d} (expected -${d} <= start < end <= ${d}, negative values counting from the end)`);
    }
    return this.extract(s, e - s);
  }

  /** sum(-1) sums the vector components and stays lazy; sum(0) / sum(1) reduce over i / j. */
  sum(axis: -1): LazyTensor;
  sum(axis: 0 | 1, options?: SumOptions): Promise<Tensor>;
  sum(axis: number, options?: SumOptions): LazyTensor | Promise<Tensor> {
    if (axis === -1) {
      if (options !== undefined) throw new ValueError('sum(-1) sums the vector dimension lazily and takes no options');
      return this.op('Sum', []);
    }
    return reduce(this, 'SUM', axis, options).then((r) => r[0]);
  }

  /** log sum exp over an axis, optionally weighted: log sum_j w_j exp(this_ij). */
  async logsumexp(axis: number, options?: LogSumExpOptions): Promise<Tensor> {
    // Options that are not an object are refused by reduce(), naming them.
    const weight = options !== null && typeof options === 'object' && 'weight' in options ? options.weight : undefined;
    if (weight !== undefined) {
      if (!(weight instanceof LazyTensor)) throw new DTypeError(`logsumexp: options.weight must be a LazyTensor such as Vj(w), received ${describe(weight)}`);
      return (await reduce(this, 'LOGSUMEXP_WEIGHT', axis, options, { aux: weight }))[0];
    }
    return (await reduce(this, 'LOGSUMEXP', axis, options))[0];
  }

  /** sum_j softmax_j(this_ij) V_j. */
  async sumsoftmaxweight(V: LazyTensor, axis: number, options?: ReduceOptions): Promise<Tensor> {
    if (!(V instanceof LazyTensor)) throw new DTypeError(`sumsoftmaxweight: V must be a LazyTensor such as Vj(v), received ${describe(V)}`);
    return (await reduce(this, 'SUMSOFTMAXWEIGHT', axis, options, { aux: V }))[0];
  }

  /** Reduction min over an axis; with a LazyTensor argument, the element-wise minimum. */
  min(axis: number, options?: ReduceOptions): Promise<Tensor>;
  min(y: LazyTensor): LazyTensor;
  min(axis: number | LazyTensor, options?: ReduceOptions): Promise<Tensor> | LazyTensor {
    if (axis instanceof LazyTensor) return this.minimum(axis);
    return reduce(this, 'MIN', axis, options).then((r) => r[0]);
  }
  /** Reduction max over an axis; with a LazyTensor argument, the element-wise maximum. */
  max(axis: number, options?: ReduceOptions): Promise<Tensor>;
  max(y: LazyTensor): LazyTensor;
  max(axis: number | LazyTensor, options?: ReduceOptions): Promise<Tensor> | LazyTensor {
    if (axis instanceof LazyTensor) return this.maximum(axis);
    return reduce(this, 'MAX', axis, options).then((r) => r[0]);
  }
  /** Index of the minimum (first on ties); -1 where a row has no non-NaN value. */
  async argmin(axis: number, options?: ReduceOptions): Promise<Tensor> { return (await reduce(this, 'ARGMIN', axis, options))[0]; }
  async argmax(axis: number, options?: ReduceOptions): Promise<Tensor> { return (await reduce(this, 'ARGMAX', axis, options))[0]; }
  async minArgmin(axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]> { return reduce(this, 'MIN_ARGMIN', axis, options) as Promise<[Tensor, Tensor]>; }
  async maxArgmax(axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]> { return reduce(this, 'MAX_ARGMAX', axis, options) as Promise<[Tensor, Tensor]>; }
  /** The K smallest values, ascending; slots beyond the available values hold +Inf. */
  async Kmin(K: number, axis: number, options?: ReduceOptions): Promise<Tensor> { return (await reduce(this, 'KMIN', axis, options, { k: checkK('kmin', K) }))[0]; }
  /** Indices of the K smallest values (ties: lowest index first); -1 for missing slots. */
  async argKmin(K: number, axis: number, options?: ReduceOptions): Promise<Tensor> { return (await reduce(this, 'ARGKMIN', axis, options, { k: checkK('argkmin', K) }))[0]; }
  async KminArgKmin(K: number, axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]> {
    return reduce(this, 'KMIN_ARGKMIN', axis, options, { k: checkK('kmin_argkmin', K) }) as Promise<[Tensor, Tensor]>;
  }

  /**
   * Solves (alpha I + K) x = b by conjugate gradients, like KeOps's KernelSolve; K must be a
   * square, scalar-valued kernel. Resolves to { x, iterations, converged, residual, ... }.
   */
  solve(b: Tensor | LazyTensor, options?: KernelSolveOptions): Promise<SolveResult> {
    return kernelSolver()(this, b, options);
  }

  /** The formula and shape, printed the way pykeops does. */
  toString(): string {
    const shape = this.shape;
    return `KeOps LazyTensor\n    formula: ${formulaToString(this.node)}\n    shape: (${shape.join(', ')})`;
  }
}

