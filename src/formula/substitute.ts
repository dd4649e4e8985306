import type { FormulaNode } from './node.js';
import { apply } from './build.js';

/** The formula with some leaves replaced (by node key); unchanged subtrees are shared. */
export function substitute(root: FormulaNode, replacements: ReadonlyMap<string, FormulaNode>): FormulaNode {
  const memo = new Map<string, FormulaNode>();
  const visit = (n: FormulaNode): FormulaNode => {
    const hit = memo.get(n.key);
    if (hit) return hit;
    let out = replacements.get(n.key) ?? n;
    if (out === n && n.args.length) {
      const args = n.args.map(visit);
      if (args.some((a, k) => a !== n.args[k])) out = apply(n.op, args, n.attrs);
    }
    memo.set(n.key, out);
    return out;
  };
  return visit(root);
}
