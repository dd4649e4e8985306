import { collectVars } from './node.js';
import { OP_TABLE } from './op-table.js';
const CATEGORY_CODE = { i: 0, j: 1, p: 2 };
/**
 * The formula as pykeops prints it: `Var(index, dim, category)` leaves, where index is the
 * variable's position in first-seen order and category is 0 for i, 1 for j, 2 for parameters.
 */
export function formulaToString(root) {
    const slot = new Map(collectVars([root]).map((v, k) => [v.key, k]));
    const memo = new Map();
    const show = (n) => {
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
            text = spec?.print ? spec.print(args, n.attrs) : `${n.op}(${args.join(',')})`;
        }
        memo.set(n.key, text);
        return text;
    };
    return show(root);
}
function formatNumber(x) {
    return Number.isInteger(x) ? `IntCst(${x})` : `Cst(${x})`;
}
