import { opSpec } from '../formula/op-table.js';
/**
 * A float64 evaluator of the formula IR for one (row, column) pair at a time: the reference
 * every backend is tested against. It reads each op's `ref`, never the tape.
 */
export class PairEvaluator {
    swap;
    order = [];
    index = new Map();
    values = [];
    /** Element offset of each variable's batch slice in its data (by position in `order`). */
    offsets = [];
    /** With `swap`, i-variables follow the column and j-variables the row (axis 0). */
    constructor(roots, swap) {
        this.swap = swap;
        const visit = (n) => {
            if (this.index.has(n.key))
                return;
            n.args.forEach(visit);
            this.index.set(n.key, this.order.length);
            this.order.push(n);
            this.values.push(new Float64Array(n.dim));
            this.offsets.push(0);
        };
        roots.forEach(visit);
    }
    /** Batched reductions: variable `key` reads its data from element `offset` on (its batch's slice). */
    setOffset(key, offset) {
        const at = this.index.get(key);
        if (at !== undefined)
            this.offsets[at] = offset;
    }
    /** Evaluates every node for (row, col); returns the value of `node`. */
    evaluate(row, col) {
        for (let t = 0; t < this.order.length; t++) {
            const n = this.order[t];
            const out = this.values[t];
            if (n.op === 'Var') {
                const cat = n.category;
                const followsRow = this.swap ? cat === 'j' : cat === 'i';
                const at = cat === 'p' ? 0 : followsRow ? row : col;
                const data = n.tensor.data;
                const base = this.offsets[t] + at * n.dim;
                for (let k = 0; k < n.dim; k++)
                    out[k] = data[base + k];
            }
            else if (n.op === 'Const') {
                out[0] = n.attrs[0];
            }
            else {
                opSpec(n.op).ref(out, n.args.map((a) => this.values[this.index.get(a.key)]), n.attrs);
            }
        }
    }
    valueOf(node) {
        return this.values[this.index.get(node.key)];
    }
}
