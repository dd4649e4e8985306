import { opSpec } from './op-table.js';
import { add, zeros } from './algebra.js';
import { ValueError } from '../errors.js';
/** Nodes reachable from `root`, arguments before the nodes that use them. */
function topologicalOrder(root) {
    const order = [];
    const seen = new Set();
    const visit = (n) => {
        if (seen.has(n.key))
            return;
        seen.add(n.key);
        n.args.forEach(visit);
        order.push(n);
    };
    visit(root);
    return order;
}
/**
 * Symbolic reverse-mode differentiation: the formulas d<g, root>/dv for each leaf v of `wrt`,
 * each of v's dimension (zeros where root does not depend on v). `g` has root's dimension and
 * is usually a variable holding the incoming gradient. The results are formulas like any other,
 * so a gradient is reduced by the same engines as the forward formula.
 */
export function gradFormulas(root, wrt, g) {
    const cotangent = new Map([[root.key, g]]);
    const order = topologicalOrder(root);
    for (let t = order.length - 1; t >= 0; t--) {
        const node = order[t];
        const cot = cotangent.get(node.key);
        if (!cot || node.op === 'Var' || node.op === 'Const')
            continue;
        const spec = opSpec(node.op);
        if (!spec.vjp) {
            throw new ValueError(`gradient: the op '${node.op}' has no derivative rule, so a formula using it cannot be differentiated (with respect to a variable it depends on)`);
        }
        const parts = spec.vjp(node.args, node, cot, node.attrs);
        node.args.forEach((arg, k) => {
            const part = parts[k];
            if (!part || arg.op === 'Const')
                return;
            const prev = cotangent.get(arg.key);
            cotangent.set(arg.key, prev ? add(prev, part) : part);
        });
    }
    return wrt.map((v) => cotangent.get(v.key) ?? zeros(v.dim));
}
