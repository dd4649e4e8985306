/**
 * One immutable node of the formula IR: an op name, its arguments, integer or float
 * attributes and its vector dimension. `key` identifies the node structurally, so equal
 * subexpressions are recognised (common-subexpression merging) and compiled tapes are
 * cached by formula.
 */
export class FormulaNode {
    op;
    args;
    attrs;
    dim;
    tensor;
    category;
    key;
    constructor(op, args, attrs, dim, 
    /** The data of a variable leaf; undefined for every other node. */
    tensor, category) {
        this.op = op;
        this.args = args;
        this.attrs = attrs;
        this.dim = dim;
        this.tensor = tensor;
        this.category = category;
        const leaf = op === 'Var' ? `${category}${tensor.id}` : '';
        this.key = `${op}${leaf}[${attrs.map(numberKey).join(',')}](${args.map((a) => a.key).join(',')})`;
    }
}
/** Exact text of a float64 (distinguishes -0 and NaN payload-free values). */
export function numberKey(x) {
    return Object.is(x, -0) ? '-0' : String(x);
}
/** A variable leaf bound to a tensor. */
export function varNode(tensor, category, dim) {
    return new FormulaNode('Var', [], [dim], dim, tensor, category);
}
/** A scalar constant leaf. */
export function constNode(value) {
    return new FormulaNode('Const', [], [value], 1);
}
/** Every distinct variable leaf of a formula, in first-seen (depth-first, left to right) order. */
export function collectVars(roots) {
    const seen = new Map();
    const visited = new Set();
    const walk = (n) => {
        if (visited.has(n.key))
            return;
        visited.add(n.key);
        if (n.op === 'Var') {
            if (!seen.has(n.key))
                seen.set(n.key, n);
            return;
        }
        for (const a of n.args)
            walk(a);
    };
    roots.forEach(walk);
    return [...seen.values()];
}
