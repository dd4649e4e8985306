import { FormulaNode, varNode } from './node.js';
import { displayForm, withDisplayForm } from './display-form.js';
/**
 * The formula with the roles of i and j exchanged (pykeops's K.t()): every i-variable becomes
 * a j-variable of the same tensor and back; parameters and constants stay. Unchanged subtrees
 * are shared, and a symbolic operator's node keeps printing as the operator.
 */
export function swapCategories(root) {
    const byKey = new Map();
    const byObject = new Map();
    const structural = (n) => {
        const hit = byKey.get(n.key);
        if (hit)
            return hit;
        let out = n;
        if (n.op === 'Var' && n.category !== 'p')
            out = varNode(n.tensor, n.category === 'i' ? 'j' : 'i', n.dim);
        else if (n.args.length) {
            const args = n.args.map(visit);
            if (args.some((a, k) => a !== n.args[k]))
                out = new FormulaNode(n.op, args, n.attrs, n.dim);
        }
        byKey.set(n.key, out);
        return out;
    };
    const visit = (n) => {
        const form = displayForm(n);
        if (!form)
            return structural(n);
        let out = byObject.get(n);
        if (!out) {
            out = withDisplayForm(structural(n), { op: form.op, args: form.args.map(visit) });
            byObject.set(n, out);
        }
        return out;
    };
    return visit(root);
}
