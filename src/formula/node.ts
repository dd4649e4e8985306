import type { Tensor } from '../tensor/tensor.js';

/** Which index a variable follows: i (rows), j (columns) or neither (a parameter). */
export type VarCategory = 'i' | 'j' | 'p';

/**
 * One immutable node of the formula IR: an op name, its arguments, integer or float
 * attributes and its vector dimension. `key` identifies the node structurally, so equal
 * subexpressions are recognised (common-subexpression merging) and compiled tapes are
 * cached by formula.
 */
export class FormulaNode {
  readonly key: string;
  constructor(
    readonly op: string,
    readonly args: readonly FormulaNode[],
    readonly attrs: readonly number[],
    readonly dim: number,
    /** The data of a variable leaf; undefined for every other node. */
    readonly tensor?: Tensor,
    readonly category?: VarCategory,
  ) {
    const leaf = op === 'Var' ? `${category}${tensor!.id}` : '';
    this.key = `${op}${leaf}[${attrs.map(numberKey).join(',')}](${args.map((a) => a.key).join(',')})`;
  }
}

/** Exact text of a float64 (distinguishes -0 and NaN payload-free values). */
export function numberKey(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A variable leaf bound to a tensor. */
export function varNode(tensor: Tensor, category: VarCategory, dim: number): FormulaNode {
  return new FormulaNode('Var', [], [dim], dim, tensor, category);
}

/** A scalar constant leaf. */
export function constNode(value: number): FormulaNode {
  return new FormulaNode('Const', [], [value], 1);
}

/** Every distinct variable leaf of a formula, in first-seen (depth-first, left to right) order. */
export function collectVars(roots: readonly FormulaNode[]): FormulaNode[] {
  const seen = new Map<string, FormulaNode>();
  const visited = new Set<string>();
  const walk = (n: FormulaNode): void => {
    if (visited.has(n.key)) return;
    visited.add(n.key);
    if (n.op === 'Var') {
      if (!seen.has(n.key)) seen.set(n.key, n);
      return;
    }
    for (const a of n.args) walk(a);
  };
  roots.forEach(walk);
  return [...seen.values()];
}
