import { apply } from './build.js';
/** The formula with some leaves replaced (by node key); unchanged subtrees are shared. */
export function substitute(root, replacements) {
    const memo = new Map();
    const visit = (n) => {
        const hit = memo.get(n.key);
        if (hit)
            return hit;
        let out = replacements.get(n.key) ?? n;
        if (out === n && n.args.length) {
            const args = n.args.map(visit);
            if (args.some((a, k) => a !== n.args[k]))
                out = apply(n.op, args, n.attrs);
        }
        memo.set(n.key, out);
        return out;
    };
    return visit(root);
}
