/**
 * The syntax tree of a KeOps formula string, as the parser reads it and before any name is
 * resolved: numbers, names (aliases), calls `Name(args)`, infix operators and signs. Every
 * node keeps the index of its source text, so later errors (an unknown op, a dimension that
 * does not fit) point at the column where it was written.
 */

/** The infix operators of the grammar, as written (Python's, which KeOps formulas are). */
export type InfixSymbol = '+' | '-' | '*' | '/' | '|' | '**';

export type KeopsAst =
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'name'; readonly name: string; readonly at: number }
  /** `name(args)`; `at` is the name's index. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly KeopsAst[]; readonly at: number }
  /** `a op b`; `at` is the operator's index. */
  | { readonly kind: 'infix'; readonly op: InfixSymbol; readonly left: KeopsAst; readonly right: KeopsAst; readonly at: number }
  /** A sign before a value, `-a` or `+a`. */
  | { readonly kind: 'sign'; readonly op: '-' | '+'; readonly arg: KeopsAst; readonly at: number }
  /** `[a, b, ...]`: a list of integers, only as an argument of TensorDot (its axes). */
  | { readonly kind: 'list'; readonly items: readonly KeopsAst[]; readonly at: number };

/** A parsed formula: the text it came from and its tree. */
export interface KeopsFormulaText {
  readonly source: string;
  readonly root: KeopsAst;
}
