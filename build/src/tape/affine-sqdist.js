/**
 * Recognises tapes whose reduced value is an affine function of one squared distance or its
 * exponential, times at most a j-variable:
 *
 *     e_ij = scale * |x_i - y_j|^2 + h_j     (scale a constant or a parameter of dimension 1,
 *                                            h a j-variable of dimension 1,
 *                                            both optional): the exponent of every Gaussian
 *                                            log-sum-exp, and so of each Sinkhorn softmin;
 *     exp(e_ij) * b_j                        (b a j-variable, optional; the tape hands it to a
 *                                            SUM as its factor): the Gaussian kernel product.
 *
 * The interpreter runs such reductions through fused kernels (assembly/kernels/
 * affine-sqdist.ts) that keep the coordinates of four rows in registers and never write the
 * intermediate registers to tile memory; they compute the same operations in the same order,
 * so the results are the interpreter's to the bit.
 */
import { OP } from './opcodes.js';
/**
 * The affine squared distance (or its exponential) that `result` computes over `instrs`, times
 * `factor` when given, or null.
 */
export function affineSqDist(instrs, result, factor = null) {
    const producer = new Map(instrs.map((ins) => [ins.out.id, ins]));
    const load = (r, opcode) => {
        const ins = r ? producer.get(r.id) : undefined;
        return ins && ins.opcode === opcode ? ins : undefined;
    };
    // A scale: a constant, or a parameter of dimension 1 (as `Pm(s)` makes, so that one tape
    // serves every value of s).
    const scalar = (r) => load(r, OP.CONST) ?? (load(r, OP.LOADP)?.dim === 1 ? load(r, OP.LOADP) : undefined);
    const scaleOf = (c) => (c.opcode === OP.CONST ? { scaleConst: c.arg0, scaleParam: -1 } : { scaleConst: -1, scaleParam: c.arg0 });
    let factorSlot = -1;
    if (factor) {
        const b = load(factor, OP.LOADJ);
        if (!b)
            return null;
        factorSlot = b.arg0;
    }
    let node = producer.get(result.id);
    if (!node || node.dim !== 1)
        return null;
    let exp = false;
    let scale = { scaleConst: -1, scaleParam: -1 };
    if (node.opcode === OP.EXP) {
        exp = true;
        node = producer.get(node.args[0].id);
        if (!node)
            return null;
    }
    else if (node.opcode === OP.EXPMUL) {
        // EXP(MUL(a, b)) fused by tape/fusions.ts: exp(scale * |x - y|^2) without a shift.
        const [a, b] = node.args;
        const cb = scalar(b), ca = scalar(a);
        const c = cb ?? ca;
        const d = c && producer.get((c === cb ? a : b).id);
        if (!c || !d || d.opcode !== OP.SQDIST)
            return null;
        return sqdistOperands(d, { ...scaleOf(c), shift: -1, exp: true, factor: factorSlot }, load);
    }
    if (factor && !exp)
        return null;
    let shift = -1;
    if (node.opcode === OP.ADD) {
        const [a, b] = node.args;
        const ha = load(a, OP.LOADJ);
        const hb = load(b, OP.LOADJ);
        const h = hb && hb.dim === 1 ? hb : ha && ha.dim === 1 ? ha : undefined;
        if (!h)
            return null;
        shift = h.arg0;
        node = producer.get((h === hb ? a : b).id);
        if (!node)
            return null;
    }
    if (node.opcode === OP.MUL) {
        const [a, b] = node.args;
        const ca = scalar(a);
        const cb = scalar(b);
        const c = cb ?? ca;
        if (!c)
            return null;
        scale = scaleOf(c);
        node = producer.get((c === cb ? a : b).id);
        if (!node)
            return null;
    }
    if (node.opcode !== OP.SQDIST)
        return null;
    return sqdistOperands(node, { ...scale, shift, exp, factor: factorSlot }, load);
}
/** The x and y of SQDIST(x_i, y_j) (either order) with the rest of the description, or null. */
function sqdistOperands(sq, rest, load) {
    const [a, b] = sq.args;
    const xi = load(a, OP.LOADI) ?? load(b, OP.LOADI);
    const yj = load(a, OP.LOADJ) ?? load(b, OP.LOADJ);
    if (!xi || !yj || xi.dim !== yj.dim || xi.dim !== sq.arg0)
        return null;
    return { x: xi.arg0, y: yj.arg0, dim: xi.dim, ...rest };
}
