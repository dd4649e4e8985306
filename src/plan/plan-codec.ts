// A reduction plan as JSON plus buffers (one per input, six for block-sparse ranges): the form
// in which a plan is stored or shipped to another machine. Decoding rebuilds the formula node
// by node (every op checked against the op table, every dimension recomputed) and new tensors
// over the buffers, so a decoded plan runs with bitwise the same result as the original.
import { Tensor } from '../tensor/tensor.js';
import { FormulaNode, type VarCategory } from '../formula/node.js';
import { registeredOpSpec } from '../formula/op-registry.js';
import { REDUCTIONS, type ReductionKind } from '../tape/opcodes.js';
import type { FloatDType, SumAccumulation } from '../tape/request.js';
import { ValueError, describe } from '../errors.js';
import { PLAN_FORMAT_VERSION, buildPlan, type PlanBackend, type ReductionPlan } from './reduction-plan.js';
import { flexibleTensors } from './formula-dtype.js';
import { varLayout } from './batch-shape.js';

const FORMAT = 'lazykernel.reduction-plan';

/** A number JSON can carry exactly: finite numbers as they are, NaN, +-Infinity and -0 as strings. */
type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/** One formula node: a leaf ('Var' with its input slot, 'Const') or an op over earlier nodes. */
interface NodeJson {
  readonly op: string;
  readonly args: readonly number[];
  readonly attrs: readonly JsonNumber[];
  readonly dim: number;
  /** Input slot of a 'Var' leaf. */
  readonly slot?: number;
}

interface InputJson {
  readonly category: VarCategory;
  readonly shape: readonly number[];
  readonly batchShape: readonly number[];
  readonly dtype: FloatDType;
  /** A parameter given as numbers, which adopts the formula's dtype (Pm(0.5)). */
  readonly flexible: boolean;
  /** Index of its data in the buffers. */
  readonly buffer: number;
}

/** The JSON half of an encoded plan. */
export interface PlanJson {
  readonly format: typeof FORMAT;
  readonly version: number;
  /** Nodes in topological order (arguments before their op). */
  readonly nodes: readonly NodeJson[];
  readonly formula: number;
  readonly aux: number | null;
  readonly kind: ReductionKind;
  readonly axis: 0 | 1;
  readonly k: number;
  readonly inputs: readonly InputJson[];
  readonly nI: number;
  readonly nJ: number;
  readonly dtype: FloatDType;
  readonly backend: PlanBackend;
  /** Buffer indices of the six int32 arrays of the block-sparse ranges, or null. */
  readonly ranges: readonly number[] | null;
  /** Batch axes of the plan (the broadcast of its inputs'; absent in plans written before batches: none). */
  readonly batchShape?: readonly number[];
  /** Per-batch ranges: six buffer indices per batch index, or null (absent: null). */
  readonly batchRanges?: readonly (readonly number[])[] | null;
  /** SUM's accumulation when not the default 'block' (absent otherwise). */
  readonly sumScheme?: SumAccumulation;
}

/** A plan encoded: JSON text and the typed arrays it refers to by index. */
export interface EncodedPlan {
  readonly json: string;
  readonly buffers: readonly (Float32Array | Float64Array | Int32Array)[];
}

function toJsonNumber(x: number): JsonNumber {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

function fromJsonNumber(x: unknown, where: string): number {
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (x === 'NaN') return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  if (x === '-0') return -0;
  throw new ValueError(`decodePlan: ${where} must be a number (or 'NaN', 'Infinity', '-Infinity', '-0'), received ${describe(x)}`);
}

/** Encodes a plan: its formula as a node list, its inputs' data and ranges as buffers (not copied). */
export function encodePlan(plan: ReductionPlan): EncodedPlan {
  const buffers: (Float32Array | Float64Array | Int32Array)[] = [];
  const slotOf = new Map<string, number>();
  const inputs = plan.inputs.map((input, slot) => {
    slotOf.set(input.node.key, slot);
    buffers.push(input.tensor.data as Float32Array | Float64Array);
    return {
      category: input.category, shape: [...input.shape], batchShape: [...input.batchShape], dtype: input.dtype,
      flexible: flexibleTensors.has(input.tensor), buffer: buffers.length - 1,
    };
  });
  const nodes: NodeJson[] = [];
  const indexOf = new Map<string, number>();
  const visit = (n: FormulaNode): number => {
    const known = indexOf.get(n.key);
    if (known !== undefined) return known;
    const args = n.args.map(visit);
    const node: NodeJson = n.op === 'Var'
      ? { op: 'Var', args: [], attrs: [], dim: n.dim, slot: slotOf.get(n.key)! }
      : { op: n.op, args, attrs: n.attrs.map(toJsonNumber), dim: n.dim };
    nodes.push(node);
    indexOf.set(n.key, nodes.length - 1);
    return nodes.length - 1;
  };
  const formula = visit(plan.formula);
  const aux = plan.aux ? visit(plan.aux) : null;
  const bufferIndices = (tuple: readonly Int32Array[]) => tuple.map((r) => {
    buffers.push(r);
    return buffers.length - 1;
  });
  const ranges = plan.ranges ? bufferIndices(plan.ranges) : null;
  const batchRanges = plan.batchRanges ? plan.batchRanges.map(bufferIndices) : null;
  const json: PlanJson = {
    format: FORMAT,
    version: plan.version,
    nodes,
    formula,
    aux,
    kind: plan.kind,
    axis: plan.axis,
    k: plan.k,
    inputs,
    nI: plan.nI,
    nJ: plan.nJ,
    dtype: plan.dtype,
    backend: plan.backend,
    ranges,
    batchShape: [...plan.batchShape],
    batchRanges,
    ...(plan.sumScheme ? { sumScheme: plan.sumScheme } : {}),
  };
  return { json: JSON.stringify(json), buffers };
}

const BACKENDS: readonly PlanBackend[] = ['auto', 'wasm', 'webgpu', 'oracle'];

function check(ok: boolean, what: string, value: unknown): void {
  if (!ok) throw new ValueError(`decodePlan: ${what}, received ${describe(value)}`);
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * Rebuilds a plan from encodePlan's JSON and buffers, validating everything (ValueError naming
 * the field): format and version, each node against the op table and its dimension rule, each
 * input's buffer against its dtype and shape, the ranges. The new plan's tensors view the
 * given buffers (no copy).
 */
export function decodePlan(encoded: EncodedPlan): ReductionPlan {
  check(encoded !== null && typeof encoded === 'object' && typeof encoded.json === 'string' && Array.isArray(encoded.buffers), 'expected { json: string, buffers: typed arrays }', encoded);
  let j: PlanJson;
  try {
    j = JSON.parse(encoded.json) as PlanJson;
  } catch (e) {
    throw new ValueError(`decodePlan: json is not valid JSON (${(e as Error).message})`);
  }
  const buffers = encoded.buffers;
  check(j !== null && typeof j === 'object' && !Array.isArray(j), 'json must encode an object', j);
  check(j.format === FORMAT, `format must be '${FORMAT}'`, j.format);
  check(j.version === PLAN_FORMAT_VERSION, `this version of lazykernel reads plan format ${PLAN_FORMAT_VERSION}`, j.version);
  check(REDUCTIONS.includes(j.kind), 'kind must be a reduction kind', j.kind);
  check(j.axis === 0 || j.axis === 1, 'axis must be 0 or 1', j.axis);
  const takesK = j.kind === 'KMIN' || j.kind === 'ARGKMIN' || j.kind === 'KMIN_ARGKMIN';
  check(isCount(j.k) && (takesK ? j.k >= 1 : j.k === 0), takesK ? `k must be a positive integer for ${j.kind}` : `k must be 0 for ${j.kind}`, j.k);
  check(isCount(j.nI) && isCount(j.nJ), 'nI and nJ must be non-negative integers', [j.nI, j.nJ]);
  check(j.dtype === 'float32' || j.dtype === 'float64', "dtype must be 'float32' or 'float64'", j.dtype);
  check(BACKENDS.includes(j.backend), 'backend must be a backend name', j.backend);
  check(j.sumScheme === undefined || (j.kind === 'SUM' && ['kahan', 'double'].includes(j.sumScheme)), "sumScheme must be absent, or 'kahan' or 'double' for a SUM", j.sumScheme);
  check(Array.isArray(j.inputs) && Array.isArray(j.nodes), 'inputs and nodes must be arrays', j.inputs);

  const tensors = j.inputs.map((input, slot) => {
    const where = `inputs[${slot}]`;
    check(input !== null && typeof input === 'object', `${where} must be { category, shape, batchShape, dtype, flexible, buffer }`, input);
    check(['i', 'j', 'p'].includes(input.category), `${where}.category must be 'i', 'j' or 'p'`, input.category);
    check(typeof input.flexible === 'boolean', `${where}.flexible must be true or false`, input.flexible);
    check(Array.isArray(input.shape) && input.shape.every(isCount) && Array.isArray(input.batchShape), `${where}: shape and batchShape must be lists of sizes`, input.shape);
    const layout = varLayout(input.shape, input.category);
    check(input.batchShape.length === layout.batchShape.length && input.batchShape.every((d, a) => d === layout.batchShape[a]),
      `${where}.batchShape must be the leading axes of its shape [${input.shape.join(', ')}]: [${layout.batchShape.join(', ')}]`, input.batchShape);
    const data = buffers[input.buffer];
    const ctor = input.dtype === 'float32' ? Float32Array : input.dtype === 'float64' ? Float64Array : null;
    check(ctor !== null, `${where}.dtype must be 'float32' or 'float64'`, input.dtype);
    check(data instanceof ctor!, `${where}: buffer ${input.buffer} must hold ${input.dtype} numbers (a ${ctor!.name})`, data);
    const size = input.shape.reduce((a, b) => a * b, 1);
    check(data!.length === size, `${where}: buffer ${input.buffer} must hold ${size} numbers (shape [${input.shape.join(', ')}])`, data);
    if (input.category !== 'p') {
      const [axisName, rows] = input.category === 'i' ? ['nI', j.nI] : ['nJ', j.nJ];
      check(input.shape.length >= 1 && layout.rows === rows, `${where}.shape: an ${input.category}-variable has ${axisName} = ${rows} rows`, input.shape);
    }
    const t = new Tensor(data as Float32Array | Float64Array, input.shape);
    if (input.flexible === true) flexibleTensors.add(t);
    return t;
  });

  const nodes: FormulaNode[] = [];
  j.nodes.forEach((n, k) => {
    const where = `nodes[${k}]`;
    check(n !== null && typeof n === 'object' && typeof n.op === 'string' && isCount(n.dim) && n.dim >= 1
      && (n.args === undefined || Array.isArray(n.args)) && (n.attrs === undefined || Array.isArray(n.attrs)), `${where} must be { op, args: [...], attrs: [...], dim }`, n);
    if (n.op === 'Var') {
      check(isCount(n.slot) && n.slot < j.inputs.length, `${where}.slot must index an input`, n.slot);
      const input = j.inputs[n.slot!];
      const t = tensors[n.slot!]!;
      const rowsDim = varLayout(t.shape, input!.category).dim;
      check(rowsDim === n.dim, `${where}.dim must be the input's dimension ${rowsDim}`, n.dim);
      nodes.push(new FormulaNode('Var', [], [n.dim], n.dim, t, input!.category));
      return;
    }
    const attrs = (n.attrs ?? []).map((a, m) => fromJsonNumber(a, `${where}.attrs[${m}]`));
    if (n.op === 'Const') {
      check(attrs.length === 1 && n.dim === 1 && (n.args ?? []).length === 0, `${where}: a Const holds one number`, n);
      nodes.push(new FormulaNode('Const', [], attrs, 1));
      return;
    }
    const args = (n.args ?? []).map((a) => {
      check(isCount(a) && a < k, `${where}.args must index earlier nodes`, n.args);
      return nodes[a]!;
    });
    let spec;
    try {
      spec = registeredOpSpec(n.op);
    } catch {
      throw new ValueError(`decodePlan: ${where}.op must be a formula op (or 'Var', 'Const'), received ${describe(n.op)}`);
    }
    check(args.length === spec.arity && (spec.nattrs === 'variable' || attrs.length === spec.nattrs), `${where}: ${n.op} takes ${spec.arity} arguments and ${spec.nattrs} attributes`, n);
    let dim: number;
    try {
      dim = spec.dim(args.map((a) => a.dim), attrs);
    } catch (e) {
      throw new ValueError(`decodePlan: ${where}: ${(e as Error).message}`);
    }
    check(dim === n.dim, `${where}: ${n.op} of these arguments has dimension ${dim}`, n.dim);
    nodes.push(new FormulaNode(n.op, args, attrs, dim));
  });
  check(isCount(j.formula) && j.formula < nodes.length, 'formula must index a node', j.formula);
  check(j.aux === null || (isCount(j.aux) && j.aux < nodes.length), 'aux must index a node or be null', j.aux);
  const formula = nodes[j.formula]!;
  const aux = j.aux === null ? null : nodes[j.aux]!;

  const rangesTuple = (indices: unknown, name: string): Int32Array[] => {
    check(Array.isArray(indices) && indices.length === 6, `${name} must be six buffer indices`, indices);
    return (indices as number[]).map((b) => {
      check(buffers[b] instanceof Int32Array, `${name}: buffer ${b} must be an Int32Array`, buffers[b]);
      return buffers[b] as Int32Array;
    });
  };
  check(j.ranges === null || Array.isArray(j.ranges), 'ranges must be six buffer indices or null', j.ranges);
  const ranges = j.ranges === null ? null : rangesTuple(j.ranges, 'ranges');
  const batchRangesJson = j.batchRanges ?? null;
  check(batchRangesJson === null || (Array.isArray(batchRangesJson) && ranges === null), 'batchRanges must be a list of six buffer indices per batch, or null (and ranges null then)', batchRangesJson);
  const batchRanges = batchRangesJson === null ? null : batchRangesJson.map((t, b) => rangesTuple(t, `batchRanges[${b}]`));
  // The same validation as any new plan: rows of each axis, batch axes, dtype, output size, ranges.
  const plan = buildPlan({ formula, aux, kind: j.kind, axis: j.axis, k: j.k, backend: j.backend, sizes: { i: j.nI, j: j.nJ }, ranges: ranges ?? batchRanges ?? undefined, ...(j.sumScheme ? { sumScheme: j.sumScheme } : {}) }, 'decodePlan');
  const batchShape = j.batchShape ?? [];
  check(Array.isArray(batchShape) && batchShape.length === plan.batchShape.length && batchShape.every((d, a) => d === plan.batchShape[a]),
    `batchShape: the inputs broadcast to [${plan.batchShape.join(', ')}]`, j.batchShape);
  check(plan.dtype === j.dtype, `dtype: the inputs make a ${plan.dtype} formula`, j.dtype);
  check(plan.inputs.length === j.inputs.length, `inputs: ${j.inputs.length - plan.inputs.length} of them are used by no node`, j.inputs.length);
  return plan;
}
