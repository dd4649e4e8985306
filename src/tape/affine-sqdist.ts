/**
 * Recognises tapes whose reduced value is an affine function of one squared distance,
 *
 *     scale * |x_i - y_j|^2 + h_j          (scale a constant, h a j-variable of dimension 1,
 *                                           both optional)
 *
 * the exponent of every Gaussian-kernel log-sum-exp, and so of each Sinkhorn softmin. The
 * interpreter runs such a reduction through a fused kernel (assembly/reductions/sqdist-lse.ts)
 * that keeps the coordinates of four rows in registers and never writes the intermediate
 * registers to tile memory; it computes the same operations in the same order, so the results
 * are the interpreter's to the bit.
 */
import { OP } from './opcodes.js';
import type { Instr, Register } from './builder.js';

/** The operands of scale * |x_i - y_j|^2 + h_j (variable slots and a constant's index). */
export interface AffineSqDist {
  /** Slot of the i-variable x and of the j-variable y (same dimension `dim`). */
  readonly x: number;
  readonly y: number;
  readonly dim: number;
  /** Index of the constant `scale` in the tape's constants, or -1 for 1. */
  readonly scaleConst: number;
  /** Slot of the j-variable h (dimension 1), or -1 for none. */
  readonly shift: number;
}

/** The affine squared distance that `result` computes over `instrs`, or null. */
export function affineSqDist(instrs: readonly Instr[], result: Register): AffineSqDist | null {
  const producer = new Map(instrs.map((ins) => [ins.out.id, ins]));
  const load = (r: Register | undefined, opcode: number): Instr | undefined => {
    const ins = r ? producer.get(r.id) : undefined;
    return ins && ins.opcode === opcode ? ins : undefined;
  };
  let node = producer.get(result.id);
  if (!node || node.dim !== 1) return null;
  let shift = -1;
  if (node.opcode === OP.ADD) {
    const [a, b] = node.args as [Register, Register];
    const ha = load(a, OP.LOADJ);
    const hb = load(b, OP.LOADJ);
    const h = hb && hb.dim === 1 ? hb : ha && ha.dim === 1 ? ha : undefined;
    if (!h) return null;
    shift = h.arg0;
    node = producer.get((h === hb ? a : b).id);
    if (!node) return null;
  }
  let scaleConst = -1;
  if (node.opcode === OP.MUL) {
    const [a, b] = node.args as [Register, Register];
    const ca = load(a, OP.CONST);
    const cb = load(b, OP.CONST);
    const c = cb ?? ca;
    if (!c) return null;
    scaleConst = c.arg0;
    node = producer.get((c === cb ? a : b).id);
    if (!node) return null;
  }
  if (node.opcode !== OP.SQDIST) return null;
  const [a, b] = node.args as [Register, Register];
  const xi = load(a, OP.LOADI) ?? load(b, OP.LOADI);
  const yj = load(a, OP.LOADJ) ?? load(b, OP.LOADJ);
  if (!xi || !yj || xi.dim !== yj.dim || xi.dim !== node.arg0) return null;
  return { x: xi.arg0, y: yj.arg0, dim: xi.dim, scaleConst, shift };
}
