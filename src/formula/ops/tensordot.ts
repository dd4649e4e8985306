/**
 * KeOps's TensorDot: the contraction of two formulas seen as tensors (numpy's tensordot on the
 * components of each (i, j) entry), with KeOps's argument order
 * `TensorDot(a, b, dimsA, dimsB, contA, contB, permute)`. KeOps's Kron is a TensorDot without
 * contraction (see `kronParams`).
 *
 * The op's attributes are one flat list of integers:
 *   [nA, nB, nC, ...dimsA (nA), ...dimsB (nB), ...contA (nC), ...contB (nC), ...permute (nA + nB - 2 nC)].
 * It lowers to the vector instructions the engines already have: the components of each operand
 * are reordered (EXTRACT / CONCAT of contiguous runs) into a [kept, contracted] matrix, the
 * product is a DOT, MATVEC, VECMAT (by rows) or TENSORPROD, and its components are reordered
 * into the result's axis order.
 */
import type { OpSpec, VReg, Emitter } from '../op-spec.js';
import type { FormulaNode } from '../node.js';
import { ShapeError, ValueError } from '../../errors.js';
import { apply } from '../build.js';

/** TensorDot's parameters, in KeOps's order and meaning. */
export interface TensorDotParams {
  /** The axes of a (their product is a's dimension), row-major. */
  readonly dimsA: readonly number[];
  /** The axes of b. */
  readonly dimsB: readonly number[];
  /** Axes of a contracted with the axes `contB` of b, pairwise. */
  readonly contA: readonly number[];
  readonly contB: readonly number[];
  /**
   * Axis k of [a's kept axes, b's kept axes] becomes axis permute[k] of the result (KeOps's
   * convention: torch's `.permute` of the inverse permutation). The identity when omitted.
   */
  readonly permute?: readonly number[];
}

/** The largest dimension TensorDot may produce or read (the lowering is unrolled per component). */
export const MAX_TENSORDOT_DIM = 4096;

/** The flat attribute list of a TensorDot (see the file's comment). */
export function encodeTensorDot(p: TensorDotParams): number[] {
  const nK = p.dimsA.length + p.dimsB.length - 2 * p.contA.length;
  const permute = p.permute ?? Array.from({ length: Math.max(0, nK) }, (_, k) => k);
  return [p.dimsA.length, p.dimsB.length, p.contA.length, ...p.dimsA, ...p.dimsB, ...p.contA, ...p.contB, ...permute];
}

/** KeOps's Kron(a, b, dimsA, dimsB) as TensorDot parameters: no contraction, axes interleaved. */
export function kronParams(dimsA: readonly number[], dimsB: readonly number[]): TensorDotParams {
  if (dimsA.length !== dimsB.length) {
    throw new ShapeError(`kron: dimsA and dimsB must have as many axes, received [${dimsA.join(', ')}] and [${dimsB.join(', ')}]`);
  }
  const n = dimsA.length;
  // a's axis k goes to 2k, b's to 2k + 1: np.kron's [a0 b0, a1 b1, ...].
  const permute = [...Array.from({ length: n }, (_, k) => 2 * k), ...Array.from({ length: n }, (_, k) => 2 * k + 1)];
  return { dimsA, dimsB, contA: [], contB: [], permute };
}

/** Everything the reference, the lowering and the gradient need, derived once per attribute list. */
interface Geometry {
  readonly p: Required<TensorDotParams>;
  readonly keepA: number[];
  readonly keepB: number[];
  /** Sizes of the result's axes. */
  readonly outDims: number[];
  /** Components of a's kept part, b's kept part, and the contraction. */
  readonly KA: number;
  readonly KB: number;
  readonly C: number;
  readonly outDim: number;
  /** For result component o and contraction step c: the components of a and b multiplied. */
  readonly termA: Int32Array;
  readonly termB: Int32Array;
}

const product = (xs: readonly number[]): number => xs.reduce((s, x) => s * x, 1);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Row-major strides of a shape. */
function strides(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let k = dims.length - 2; k >= 0; k--) s[k] = s[k + 1]! * dims[k + 1]!;
  return s;
}

/** The multi-index of flat index `flat` in a row-major shape. */
function unravel(flat: number, dims: readonly number[]): number[] {
  const idx = new Array<number>(dims.length).fill(0);
  for (let k = dims.length - 1; k >= 0; k--) {
    idx[k] = flat % dims[k]!;
    flat = Math.floor(flat / dims[k]!);
  }
  return idx;
}

function checkAxes(where: string, name: string, axes: readonly number[], n: number): void {
  const seen = new Set<number>();
  for (const a of axes) {
    if (!isCount(a) || a >= n || seen.has(a)) {
      throw new ValueError(`${where}: ${name} must list distinct axes in [0, ${n}), received [${axes.join(', ')}]`);
    }
    seen.add(a);
  }
}

/** Reads and validates the flat attribute list: ValueError for a malformed one. */
export function decodeTensorDot(attrs: readonly number[], where = 'TensorDot'): Required<TensorDotParams> {
  const [nA, nB, nC] = attrs;
  if (!isCount(nA) || !isCount(nB) || !isCount(nC) || nC > nA || nC > nB || nA > 64 || nB > 64) {
    throw new ValueError(`${where}: malformed attributes [${attrs.slice(0, 3).join(', ')}, ...] (axis counts of a, b and the contraction)`);
  }
  const nK = nA + nB - 2 * nC;
  if (attrs.length !== 3 + nA + nB + 2 * nC + nK) {
    throw new ValueError(`${where}: expected ${3 + nA + nB + 2 * nC + nK} attributes for ${nA}, ${nB} and ${nC} axes, received ${attrs.length}`);
  }
  let at = 3;
  const take = (n: number) => attrs.slice(at, (at += n));
  const p = { dimsA: take(nA), dimsB: take(nB), contA: take(nC), contB: take(nC), permute: take(nK) };
  for (const [name, dims] of [['dimsA', p.dimsA], ['dimsB', p.dimsB]] as const) {
    if (!dims.every((d) => isCount(d) && d >= 1)) throw new ValueError(`${where}: ${name} must be positive integers, received [${dims.join(', ')}]`);
  }
  checkAxes(where, 'contA', p.contA, nA);
  checkAxes(where, 'contB', p.contB, nB);
  checkAxes(where, 'permute', p.permute, nK);
  for (let t = 0; t < nC; t++) {
    const da = p.dimsA[p.contA[t]!]!;
    const db = p.dimsB[p.contB[t]!]!;
    if (da !== db) throw new ShapeError(`${where}: contracted axes ${p.contA[t]} of a (size ${da}) and ${p.contB[t]} of b (size ${db}) differ`);
  }
  return p;
}

const geometries = new WeakMap<readonly number[], Geometry>();

/** The geometry of a TensorDot node's attributes (cached per attribute array: nodes keep theirs). */
function geometryOf(attrs: readonly number[]): Geometry {
  let g = geometries.get(attrs);
  if (!g) {
    g = geometry(decodeTensorDot(attrs));
    geometries.set(attrs, g);
  }
  return g;
}

function geometry(p: Required<TensorDotParams>): Geometry {
  const keepA = p.dimsA.map((_, k) => k).filter((k) => !p.contA.includes(k));
  const keepB = p.dimsB.map((_, k) => k).filter((k) => !p.contB.includes(k));
  const keepDims = [...keepA.map((k) => p.dimsA[k]!), ...keepB.map((k) => p.dimsB[k]!)];
  const outDims = new Array<number>(keepDims.length);
  keepDims.forEach((d, k) => (outDims[p.permute[k]!] = d));
  const contDims = p.contA.map((k) => p.dimsA[k]!);
  const KA = product(keepA.map((k) => p.dimsA[k]!));
  const KB = product(keepB.map((k) => p.dimsB[k]!));
  const C = product(contDims);
  const outDim = KA * KB;
  if (outDim > MAX_TENSORDOT_DIM || product(p.dimsA) > MAX_TENSORDOT_DIM || product(p.dimsB) > MAX_TENSORDOT_DIM) {
    throw new ShapeError(`TensorDot: dimensions above ${MAX_TENSORDOT_DIM} are not supported (operands ${product(p.dimsA)} and ${product(p.dimsB)}, result ${outDim})`);
  }
  const sA = strides(p.dimsA);
  const sB = strides(p.dimsB);
  const termA = new Int32Array(outDim * C);
  const termB = new Int32Array(outDim * C);
  for (let o = 0; o < outDim; o++) {
    const outIdx = unravel(o, outDims);
    let baseA = 0;
    let baseB = 0;
    keepA.forEach((axis, t) => (baseA += outIdx[p.permute[t]!]! * sA[axis]!));
    keepB.forEach((axis, t) => (baseB += outIdx[p.permute[keepA.length + t]!]! * sB[axis]!));
    for (let c = 0; c < C; c++) {
      const cIdx = unravel(c, contDims);
      let ia = baseA;
      let ib = baseB;
      cIdx.forEach((x, s) => {
        ia += x * sA[p.contA[s]!]!;
        ib += x * sB[p.contB[s]!]!;
      });
      termA[o * C + c] = ia;
      termB[o * C + c] = ib;
    }
  }
  return { p, keepA, keepB, outDims, KA, KB, C, outDim, termA, termB };
}

/** A register whose component k is component src[k] of `reg`: EXTRACTs of contiguous runs, CONCATenated. */
function gather(e: Emitter, reg: VReg, src: readonly number[]): VReg {
  let out: VReg | null = null;
  for (let k = 0; k < src.length;) {
    let len = 1;
    while (k + len < src.length && src[k + len] === src[k]! + len) len++;
    const part = src[k] === 0 && len === reg.dim ? reg : e.emit('EXTRACT', len, [reg], src[k]!);
    out = out ? e.emit('CONCAT', out.dim + len, [out, part], out.dim, len) : part;
    k += len;
  }
  return out!;
}

function lowerTensorDot(e: Emitter, a: VReg, b: VReg, g: Geometry): VReg {
  const { KA, KB, C, p } = g;
  // Result component o is entry inter[o] = ka * KB + kb of the [KA, KB] product.
  const keepDims = [...g.keepA.map((k) => p.dimsA[k]!), ...g.keepB.map((k) => p.dimsB[k]!)];
  const sK = strides(keepDims);
  const inter = Array.from({ length: g.outDim }, (_, o) => {
    const outIdx = unravel(o, g.outDims);
    return keepDims.reduce((flat, _d, k) => flat + outIdx[p.permute[k]!]! * sK[k]!, 0);
  });
  const componentAt = new Int32Array(g.outDim);
  inter.forEach((f, o) => (componentAt[f] = o));
  // a as a row-major [KA, C] matrix and b as [C, KB], read off the term tables: a's entry
  // (ka, c) is the a-term of step c of any result component in row ka (kb = 0), and so on.
  const srcA: number[] = [];
  for (let ka = 0; ka < KA; ka++) for (let c = 0; c < C; c++) srcA.push(g.termA[componentAt[ka * KB]! * C + c]!);
  const srcB: number[] = [];
  for (let c = 0; c < C; c++) for (let kb = 0; kb < KB; kb++) srcB.push(g.termB[componentAt[kb]! * C + c]!);
  const A = gather(e, a, srcA);
  const B = gather(e, b, srcB);
  let M: VReg;
  if (C === 1) M = e.emit('TENSORPROD', KA * KB, [A, B], KA, KB);
  else if (KA === 1 && KB === 1) M = e.emit('DOT', 1, [A, B], C);
  else if (KB === 1) M = e.emit('MATVEC', KA, [A, B], KA, C);
  else if (KA === 1) M = e.emit('VECMAT', KB, [A, B], C);
  else {
    let rows: VReg | null = null;
    for (let ka = 0; ka < KA; ka++) {
      const row = e.emit('VECMAT', KB, [e.emit('EXTRACT', C, [A], ka * C), B], C);
      rows = rows ? e.emit('CONCAT', rows.dim + KB, [rows, row], rows.dim, KB) : row;
    }
    M = rows!;
  }
  return gather(e, M, inter);
}

/**
 * The parameters of TensorDot(g, other) giving the cotangent of one operand (`self`) from the
 * result's cotangent g: g's axes that came from the other operand are contracted with it, and
 * the remaining axes (g's, then the other operand's contracted ones) are put in self's order.
 */
function cotangentParams(g: Geometry, self: 'a' | 'b'): TensorDotParams {
  const { p, keepA, keepB, outDims } = g;
  const nKA = keepA.length;
  const [selfKeep, otherKeep, selfCont, otherCont, selfFirst, otherFirst] = self === 'a'
    ? [keepA, keepB, p.contA, p.contB, 0, nKA]
    : [keepB, keepA, p.contB, p.contA, nKA, 0];
  // Contract g's axes that came from the other operand's kept axes with those axes.
  const contG = otherKeep.map((_, t) => p.permute[otherFirst + t]!);
  const contOther = otherKeep;
  // The remaining axes of g (ascending), then the other operand's contracted axes (ascending),
  // each mapped to the axis of self it indexes.
  const inverse = new Array<number>(p.permute.length);
  p.permute.forEach((pos, k) => (inverse[pos] = k));
  const axesOfSelf: number[] = [];
  for (let o = 0; o < outDims.length; o++) {
    if (contG.includes(o)) continue;
    axesOfSelf.push(selfKeep[inverse[o]! - selfFirst]!);
  }
  const otherDims = self === 'a' ? p.dimsB : p.dimsA;
  for (let axis = 0; axis < otherDims.length; axis++) {
    const t = otherCont.indexOf(axis);
    if (t >= 0) axesOfSelf.push(selfCont[t]!);
  }
  return { dimsA: outDims, dimsB: otherDims, contA: contG, contB: contOther, permute: axesOfSelf };
}

/** TensorDot(a, b, ...) as a formula node. */
export function tensorDot(a: FormulaNode, b: FormulaNode, p: TensorDotParams): FormulaNode {
  return apply('TensorDot', [a, b], encodeTensorDot(p));
}

/**
 * TensorDot parameters the generic tests try, on operands of dimension 4 (argDims(3)): each of
 * the lowering's paths (rows of VECMATs, DOT, TENSORPROD, reordered operands and results).
 * Results stay at 16 components at most: SwiftShader's WebGPU compiles wider sums for minutes.
 */
const TEST_ATTRS: TensorDotParams[] = [
  { dimsA: [2, 2], dimsB: [2, 2], contA: [1], contB: [0] }, // a matrix product
  { dimsA: [2, 2], dimsB: [2, 2], contA: [0], contB: [0], permute: [1, 0] }, // (a^T b)^T
  kronParams([2, 2], [2, 2]),
  { dimsA: [2, 2], dimsB: [2, 2], contA: [0, 1], contB: [1, 0] }, // trace(a b)
  { dimsA: [1, 2, 2], dimsB: [2, 2], contA: [2], contB: [0], permute: [2, 0, 1] },
];

export const tensorDotOp: OpSpec = {
  name: 'TensorDot', arity: 2, nattrs: 'variable',
  dim([a, b], attrs) {
    const p = decodeTensorDot(attrs);
    if (product(p.dimsA) !== a || product(p.dimsB) !== b) {
      throw new ShapeError(`TensorDot: operand dimensions ${a} and ${b} do not match dimsA [${p.dimsA.join(', ')}] (product ${product(p.dimsA)}) and dimsB [${p.dimsB.join(', ')}] (product ${product(p.dimsB)})`);
    }
    return geometryOf(attrs).outDim;
  },
  ref(out, [a, b], attrs) {
    const { C, termA, termB } = geometryOf(attrs);
    for (let o = 0; o < out.length; o++) {
      if (C === 1) {
        out[o] = a![termA[o]!]! * b![termB[o]!]!;
        continue;
      }
      let s = 0;
      for (let c = o * C; c < (o + 1) * C; c++) s += a![termA[c]!]! * b![termB[c]!]!;
      out[o] = s;
    }
  },
  lower: (e, [a, b], attrs) => lowerTensorDot(e, a!, b!, geometryOf(attrs)),
  print: (args, attrs) => {
    const p = decodeTensorDot(attrs);
    const list = (xs: readonly number[]) => `[${xs.join(',')}]`;
    return `TensorDot(${args[0]},${args[1]},${list(p.dimsA)},${list(p.dimsB)},${list(p.contA)},${list(p.contB)},${list(p.permute)})`;
  },
  vjp([a, b], _out, g, attrs) {
    const geo = geometryOf(attrs);
    return [tensorDot(g, b!, cotangentParams(geo, 'a')), tensorDot(g, a!, cotangentParams(geo, 'b'))];
  },
  test: { argDims: (d) => (d === 3 ? [4, 4] : null), attrs: TEST_ATTRS.map(encodeTensorDot) },
};
