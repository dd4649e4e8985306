/**
 * Reads a KeOps formula string ('Exp(-SqDist(x,y)) * b', 'Var(0,3,0)', what pykeops prints) into
 * a syntax tree. KeOps evaluates these strings as Python; this is a parser of the part of
 * Python they use, so nothing is ever run as code: numbers, names, calls `Name(a, b)`,
 * parentheses, signs, `+ - * /`, `|` (scalar product, looser than `+` as in Python) and `**`
 * (tighter than a sign on its left, right-associative). Errors are ValueErrors giving the
 * column, the source and a caret.
 */
import { ValueError, describe } from '../../errors.js';
import type { InfixSymbol, KeopsAst, KeopsFormulaText } from './keops-ast.js';
import { failAt, type TextOrigin } from './source-error.js';
import { tokenize, characterAt, shortName, type Token, type TokenGrammar } from './tokens.js';

/**
 * How deep a formula may nest: parentheses, calls, signs and chained operators each add a
 * level. Parsing and building recurse once per level, so a hostile string nested 20,000 deep
 * would overflow the stack; real formulas stay under a few dozen.
 */
export const MAX_FORMULA_DEPTH = 256;

/** Python's names, and the punctuation of KeOps formulas and aliases. */
export const KEOPS_TOKENS: TokenGrammar = { name: '[A-Za-z_][A-Za-z0-9_]*', punct: String.raw`\*\*|[-+*/|(),=\[\]]` };

/** Binding strength of the infix operators (higher binds tighter), as in Python. */
const PRECEDENCE: Readonly<Record<string, number>> = { '|': 1, '+': 2, '-': 2, '*': 3, '/': 3 };

const STARTS = 'a number, a name, a call such as Exp(...), a sign or \'(\'';

/** Describes a token for a message. */
export function tokenText(t: Token, end = 'the end of the formula'): string {
  if (t.kind === 'end') return end;
  if (t.kind === 'num') return `the number ${shortName(t.text)}`;
  return `'${shortName(t.text)}'`;
}

/**
 * Parses a KeOps formula string. `where` names the caller in messages (`Genred`,
 * `samplesLoss: options.cost`); `label` what the text is (default `the formula`).
 */
export function parseKeopsFormula(source: string, where: string, label = 'the formula'): KeopsFormulaText {
  if (typeof source !== 'string') throw new ValueError(`${where}: ${label} must be a string, received ${describe(source)}`);
  const origin: TextOrigin = { where, label, source };
  const fail = (at: number, what: string): never => failAt(origin, at, what);
  const tokens = tokenize(source, KEOPS_TOKENS, (at) => {
    const c = source[at];
    const hint = c === '\'' || c === '"' ? ' (names are written without quotes)'
      : c === '[' || c === ']' ? ' (write Elem(x, k) or Extract(x, start, len))'
        : c === '<' || c === '>' ? ' (comparisons are not formula operations; Step(x) is 1 for x >= 0)'
          : '';
    return fail(at, `cannot parse the character ${characterAt(source, at)}${hint}; expected ${STARTS}, an operator (+ - * / | **), ',' or ')'`);
  });
  if (tokens.length === 0) fail(0, `${label} is empty; expected ${STARTS}, such as Exp(-SqDist(x,y)) * b`);
  const end: Token = { kind: 'end', text: '', at: source.length };
  let k = 0;
  const peek = (): Token => tokens[k] ?? end;
  const next = (): Token => tokens[k++] ?? end;
  const isPunct = (t: Token, text: string): boolean => t.kind === 'punct' && t.text === text;
  const expect = (text: string, why: string): Token => {
    const t = peek();
    if (!isPunct(t, text)) fail(t.at, `expected '${text}' ${why}, found ${tokenText(t)}`);
    return next();
  };

  const tooDeep = (at: number): never =>
    fail(at, `${label} nests more than ${MAX_FORMULA_DEPTH} levels deep (parentheses, calls, signs and chained operators each add a level)`);
  // The depth of every node made (a leaf is 1), and the parser's own recursion depth.
  const depths = new WeakMap<KeopsAst, number>();
  const made = <T extends KeopsAst>(node: T, ...children: KeopsAst[]): T => {
    const d = 1 + children.reduce((m, c) => Math.max(m, depths.get(c) ?? 1), 0);
    if (d > MAX_FORMULA_DEPTH) tooDeep(node.at);
    depths.set(node, d);
    return node;
  };
  let nesting = 0;

  const primary = (): KeopsAst => {
    const t = next();
    if (t.kind === 'num') return made({ kind: 'number', value: Number(t.text), at: t.at });
    if (t.kind === 'name') {
      if (!isPunct(peek(), '(')) return made({ kind: 'name', name: t.text, at: t.at });
      next();
      const args: KeopsAst[] = [];
      while (!isPunct(peek(), ')')) {
        args.push(formula());
        const sep = peek();
        if (isPunct(sep, ',')) {
          next();
          continue;
        }
        if (sep.kind === 'end') fail(sep.at, `expected ')' to close ${shortName(t.text)}( at column ${t.at + 1}, found the end of ${label}`);
        if (!isPunct(sep, ')')) fail(sep.at, `expected ',' or ')' in the arguments of ${shortName(t.text)}( at column ${t.at + 1}, found ${tokenText(sep)}`);
      }
      next();
      return made({ kind: 'call', name: t.text, args, at: t.at }, ...args);
    }
    if (isPunct(t, '(')) {
      const inner = formula();
      expect(')', `to close the '(' at column ${t.at + 1}`);
      return inner;
    }
    if (isPunct(t, '[')) {
      // A list of integers, as KeOps prints TensorDot's axes: [2,2].
      const items: KeopsAst[] = [];
      while (!isPunct(peek(), ']')) {
        items.push(formula());
        const sep = peek();
        if (isPunct(sep, ',')) {
          next();
          continue;
        }
        if (sep.kind === 'end') fail(sep.at, `expected ']' to close the '[' at column ${t.at + 1}, found the end of ${label}`);
        if (!isPunct(sep, ']')) fail(sep.at, `expected ',' or ']' in the list at column ${t.at + 1}, found ${tokenText(sep)}`);
      }
      next();
      return made({ kind: 'list', items, at: t.at }, ...items);
    }
    return fail(t.at, `expected ${STARTS}, found ${tokenText(t)}`);
  };

  const signed = (): KeopsAst => {
    // Every level of nesting passes through here: count it before recursing further.
    const t = peek();
    if (++nesting > MAX_FORMULA_DEPTH) tooDeep(t.at);
    try {
      if (isPunct(t, '-') || isPunct(t, '+')) {
        next();
        const arg = signed();
        return made({ kind: 'sign', op: t.text as '-' | '+', arg, at: t.at }, arg);
      }
      const base = primary();
      const op = peek();
      if (!isPunct(op, '**')) return base;
      next();
      // Python: -x**2 is -(x**2), and x**-1 takes a sign on its right.
      const exponent = signed();
      return made({ kind: 'infix', op: '**', left: base, right: exponent, at: op.at }, base, exponent);
    } finally {
      nesting--;
    }
  };

  /** Infix operators of precedence at least `min`, left to right (precedence climbing). */
  const infix = (min: number): KeopsAst => {
    let left = signed();
    for (;;) {
      const op = peek();
      const p = op.kind === 'punct' ? PRECEDENCE[op.text] : undefined;
      if (p === undefined || p < min) return left;
      next();
      const right = infix(p + 1);
      left = made({ kind: 'infix', op: op.text as InfixSymbol, left, right, at: op.at }, left, right);
    }
  };

  function formula(): KeopsAst {
    return infix(1);
  }

  const root = formula();
  const rest = peek();
  if (rest.kind !== 'end') {
    if (isPunct(rest, ')')) fail(rest.at, 'unbalanced \')\': no \'(\' before it is left open');
    if (isPunct(rest, '=')) fail(rest.at, `unexpected '='; ${label} is one formula (aliases such as 'x = Vi(3)' are given apart)`);
    const indexing = isPunct(rest, '[') ? ' (x[k] is not KeOps syntax: write Elem(x, k) or Extract(x, start, len))' : '';
    fail(rest.at, `expected an operator (+ - * / | **) or the end of ${label}, found ${tokenText(rest)}${indexing}`);
  }
  return { source, root };
}
