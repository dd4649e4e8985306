import { FormulaNode, constNode } from './node.js';
import { apply } from './build.js';

/**
 * Small constructors for writing formulas in code (derivative rules, losses): each is one
 * `apply` of the op table, with numbers promoted to constants and trivial cases folded.
 */
type F = FormulaNode;
type Arg = F | number;

const node = (x: Arg): F => (typeof x === 'number' ? constNode(x) : x);
const isConst = (x: F, value?: number) => x.op === 'Const' && (value === undefined || x.attrs[0] === value);
/** A constant zero, scalar or repeated over components (what derivative rules add up). */
const isZero = (x: F) => isConst(x, 0) || (x.op === 'SumT' && isConst(x.args[0]!, 0));

export const cst = (value: number): F => constNode(value);
export const add = (a: Arg, b: Arg): F => {
  const [x, y] = [node(a), node(b)];
  if (isZero(x) && y.dim >= x.dim) return y;
  if (isZero(y) && x.dim >= y.dim) return x;
  return apply('Add', [x, y]);
};
export const sub = (a: Arg, b: Arg): F => (isConst(node(b), 0) && node(a).dim >= node(b).dim ? node(a) : apply('Subtract', [node(a), node(b)]));
export const mul = (a: Arg, b: Arg): F => {
  const [x, y] = [node(a), node(b)];
  if (isConst(x, 1) && y.dim >= x.dim) return y;
  if (isConst(y, 1) && x.dim >= y.dim) return x;
  if (isConst(x, -1) && y.dim >= x.dim) return apply('Minus', [y]);
  if (isConst(y, -1) && x.dim >= y.dim) return apply('Minus', [x]);
  return apply('Mult', [x, y]);
};
export const div = (a: Arg, b: Arg): F => apply('Divide', [node(a), node(b)]);
export const neg = (a: Arg): F => apply('Minus', [node(a)]);
export const unary = (op: string, a: Arg, attrs: number[] = []): F => apply(op, [node(a)], attrs);
export const binary = (op: string, a: Arg, b: Arg): F => apply(op, [node(a), node(b)]);
/** Sum of the components (dimension 1). */
export const sumv = (a: F): F => (a.dim === 1 ? a : apply('Sum', [a]));
/** A dimension-1 formula repeated over `dim` components (the transpose of sumv). */
export const repeat = (a: Arg, dim: number): F => (dim === 1 ? node(a) : apply('SumT', [node(a)], [dim]));
/** Zeros of dimension `dim`. */
export const zeros = (dim: number): F => repeat(0, dim);
/** Reduces a cotangent of dimension `outDim` to an argument of dimension `argDim` (1 when it broadcast). */
export const unbroadcast = (g: F, argDim: number): F => (argDim === 1 && g.dim > 1 ? sumv(g) : g);
export const dot = (a: F, b: F): F => (a.dim === 1 && b.dim === 1 ? mul(a, b) : apply('Scalprod', [a, b]));
export const step = (a: Arg): F => apply('Step', [node(a)]);
export const concat = (a: F, b: F): F => apply('Concat', [a, b]);
export const extract = (a: F, start: number, len: number): F => (start === 0 && len === a.dim ? a : apply('Extract', [a], [start, len]));
export const matvec = (A: F, v: F): F => apply('MatVecMult', [A, v]);
export const vecmat = (v: F, A: F): F => apply('VecMatMult', [v, A]);
export const tensorprod = (a: F, b: F): F => apply('TensorProd', [a, b]);
/** g placed at components [start, start + g.dim) of a zero vector of dimension `dim`. */
export function embed(g: F, start: number, dim: number): F {
  let out = g;
  if (start > 0) out = concat(zeros(start), out);
  const tail = dim - start - g.dim;
  if (tail > 0) out = concat(out, zeros(tail));
  return out;
}
