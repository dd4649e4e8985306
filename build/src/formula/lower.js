import { collectVars, numberKey } from './node.js';
import { opSpec } from './op-table.js';
import { TapeBuilder } from '../tape/builder.js';
/**
 * Lowers the formula `result` (and the optional `aux` formula of weighted reductions) to a tape.
 * With `swap`, i- and j-variables trade places: that is how a reduction over i (axis 0) runs
 * on engines that only reduce over j.
 */
export function lowerFormula(result, aux, elementBytes, swap, sumProduct = false) {
    const roots = aux ? [result, aux] : [result];
    const vars = collectVars(roots);
    const slotOf = new Map(vars.map((v, k) => [v.key, k]));
    const builder = new TapeBuilder(elementBytes);
    const memo = new Map();
    const visit = (n) => {
        const hit = memo.get(n.key);
        if (hit)
            return hit;
        let reg;
        if (n.op === 'Var') {
            let cat = n.category;
            if (swap && cat !== 'p')
                cat = cat === 'i' ? 'j' : 'i';
            reg = builder.load(cat, slotOf.get(n.key), n.dim);
        }
        else if (n.op === 'Const') {
            reg = builder.constant(n.attrs[0]);
        }
        else {
            const args = n.args.map(visit);
            reg = opSpec(n.op).lower(builder, args, n.attrs, n.dim, n);
        }
        memo.set(n.key, reg);
        return reg;
    };
    const r = visit(result);
    const a = aux ? visit(aux) : null;
    return { tape: builder.finish(r, a, { sumProduct }), vars };
}
/**
 * A key naming the formula's structure with variables replaced by their slots, so that the
 * same formula on other tensors of the same shapes reuses one compiled tape.
 */
export function canonicalKey(roots) {
    const slotOf = new Map(collectVars(roots).map((v, k) => [v.key, k]));
    const memo = new Map();
    const walk = (n) => {
        const hit = memo.get(n.key);
        if (hit !== undefined)
            return hit;
        const text = n.op === 'Var'
            ? `V${n.category}${slotOf.get(n.key)}:${n.dim}`
            : `${n.op}[${n.attrs.map(numberKey).join(',')}](${n.args.map(walk).join(',')})`;
        memo.set(n.key, text);
        return text;
    };
    return roots.map(walk).join(';');
}
