import { FormulaNode, constNode, collectVars } from '../formula/node.js';
import { apply } from '../formula/build.js';
import { formulaToString } from '../formula/print.js';
import { DTypeError, ValueError, describe } from '../errors.js';
import { checkIntAttr } from '../formula/ops/unary.js';
import type { Tensor } from '../tensor/tensor.js';
import type { KernelSolveOptions } from '../linalg/solve.js';
import type { SolveResult } from '../linalg/columns.js';
import { kernelSolver } from './kernel-solve-hook.js';
import { lazyShape } from '../plan/batch-shape.js';
import { reduce, type ReduceOptions, type LogSumExpOptions } from './reduce.js';

/** What a LazyTensor operation accepts as its other operand: a LazyTensor or a number. */
export type LazyOperand = LazyTensor | number;

function toNode(x: unknown, where: string): FormulaNode {
  if (x instanceof LazyTensor) return x.node;
  if (typeof x === 'number') return constNode(x);
  throw new DTypeError(`${where}: expected a LazyTensor or a number, received ${describe(x)}`);
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

  /** [...batch, N, M] or [...batch, N, M, D]; an axis without variables is reported as 1. */
  get shape(): number[] {
    return lazyShape(collectVars([this.node]), this.dim);
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

  /** sum(-1) sums the vector components and stays lazy; sum(0) / sum(1) reduce over i / j. */
  sum(axis: -1): LazyTensor;
  sum(axis: 0 | 1, options?: ReduceOptions): Promise<Tensor>;
  sum(axis: number, options?: ReduceOptions): LazyTensor | Promise<Tensor> {
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

