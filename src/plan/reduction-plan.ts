// A reduction plan: everything one reduction needs, as plain data, built and validated once by
// the layer above (a LazyTensor reduction, a gradient, the engine's warm-up) and then handed to
// the dispatcher, which runs it on a backend adapter. Its format is versioned and serialisable
// (plan-codec.ts: JSON plus the inputs' buffers), so that a plan can be stored, compared or
// shipped to another machine and run there with bitwise the same result.
import type { Tensor } from '../tensor/tensor.js';
import { collectVars, type FormulaNode, type VarCategory } from '../formula/node.js';
import { canonicalKey } from '../formula/lower.js';
import type { ReductionKind } from '../tape/opcodes.js';
import type { BlockSparsity, FloatDType, SumAccumulation } from '../tape/request.js';
import { ShapeError } from '../errors.js';
import { MAX_ARRAY_ELEMENTS, tooManyElements } from '../tensor/limits.js';
import { blockSparsity, rangesArrays } from './block-sparsity.js';
import { formulaDType } from './formula-dtype.js';
import { batchCount, broadcastBatchShapes, tensorLayout } from './batch-shape.js';

/** Version of the plan format (plan-codec.ts refuses other versions). */
export const PLAN_FORMAT_VERSION = 1;

/** Where a plan asks to run: 'auto' lets the dispatcher choose by cost; 'oracle' is the float64 reference. */
export type PlanBackend = 'auto' | 'wasm' | 'webgpu' | 'oracle';

/** One input of a plan: a variable leaf of its formula and the tensor holding its data. */
export interface PlanInput {
  /** The formula's leaf (op 'Var'): category, dimension and the tensor. */
  readonly node: FormulaNode;
  readonly category: VarCategory;
  /** Shape of the tensor: [...batch, rows, dim] or [rows] for i/j variables, [...batch, dim] for parameters. */
  readonly shape: readonly number[];
  /** Its leading batch axes (batch-shape.ts), empty for a single point cloud or parameter. */
  readonly batchShape: readonly number[];
  readonly dtype: FloatDType;
  /** The data (the tensor the leaf refers to). */
  readonly tensor: Tensor;
}

/** A validated reduction of a formula, ready for the dispatcher. */
export interface ReductionPlan {
  readonly version: typeof PLAN_FORMAT_VERSION;
  /** The reduced formula. */
  readonly formula: FormulaNode;
  /** Weight (LOGSUMEXP_WEIGHT) or value (SUMSOFTMAXWEIGHT) formula, else null. */
  readonly aux: FormulaNode | null;
  /** Structure of formula and aux with inputs numbered by slot: equal keys lower to the same tape. */
  readonly key: string;
  readonly kind: ReductionKind;
  /** 1 reduces over j (one output row per i), 0 over i. */
  readonly axis: 0 | 1;
  /** K of the K-min reductions, 0 otherwise. */
  readonly k: number;
  /** Every variable leaf of formula and aux, in slot order (collectVars' order). */
  readonly inputs: readonly PlanInput[];
  /**
   * Batch axes: the broadcast of the inputs' batch shapes (empty: not batched). The reduction
   * runs once per batch index; the output is [...batchShape, rows, ...].
   */
  readonly batchShape: readonly number[];
  /** Sizes of the i and j axes (of one batch). */
  readonly nI: number;
  readonly nJ: number;
  /** The dtype the reduction computes in (that of its tensors). */
  readonly dtype: FloatDType;
  /** Shape of the values / indices it produces. */
  readonly outputShape: readonly number[];
  /**
   * KeOps's block-sparsity 6-tuple as six int32 arrays (validated), or null for a dense
   * reduction; a batched plan shares it between its batches (indices within one batch).
   */
  readonly ranges: readonly Int32Array[] | null;
  /** The half of `ranges` this plan's axis uses, in the engines' form. */
  readonly sparsity: BlockSparsity | null;
  /** Per-batch ranges instead: one 6-tuple per batch index (row-major), or null. */
  readonly batchRanges: readonly (readonly Int32Array[])[] | null;
  /** Their halves for this plan's axis. */
  readonly batchSparsity: readonly BlockSparsity[] | null;
  readonly backend: PlanBackend;
  /** SUM only: how each tile's terms are added (ReductionRequest's sumScheme); absent: 'block'. */
  readonly sumScheme?: SumAccumulation;
}

/** What the layer above asks for; buildPlan validates it and derives the rest. */
export interface PlanSpec {
  readonly formula: FormulaNode;
  readonly aux?: FormulaNode | null;
  readonly kind: ReductionKind;
  readonly axis: 0 | 1;
  readonly k?: number;
  readonly backend: PlanBackend;
  /** Sizes of the i and j axes, for formulas (gradients, mostly) without a variable of that category. */
  readonly sizes?: { readonly i?: number; readonly j?: number };
  /**
   * KeOps's 6-tuple (Tensors or Int32Arrays), shared by every batch; or, for a batched
   * reduction, an array of one 6-tuple per batch index. Checked here.
   */
  readonly ranges?: unknown;
  /** SUM only: how each tile's terms are added (absent: 'block'). */
  readonly sumScheme?: SumAccumulation;
  /**
   * The formula's variable leaves in collectVars order and its canonical key, when the caller
   * has them already (a gradient template bound to new tensors, dispatch/grad-template.ts): they
   * must be what collectVars and canonicalKey give. Computed here otherwise.
   */
  readonly known?: { readonly vars: readonly FormulaNode[]; readonly key: string };
}

/** Number of rows shared by every variable of a category, or a ShapeError naming both sizes. */
function commonRows(vars: readonly FormulaNode[], cat: 'i' | 'j', where: string, given?: number): number | undefined {
  let rows = given;
  for (const v of vars) {
    if (v.category !== cat) continue;
    const n = tensorLayout(v.tensor!, cat).rows;
    if (rows !== undefined && n !== rows) {
      throw new ShapeError(`${where}: ${cat}-variables have different numbers of rows (${rows} and ${n}); every V${cat} of one formula must share its first dimension`);
    }
    rows = n;
  }
  return rows;
}

/**
 * The plan's ranges: one 6-tuple shared by every batch, or (batched plans only) an array of one
 * 6-tuple per batch index, each validated against one batch's sizes.
 */
function planRanges(spec: PlanSpec, batchShape: readonly number[], nI: number, nJ: number, where: string) {
  const none = { ranges: null, sparsity: null, batchRanges: null, batchSparsity: null };
  if (spec.ranges == null) return none;
  const r = spec.ranges;
  // A list of tuples: its first element is itself a list (a tuple's are Tensors or Int32Arrays).
  if (Array.isArray(r) && r.length > 0 && Array.isArray(r[0])) {
    const B = batchCount(batchShape);
    if (batchShape.length === 0 || r.length !== B) {
      throw new ShapeError(`${where}: ranges as a list of 6-tuples needs one tuple per batch index: ${B} for the batch shape [${batchShape.join(', ')}], received ${r.length}`
        + (batchShape.length === 0 ? ' (this reduction has no batch axes: pass a single 6-tuple)' : ''));
    }
    const batchRanges = r.map((t) => rangesArrays(t));
    return { ...none, batchRanges, batchSparsity: batchRanges.map((t) => blockSparsity(t, spec.axis, nI, nJ)) };
  }
  const ranges = rangesArrays(r);
  return { ...none, ranges, sparsity: blockSparsity(ranges, spec.axis, nI, nJ) };
}

/** Shape of a reduction's output (of one batch). */
export function outputShape(kind: ReductionKind, rows: number, dim: number, auxDim: number, k: number): number[] {
  if (kind === 'LOGSUMEXP_WEIGHT' || kind === 'SUMSOFTMAXWEIGHT') return [rows, auxDim];
  if (kind === 'KMIN' || kind === 'ARGKMIN' || kind === 'KMIN_ARGKMIN') return dim === 1 ? [rows, k] : [rows, k, dim];
  return [rows, dim];
}

/** A MemoryLimitError, before any work, when the output would not fit in one array. */
function checkOutputSize(where: string, shape: readonly number[], k: number): void {
  const elements = shape.reduce((a, b) => a * b, 1);
  if (elements <= MAX_ARRAY_ELEMENTS) return;
  const advice = k > 0
    ? 'ask for a smaller K, or reduce blocks of output rows (slices of the tensors) one after another'
    : 'reduce blocks of output rows (slices of the tensors) one after another, or a formula of fewer dimensions';
  throw tooManyElements(where, `the output of shape [${shape.join(', ')}]${k > 0 ? ` (K = ${k})` : ''}`, elements, advice);
}

/**
 * Validates a reduction and builds its plan: the axes' sizes (ShapeError when they disagree or
 * cannot be known), the dtype (DTypeError when float32 and float64 tensors mix), the output's
 * size and the block-sparse ranges, all before any engine is touched.
 */
export function buildPlan(spec: PlanSpec, where: string): ReductionPlan {
  const formula = spec.formula;
  const aux = spec.aux ?? null;
  const roots = aux ? [formula, aux] : [formula];
  const vars = spec.known?.vars ?? collectVars(roots);
  const nI = commonRows(vars, 'i', where, spec.sizes?.i);
  const nJ = commonRows(vars, 'j', where, spec.sizes?.j);
  if (nI === undefined || nJ === undefined) {
    throw new ShapeError(`${where}: the formula needs at least one i-variable (Vi) and one j-variable (Vj) to have a shape; it has ${nI === undefined ? 'no Vi' : 'no Vj'}`);
  }
  const inputs: PlanInput[] = vars.map((v) => ({
    node: v,
    category: v.category!,
    shape: v.tensor!.shape,
    batchShape: tensorLayout(v.tensor!, v.category!).batchShape,
    dtype: v.tensor!.dtype as FloatDType,
    tensor: v.tensor!,
  }));
  const batchShape = broadcastBatchShapes(where, inputs);
  const dtype = formulaDType(vars, where);
  const k = spec.k ?? 0;
  const nRows = spec.axis === 1 ? nI : nJ;
  const shape = [...batchShape, ...outputShape(spec.kind, nRows, formula.dim, aux?.dim ?? 0, k)];
  checkOutputSize(where, shape, k);
  const { ranges, sparsity, batchRanges, batchSparsity } = planRanges(spec, batchShape, nI, nJ, where);
  return {
    version: PLAN_FORMAT_VERSION,
    formula,
    aux,
    key: spec.known?.key ?? canonicalKey(roots),
    kind: spec.kind,
    axis: spec.axis,
    k,
    inputs,
    batchShape,
    nI,
    nJ,
    dtype,
    outputShape: shape,
    ranges,
    sparsity,
    batchRanges,
    batchSparsity,
    backend: spec.backend,
    ...(spec.kind === 'SUM' && spec.sumScheme && spec.sumScheme !== 'block' ? { sumScheme: spec.sumScheme } : {}),
  };
}
