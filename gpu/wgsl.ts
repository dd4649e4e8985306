/**
 * The tape translated to straight-line WGSL: one invocation per output row, one workgroup per
 * block of WORKGROUP rows, j-tiles of WORKGROUP columns staged in workgroup memory.
 *
 * Registers. The tape names registers by byte offsets in a scratch area that the builder
 * reuses once a value is dead; WGSL has no such scratch. Reading the instructions in order
 * and remembering which instruction last wrote each offset gives every operand its producing
 * instruction, so each instruction's output becomes an SSA value: one WGSL `let` per component
 * (`v<t>_<k>`). EXTRACT and CONCAT only rename components and emit no code.
 *
 * Phases. Parameter and i-only instructions run once per invocation before the column loop.
 * j-only instructions run once per column of a tile, each invocation of the workgroup taking
 * one column; the j-only values that the rest of the formula reads are written to workgroup
 * memory (`SJ`, component-major), and after a barrier every invocation walks the tile's columns
 * in order, reading them back, running the i-j instructions and updating its accumulators.
 *
 * Reductions follow the interpreter (assembly/reductions/): columns are visited in increasing
 * order, so argmin / argKmin keep the first index on ties. Sums and the log-sum-exp family add
 * each tile's terms in f32, then add the tile's partial to a compensated (Neumaier) f32 row
 * accumulator, which plays the role of the interpreter's f64 accumulator.
 *
 * A dispatch covers a range of columns [colStart, colEnd) (dense) or, for block-sparse
 * reductions, one task per workgroup (rows [r0, r1) of one cluster and its column intervals).
 * Dense reductions split over several dispatches keep their accumulators in the rows buffer
 * between them (`first` / `last` in the uniform block).
 *
 * Batched kernels (batch axes, src/plan/batch-shape.ts) take the batch from the dispatch grid's
 * y axis: batch `P.batchBase + wid.y` reads its parameters from its block of the small buffer,
 * its variables from the offsets of the batch table `BT` (one per variable binding: the slice
 * of the variable that batch reads), and writes the rows buffer from row `wid.y * P.batchRows`.
 */
import { OP, F, FLAG, INSTR_WIDTH, ELEMENTWISE_OPCODES, type ReductionKind } from '../src/tape/opcodes.js';
import type { Tape, TapeRegister } from '../src/tape/tape.js';
import { WGSL_ELEMENTWISE, WGSL_PRELUDE, WGSL_USES_ARG, opFunction, type WgslElementwiseName } from './wgsl-ops.js';

/** Invocations per workgroup, and columns per staged j-tile. */
export const WORKGROUP = 64;
/** K-min lists up to this K (and K * dim values) are kept in scalars, sorted without loops. */
const KMIN_UNROLL = 32;
const KMIN_UNROLL_TOTAL = 96;
/** Workgroup memory for staged j-values: WebGPU's guaranteed minimum of maxComputeWorkgroupStorageSize. */
const MAX_SHARED_BYTES = 16384;

export interface KernelVar {
  readonly dim: number;
  readonly category: 'i' | 'j' | 'p';
}

export interface KernelSpec {
  readonly tape: Tape;
  readonly reduction: ReductionKind;
  readonly k: number;
  /** The request's variables by slot (LOAD* arg0). */
  readonly vars: readonly KernelVar[];
  readonly wantValues: boolean;
  readonly wantIndices: boolean;
  /** Block-sparse: rows and column intervals come from a task table. */
  readonly sparse: boolean;
  /** Batched: the batch is the dispatch grid's y axis (absent: false). */
  readonly batched?: boolean;
}

/** A generated kernel and what the runtime needs to bind and size its buffers. */
export interface Kernel {
  readonly code: string;
  readonly workgroupSize: number;
  /** Values (and indices) per output row. */
  readonly outWidth: number;
  /** 32-bit words of accumulator per row, saved between the dispatches of one reduction. */
  readonly stateWords: number;
  /** f32 words of workgroup memory. */
  readonly sharedWords: number;
  /** f32 words of per-invocation arrays (K-min lists). */
  readonly privateWords: number;
  /**
   * Loop iterations per column beyond the column loop itself (looped K-min insertions, at
   * worst K per component); llvmpipe stops an invocation after 65535 loop iterations in all.
   */
  readonly loopItersPerColumn: number;
  /** Storage bindings of i- and j-variables: binding number per variable slot. */
  readonly varBindings: readonly { readonly slot: number; readonly binding: number; readonly category: 'i' | 'j' }[];
  /** Binding of the task / interval table (sparse kernels), else -1. */
  readonly taskBinding: number;
  /** Binding of the batch table (batched kernels: per batch, an element offset per entry of varBindings), else -1. */
  readonly batchBinding: number;
  /** Layout of the small buffer S: the tape's constants, then each parameter variable. */
  readonly constCount: number;
  readonly paramOffsets: readonly number[];
  readonly smallWords: number;
}

/** Words of the uniform block (see `Params` in the generated code). */
export const PARAM_WORDS = 16;
export const PARAM = {
  nRows: 0, colStart: 1, colEnd: 2, colBase: 3, first: 4, last: 5, infBits: 6, nanBits: 7,
  outOff: 8, idxOff: 9, stateOff: 10, taskBase: 11, intervalsOff: 12, batchBase: 13, batchRows: 14,
} as const;

const EW_NAMES = new Map<number, WgslElementwiseName>(Object.keys(ELEMENTWISE_OPCODES).map((n) => [OP[n as WgslElementwiseName], n as WgslElementwiseName]));

interface Instr {
  readonly t: number;
  readonly op: number;
  readonly out: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly dim: number;
  readonly arg0: number;
  readonly arg1: number;
  readonly flags: number;
  /** 0 parameters, 1 i-only, 2 j-only, 3 both. */
  readonly phase: 0 | 1 | 2 | 3;
  /** Producers of a, b, c (-1 when unused). */
  readonly src: [number, number, number];
}

function decode(tape: Tape): Instr[] {
  const out: Instr[] = [];
  const writer = new Map<number, number>();
  const arity = (op: number): number => {
    const ew = EW_NAMES.get(op);
    if (ew) return WGSL_ELEMENTWISE[ew].arity;
    if (op === OP.LOADI || op === OP.LOADJ || op === OP.LOADP || op === OP.CONST) return 0;
    if (op === OP.SUMV || op === OP.EXTRACT || op === OP.ONEHOT) return 1;
    return 2;
  };
  for (let t = 0; t < tape.nInstr; t++) {
    const w = (f: number) => tape.code[t * INSTR_WIDTH + f]!;
    const op = w(F.op);
    const n = arity(op);
    const regs = [w(F.a), w(F.b), w(F.c)];
    const src: [number, number, number] = [-1, -1, -1];
    for (let q = 0; q < n; q++) {
      const p = writer.get(regs[q]!);
      if (p === undefined) throw new Error(`wgsl: instruction ${t} reads register ${regs[q]} before any instruction writes it`);
      src[q] = p;
    }
    const phase = t < tape.pEnd ? 0 : t < tape.jEnd ? 2 : t < tape.iEnd ? 1 : 3;
    out.push({ t, op, out: w(F.out), a: regs[0]!, b: regs[1]!, c: regs[2]!, dim: w(F.dim), arg0: w(F.arg0), arg1: w(F.arg1), flags: w(F.flags), phase, src });
    writer.set(w(F.out), t);
  }
  return out;
}

/** The instruction that produced a root register (the last writer of its offset). */
function producerOf(instrs: readonly Instr[], reg: TapeRegister): number {
  for (let t = instrs.length - 1; t >= 0; t--) if (instrs[t]!.out === reg.offset) return t;
  throw new Error(`wgsl: no instruction writes the root register at offset ${reg.offset}`);
}

function isKmin(kind: ReductionKind): boolean {
  return kind === 'KMIN' || kind === 'ARGKMIN' || kind === 'KMIN_ARGKMIN';
}
function isMinMax(kind: ReductionKind): boolean {
  return kind === 'MIN' || kind === 'MAX' || kind === 'ARGMIN' || kind === 'ARGMAX' || kind === 'MIN_ARGMIN' || kind === 'MAX_ARGMAX';
}
function isMaxKind(kind: ReductionKind): boolean {
  return kind === 'MAX' || kind === 'ARGMAX' || kind === 'MAX_ARGMAX';
}

/** Output values per row of a reduction. */
export function outWidthOf(kind: ReductionKind, dim: number, auxDim: number, k: number): number {
  if (kind === 'LOGSUMEXP_WEIGHT' || kind === 'SUMSOFTMAXWEIGHT') return auxDim;
  if (isKmin(kind)) return k * dim;
  return dim;
}

interface StateVar {
  readonly name: string;
  readonly type: 'f32' | 'i32';
  readonly init: string;
  /** Array length (K-min lists), or 0 for a scalar. */
  readonly length: number;
}

/** Generates the kernel of a reduction. Throws on tapes it cannot translate. */
export function generateKernel(spec: KernelSpec): Kernel {
  const { tape, reduction: kind, k: K, vars, sparse } = spec;
  const batched = spec.batched === true;
  const WG = WORKGROUP;
  const instrs = decode(tape);
  const D = tape.outDim;
  const A = tape.aux?.dim ?? 0;
  const outWidth = outWidthOf(kind, D, A, K);

  // --- bindings and the small buffer -----------------------------------------------------------
  const usedSlots = new Map<number, 'i' | 'j' | 'p'>();
  for (const ins of instrs) {
    if (ins.op === OP.LOADI) usedSlots.set(ins.arg0, 'i');
    else if (ins.op === OP.LOADJ) usedSlots.set(ins.arg0, 'j');
    else if (ins.op === OP.LOADP) usedSlots.set(ins.arg0, 'p');
  }
  const constCount = tape.consts.length;
  const paramOffsets = vars.map(() => -1);
  let smallWords = constCount;
  const varBindings: { slot: number; binding: number; category: 'i' | 'j' }[] = [];
  const taskBinding = sparse ? 3 : -1;
  let nextBinding = sparse ? 4 : 3;
  const batchBinding = batched ? nextBinding++ : -1;
  for (const [slot, cat] of [...usedSlots].sort((x, y) => x[0] - y[0])) {
    const v = vars[slot];
    if (!v) throw new Error(`wgsl: the tape loads variable slot ${slot}, the request has ${vars.length}`);
    if (v.category !== cat) throw new Error(`wgsl: variable slot ${slot} is loaded as '${cat}' but bound as '${v.category}'`);
    if (cat === 'p') {
      paramOffsets[slot] = smallWords;
      smallWords += v.dim;
    } else {
      varBindings.push({ slot, binding: nextBinding++, category: cat });
    }
  }
  const bindingOf = new Map(varBindings.map((b) => [b.slot, b.binding]));
  // Batched: the offset of the batch's slice of variable binding b (`vo<b>`), and of its small-buffer block.
  const smallStride = Math.max(1, smallWords);
  const varBase = (slot: number) => (batched ? `vo${bindingOf.get(slot)} + ` : '');

  // --- roots and staging -----------------------------------------------------------------------
  const resultT = producerOf(instrs, tape.result);
  const auxT = tape.aux ? producerOf(instrs, tape.aux) : -1;
  const factorT = tape.factor ? producerOf(instrs, tape.factor) : -1;
  const roots = [resultT, auxT, factorT].filter((t) => t >= 0);
  // j-only values read after the staging step: by i-j instructions, or as roots.
  let staged = new Set<number>();
  for (const ins of instrs) {
    if (ins.phase !== 3) continue;
    for (const s of ins.src) if (s >= 0 && instrs[s]!.phase === 2) staged.add(s);
  }
  for (const r of roots) if (instrs[r]!.phase === 2) staged.add(r);
  // Beyond the workgroup memory every device has, each invocation computes the j-only values
  // itself, per pair, reading the j-variables from their buffers.
  const stage = [...staged].reduce((n, t) => n + instrs[t]!.dim, 0) * WG * 4 <= MAX_SHARED_BYTES;
  if (!stage) staged = new Set();
  const stagedList = [...staged].sort((x, y) => x - y);
  const stagedOffset = new Map<number, number>();
  let sharedComps = 0;
  for (const t of stagedList) {
    stagedOffset.set(t, sharedComps);
    sharedComps += instrs[t]!.dim;
  }
  const sharedWords = sharedComps * WG;

  // --- instructions to WGSL --------------------------------------------------------------------
  // comps[t]: WGSL expressions of instruction t's components in the scope where it is computed.
  const comps: string[][] = instrs.map(() => []);
  const usedOps = new Set<WgslElementwiseName>();
  const top: string[] = [];
  const jstage: string[] = [];
  const inner: string[] = [];
  // Names of staged values inside the column loop.
  const stagedNames = new Map<number, string[]>();
  for (const t of stagedList) stagedNames.set(t, Array.from({ length: instrs[t]!.dim }, (_, k) => `s${t}_${k}`));

  const operand = (ins: Instr, q: number): string[] => {
    const s = ins.src[q]!;
    if (ins.phase === 3 && staged.has(s)) return stagedNames.get(s)!;
    return comps[s]!;
  };
  const broadcastBit = [FLAG.A_BROADCAST, FLAG.B_BROADCAST, FLAG.C_BROADCAST];

  for (const ins of instrs) {
    const lines = ins.phase === 3 || (ins.phase === 2 && !stage) ? inner : ins.phase === 2 ? jstage : top;
    const names = Array.from({ length: ins.dim }, (_, k) => `v${ins.t}_${k}`);
    const def = (k: number, expr: string) => lines.push(`let ${names[k]} = ${expr};`);
    const op = ins.op;
    const ew = EW_NAMES.get(op);
    if (op === OP.LOADP) {
      for (let k = 0; k < ins.dim; k++) def(k, batched ? `S[sb + ${paramOffsets[ins.arg0]! + k}u]` : `S[${paramOffsets[ins.arg0]! + k}u]`);
    } else if (op === OP.CONST) {
      def(0, `S[${ins.arg0}u]`);
    } else if (op === OP.LOADI) {
      const d = vars[ins.arg0]!.dim;
      for (let k = 0; k < ins.dim; k++) def(k, `V${bindingOf.get(ins.arg0)}[${varBase(ins.arg0)}irow * ${d}u + ${k}u]`);
    } else if (op === OP.LOADJ) {
      const d = vars[ins.arg0]!.dim;
      for (let k = 0; k < ins.dim; k++) def(k, `V${bindingOf.get(ins.arg0)}[${varBase(ins.arg0)}jl * ${d}u + ${k}u]`);
    } else if (ew) {
      usedOps.add(ew);
      const arity = WGSL_ELEMENTWISE[ew].arity;
      const ops = Array.from({ length: arity }, (_, q) => operand(ins, q));
      for (let k = 0; k < ins.dim; k++) {
        const args = ops.map((o, q) => ((ins.flags & broadcastBit[q]!) !== 0 || o.length === 1 ? o[0]! : o[k]!));
        if (WGSL_USES_ARG.has(ew)) args.push(`${ins.arg0 | 0}`);
        def(k, `op_${ew}(${args.join(', ')})`);
      }
    } else if (op === OP.SUMV) {
      const a = operand(ins, 0);
      def(0, sumOf(a.slice(0, ins.arg0)));
    } else if (op === OP.DOT) {
      const a = operand(ins, 0);
      const b = operand(ins, 1);
      def(0, sumOf(Array.from({ length: ins.arg0 }, (_, q) => `${a[q]} * ${b[q]}`)));
    } else if (op === OP.SQDIST) {
      const a = operand(ins, 0);
      const b = operand(ins, 1);
      for (let q = 0; q < ins.arg0; q++) lines.push(`let d${ins.t}_${q} = ${a[q]} - ${b[q]};`);
      def(0, sumOf(Array.from({ length: ins.arg0 }, (_, q) => `d${ins.t}_${q} * d${ins.t}_${q}`)));
    } else if (op === OP.EXTRACT) {
      comps[ins.t] = operand(ins, 0).slice(ins.arg0, ins.arg0 + ins.dim);
      continue;
    } else if (op === OP.CONCAT) {
      comps[ins.t] = [...operand(ins, 0).slice(0, ins.arg0), ...operand(ins, 1).slice(0, ins.arg1)];
      continue;
    } else if (op === OP.MATVEC) {
      const a = operand(ins, 0);
      const b = operand(ins, 1);
      const m = ins.arg1;
      for (let p = 0; p < ins.dim; p++) def(p, sumOf(Array.from({ length: m }, (_, q) => `${a[p * m + q]} * ${b[q]}`)));
    } else if (op === OP.VECMAT) {
      const a = operand(ins, 0);
      const b = operand(ins, 1);
      const n = ins.arg0;
      for (let q = 0; q < ins.dim; q++) def(q, sumOf(Array.from({ length: n }, (_, p) => `${a[p]} * ${b[p * ins.dim + q]}`)));
    } else if (op === OP.TENSORPROD) {
      const a = operand(ins, 0);
      const b = operand(ins, 1);
      const m = ins.arg1;
      for (let p = 0; p < ins.arg0; p++) for (let q = 0; q < m; q++) def(p * m + q, `${a[p]} * ${b[q]}`);
    } else if (op === OP.QUADFORM) {
      const a = operand(ins, 0);
      const b = operand(ins, 1);
      const n = ins.arg0;
      const rows = Array.from({ length: n }, (_, p) => `${b[p]} * ${sumOf(Array.from({ length: n }, (_, q) => `${a[p * n + q]} * ${b[q]}`))}`);
      def(0, `${ins.arg1 === 1 ? '-' : ''}${sumOf(rows)}`);
    } else if (op === OP.ONEHOT) {
      // round(a) half away from zero; NaN and infinities (tested on the bits) match no component.
      const a = operand(ins, 0)[0]!;
      lines.push(`let r${ins.t} = select(-1.0, lk_round_half_away(${a}), lk_finite(${a}));`);
      for (let k = 0; k < ins.dim; k++) def(k, `select(0.0, 1.0, r${ins.t} == ${k}.0)`);
    } else {
      throw new Error(`wgsl: opcode ${op} has no translation`);
    }
    comps[ins.t] = names;
  }

  // Staging stores and loads.
  const stores: string[] = [];
  const loads: string[] = [];
  for (const t of stagedList) {
    const base = stagedOffset.get(t)!;
    comps[t]!.forEach((expr, k) => {
      stores.push(`SJ[${(base + k) * WG}u + lid] = ${expr};`);
      loads.push(`let ${stagedNames.get(t)![k]} = SJ[${(base + k) * WG}u + tt];`);
    });
  }

  // Root components as seen inside the column loop.
  const rootComps = (t: number): string[] => (staged.has(t) ? stagedNames.get(t)! : comps[t]!);
  const res = rootComps(resultT);
  const R = (k: number) => (res.length === 1 ? res[0]! : res[k]!);
  const fac = factorT >= 0 ? rootComps(factorT) : null;
  const aux = auxT >= 0 ? rootComps(auxT) : null;
  const term = (k: number) => (fac ? `(${R(k)} * ${fac.length === 1 ? fac[0] : fac[k]})` : R(k));

  // --- the reduction ---------------------------------------------------------------------------
  const red = reductionCode(kind, D, A, K, term, R, (k) => aux![k]!);
  const stateWords = red.state.reduce((s, v) => s + (v.length || 1), 0);
  const privateWords = red.state.reduce((s, v) => s + v.length, 0);

  const declare = red.state.map((v) => (v.length
    ? `var ${v.name}: array<${v.type}, ${v.length}>;\n  for (var q = 0u; q < ${v.length}u; q = q + 1u) { ${v.name}[q] = ${v.init}; }`
    : `var ${v.name}: ${v.type} = ${v.init};`));
  const serialise = (dir: 'load' | 'store'): string[] => {
    const lines: string[] = [];
    let w = 0;
    for (const v of red.state) {
      const n = v.length || 1;
      const at = (q: string) => `R[P.stateOff + rrow * ${stateWords}u + ${w}u + ${q}]`;
      const ref = (q: string) => (v.length ? `${v.name}[${q}]` : v.name);
      const fromBits = (x: string) => (v.type === 'f32' ? `bitcast<f32>(${x})` : `bitcast<i32>(${x})`);
      if (v.length) {
        lines.push(dir === 'load'
          ? `for (var q = 0u; q < ${n}u; q = q + 1u) { ${ref('q')} = ${fromBits(at('q'))}; }`
          : `for (var q = 0u; q < ${n}u; q = q + 1u) { ${at('q')} = bitcast<u32>(${ref('q')}); }`);
      } else {
        lines.push(dir === 'load' ? `${ref('0u')} = ${fromBits(at('0u'))};` : `${at('0u')} = bitcast<u32>(${ref('0u')});`);
      }
      w += n;
    }
    return lines;
  };

  const bindings: string[] = [
    '@group(0) @binding(0) var<uniform> P: Params;',
    '@group(0) @binding(1) var<storage, read> S: array<f32>;',
    '@group(0) @binding(2) var<storage, read_write> R: array<u32>;',
  ];
  if (sparse) bindings.push(`@group(0) @binding(${taskBinding}) var<storage, read> TI: array<u32>;`);
  if (batched) bindings.push(`@group(0) @binding(${batchBinding}) var<storage, read> BT: array<u32>;`);
  for (const b of varBindings) bindings.push(`@group(0) @binding(${b.binding}) var<storage, read> V${b.binding}: array<f32>;`);

  const rowSetup = sparse
    ? [
      'let task = wid.x + P.taskBase;',
      'let r0 = TI[4u * task];',
      'let r1 = TI[4u * task + 1u];',
      'let s0 = TI[4u * task + 2u];',
      'let s1 = TI[4u * task + 3u];',
      'let row = r0 + lid;',
      'let live = row < r1;',
      'let irow = min(row, r1 - 1u);',
    ]
    : [
      `let row = wid.x * ${WG}u + lid;`,
      'let live = row < P.nRows;',
      'let irow = min(row, P.nRows - 1u);',
      'let s0 = 0u;',
      'let s1 = 1u;',
    ];
  // The dispatch's column window [colStart, colEnd), intersected with the task's intervals.
  const interval = sparse
    ? ['let c0 = max(TI[P.intervalsOff + 2u * s], P.colStart);', 'let c1 = min(TI[P.intervalsOff + 2u * s + 1u], P.colEnd);']
    : ['let c0 = P.colStart;', 'let c1 = P.colEnd;'];
  // The row of the rows buffer R (outputs, saved accumulators): batches one after another.
  rowSetup.push(batched ? 'let rrow = wid.y * P.batchRows + row;' : 'let rrow = row;');
  const batchSetup = batched
    ? [
      'let bat = wid.y + P.batchBase;',
      `let sb = bat * ${smallStride}u;`,
      '_ = BT[0];',
      ...varBindings.map((b, q) => `let vo${b.binding} = BT[bat * ${varBindings.length}u + ${q}u];`),
    ]
    : [];
  const hasStage = sharedWords > 0;
  const jstageBlock = hasStage
    ? [
      'if (lid < cnt) {',
      '  let jl = j0 + lid - P.colBase;',
      ...indent([...jstage, ...stores], 2),
      '}',
      'workgroupBarrier();',
    ]
    : [];

  const finalWrites: string[] = [];
  for (const w of red.finish) finalWrites.push(w);

  const code = [
    'struct Params {',
    '  nRows: u32, colStart: u32, colEnd: u32, colBase: u32,',
    '  first: u32, last: u32, infBits: u32, nanBits: u32,',
    '  outOff: u32, idxOff: u32, stateOff: u32, taskBase: u32,',
    '  intervalsOff: u32, batchBase: u32, batchRows: u32, pad2: u32,',
    '}',
    ...bindings,
    hasStage ? `var<workgroup> SJ: array<f32, ${sharedWords}>;` : '',
    WGSL_PRELUDE,
    ...[...usedOps].sort().map(opFunction),
    '',
    `@compute @workgroup_size(${WG})`,
    'fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid3: vec3<u32>) {',
    '  INF = bitcast<f32>(P.infBits);',
    '  NAN = bitcast<f32>(P.nanBits);',
    '  let lid = lid3.x;',
    // Every binding is used, so that the automatic layout keeps them all.
    '  _ = S[0];',
    '  _ = R[0];',
    ...indent(batchSetup, 1),
    ...indent(rowSetup, 1),
    ...indent(top, 1),
    ...indent(declare, 1),
    '  if (P.first == 0u && live) {',
    ...indent(serialise('load'), 2),
    '  }',
    '  for (var s = s0; s < s1; s = s + 1u) {',
    ...indent(interval, 2),
    `    for (var j0 = c0; j0 < c1; j0 = j0 + ${WG}u) {`,
    `      let cnt = min(${WG}u, c1 - j0);`,
    ...indent(jstageBlock, 3),
    '      if (live) {',
    ...indent(red.tileStart, 4),
    '        for (var tt = 0u; tt < cnt; tt = tt + 1u) {',
    '          let j = j0 + tt;',
    ...(stage ? [] : ['          let jl = j - P.colBase;']),
    ...indent([...loads, ...inner, ...red.element], 5),
    '        }',
    ...indent(red.tileEnd, 4),
    '      }',
    ...(hasStage ? ['      workgroupBarrier();'] : []),
    '    }',
    '  }',
    '  if (live) {',
    '    if (P.last != 0u) {',
    ...indent(finalWrites, 3),
    '    } else {',
    ...indent(serialise('store'), 3),
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');

  // Outputs: values at P.outOff, indices at P.idxOff, [rows][outWidth] each.
  return {
    code, workgroupSize: WG, outWidth, stateWords, sharedWords, privateWords, loopItersPerColumn: red.loopItersPerColumn,
    varBindings, taskBinding, batchBinding, constCount, paramOffsets, smallWords: smallStride,
  };

  function reductionCode(
    kind: ReductionKind, D: number, A: number, K: number,
    term: (k: number) => string, R: (k: number) => string, W: (k: number) => string,
  ): { state: StateVar[]; tileStart: string[]; element: string[]; tileEnd: string[]; finish: string[]; loopItersPerColumn: number } {
    const state: StateVar[] = [];
    const tileStart: string[] = [];
    const element: string[] = [];
    const tileEnd: string[] = [];
    const finish: string[] = [];
    let loopItersPerColumn = 0;
    const outV = (w: number | string, v: string) => (spec.wantValues ? [`R[P.outOff + rrow * ${outWidth}u + ${w}u] = bitcast<u32>(${v});`] : []);
    const outI = (w: number | string, v: string) => (spec.wantIndices ? [`R[P.idxOff + rrow * ${outWidth}u + ${w}u] = bitcast<u32>(${v});`] : []);
    const f32v = (name: string, init: string) => state.push({ name, type: 'f32', init, length: 0 });
    // Compensated addition of x to (s, c).
    const addTo = (s: string, c: string, x: string) => [
      '{',
      `  let x_ = ${x};`,
      `  let t_ = ${s} + x_;`,
      `  if (abs(${s}) >= abs(x_)) { ${c} = ${c} + ((${s} - t_) + x_); } else { ${c} = ${c} + ((x_ - t_) + ${s}); }`,
      `  ${s} = t_;`,
      '}',
    ];
    const total = (s: string, c: string) => `select(${s}, ${s} + ${c}, lk_finite(${s}))`;
    const sumTotal = (s: string, c: string) => `lk_pz(${total(s, c)})`;

    if (kind === 'SUM') {
      for (let k = 0; k < D; k++) {
        f32v(`as${k}`, '0.0');
        f32v(`ac${k}`, '0.0');
        tileStart.push(`var p${k} = 0.0;`);
        element.push(`p${k} = p${k} + ${term(k)};`);
        tileEnd.push(...addTo(`as${k}`, `ac${k}`, `p${k}`));
        finish.push(...outV(k, sumTotal(`as${k}`, `ac${k}`)));
      }
    } else if (kind === 'LOGSUMEXP' || kind === 'LOGSUMEXP_WEIGHT' || kind === 'SUMSOFTMAXWEIGHT') {
      // One running maximum per component (LOGSUMEXP) or one for the scalar formula (weighted).
      const weighted = kind !== 'LOGSUMEXP';
      const groups = weighted ? 1 : D;
      for (let g = 0; g < groups; g++) {
        const x = R(g);
        // Sums sharing this maximum: [name, term multiplying exp(x - m)].
        const sums: [string, string][] = weighted
          ? [
            ...(kind === 'SUMSOFTMAXWEIGHT' ? [['z', '1.0'] as [string, string]] : []),
            ...Array.from({ length: A }, (_, k) => [`w${k}`, W(k)] as [string, string]),
          ]
          : [[`e${g}`, '1.0']];
        f32v(`am${g}`, '-INF');
        for (const [n] of sums) {
          f32v(`as_${n}`, '0.0');
          f32v(`ac_${n}`, '0.0');
        }
        tileStart.push(`var mt${g} = -INF;`, ...sums.map(([n]) => `var st_${n} = 0.0;`));
        const mul = (e: string, f: string) => (f === '1.0' ? e : `${e} * ${f}`);
        element.push(
          '{',
          `  let x_ = ${x};`,
          `  if (lk_isnan(x_) || lk_isnan(mt${g})) {`,
          `    mt${g} = NAN;`,
          `  } else if (x_ > mt${g}) {`,
          `    let sc_ = lk_exp(mt${g} - x_);`,
          ...sums.map(([n, f]) => `    st_${n} = st_${n} * sc_ + ${f};`),
          `    mt${g} = x_;`,
          `  } else if (lk_finite(mt${g})) {`,
          `    let e_ = lk_exp(x_ - mt${g});`,
          ...sums.map(([n, f]) => `    st_${n} = st_${n} + ${mul('e_', f)};`),
          '  }',
          '}',
        );
        tileEnd.push(
          `if (lk_isnan(mt${g}) || lk_isnan(am${g})) {`,
          `  am${g} = NAN;`,
          `} else if (mt${g} > am${g}) {`,
          `  let sc_ = lk_exp(am${g} - mt${g});`,
          ...sums.flatMap(([n]) => [`  as_${n} = as_${n} * sc_;`, `  ac_${n} = ac_${n} * sc_;`, ...indent(addTo(`as_${n}`, `ac_${n}`, `st_${n}`), 1)]),
          `  am${g} = mt${g};`,
          `} else if (lk_finite(mt${g}) && lk_finite(am${g})) {`,
          `  let sc_ = lk_exp(mt${g} - am${g});`,
          ...sums.flatMap(([n]) => indent(addTo(`as_${n}`, `ac_${n}`, `st_${n} * sc_`), 1)),
          '}',
        );
        if (kind === 'LOGSUMEXP') {
          finish.push(...outV(g, `select(am${g}, am${g} + lk_log(${total(`as_e${g}`, `ac_e${g}`)}), lk_finite(am${g}))`));
        } else if (kind === 'LOGSUMEXP_WEIGHT') {
          for (let k = 0; k < A; k++) finish.push(...outV(k, `select(am0, am0 + lk_log(${total(`as_w${k}`, `ac_w${k}`)}), lk_finite(am0))`));
        } else {
          for (let k = 0; k < A; k++) finish.push(...outV(k, `select(NAN, ${total(`as_w${k}`, `ac_w${k}`)} / ${total('as_z', 'ac_z')}, lk_finite(am0))`));
        }
      }
    } else if (isMinMax(kind)) {
      const max = isMaxKind(kind);
      for (let k = 0; k < D; k++) {
        f32v(`bv${k}`, max ? '-INF' : 'INF');
        state.push({ name: `bi${k}`, type: 'i32', init: '-1', length: 0 });
        element.push(
          '{',
          `  let x_ = ${R(k)};`,
          `  if (!lk_isnan(x_) && (bi${k} < 0 || x_ ${max ? '>' : '<'} bv${k})) { bv${k} = x_; bi${k} = i32(j); }`,
          '}',
        );
        finish.push(...outV(k, `bv${k}`), ...outI(k, `bi${k}`));
      }
    } else if (isKmin(kind) && K <= KMIN_UNROLL && K * D <= KMIN_UNROLL_TOTAL) {
      // Small K: the list in scalars, insertion by a straight-line pass: the new (value, index)
      // goes to the first slot that is empty or holds a larger value (strictly, so that equal
      // values keep their order: ties go to the lowest index) and every later entry moves down
      // one slot. Empty slots are (+Inf, -1).
      for (let k = 0; k < D; k++) {
        for (let q = 0; q < K; q++) {
          f32v(`kv${k}_${q}`, 'INF');
          state.push({ name: `ki${k}_${q}`, type: 'i32', init: '-1', length: 0 });
        }
        element.push(
          '{',
          `  var x_ = ${R(k)};`,
          '  var j_ = i32(j);',
          '  var moved_ = false;',
          `  if (!lk_isnan(x_) && (ki${k}_${K - 1} < 0 || x_ < kv${k}_${K - 1})) {`,
          ...Array.from({ length: K }, (_, q) => [
            '    {',
            `      let take_ = moved_ || ki${k}_${q} < 0 || x_ < kv${k}_${q};`,
            '      moved_ = take_;',
            `      let ov_ = kv${k}_${q};`,
            `      let oi_ = ki${k}_${q};`,
            `      kv${k}_${q} = select(ov_, x_, take_);`,
            `      ki${k}_${q} = select(oi_, j_, take_);`,
            '      x_ = select(x_, ov_, take_);',
            '      j_ = select(j_, oi_, take_);',
            '    }',
          ]).flat(),
          '  }',
          '}',
        );
        for (let q = 0; q < K; q++) finish.push(...outV(q * D + k, `kv${k}_${q}`), ...outI(q * D + k, `ki${k}_${q}`));
      }
    } else if (isKmin(kind)) {
      loopItersPerColumn = K * D;
      state.push({ name: 'kv', type: 'f32', init: 'INF', length: K * D });
      state.push({ name: 'ki', type: 'i32', init: '-1', length: K * D });
      for (let k = 0; k < D; k++) {
        const base = k * K;
        const last = base + K - 1;
        element.push(
          '{',
          `  let x_ = ${R(k)};`,
          `  if (!lk_isnan(x_) && (ki[${last}] < 0 || x_ < kv[${last}])) {`,
          `    var pos = ${K - 1}u;`,
          '    loop {',
          '      if (pos == 0u) { break; }',
          `      let pi_ = ki[${base}u + pos - 1u];`,
          `      let pv_ = kv[${base}u + pos - 1u];`,
          '      if (pi_ >= 0 && pv_ <= x_) { break; }',
          `      kv[${base}u + pos] = pv_;`,
          `      ki[${base}u + pos] = pi_;`,
          '      pos = pos - 1u;',
          '    }',
          `    kv[${base}u + pos] = x_;`,
          `    ki[${base}u + pos] = i32(j);`,
          '  }',
          '}',
        );
      }
      // Output layout [K][dim] per row.
      finish.push(
        `for (var q = 0u; q < ${K}u; q = q + 1u) {`,
        ...indent(Array.from({ length: D }, (_, k) => [
          ...(spec.wantValues ? [`R[P.outOff + rrow * ${outWidth}u + q * ${D}u + ${k}u] = bitcast<u32>(kv[${k * K}u + q]);`] : []),
          ...(spec.wantIndices ? [`R[P.idxOff + rrow * ${outWidth}u + q * ${D}u + ${k}u] = bitcast<u32>(ki[${k * K}u + q]);`] : []),
        ]).flat(), 1),
        '}',
      );
    } else {
      throw new Error(`wgsl: reduction ${kind as string} has no translation`);
    }
    return { state, tileStart, element, tileEnd, finish, loopItersPerColumn };
  }
}

/**
 * (x0 + x1) + ...: sums start from +0 in the interpreter and the oracle, so that terms that are
 * all -0 sum to +0. Compilers may fold 0.0 + x into x (llvmpipe does), so instead a -0 result
 * is turned into +0 on its bits, which is the same thing: a sum that starts from +0 is never -0.
 */
function sumOf(terms: readonly string[]): string {
  if (terms.length === 0) return '0.0';
  let s = terms[0]!;
  for (const t of terms.slice(1)) s = `(${s} + ${t})`;
  return `lk_pz(${s})`;
}

function indent(lines: readonly string[], depth: number): string[] {
  const pad = '  '.repeat(depth);
  return lines.flatMap((l) => l.split('\n')).map((l) => (l ? pad + l : l));
}

/** Key of the pipeline for a spec: everything the code depends on (not constant values). */
export function kernelKey(spec: KernelSpec): string {
  const t = spec.tape;
  const reg = (r: TapeRegister | null) => (r ? `${r.offset}.${r.dim}.${r.uniform ? 1 : 0}` : '-');
  return [
    spec.reduction, spec.k, spec.sparse ? 's' : 'd', spec.batched ? 'b' : '-', spec.wantValues ? 1 : 0, spec.wantIndices ? 1 : 0,
    t.nInstr, t.pEnd, t.jEnd, t.iEnd, t.outDim, t.consts.length, reg(t.result), reg(t.aux), reg(t.factor),
    spec.vars.map((v) => `${v.category}${v.dim}`).join(','),
    Array.from(t.code).join(','),
  ].join('|');
}
