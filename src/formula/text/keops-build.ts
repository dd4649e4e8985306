/**
 * A KeOps formula's syntax tree -> formula IR nodes, through the op table (keops-ops.ts): each
 * call and operator is one `apply`, exactly the node the LazyTensor method builds, so a printed
 * LazyTensor parses back to the same formula (same canonical key). Names are resolved by a
 * scope (Genred's aliases, samplesLoss's X and Y); every error points at the column where the
 * faulty part was written.
 */
import { ShapeError } from '../../errors.js';
import { FormulaNode, constNode, type VarCategory } from '../node.js';
import { apply } from '../build.js';
import { encodeTensorDot } from '../ops/tensordot.js';
import { gradFormulas } from '../grad.js';
import { zeros } from '../algebra.js';
import type { OpSpec } from '../op-spec.js';
import type { KeopsAst, KeopsFormulaText } from './keops-ast.js';
import { NEGATION_OP, infixOps, opNamed, opNames, opUsage } from './keops-ops.js';
import { attemptAt, failAt, type TextOrigin } from './source-error.js';
import { closestName, shortName } from './tokens.js';

/** What the names of a formula stand for. */
export interface FormulaScope {
  /** The variable leaf an alias stands for, or undefined for an unknown name. */
  variable(name: string): FormulaNode | undefined;
  /** Every name `variable` knows (for "did you mean" and the lists in messages). */
  readonly names: readonly string[];
  /**
   * The leaf `Var(index, dim, category)` stands for, or a sentence saying why there is none
   * (such as `the routine has 3 arguments`).
   */
  indexed(index: number, dim: number, category: VarCategory): FormulaNode | string;
}

const CATEGORY_OF_CODE: readonly VarCategory[] = ['i', 'j', 'p'];

/** The names that are the grammar's own rather than ops of the table, and how they are called. */
const GRAMMAR_NAMES: ReadonlyMap<string, string> = new Map([
  ['Var', 'Var(index, dim, category) (category 0: i, 1: j, 2: parameter)'],
  ['IntCst', 'IntCst(integer)'],
  ['Cst', 'Cst(number)'],
  ['IntInv', 'IntInv(integer) (1 / n)'],
  ['RatCst', 'RatCst(p, q) (p / q)'],
  ['Zero', 'Zero(dim)'],
  ['Grad', 'Grad(formula, variable, gradient input)'],
  // KeOps's three forms of WeightedSqNorm, by the dimension of the weight.
  ['SqNormIso', 'SqNormIso(s, x) (s of dimension 1)'],
  ['SqNormDiag', 'SqNormDiag(s, x) (s of the dimension of x)'],
  ['SymSqNorm', 'SymSqNorm(A, x) (A of dimension D * D)'],
]);

/** Names that read as numbers, as String(number) writes them (the printer's Cst(NaN)). */
const NUMBER_NAMES: ReadonlyMap<string, number> = new Map([['NaN', NaN], ['Infinity', Infinity]]);

/** Every function a formula may call: the op table's, then the grammar's own. */
export function formulaFunctionNames(): string[] {
  return [...opNames(), ...GRAMMAR_NAMES.keys()];
}

/**
 * Builds the formula of a parsed KeOps string. `where` and `label` name it in messages, as for
 * parseKeopsFormula.
 */
export function buildKeopsFormula(text: KeopsFormulaText, scope: FormulaScope, where: string, label = 'the formula'): FormulaNode {
  const origin: TextOrigin = { where, label, source: text.source };
  const fail = (at: number, what: string): never => failAt(origin, at, what);
  const make = (at: number, op: string, args: readonly FormulaNode[], attrs: readonly number[] = []): FormulaNode =>
    attemptAt(origin, at, () => apply(op, args, attrs));

  /** A constant argument (a number, a sign, IntCst...); `what` describes it for the message. */
  const constant = (node: KeopsAst, what: string): number => {
    const n = build(node);
    if (n.op !== 'Const') fail(startOf(node), `${what} must be a constant number, found a formula of dimension ${n.dim}`);
    return n.attrs[0]!;
  };
  const integer = (node: KeopsAst, what: string, min = -(2 ** 31)): number => {
    const v = constant(node, what);
    if (!(Number.isInteger(v) && v >= min && v < 2 ** 31)) fail(startOf(node), `${what} must be an integer in [${min === 0 ? 0 : min === 1 ? 1 : '-2^31'}, 2^31), found ${numberText(v)}`);
    return v;
  };
  const arity = (call: Extract<KeopsAst, { kind: 'call' }>, usage: string, count: number): void => {
    if (call.args.length !== count) fail(call.at, `${call.name} takes ${count} argument${count === 1 ? '' : 's'}, ${usage}; found ${call.args.length}`);
  };
  const variableOf = (node: KeopsAst, what: string): FormulaNode => {
    const n = build(node);
    if (n.op !== 'Var') fail(startOf(node), `${what} must be a variable (an alias or Var(...)), found a formula`);
    return n;
  };

  const grammarCall = (call: Extract<KeopsAst, { kind: 'call' }>): FormulaNode | null => {
    const usage = GRAMMAR_NAMES.get(call.name);
    if (usage === undefined) return null;
    const a = call.args;
    switch (call.name) {
      case 'Var': {
        arity(call, usage, 3);
        const index = integer(a[0]!, 'the index of Var', 0);
        const dim = integer(a[1]!, 'the dimension of Var', 1);
        const code = integer(a[2]!, 'the category of Var (0: i, 1: j, 2: parameter)', 0);
        if (code > 2) fail(startOf(a[2]!), `the category of Var must be 0 (i), 1 (j) or 2 (parameter), found ${code}`);
        const leaf = scope.indexed(index, dim, CATEGORY_OF_CODE[code]!);
        return typeof leaf === 'string' ? fail(call.at, `Var(${index},${dim},${code}): ${leaf}`) : leaf;
      }
      case 'IntCst':
        arity(call, usage, 1);
      {
        // Any integer (KeOps's are Python's, of any size); the printer writes IntCst(1e+21).
        const v = constant(a[0]!, 'the argument of IntCst');
        if (!Number.isInteger(v)) fail(startOf(a[0]!), `the argument of IntCst must be an integer, found ${numberText(v)} (write Cst(x) or the number itself)`);
        return constNode(v);
      }
      case 'Cst':
        arity(call, usage, 1);
        return constNode(constant(a[0]!, 'the argument of Cst'));
      case 'IntInv': {
        arity(call, usage, 1);
        const n = integer(a[0]!, 'the argument of IntInv');
        if (n === 0) fail(startOf(a[0]!), 'IntInv(0) is 1 / 0');
        return constNode(1 / n);
      }
      case 'RatCst': {
        arity(call, usage, 2);
        const p = integer(a[0]!, 'the numerator of RatCst');
        const q = integer(a[1]!, 'the denominator of RatCst');
        if (q === 0) fail(startOf(a[1]!), 'RatCst with a zero denominator');
        return constNode(p / q);
      }
      case 'Zero':
        arity(call, usage, 1);
        return zeros(integer(a[0]!, 'the dimension of Zero', 1));
      case 'Grad': {
        arity(call, usage, 3);
        const f = build(a[0]!);
        const v = variableOf(a[1]!, 'the second argument of Grad');
        const e = build(a[2]!);
        if (e.dim !== f.dim) {
          return attemptAt(origin, startOf(a[2]!), () => {
            throw new ShapeError(`Grad: the gradient input has dimension ${e.dim}, expected the formula's dimension ${f.dim}`);
          });
        }
        return attemptAt(origin, call.at, () => gradFormulas(f, [v], e)[0]!);
      }
      default: {
        // SqNormIso, SqNormDiag, SymSqNorm: WeightedSqNorm with the weight's dimension checked.
        arity(call, usage, 2);
        const s = build(a[0]!);
        const x = build(a[1]!);
        const want = call.name === 'SqNormIso' ? 1 : call.name === 'SqNormDiag' ? x.dim : x.dim * x.dim;
        if (s.dim !== want) {
          return attemptAt(origin, startOf(a[0]!), () => {
            throw new ShapeError(`${call.name}: the weight has dimension ${s.dim}, expected ${want} for x of dimension ${x.dim}`);
          });
        }
        return make(call.at, 'WeightedSqNorm', [s, x]);
      }
    }
  };

  const opCall = (call: Extract<KeopsAst, { kind: 'call' }>, spec: OpSpec): FormulaNode => {
    const given = call.args.length;
    // KeOps's Min(x) and Max(x) (one argument) are the min and max over the components of x.
    if ((spec.name === 'Min' || spec.name === 'Max') && given === 1) {
      const x = build(call.args[0]!);
      let out = x.dim === 1 ? x : make(call.at, 'Elem', [x], [0]);
      for (let k = 1; k < x.dim; k++) out = make(call.at, spec.name, [out, make(call.at, 'Elem', [x], [k])]);
      return out;
    }
    if (spec.nattrs === 'variable') return listAttrsCall(call, spec);
    const count = spec.arity + spec.nattrs;
    if (given !== count) {
      fail(call.at, `${spec.name} takes ${count} argument${count === 1 ? '' : 's'}, ${opUsage(spec)}${spec.name === 'Min' || spec.name === 'Max' ? ` (or ${spec.name}(formula): over its components)` : ''}; found ${given}`);
    }
    const args = call.args.slice(0, spec.arity).map(build);
    const attrs = call.args.slice(spec.arity).map((node, k) => integer(node, `argument ${spec.arity + k + 1} of ${opUsage(spec)}`));
    return make(call.at, spec.name, args, attrs);
  };

  /**
   * An op whose attributes are integer lists, as KeOps prints them: TensorDot(a, b, [dimsA],
   * [dimsB], [contA], [contB][, [permute]]).
   */
  const listAttrsCall = (call: Extract<KeopsAst, { kind: 'call' }>, spec: OpSpec): FormulaNode => {
    if (spec.name !== 'TensorDot') return fail(call.at, `${spec.name} cannot be written in a formula string`);
    const usage = 'TensorDot(formula, formula, [dims of a], [dims of b], [axes of a], [axes of b], [permutation]?)';
    if (call.args.length !== 6 && call.args.length !== 7) fail(call.at, `TensorDot takes 6 or 7 arguments, ${usage}; found ${call.args.length}`);
    const args = call.args.slice(0, 2).map(build);
    const lists = call.args.slice(2).map((node, k) => {
      if (node.kind !== 'list') return fail(startOf(node), `argument ${k + 3} of ${usage} must be a list of integers such as [2,2]`);
      return node.items.map((item, m) => integer(item, `item ${m + 1} of argument ${k + 3} of TensorDot`, 0));
    });
    const [dimsA, dimsB, contA, contB, permute] = lists as [number[], number[], number[], number[], number[] | undefined];
    const attrs = attemptAt(origin, call.at, () => encodeTensorDot({ dimsA, dimsB, contA, contB, ...(permute ? { permute } : {}) }));
    return make(call.at, 'TensorDot', args, attrs);
  };

  const unknownFunction = (name: string, at: number): never => fail(at, unknownFunctionText(name, scope.names));

  const power = (node: Extract<KeopsAst, { kind: 'infix' }>, base: FormulaNode): FormulaNode => {
    // KeOps's __pow__: x**2 is Square, x**n (an integer) Pow, anything else Powf.
    const exponent = build(node.right);
    if (exponent.op === 'Const') {
      const p = exponent.attrs[0]!;
      if (p === 2) return make(node.at, 'Square', [base]);
      if (Number.isInteger(p) && Math.abs(p) < 2 ** 31) return make(node.at, 'Pow', [base], [p]);
    }
    return make(node.at, 'Powf', [base, exponent]);
  };

  function build(node: KeopsAst): FormulaNode {
    switch (node.kind) {
      case 'number':
        return constNode(node.value);
      case 'name': {
        const v = scope.variable(node.name);
        if (v !== undefined) return v;
        const number = NUMBER_NAMES.get(node.name);
        if (number !== undefined) return constNode(number);
        return fail(node.at, unknownNameText(node.name, scope.names));
      }
      case 'sign': {
        const arg = build(node.arg);
        return node.op === '+' ? arg : make(node.at, NEGATION_OP, [arg]);
      }
      case 'infix': {
        const left = build(node.left);
        if (node.op === '**') return power(node, left);
        const op = infixOps().get(node.op);
        if (op === undefined) fail(node.at, `the operator '${node.op}' stands for no op of the table`);
        return make(node.at, op!, [left, build(node.right)]);
      }
      case 'list':
        return fail(node.at, 'a [...] list is only an argument of TensorDot (its axes)');
      case 'call': {
        const special = grammarCall(node);
        if (special) return special;
        const spec = opNamed(node.name);
        return spec ? opCall(node, spec) : unknownFunction(node.name, node.at);
      }
    }
  }

  return build(text.root);
}

/** Why a bare name is not a variable of the scope. */
function unknownNameText(name: string, names: readonly string[]): string {
  if (opNamed(name) || GRAMMAR_NAMES.has(name)) return `'${name}' is a function: call it, as ${name}(...)`;
  const near = closestName(name, names);
  const list = names.length === 0 ? 'no variables are declared' : `the variables are ${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`;
  return `unknown name '${shortName(name)}'${near ? ` (did you mean '${near}'?)` : ''}; ${list}`;
}

/** Why a called name is no function. */
function unknownFunctionText(name: string, names: readonly string[]): string {
  if (names.includes(name)) return `'${name}' is a variable, not a function`;
  const known = formulaFunctionNames();
  const near = closestName(name, known);
  return `unknown function '${shortName(name)}'${near ? ` (did you mean '${near}'?)` : ''}; the functions are ${known.join(', ')}`;
}

/**
 * Checks that every name of a parsed formula is a variable of `names` or a function, before
 * the variables' dimensions are known (samplesLoss's cost strings, checked when the loss is
 * made); ValueError at the first unknown one.
 */
export function checkKeopsNames(text: KeopsFormulaText, names: readonly string[], where: string, label = 'the formula'): void {
  const origin: TextOrigin = { where, label, source: text.source };
  const pending: KeopsAst[] = [text.root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === 'name' && !names.includes(node.name) && !NUMBER_NAMES.has(node.name)) failAt(origin, node.at, unknownNameText(node.name, names));
    if (node.kind === 'call') {
      if (!opNamed(node.name) && !GRAMMAR_NAMES.has(node.name)) failAt(origin, node.at, unknownFunctionText(node.name, names));
      // Last first, so that the leftmost problem is reported.
      for (let k = node.args.length - 1; k >= 0; k--) pending.push(node.args[k]!);
    }
    if (node.kind === 'infix') pending.push(node.right, node.left);
    if (node.kind === 'sign') pending.push(node.arg);
  }
}

/** Where the text of a node begins (an infix node's `at` is its operator). */
function startOf(node: KeopsAst): number {
  return node.kind === 'infix' ? startOf(node.left) : node.at;
}

/** A number as written back in a message (-0 kept). */
function numberText(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** The dimension a Var leaf would need, checked against an existing leaf: a sentence, or null. */
export function varMismatch(leaf: FormulaNode, dim: number, category: VarCategory): string | null {
  if (leaf.dim !== dim) return `dimension ${dim}, but that variable has dimension ${leaf.dim}`;
  if (leaf.category !== category) return `category ${CATEGORY_OF_CODE.indexOf(category)}, but that variable has category ${CATEGORY_OF_CODE.indexOf(leaf.category!)} (${leaf.category})`;
  return null;
}
