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
        };
        roots.forEach(visit);
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
                for (let k = 0; k < n.dim; k++)
                    out[k] = data[at * n.dim + k];
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
