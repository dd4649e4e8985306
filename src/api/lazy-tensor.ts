import { FormulaNode, constNode, collectVars, varNode } from '../formula/node.js';
import { apply } from '../formula/build.js';
import { formulaToString } from '../formula/print.js';
import { DTypeError, ShapeError, ValueError, describe } from '../errors.js';
import { checkIntAttr } from '../formula/ops/unary.js';
import { encodeTensorDot, kronParams, type TensorDotParams } from '../formula/ops/tensordot.js';
import { Tensor } from '../tensor/tensor.js';
import type { KernelSolveOptions } from '../linalg/solve.js';
import type { SolveResult } from '../linalg/columns.js';
import { kernelSolver } from './kernel-solve-hook.js';
import { lazyShape, tensorLayout } from '../plan/batch-shape.js';
import { reduce, type ReduceOptions, type LogSumExpOptions, type SumOptions } from './reduce.js';
import { gradOf, divergenceOf, laplacianOf } from '../formula/differential.js';
import { swapCategories } from '../formula/swap-categories.js';

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
 * K b (axis 1: b [M], [M, E] or [...batch, M, E], K.mul(Vj(b)).sum(1)) or K^T b (axis 0: b [N] or [N, E],
 * K.mul(Vi(b)).sum(0), which is K.t().matvec(b) with the ranges as written for K).
 */
async function operatorProduct(K: LazyTensor, b: unknown, options: ReduceOptions | undefined, axis: 0 | 1): Promise<Tensor> {
  const where = axis === 1 ? 'matvec' : 'rmatvec';
  if (K.dim !== 1) throw new ShapeError(`${where}: K must be scalar-valued (dimension 1) to act on a vector, this LazyTensor has dimension ${K.dim}; sum(-1) or elem(k) it first`);
  if (!(b instanceof Tensor)) throw new DTypeError(`${where}: b must be a Tensor of shape [${axis === 1 ? 'M' : 'N'}] or [${axis === 1 ? 'M' : 'N'}, E], received ${describe(b)}`);
  if (b.dtype === 'int32') throw new DTypeError(`${where}: b must be float32 or float64, received an int32 Tensor`);
  if (b.shape.length < 1) throw new ShapeError(`${where}: b must have shape [${axis === 1 ? 'M' : 'N'}], [${axis === 1 ? 'M' : 'N'}, E] or [...batch, ${axis === 1 ? 'M' : 'N'}, E], received shape [${b.shape.join(', ')}]`);
  const cat = axis === 1 ? 'j' : 'i';
  // Rows and dimension after any batch axes (K's variables and b may have them: they broadcast).
  const variable = collectVars([K.node]).find((v) => v.category === cat)?.tensor;
  const rows = variable ? tensorLayout(variable, cat).rows : undefined;
  const { rows: bRows, dim } = tensorLayout(b, cat);
  if (rows !== undefined && bRows !== rows) {
    throw new ShapeError(`${where}: b has ${bRows} rows, expected ${rows} (K is [${K.shape.join(', ')}])`);
  }
  if (dim < 1) throw new ShapeError(`${where}: b must have at least one column, received shape [${b.shape.join(', ')}]`);
  // Vj(b) / Vi(b), built here: variables.ts imports this module.
  const out = await K.mul(new LazyTensor(varNode(b, cat, dim))).sum(axis, options);
  return b.shape.length === 1 ? out.reshape(out.shape.slice(0, -1)) : out;
}

/**
 * A symbolic [N, M] (or [N, M, D]) kernel matrix: an immutable formula over i-variables,
 * j-variables and parameters, evaluated only inside reductions.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj } from 'lazykernel';
 * const X = tensor(new Float32Array([0, 0, 1, 1]), [2, 2]);       // N = 2 points in 2-D
 * const Y = tensor(new Float32Array([1, 0, 0, 2, 3, 1]), [3, 2]); // M = 3 points
 * const K = Vi(X).sqdist(Vj(Y)).neg().exp();   // exp(-|x_i - y_j|^2), never stored as a matrix
 * console.log(K.shape);                         // => [2, 3]
 * console.log(await K.sum(1));                  // => [[0.38624], [0.52153]]
 * ```
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

  /**
   * Vector dimension of each (i, j) entry.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor(new Float32Array(6), [2, 3]));
   * console.log(x.dim);                                             // => 3
   * console.log(x.sqdist(Vj(tensor(new Float32Array(12), [4, 3]))).dim); // => 1
   * ```
   */
  get dim(): number {
    return this.node.dim;
  }

  /**
   * [...batch, N, M] or [...batch, N, M, D]; an axis without variables is reported as 1.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor(new Float32Array(5 * 3), [5, 3]));
   * const y = Vj(tensor(new Float32Array(4 * 3), [4, 3]));
   * console.log(x.sqdist(y).shape); // => [5, 4]
   * console.log(x.sub(y).shape);    // => [5, 4, 3]
   * ```
   */
  get shape(): number[] {
    return lazyShape(collectVars([this.node]), this.dim);
  }

  private op(name: string, args: unknown[], attrs: number[] = []): LazyTensor {
    return new LazyTensor(apply(name, [this.node, ...args.map((a, k) => toNode(a, `${name} argument ${k + 1}`))], attrs));
  }

  // Element-wise arithmetic (numbers are promoted to constants; dimension-1 operands broadcast).
  /**
   * x + y element-wise (a number is a constant; a dimension-1 operand broadcasts).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.add(y).sum(1));   // => [[7], [10]]
   * console.log(await x.add(1).mul(y).sum(1)); // => [[8], [12]]
   * ```
   */
  add(y: LazyOperand): LazyTensor { return this.op('Add', [y]); }

  /**
   * x - y element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).sum(1)); // => [[-1], [2]]
   * ```
   */
  sub(y: LazyOperand): LazyTensor { return this.op('Subtract', [y]); }

  /**
   * x * y element-wise; `K.mul(Vj(b)).sum(1)` is the kernel product K b.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.mul(y).sum(1)); // => [[4], [8]]
   * ```
   */
  mul(y: LazyOperand): LazyTensor { return this.op('Mult', [y]); }

  /**
   * x / y element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.div(y.add(1)).sum(1)); // => [[1.75], [3.5]]
   * ```
   */
  div(y: LazyOperand): LazyTensor { return this.op('Divide', [y]); }

  /**
   * -x.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * const K = x.sqdist(y).neg().exp();   // Gaussian kernel exp(-|x_i - y_j|^2)
   * console.log(await K.sum(1));        // => [[1.3862], [0.7541]]
   * ```
   */
  neg(): LazyTensor { return this.op('Minus', []); }

  /**
   * e^x element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * const K = x.sub(y).abs().neg().exp();   // Laplacian kernel exp(-|x_i - y_j|)
   * console.log(await K.sum(1));           // => [[1.50321], [0.87109]]
   * ```
   */
  exp(): LazyTensor { return this.op('Exp', []); }

  /**
   * Natural logarithm element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.add(y).log().sum(1)); // => [[2.07944], [3.40120]]
   * ```
   */
  log(): LazyTensor { return this.op('Log', []); }

  /**
   * Square root element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sqdist(y).sqrt().sum(1)); // => [[3], [4]]
   * ```
   */
  sqrt(): LazyTensor { return this.op('Sqrt', []); }

  /**
   * 1/sqrt(x), with rsqrt(0) = 0 as in KeOps.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sqdist(y).rsqrt().sum(1)); // => [[1.5], [2.5]]
   * ```
   */
  rsqrt(): LazyTensor { return this.op('Rsqrt', []); }

  /**
   * x * x element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).square().sum(1)); // => [[5], [6]]
   * ```
   */
  square(): LazyTensor { return this.op('Square', []); }

  /**
   * Absolute value element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).abs().sum(1)); // => [[3], [4]]
   * ```
   */
  abs(): LazyTensor { return this.op('Abs', []); }

  /**
   * Sine element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).sin().sum(1)); // => [[-0.06783], [0.90930]]
   * ```
   */
  sin(): LazyTensor { return this.op('Sin', []); }

  /**
   * Cosine element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).cos().sum(1)); // => [[1.12416], [0.66446]]
   * ```
   */
  cos(): LazyTensor { return this.op('Cos', []); }

  /**
   * -1, 0 or 1 element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).sign().sum(1)); // => [[0], [1]]
   * ```
   */
  sign(): LazyTensor { return this.op('Sign', []); }

  /**
   * 0 for x < 0, 1 otherwise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).step().sum(1)); // => [[2], [2]]
   * ```
   */
  step(): LazyTensor { return this.op('Step', []); }

  /**
   * max(x, 0) element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).relu().sum(1)); // => [[1], [3]]
   * ```
   */
  relu(): LazyTensor { return this.op('ReLU', []); }

  /**
   * 1 / x element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.add(y).inv().sum(1)); // => [[1.75], [1.03333]]
   * ```
   */
  inv(): LazyTensor { return this.op('Inv', []); }

  /**
   * Largest integer not above x, element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.div(y.add(1)).floor().sum(1)); // => [[1], [3]]
   * ```
   */
  floor(): LazyTensor { return this.op('Floor', []); }

  /**
   * Rounds half away from zero to `decimals` digits.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.div(y.add(2)).round(1).sum(1)); // => [[1.0], [2.1]]
   * ```
   */
  round(decimals = 0): LazyTensor { return this.op('Round', [], [checkIntAttr('round', 'decimals', decimals)]); }

  /**
   * x^p. Like pykeops: an integer p is repeated multiplication, 0.5 is sqrt, -0.5 is rsqrt,
   * any other number or a LazyTensor is powf (exp(p log x), NaN for x < 0).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).pow(3).sum(1));   // => [[-7], [8]]
   * console.log(await x.sqdist(y).pow(0.5).sum(1)); // => [[3], [4]]
   * ```
   */
  pow(p: LazyOperand): LazyTensor {
    if (typeof p === 'number') {
      if (Number.isInteger(p)) return p === 2 ? this.square() : this.op('Pow', [], [checkIntAttr('pow', 'the integer exponent p', p)]);
      if (p === 0.5) return this.sqrt();
      if (p === -0.5) return this.rsqrt();
    }
    return this.powf(p);
  }

  /**
   * x^p as exp(p log x), for a real (or LazyTensor) exponent; NaN for x < 0.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.powf(y).sum(1)); // => [[3], [11]]
   * ```
   */
  powf(p: LazyOperand): LazyTensor { return this.op('Powf', [p]); }

  /**
   * Element-wise minimum of two formulas (NaN propagates).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.minimum(y).sum(1)); // => [[2], [3]]
   * ```
   */
  minimum(y: LazyOperand): LazyTensor { return this.op('Min', [y]); }

  /**
   * Element-wise maximum of two formulas (NaN propagates).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.maximum(y).sum(1)); // => [[5], [7]]
   * ```
   */
  maximum(y: LazyOperand): LazyTensor { return this.op('Max', [y]); }

  /**
   * atan2(this, x) element-wise: the angle of the point (x, this), as Math.atan2(y, x).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.atan2(y).sum(1)); // => [[2.67795], [3.26595]]
   * ```
   */
  atan2(x: LazyOperand): LazyTensor { return this.op('Atan2', [x]); }

  /**
   * x - n floor((x - d) / n), KeOps's Mod.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.add(y).mod(2).sum(1)); // => [[1], [2]]
   * ```
   */
  mod(n: LazyOperand, d: LazyOperand = 0): LazyTensor { return this.op('Mod', [n, d]); }

  /**
   * Clamps x into [lo, hi] element-wise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).clamp(-1, 1).sum(1)); // => [[0], [1]]
   * ```
   */
  clamp(lo: LazyOperand, hi: LazyOperand): LazyTensor { return this.op('Clamp', [lo, hi]); }

  /**
   * this >= 0 ? a : b.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([1, 2], [2, 1]));      // x_i, N = 2
   * const y = Vj(tensor([0, 1, 3], [3, 1]));   // y_j, M = 3
   * console.log(await x.sub(y).ifelse(x, y).sum(1)); // => [[5], [7]]
   * ```
   */
  ifelse(a: LazyOperand, b: LazyOperand): LazyTensor { return this.op('IfElse', [a, b]); }

  // Vector operations.
  /**
   * |x|^2, the squared Euclidean norm of the vector (dimension 1).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.sub(y).sqnorm2().sum(1)); // => [[15], [7]]
   * ```
   */
  sqnorm2(): LazyTensor { return this.op('SqNorm2', []); }

  /**
   * |x|, the Euclidean norm of the vector (dimension 1).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.sub(y).norm2().min(1)); // => [[1], [1]]
   * ```
   */
  norm2(): LazyTensor { return this.op('Norm2', []); }

  /**
   * x / |x|, the vector scaled to unit length.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * // the unit vector from x_i towards y_j, averaged over j
   * console.log(await x.sub(y).neg().normalize().sum(1)); // => [[1.94868, 1.31623], [0.29289, -0.29289]]
   * ```
   */
  normalize(): LazyTensor { return this.op('Normalize', []); }

  /**
   * |x - y|^2, the squared Euclidean distance (dimension 1).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.sqdist(y).sum(1)); // => [[15], [7]]
   * ```
   */
  sqdist(y: LazyTensor): LazyTensor { return this.op('SqDist', [y]); }

  /**
   * The scalar product <x, y> (dimension 1).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.dot(y).sum(1)); // => [[0], [7]]
   * ```
   */
  dot(y: LazyTensor): LazyTensor { return this.op('Scalprod', [y]); }

  /**
   * (x - y)^T S (x - y) with S of dimension 1, D (diagonal) or D*D (full).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * import { Pm } from 'lazykernel';
   * // a diagonal metric: 2 (dx)^2 + 0.5 (dy)^2
   * console.log(await x.weightedsqdist(y, Pm([2, 0.5])).sum(1)); // => [[22.5], [11]]
   * ```
   */
  weightedsqdist(y: LazyTensor, s: LazyOperand): LazyTensor {
    return new LazyTensor(apply('WeightedSqDist', [toNode(s, 'weightedsqdist weight'), this.node, toNode(y, 'weightedsqdist y')]));
  }

  /**
   * x^T S x with S of dimension 1, D (diagonal) or D*D (full).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.sub(y).weightedsqnorm(2).sum(1)); // => [[30], [14]]
   * ```
   */
  weightedsqnorm(s: LazyOperand): LazyTensor {
    return new LazyTensor(apply('WeightedSqNorm', [toNode(s, 'weightedsqnorm weight'), this.node]));
  }

  /**
   * The vectors of x and y side by side (dimension dim(x) + dim(y)).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(x.concat(y).dim);               // => 4
   * console.log(await x.concat(y).sum(1));     // => [[0, 0, 4, 3], [3, 3, 4, 3]]
   * ```
   */
  concat(y: LazyTensor): LazyTensor { return this.op('Concat', [y]); }

  /**
   * Component k of the vector (dimension 1).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.sub(y).elem(0).sum(1)); // => [[-4], [-1]]
   * ```
   */
  elem(k: number): LazyTensor { return this.op('Elem', [], [checkIntAttr('elem', 'k', k)]); }

  /**
   * `len` components of the vector from `start`.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.concat(y).extract(1, 2).sum(1)); // => [[0, 4], [3, 4]]
   * ```
   */
  extract(start: number, len: number): LazyTensor {
    return this.op('Extract', [], [checkIntAttr('extract', 'start', start), checkIntAttr('extract', 'len', len)]);
  }

  /**
   * This (a row-major n x m matrix) times v (m components).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * import { Pm } from 'lazykernel';
   * const R = Pm([0, -1, 1, 0]);               // a 2 x 2 rotation by 90 degrees, row-major
   * console.log(await R.matvecmult(x.sub(y)).sum(1)); // => [[3, -4], [0, -1]]
   * ```
   */
  matvecmult(v: LazyTensor): LazyTensor { return this.op('MatVecMult', [v]); }

  /**
   * This (n components) times A (a row-major n x m matrix).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * import { Pm } from 'lazykernel';
   * const R = Pm([0, -1, 1, 0]);               // row-major 2 x 2
   * console.log(await x.sub(y).vecmatmult(R).sum(1)); // => [[-3, 4], [0, 1]]
   * ```
   */
  vecmatmult(A: LazyTensor): LazyTensor { return this.op('VecMatMult', [A]); }

  /**
   * The outer product x y^T as a row-major vector (dimension dim(x) * dim(y)).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(x.tensorprod(y).dim);           // => 4
   * console.log(await x.tensorprod(y).sum(1)); // => [[0, 0, 0, 0], [4, 3, 4, 3]]
   * ```
   */
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

  /**
   * sum(-1) sums the vector components and stays lazy; sum(0) / sum(1) reduce over i / j.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor([0, 0, 1, 1], [2, 2]);
   * const Y = tensor([1, 0, 0, 2, 3, 1], [3, 2]);
   * const B = tensor([1, 2, 3], [3, 1]);
   * const K = Vi(X).sqdist(Vj(Y)).neg().exp();
   * console.log(await K.mul(Vj(B)).sum(1));  // => [[0.40465], [0.69350]]
   * console.log(await K.sum(0));             // => [[0.73576], [0.15365], [0.01836]]
   * console.log(Vi(X).sub(Vj(Y)).sum(-1).dim); // => 1
   * ```
   */
  sum(axis: -1): LazyTensor;
  sum(axis: 0 | 1, options?: SumOptions): Promise<Tensor>;
  sum(axis: number, options?: SumOptions): LazyTensor | Promise<Tensor> {
    if (axis === -1) {
      if (options !== undefined) throw new ValueError('sum(-1) sums the vector dimension lazily and takes no options');
      return this.op('Sum', []);
    }
    return reduce(this, 'SUM', axis, options).then((r) => r[0]);
  }

  /**
   * log sum exp over an axis, optionally weighted: log sum_j w_j exp(this_ij).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * const D = x.sqdist(y).neg();
   * console.log(await D.logsumexp(1));                                      // => [[-0.95130], [-0.65099]]
   * console.log(await D.logsumexp(1, { weight: Vj(tensor([1, 2, 3], [3, 1])) })); // => [[-0.90474], [-0.36601]]
   * ```
   */
  async logsumexp(axis: number, options?: LogSumExpOptions): Promise<Tensor> {
    // Options that are not an object are refused by reduce(), naming them.
    const weight = options !== null && typeof options === 'object' && 'weight' in options ? options.weight : undefined;
    if (weight !== undefined) {
      if (!(weight instanceof LazyTensor)) throw new DTypeError(`logsumexp: options.weight must be a LazyTensor such as Vj(w), received ${describe(weight)}`);
      return (await reduce(this, 'LOGSUMEXP_WEIGHT', axis, options, { aux: weight }))[0];
    }
    return (await reduce(this, 'LOGSUMEXP', axis, options))[0];
  }

  /**
   * sum_j softmax_j(this_ij) V_j.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * const D = x.sqdist(y).neg();
   * console.log(await D.sumsoftmaxweight(Vj(tensor([1, 2, 3], [3, 1])), 1)); // => [[1.04766], [1.32973]]
   * ```
   */
  async sumsoftmaxweight(V: LazyTensor, axis: number, options?: ReduceOptions): Promise<Tensor> {
    if (!(V instanceof LazyTensor)) throw new DTypeError(`sumsoftmaxweight: V must be a LazyTensor such as Vj(v), received ${describe(V)}`);
    return (await reduce(this, 'SUMSOFTMAXWEIGHT', axis, options, { aux: V }))[0];
  }

  /**
   * Reduction min over an axis; with a LazyTensor argument, the element-wise minimum.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * const D = x.sqdist(y);
   * console.log(await D.min(1));               // => [[1], [1]]
   * console.log(await D.min(0));               // => [[1], [2], [4]]
   * console.log(await D.min(D.mul(0.5)).sum(1)); // => [[7.5], [3.5]]
   * ```
   */
  min(axis: number, options?: ReduceOptions): Promise<Tensor>;
  min(y: LazyTensor): LazyTensor;
  min(axis: number | LazyTensor, options?: ReduceOptions): Promise<Tensor> | LazyTensor {
    if (axis instanceof LazyTensor) return this.minimum(axis);
    return reduce(this, 'MIN', axis, options).then((r) => r[0]);
  }

  /**
   * Reduction max over an axis; with a LazyTensor argument, the element-wise maximum.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * const D = x.sqdist(y);
   * console.log(await D.max(1)); // => [[10], [4]]
   * ```
   */
  max(axis: number, options?: ReduceOptions): Promise<Tensor>;
  max(y: LazyTensor): LazyTensor;
  max(axis: number | LazyTensor, options?: ReduceOptions): Promise<Tensor> | LazyTensor {
    if (axis instanceof LazyTensor) return this.maximum(axis);
    return reduce(this, 'MAX', axis, options).then((r) => r[0]);
  }

  /**
   * Index of the minimum (first on ties); -1 where a row has no non-NaN value.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * const nearest = await x.sqdist(y).argmin(1);   // int32 Tensor [N, 1]
   * console.log(nearest);                          // => [[0], [0]]
   * console.log(await x.sqdist(y).argmin(0));      // => [[0], [1], [1]]
   * ```
   */
  async argmin(axis: number, options?: ReduceOptions): Promise<Tensor> { return (await reduce(this, 'ARGMIN', axis, options))[0]; }

  /**
   * Index of the maximum (first on ties); -1 where a row has no non-NaN value.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.sqdist(y).argmax(1)); // => [[2], [2]]
   * ```
   */
  async argmax(axis: number, options?: ReduceOptions): Promise<Tensor> { return (await reduce(this, 'ARGMAX', axis, options))[0]; }

  /**
   * The minimum and its index in one pass.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * const [dist, index] = await x.sqdist(y).minArgmin(0);
   * console.log(dist);  // => [[1], [2], [4]]
   * console.log(index); // => [[0], [1], [1]]
   * ```
   */
  async minArgmin(axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]> { return reduce(this, 'MIN_ARGMIN', axis, options) as Promise<[Tensor, Tensor]>; }

  /**
   * The maximum and its index in one pass.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * const [dist, index] = await x.sqdist(y).maxArgmax(1);
   * console.log(dist);  // => [[10], [4]]
   * console.log(index); // => [[2], [2]]
   * ```
   */
  async maxArgmax(axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]> { return reduce(this, 'MAX_ARGMAX', axis, options) as Promise<[Tensor, Tensor]>; }

  /**
   * The K smallest values, ascending; slots beyond the available values hold +Inf.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * console.log(await x.sqdist(y).Kmin(2, 1)); // => [[1, 4], [1, 2]]
   * ```
   */
  async Kmin(K: number, axis: number, options?: ReduceOptions): Promise<Tensor> { return (await reduce(this, 'KMIN', axis, options, { k: checkK('kmin', K) }))[0]; }

  /**
   * Indices of the K smallest values (ties: lowest index first); -1 for missing slots.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * // the 2 nearest neighbours of each x_i among the y_j
   * console.log(await x.sqdist(y).argKmin(2, 1)); // => [[0, 1], [0, 1]]
   * ```
   */
  async argKmin(K: number, axis: number, options?: ReduceOptions): Promise<Tensor> { return (await reduce(this, 'ARGKMIN', axis, options, { k: checkK('argkmin', K) }))[0]; }

  /**
   * The K smallest values and their indices in one pass (as pykeops' Kmin_argKmin).
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const x = Vi(tensor([0, 0, 1, 1], [2, 2]));         // N = 2 points in 2-D
   * const y = Vj(tensor([1, 0, 0, 2, 3, 1], [3, 2]));   // M = 3 points
   * const [dist, index] = await x.sqdist(y).KminArgKmin(2, 1);
   * console.log(dist);  // => [[1, 4], [1, 2]]
   * console.log(index); // => [[0, 1], [0, 1]]
   * ```
   */
  async KminArgKmin(K: number, axis: number, options?: ReduceOptions): Promise<[Tensor, Tensor]> {
    return reduce(this, 'KMIN_ARGKMIN', axis, options, { k: checkK('kmin_argkmin', K) }) as Promise<[Tensor, Tensor]>;
  }

  // KeOps's symbolic differential operators and K as an operator (issue 18): grad, divergence,
  // laplacian, t, T, matvec, rmatvec.

  /**
   * The symbolic gradient, as pykeops' `F.grad(v, e)`: for each pair (i, j), (dF_ij/dv)^T e_ij,
   * a LazyTensor of v's dimension. `v` is a variable of this formula (the Vi, Vj or Pm
   * LazyTensor itself); `e` has this formula's dimension, or is a number (repeated). The result
   * is an ordinary formula, sharing its subexpressions with this one: it reduces on every
   * backend, combines with others, differentiates again (`grad` of `grad`, to any order) and
   * carries host gradients (`requiresGrad` tensors). It prints as KeOps does, `Grad(F,v,e)`.
   * Throws a ValueError when v is not a variable of the formula, a ShapeError when e's
   * dimension is wrong.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor([0, 0, 1, 0], [2, 2], { dtype: 'float64' });
   * const Y = tensor([1, 0], [1, 2], { dtype: 'float64' });
   * const x = Vi(X), y = Vj(Y);
   * const F = x.sqdist(y).neg().exp();           // exp(-|x_i - y_j|^2), dimension 1
   * const G = F.grad(x, 1);                      // -2 (x_i - y_j) exp(-|x_i - y_j|^2), dimension 2
   * console.log(await G.sum(1));                 // => [[0.7358, 0], [0, 0]]
   * const H = G.grad(x, G);                      // grad of grad: a Hessian-vector product
   * console.log(H.dim);                          // => 2
   * console.log(String(G).split('\n')[1].trim()); // => 'formula: Grad(Exp(Minus(SqDist(Var(0,2,0),Var(1,2,1)))),Var(0,2,0),IntCst(1))'
   * ```
   */
  grad(v: LazyTensor, e: LazyOperand): LazyTensor {
    if (!(v instanceof LazyTensor)) throw new DTypeError(`grad: v must be a LazyTensor (a Vi, Vj or Pm variable of the formula), received ${describe(v)}`);
    return new LazyTensor(gradOf(this.node, v.node, toNode(e, 'grad: e'), 'grad'));
  }

  /**
   * The divergence sum_k dF_k/dv_k of this formula with respect to its variable v (both of
   * one dimension D), as recent KeOps's `divergence`; a scalar LazyTensor printed
   * `Divergence(F,v)`. One reverse pass per component: D passes, sharing their subexpressions.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' });
   * const Y = tensor([0, 0], [1, 2], { dtype: 'float64' });
   * const x = Vi(X), y = Vj(Y);
   * const F = x.sub(y).mul(x.sqnorm2());         // (x - y) |x|^2: divergence (D + 2) |x|^2 when y = 0
   * console.log(await F.divergence(x).sum(1));   // => [[20], [100]]
   * ```
   */
  divergence(v: LazyTensor): LazyTensor {
    if (!(v instanceof LazyTensor)) throw new DTypeError(`divergence: v must be a LazyTensor (a Vi, Vj or Pm variable of the formula), received ${describe(v)}`);
    return new LazyTensor(divergenceOf(this.node, v.node, 'divergence'));
  }

  /**
   * The Laplacian sum_k d^2F/dv_k^2 of this scalar formula with respect to its variable v, as
   * recent KeOps's `laplacian` (the divergence of the gradient); printed `Laplacian(F,v)`.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor([1, 2, 0, 0], [2, 2], { dtype: 'float64' });
   * const Y = tensor([0, 0], [1, 2], { dtype: 'float64' });
   * const x = Vi(X), y = Vj(Y);
   * const F = x.sqdist(y).neg().exp();           // Laplacian (4 r^2 - 2 D) exp(-r^2), r = |x - y|
   * console.log(await F.laplacian(x).sum(1));    // => [[0.1078], [-4]]
   * ```
   */
  laplacian(v: LazyTensor): LazyTensor {
    if (!(v instanceof LazyTensor)) throw new DTypeError(`laplacian: v must be a LazyTensor (a Vi, Vj or Pm variable of the formula), received ${describe(v)}`);
    return new LazyTensor(laplacianOf(this.node, v.node, 'laplacian'));
  }

  /**
   * The transpose, as pykeops' `K.t()`: the same formula with the roles of i and j swapped
   * (every Vi becomes a Vj and back; parameters stay), a LazyTensor [M, N]. `K.t().t()` is K.
   * Block-sparse ranges written for K serve K.t() once swapped: `swapAxes(ranges)`.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor([0, 1, 2], [3, 1]), Y = tensor([0, 1], [2, 1]);
   * const K = Vi(X).sqdist(Vj(Y));               // [3, 2]
   * console.log(K.t().shape);                    // => [2, 3]
   * console.log(await K.t().sum(1));             // => [[5], [2]]
   * ```
   */
  t(): LazyTensor {
    return new LazyTensor(swapCategories(this.node));
  }

  /**
   * Alias of `t()`, like pykeops' (and numpy's) `.T`.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const K = Vi(tensor([0, 1, 2], [3, 1])).sqdist(Vj(tensor([0, 1], [2, 1])));
   * console.log(K.T.shape);                      // => [2, 3]
   * ```
   */
  get T(): LazyTensor {
    return this.t();
  }

  /**
   * The product K b with a dense Tensor b of shape [M] (result [N]) or [M, E] (result [N, E]),
   * as pykeops' `K @ b`: exactly `K.mul(Vj(b)).sum(1, options)` (reshaped to [N] for a vector
   * b), so it is differentiable and takes the reductions' options ({ backend, ranges, signal,
   * ni }). K must be scalar-valued (dimension 1): a ShapeError otherwise.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor([0, 1], [2, 1]), Y = tensor([0, 1, 2], [3, 1]);
   * const K = Vi(X).sqdist(Vj(Y));               // [[0, 1, 4], [1, 0, 1]]
   * console.log(await K.matvec(tensor([1, 1, 1])));          // => [5, 2]
   * console.log(await K.matvec(tensor([1, 0, 0, 1, 1, 0], [3, 2])));  // => [[4, 1], [2, 0]]
   * ```
   */
  async matvec(b: Tensor, options?: ReduceOptions): Promise<Tensor> {
    return operatorProduct(this, b, options, 1);
  }

  /**
   * The product K^T b with a dense Tensor b of shape [N] (result [M]) or [N, E] (result
   * [M, E]): `K.t().matvec(b)`, computed as `K.mul(Vi(b)).sum(0, options)`, so that
   * `options.ranges` (and `ni`, `nj`) are those of K; K.t() itself takes `swapAxes(ranges)`.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor([0, 1], [2, 1]), Y = tensor([0, 1, 2], [3, 1]);
   * const K = Vi(X).sqdist(Vj(Y));               // [[0, 1, 4], [1, 0, 1]]
   * console.log(await K.rmatvec(tensor([1, 2])));            // => [2, 1, 6]
   * ```
   */
  async rmatvec(b: Tensor, options?: ReduceOptions): Promise<Tensor> {
    return operatorProduct(this, b, options, 0);
  }

  /**
   * Solves (alpha I + K) x = b by conjugate gradients, like KeOps's KernelSolve; K must be a
   * square, scalar-valued kernel. Resolves to { x, iterations, converged, residual, ... }.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor([0, 0.5, 1, 1.5, 2], [5, 1], { dtype: 'float64' });
   * const K = Vi(X).sqdist(Vj(X)).neg().exp();
   * const b = tensor([1, 0, 0, 0, 1], [5], { dtype: 'float64' });
   * const { x, converged } = await K.solve(b, { alpha: 0.1 });   // (0.1 I + K) x = b
   * console.log(converged);                                       // => true
   * const back = await K.mul(Vj(x.reshape(5, 1))).sum(1);         // K x + 0.1 x gives b back
   * console.log(back.reshape(5).add(x.mul(0.1)));                 // => [1.0000, 0.0000, 0.0000, 0.0000, 1.0000]
   * ```
   */
  solve(b: Tensor | LazyTensor, options?: KernelSolveOptions): Promise<SolveResult> {
    return kernelSolver()(this, b, options);
  }

  /**
   * The formula and shape, printed the way pykeops does.
   *
   * @example
   * ```ts
   * import { tensor, Vi, Vj } from 'lazykernel';
   * const X = tensor(new Float32Array(10 * 3), [10, 3]);
   * console.log(String(Vi(X).sqdist(Vj(X)).neg().exp())); // KeOps LazyTensor, its formula and shape (10, 10)
   * ```
   */
  toString(): string {
    const shape = this.shape;
    return `KeOps LazyTensor\n    formula: ${formulaToString(this.node)}\n    shape: (${shape.join(', ')})`;
  }
}

