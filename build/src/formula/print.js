import { OP_TABLE } from './op-table.js';
import { displayForm, writtenVars } from './display-form.js';
const CATEGORY_CODE = { i: 0, j: 1, p: 2 };
/**
 * The formula as pykeops prints it: `Var(index, dim, category)` leaves, where index is the
 * variable's position in first-seen order and category is 0 for i, 1 for j, 2 for parameters.
 * A symbolic gradient prints as KeOps writes it, `Grad(F,v,e)` (also `Divergence(F,v)` and
 * `Laplacian(F,v)`), not as the formula it expands to.
 */
export function formulaToString(root) {
    const slot = new Map(writtenVars([root]).map((v, k) => [v.key, k]));
    const memo = new Map();
    const shown = new Map(); // operator forms, by object (their key is the expansion's)
    const show = (n) => {
        const form = displayForm(n);
        if (form) {
            const text = shown.get(n) ?? `${form.op}(${form.args.map(show).join(',')})`;
            shown.set(n, text);
            return text;
        }
        const hit = memo.get(n.key);
        if (hit !== undefined)
            return hit;
        let text;
        if (n.op === 'Var')
            text = `Var(${slot.get(n.key)},${n.dim},${CATEGORY_CODE[n.category]})`;
        else if (n.op === 'Const')
            text = formatNumber(n.attrs[0]);
        else {
            const args = n.args.map(show);
            const spec = OP_TABLE.get(n.op);
            // By default KeOps's call form: the formula arguments, then the integer attributes.
            text = spec?.print ? spec.print(args, n.attrs) : `${n.op}(${[...args, ...n.attrs.map(String)].join(',')})`;
        }
        memo.set(n.key, text);
        return text;
    };
    return show(root);
}
/** IntCst(n) as KeOps writes integers; Cst(x) for the others (-0, NaN and infinities included). */
function formatNumber(x) {
    if (Object.is(x, -0))
        return 'Cst(-0)';
    return Number.isInteger(x) ? `IntCst(${x})` : `Cst(${x})`;
}
