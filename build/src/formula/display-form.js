import { FormulaNode } from './node.js';
// Keyed by object, not by key: the same expansion reached some other way prints expanded.
const forms = new WeakMap();
/**
 * A copy of `node` (same key, so it is the same formula to every engine and cache) that prints
 * as `form`. The copy keeps the original, possibly shared elsewhere, printing as it did.
 */
export function withDisplayForm(node, form) {
    const copy = new FormulaNode(node.op, node.args, node.attrs, node.dim, node.tensor, node.category);
    forms.set(copy, form);
    return copy;
}
/** The operator form a node prints as, if it was made by a symbolic operator. */
export function displayForm(node) {
    return forms.get(node);
}
/**
 * Every variable leaf of the formula as written (inside Grad(...) operands included, even
 * where the expansion no longer depends on them), in first-seen order.
 */
export function writtenVars(roots) {
    const found = new Map();
    const visited = new Set();
    const walk = (n) => {
        if (visited.has(n))
            return;
        visited.add(n);
        const form = forms.get(n);
        if (form) {
            form.args.forEach(walk); // its expansion may itself be a variable leaf (Grad of x.y in x is y)
            return;
        }
        if (n.op === 'Var') {
            if (!found.has(n.key))
                found.set(n.key, n);
            return;
        }
        n.args.forEach(walk);
    };
    roots.forEach(walk);
    return [...found.values()];
}
