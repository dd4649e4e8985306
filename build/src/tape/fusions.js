// Peephole fusions of the tape builder's instructions (TapeBuilder.finish runs them before it
// orders the tape and allocates registers).
import { OP } from './opcodes.js';
/**
 * Peephole fusions that save a store and a load per vector on the hottest patterns:
 * EXP(MUL(a, b)) becomes EXPMUL(a, b), EXP(SUB(a, b)) EXPSUB(a, b), DOT(v, MATVEC(G, v))
 * QUADFORM(G, v) and NEG(QUADFORM) a negated QUADFORM; a summed product hands both factors to
 * the reduction. A value is only fused away when nothing else reads it, and a fused
 * instruction computes the same operations in the same order, so results do not change.
 */
export function fuse(instrs, result, aux, sumProduct) {
    const uses = new Map();
    const use = (r) => uses.set(r.id, (uses.get(r.id) ?? 0) + 1);
    instrs.forEach((ins) => ins.args.forEach(use));
    use(result);
    if (aux)
        use(aux);
    // Producers as rewritten so far (instructions come in dependency order).
    const producer = new Map();
    const removed = new Set();
    const onlyUse = (r) => {
        const src = r ? producer.get(r.id) : undefined;
        return src && uses.get(src.out.id) === 1 ? src : undefined;
    };
    const out = instrs.map((ins) => {
        const rewritten = rewrite(ins, onlyUse, removed);
        producer.set(rewritten.out.id, rewritten);
        return rewritten;
    });
    let fusedResult = result;
    let factor = null;
    const last = producer.get(result.id);
    if (sumProduct && last && last.opcode === OP.MUL && uses.get(result.id) === 1 && last.out.phase === 3) {
        removed.add(last);
        [fusedResult, factor] = last.args;
    }
    return { instrs: out.filter((ins) => !removed.has(ins)), result: fusedResult, factor };
}
/** One instruction with its single-use operand fused in (see fuse), or itself. */
function rewrite(ins, onlyUse, removed) {
    const [x, y] = ins.args;
    const src = onlyUse(x);
    if (ins.opcode === OP.EXP && src && src.dim === ins.dim && (src.opcode === OP.MUL || src.opcode === OP.SUB)) {
        removed.add(src);
        return { ...ins, opcode: src.opcode === OP.MUL ? OP.EXPMUL : OP.EXPSUB, args: src.args };
    }
    if (ins.opcode === OP.NEG && src && src.opcode === OP.QUADFORM && src.arg1 === 0) {
        removed.add(src);
        return { ...ins, opcode: OP.QUADFORM, args: src.args, arg0: src.arg0, arg1: 1 };
    }
    if (ins.opcode === OP.DOT && x && y) {
        // v . (G v) or (G v) . v, G square.
        for (const [mv, v] of [[onlyUse(y), x], [onlyUse(x), y]]) {
            if (mv && mv.opcode === OP.MATVEC && mv.args[1] === v && mv.dim === mv.arg1) {
                removed.add(mv);
                return { ...ins, opcode: OP.QUADFORM, args: [mv.args[0], v], arg0: mv.dim, arg1: 0 };
            }
        }
    }
    return ins;
}
