// The gradient formulas of a sum-like reduction (SUM, LOGSUMEXP, LOGSUMEXP_WEIGHT,
// SUMSOFTMAXWEIGHT), derived once per forward structure and reused: an optimiser's loop calls
// backward on the same formula every step with new tensors, and deriving (gradFormulas, the
// algebra's folding) cost more than the rest of the backward's JavaScript. A template is the
// gradient derived over placeholder leaves; each backward binds the placeholders to its tensors.
import { Tensor } from '../tensor/tensor.js';
import { FormulaNode, collectVars, varNode, type VarCategory } from '../formula/node.js';
import { canonicalKey } from '../formula/lower.js';
import { gradFormulas } from '../formula/grad.js';
import { substitute } from '../formula/substitute.js';
import { add, sub, mul, dot, unary, sumv, concat, cst } from '../formula/algebra.js';
import { apply } from '../formula/build.js';
import { castTo } from '../autograd/cast.js';
import type { ReductionPlan } from '../plan/reduction-plan.js';
import type { FloatDType } from '../tape/request.js';

type F = FormulaNode;

/** One gradient reduction: the leaves whose gradients reduce over `axis`, concatenated into one formula. */
export interface GradGroup {
  readonly axis: 0 | 1;
  readonly formula: F;
  /** The leaves, in the order their parts sit in the formula. */
  readonly leaves: readonly F[];
  /** Each leaf's part: its width in the formula, and the row-constant factor that multiplies the reduced part (or null). */
  readonly parts: readonly { readonly width: number; readonly factor: F | null }[];
  /** From a template: the formula's variables (collectVars order) and canonical key, known without a walk (buildPlan's `known`). */
  readonly known?: { readonly vars: readonly F[]; readonly key: string };
}

/** The row variables the gradient formulas read besides the forward's inputs. */
export interface GradRows {
  /** The incoming gradient, one row per output row (or a parameter, when it is the same for every row). */
  readonly E: F;
  /** The reduction's output (log-sum-exps and soft-max weights read it). */
  readonly out: F;
  /** SUMSOFTMAXWEIGHT: the log-sum-exp of its formula; null for the other kinds. */
  readonly lse: F | null;
}

/** ln 2^-100: soft-max weights below 2^-100 are dropped from a log-sum-exp's gradient (flooredWeight). */
const SOFT_MAX_WEIGHT_FLOOR = -69.3;

/**
 * A log-sum-exp's soft-max weight `weight` = exp(logWeight) for its gradient, logWeight = d
 * (+ logW, the log of its weight w_j, when weighted), set to 0 where logWeight <= ln 2^-100. A
 * row's weights sum to 1, so a dropped one is under 2^-100 of the total, far below the rounding
 * of the sum in float32 or float64. Kept, such a weight times a
 * gradient factor under 1 (x_i - y_j, a coordinate) is a subnormal number, which x86 computes in
 * microcode: at Sinkhorn's last temperature (eps = blur^2) most rows have many, and the gradient
 * reduction took 1.36x as long (bench/RESULTS.md, "Issue 19"). A NaN logWeight keeps the weight
 * (IfElse takes its last branch when the condition is NaN), -Inf gives 0 as exp did.
 * LOGSUMEXP passes exp(F - out); LOGSUMEXP_WEIGHT its weighted weights, logWeight = F - out +
 * log w_j (a negative or NaN w_j keeps the term), for its formula's cotangent only: a weight's
 * own gradient is exp(F - out) however small the weight. SUMSOFTMAXWEIGHT is left as it was (its
 * values may be large enough to make a tiny weight count).
 */
function flooredWeight(d: F, weight: F, logW: F | null = null): F {
  // FLOOR - logWeight, as (FLOOR - d) - log w_j when weighted.
  const belowFloor = sub(cst(SOFT_MAX_WEIGHT_FLOOR), d);
  return apply('IfElse', [logW ? sub(belowFloor, logW) : belowFloor, cst(0), weight]);
}

/**
 * The gradient groups of plan `r` for `leaves` (forward input nodes), derived now: KeOps's
 * rules, one pair (root, cotangent) per formula the reduction reads, summed over the pairs, then
 * concatenated per axis so that one pass computes every leaf that reduces over it (the
 * exponentials are shared): at most two reductions per backward.
 */
export function deriveGradGroups(r: ReductionPlan, formula: F, aux: F | null, leaves: readonly F[], rows: GradRows, hoist = false): GradGroup[] {
  const rowCat: VarCategory = r.axis === 1 ? 'i' : 'j';
  const { E, out } = rows;
  let pairs: [F, F][];
  if (r.kind === 'SUM') pairs = [[formula, E]];
  else if (r.kind === 'LOGSUMEXP') {
    const d = sub(formula, out);
    pairs = [[formula, mul(E, flooredWeight(d, unary('Exp', d)))]];
  } else if (r.kind === 'LOGSUMEXP_WEIGHT') {
    const d = sub(formula, out);
    const s = unary('Exp', d);
    // The formula's cotangent reads the weighted weights w_j s_j, floored; the weights' own, E s, not.
    pairs = [[formula, sumv(mul(aux!, mul(E, flooredWeight(d, s, unary('Log', aux!)))))], [aux!, mul(E, s)]];
  } else if (r.kind === 'SUMSOFTMAXWEIGHT') {
    const s = unary('Exp', sub(formula, rows.lse!));
    pairs = [[formula, mul(s, sub(dot(E, aux!), dot(E, out)))], [aux!, mul(E, s)]];
  } else {
    throw new Error(`deriveGradGroups: ${r.kind} is not a sum-like reduction`);
  }
  const byAxis = new Map<0 | 1, { leaf: F; formula: F }[]>();
  for (const leaf of leaves) {
    let total: F | null = null;
    for (const [root, G] of pairs) {
      const g = gradFormulas(root, [leaf], G)[0]!;
      total = total ? add(total, g) : g;
    }
    const cat = leaf.category!;
    const axis: 0 | 1 = cat === 'p' || cat === rowCat ? r.axis : r.axis === 1 ? 0 : 1;
    byAxis.set(axis, [...(byAxis.get(axis) ?? []), { leaf, formula: total! }]);
  }
  return [...byAxis].map(([axis, group]) => {
    const split = group.map((g) => (hoist ? hoistRowFactors(g.formula, axis) : { pairs: g.formula, factor: null }));
    return {
      axis,
      formula: split.map((p) => p.pairs).reduce((a, b) => concat(a, b)),
      leaves: group.map((g) => g.leaf),
      parts: split.map((p) => ({ width: p.pairs.dim, factor: p.factor })),
    };
  });
}

/**
 * g = factor * pairs, with `factor` the product of g's multiplicative factors that are the same
 * for every term of the gradient's sum over `axis` (variables of its output rows, parameters,
 * constants): sum_k c_r p_rk = c_r sum_k p_rk, so the factor multiplies the reduced rows on the
 * host instead of every pair in the engine. Only leaves and constants are taken out (the host
 * evaluates them as tensors and numbers); factor is null when nothing can be.
 */
export function hoistRowFactors(g: F, axis: 0 | 1): { pairs: F; factor: F | null } {
  const rowCat: VarCategory = axis === 1 ? 'i' : 'j';
  const factors: F[] = [];
  const flatten = (n: F): void => {
    if (n.op === 'Mult') n.args.forEach(flatten);
    else if (n.op === 'Minus') { factors.push(cst(-1)); flatten(n.args[0]!); }
    else factors.push(n);
  };
  flatten(g);
  const isRowConstant = (n: F) => n.op === 'Const' || (n.op === 'Var' && (n.category === rowCat || n.category === 'p'));
  const outer = factors.filter(isRowConstant);
  const inner = factors.filter((n) => !isRowConstant(n));
  if (outer.length === 0 || inner.length === 0) return { pairs: g, factor: null };
  // Rebuilt left to right, as written: the products the forward shares (E s) stay common nodes.
  const pairs = inner.reduce((a, b) => mul(a, b));
  const factor = outer.reduce((a, b) => mul(a, b));
  if (Math.max(pairs.dim, factor.dim) !== g.dim) return { pairs: g, factor: null };
  return { pairs, factor };
}

/**
 * A hoisted factor (a product of leaves and constants, hoistRowFactors) as a host tensor
 * broadcasting against the reduced rows [rows, width]: row variables as [rows, dim], parameters
 * as [dim]. Differentiable, like the rest of the backward.
 */
export function rowFactorTensor(factor: F, rows: number, dtype: FloatDType): Tensor | number {
  if (factor.op === 'Const') return factor.attrs[0]!;
  if (factor.op === 'Var') {
    const t = castTo(factor.tensor!, dtype);
    return factor.category === 'p' ? t.reshape([factor.dim]) : t.reshape([rows, factor.dim]);
  }
  const args = factor.args.map((arg) => rowFactorTensor(arg, rows, dtype));
  if (factor.op === 'Minus') return typeof args[0] === 'number' ? -args[0] : args[0]!.neg();
  // Mult: a number times a tensor is the tensor's mul.
  const [a, b] = args;
  if (typeof a === 'number') return typeof b === 'number' ? a * b : b!.mul(a);
  return a!.mul(b!);
}

/** A gradient derived over placeholders: one per forward input slot and per extra row variable. */
interface GradTemplate {
  readonly groups: readonly {
    readonly axis: 0 | 1;
    /** The formula and each part's factor, as references into the binder's values. */
    readonly formula: Ref;
    readonly parts: readonly { readonly width: number; readonly factor: Ref | null }[];
    readonly leafSlots: readonly number[];
    /** The formula's variables (collectVars order) as holes, and its canonical key. */
    readonly varHoles: readonly number[];
    readonly key: string;
  }[];
  readonly binder: Binder;
}

/**
 * The template's formulas compiled for binding: values 0..holes-1 are the placeholders (forward
 * slots, then E, out and lse), then one step per node that depends on one, in topological order.
 * Binding makes exactly those nodes again over the new leaves (the op, attributes and dimension
 * are the template's; nothing is derived, checked or looked up by key), and shares every
 * subformula without a placeholder (constants) as it is.
 */
interface Binder {
  readonly holes: number;
  readonly steps: readonly { readonly op: string; readonly attrs: readonly number[]; readonly dim: number; readonly args: readonly Ref[] }[];
}

/** A value index of the binder, or a node without placeholders. */
type Ref = number | F;

function compileBinder(roots: readonly F[], holes: readonly F[]): { binder: Binder; refs: Ref[] } {
  const memo = new Map<string, Ref>(holes.map((h, k) => [h.key, k]));
  const steps: { op: string; attrs: readonly number[]; dim: number; args: Ref[] }[] = [];
  const visit = (n: F): Ref => {
    const hit = memo.get(n.key);
    if (hit !== undefined) return hit;
    const args = n.args.map(visit);
    const ref: Ref = args.every((a) => typeof a !== 'number') ? n : holes.length + steps.push({ op: n.op, attrs: n.attrs, dim: n.dim, args }) - 1;
    memo.set(n.key, ref);
    return ref;
  };
  return { binder: { holes: holes.length, steps }, refs: roots.map(visit) };
}

/** The binder's values for these leaves in place of its holes. */
function bindValues(binder: Binder, leaves: readonly F[]): F[] {
  const values = leaves.slice(0, binder.holes);
  const at = (ref: Ref): F => (typeof ref === 'number' ? values[ref]! : ref);
  for (const step of binder.steps) values.push(new FormulaNode(step.op, step.args.map(at), step.attrs, step.dim));
  return values;
}

const TEMPLATE_LIMIT = 256;
const templates = new Map<string, GradTemplate>();
let enabled = true;
let stats = { hits: 0, misses: 0, bypassed: 0 };

/** Turns the template cache on or off (off: every backward derives; tests compare both); returns the previous setting. */
export function setGradTemplateCache(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Hits, misses (a template derived) and bypasses (a binding that would merge two leaves) so far. */
export function gradTemplateStats(): { hits: number; misses: number; bypassed: number; size: number } {
  return { ...stats, size: templates.size };
}

/** Empties the cache and its counters. */
export function clearGradTemplates(): void {
  templates.clear();
  stats = { hits: 0, misses: 0, bypassed: 0 };
}

/** A variable leaf that stands for one: its own empty tensor gives it a key no real tensor has. */
function placeholder(category: VarCategory, dim: number): F {
  return varNode(new Tensor(new Float64Array(0), [0]), category, dim);
}

/**
 * The gradient groups of `r` for the leaves at `leafSlots` (indices into r.inputs), with
 * row-constant factors taken out of the sums when `hoist` (hoistRowFactors), from the
 * template of r's structure when there is one (derived and stored otherwise), bound to the
 * plan's inputs and to `rows`. Same formulas, node for node, as deriveGradGroups on the plan's
 * own leaves: the template's key holds everything the derivation reads (the reduction, its
 * axis, its formula and aux structure with every slot's category and dimension, the dtype, which
 * slots are differentiated, the extra rows' dimensions).
 */
export function gradGroups(r: ReductionPlan, leafSlots: readonly number[], rows: GradRows, hoist: boolean): GradGroup[] {
  const leaves = leafSlots.map((s) => r.inputs[s]!.node);
  if (!enabled) return deriveGradGroups(r, r.formula, r.aux, leaves, rows, hoist);
  // Bound leaves must stay distinct nodes, as the placeholders are: an extra row variable that is
  // one of the forward's inputs (the same tensor, category and dimension) would merge with it in
  // a derivation on the real nodes. Rare; derive directly then.
  const bound = [...r.inputs.map((input) => input.node), rows.E, rows.out, ...(rows.lse ? [rows.lse] : [])];
  if (new Set(bound.map((n) => n.key)).size !== bound.length) {
    stats.bypassed++;
    return deriveGradGroups(r, r.formula, r.aux, leaves, rows, hoist);
  }
  const key = `${r.kind}|${r.axis}|${r.dtype}|${hoist ? 'H' : ''}E${rows.E.category}${rows.E.dim}|O${rows.out.dim}|L${rows.lse?.dim ?? 0}|${leafSlots.join(',')}|${r.key}`;
  let t = templates.get(key);
  if (t) {
    stats.hits++;
    templates.delete(key);
    templates.set(key, t); // most recently used last
  } else {
    stats.misses++;
    t = deriveTemplate(r, leafSlots, rows, hoist);
    templates.set(key, t);
    if (templates.size > TEMPLATE_LIMIT) templates.delete(templates.keys().next().value!);
  }
  // The holes are the forward's slots, then E, out and lse: the order of `bound`.
  const values = bindValues(t.binder, bound);
  const at = (ref: Ref): F => (typeof ref === 'number' ? values[ref]! : ref);
  return t.groups.map((g) => ({
    axis: g.axis,
    formula: at(g.formula),
    leaves: g.leafSlots.map((s) => r.inputs[s]!.node),
    parts: g.parts.map(({ width, factor }) => ({ width, factor: factor === null ? null : at(factor) })),
    // A renaming of distinct placeholders to distinct leaves keeps the walk's order and the
    // structure: the bound formula's variables and key are the template's, renamed.
    known: { vars: g.varHoles.map((h) => values[h]!), key: g.key },
  }));
}

function deriveTemplate(r: ReductionPlan, leafSlots: readonly number[], rows: GradRows, hoist: boolean): GradTemplate {
  const slots = r.inputs.map((input) => placeholder(input.category, input.node.dim));
  const toSlots = new Map<string, F>(r.inputs.map((input, k) => [input.node.key, slots[k]!]));
  const formula = substitute(r.formula, toSlots);
  const aux = r.aux ? substitute(r.aux, toSlots) : null;
  const rowCat: VarCategory = r.axis === 1 ? 'i' : 'j';
  const held: GradRows = {
    // A row variable, or a parameter when the incoming gradient is uniform (reduction-grad.ts).
    E: placeholder(rows.E.category ?? rowCat, rows.E.dim),
    out: placeholder(rowCat, rows.out.dim),
    lse: rows.lse ? placeholder(rowCat, rows.lse.dim) : null,
  };
  const slotOf = new Map<string, number>(slots.map((p, k) => [p.key, k]));
  const holes = [...slots, held.E, held.out, ...(held.lse ? [held.lse] : [])];
  const holeOf = new Map<string, number>(holes.map((h, k) => [h.key, k]));
  const groups = deriveGradGroups(r, formula, aux, leafSlots.map((s) => slots[s]!), held, hoist);
  const roots = groups.flatMap((g) => [g.formula, ...g.parts.flatMap((p) => (p.factor ? [p.factor] : []))]);
  const { binder, refs } = compileBinder(roots, holes);
  let next = 0;
  return {
    binder,
    groups: groups.map((g) => ({
      axis: g.axis,
      formula: refs[next++]!,
      parts: g.parts.map((p) => ({ width: p.width, factor: p.factor ? refs[next++]! : null })),
      leafSlots: g.leaves.map((leaf) => slotOf.get(leaf.key)!),
      varHoles: collectVars([g.formula]).map((v) => holeOf.get(v.key)!),
      key: canonicalKey([g.formula]),
    })),
  };
}
