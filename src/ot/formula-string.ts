/**
 * KeOps-style formula strings in the variables X and Y, as GeomLoss passes its costs and kernels
 * ('Norm2(X-Y)', '(SqDist(X,Y) / IntCst(2))', 'Exp(-SqDist(X,Y) / IntCst(2))'...). They are
 * read by the one KeOps grammar (src/formula/text, which Genred uses too) into a formula over
 * X = Vi(x) and Y = Vj(y); that formula is reduced as a LazyTensor, or evaluated op by op on
 * dense [B, N, M] host Tensors for the 'tensorized' backend, so one string works on every backend.
 */
import { ValueError, quoteSource } from '../errors.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import { Vi, Vj } from '../api/variables.js';
import { Tensor } from '../tensor/tensor.js';
import { varNode, type FormulaNode } from '../formula/node.js';
import { parseKeopsFormula, MAX_FORMULA_DEPTH } from '../formula/text/keops-parser.js';
import { buildKeopsFormula, checkKeopsNames, type FormulaScope } from '../formula/text/keops-build.js';
import type { KeopsFormulaText } from '../formula/text/keops-ast.js';
import { sqrt0 } from './grad-helpers.js';

export { MAX_FORMULA_DEPTH };

/** A parsed formula. */
export interface ParsedFormula {
  readonly source: string;
  readonly text: KeopsFormulaText;
}

const NAMES = ['X', 'Y'];

/**
 * Parses a KeOps formula string in X and Y; a ValueError points at the column of the first bad
 * character or unknown name, or says how deep the formula nests beyond MAX_FORMULA_DEPTH.
 */
export function parseFormula(source: string, where: string): ParsedFormula {
  const text = parseKeopsFormula(source, where);
  checkKeopsNames(text, NAMES, where);
  return { source, text };
}

/** The formula over the leaves X and Y. */
function build(f: ParsedFormula, X: FormulaNode, Y: FormulaNode, where: string): FormulaNode {
  const scope: FormulaScope = {
    names: NAMES,
    variable: (name) => (name === 'X' ? X : name === 'Y' ? Y : undefined),
    indexed: () => 'a cost or kernel formula names its variables X and Y',
  };
  const node = buildKeopsFormula(f.text, scope, where);
  if (node.op === 'Const') throw new ValueError(`${where}: the formula ${quoteSource(f.source)} is a constant; it must depend on X or Y`);
  if (node.dim !== 1) throw new ValueError(`${where}: the formula ${quoteSource(f.source)} has dimension ${node.dim}; a cost or kernel must be a scalar`);
  return node;
}

/** The formula as a LazyTensor over Vi(x), Vj(y). */
export function formulaToLazy(f: ParsedFormula, x: Tensor, y: Tensor, where: string): LazyTensor {
  return new LazyTensor(build(f, Vi(x).node, Vj(y).node, where));
}

type Dense = Tensor | number;

/** Sums the vector axis, keeping it (size 1). */
const red = (t: Tensor): Tensor => t.sum(-1, { keepdims: true });
const tensorOf = (v: Dense, what: string, where: string): Tensor => {
  if (typeof v === 'number') throw new ValueError(`${where}: ${what} with a constant operand is not available on the 'tensorized' backend; use 'online'`);
  return v;
};

/** Each op of a cost formula on dense Tensors [B, N, M, D] (numbers for constants). */
const DENSE_OPS: Readonly<Record<string, (a: readonly Dense[], attrs: readonly number[], where: string) => Dense>> = {
  Add: ([a, b]) => (typeof a === 'number' ? (b as Tensor).add(a) : a!.add(b!)),
  Subtract: ([a, b]) => (typeof a === 'number' ? (b as Tensor).neg().add(a) : a!.sub(b!)),
  Mult: ([a, b]) => (typeof a === 'number' ? (b as Tensor).mul(a) : a!.mul(b!)),
  Divide: ([a, b]) => (typeof a === 'number' ? (b as Tensor).pow(-1).mul(a) : a!.div(b!)),
  Minus: ([a]) => (a as Tensor).neg(),
  Exp: ([a]) => (a as Tensor).exp(),
  Log: ([a]) => (a as Tensor).log(),
  Sqrt: ([a]) => (a as Tensor).sqrt(),
  Rsqrt: ([a]) => (a as Tensor).pow(-0.5),
  Abs: ([a]) => (a as Tensor).abs(),
  Square: ([a]) => (a as Tensor).square(),
  Inv: ([a]) => (a as Tensor).pow(-1),
  ReLU: ([a]) => (a as Tensor).maximum(0),
  Pow: ([a], [n]) => (a as Tensor).pow(n!),
  Powf: ([a, b], _attrs, where) => tensorOf(a!, 'Powf', where).pow(b!),
  SqDist: ([a, b]) => red((a as Tensor).sub(b as Tensor).square()),
  Scalprod: ([a, b]) => red((a as Tensor).mul(b as Tensor)),
  SqNorm2: ([a]) => red((a as Tensor).square()),
  Norm2: ([a]) => sqrt0(red((a as Tensor).square())),
  Sum: ([a]) => red(a as Tensor),
};

/**
 * The formula as a dense [B, N, M] Tensor for x [B, N, D], y [B, M, D] (differentiable; the
 * intermediate values are [B, N, M, D] tensors).
 */
export function formulaToDense(f: ParsedFormula, x: Tensor, y: Tensor, where: string): Tensor {
  const [B, N, D] = x.shape as [number, number, number];
  const M = y.shape[1]!;
  // The leaves stand for the points themselves; here they are read as [B, N, 1, D] and [B, 1, M, D].
  const X = varNode(x, 'i', D);
  const Y = varNode(y, 'j', D);
  const values = new Map<string, Dense>([[X.key, x.reshape([B, N, 1, D])], [Y.key, y.reshape([B, 1, M, D])]]);
  const evaluate = (n: FormulaNode): Dense => {
    const hit = values.get(n.key);
    if (hit !== undefined) return hit;
    let v: Dense;
    if (n.op === 'Const') v = n.attrs[0]!;
    else {
      const op = DENSE_OPS[n.op];
      if (!op) throw new ValueError(`${where}: ${n.op} is not available on the 'tensorized' backend; use 'online'`);
      v = op(n.args.map(evaluate), n.attrs, where);
    }
    values.set(n.key, v);
    return v;
  };
  const v = evaluate(build(f, X, Y, where)) as Tensor;
  if (v.shape[1] !== N || v.shape[2] !== M) throw new ValueError(`${where}: the formula ${quoteSource(f.source)} must depend on both X and Y`);
  return v.reshape([B, N, M]);
}
