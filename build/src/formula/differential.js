import { gradFormulas } from './grad.js';
import { add, cst, embed, repeat, unary } from './algebra.js';
import { withDisplayForm, writtenVars } from './display-form.js';
import { ShapeError, ValueError } from '../errors.js';
/** v must be a variable leaf that F is written with (a Grad operand inside F counts). */
function checkVariable(where, F, v) {
    if (v.op !== 'Var') {
        throw new ValueError(`${where}: v must be a variable (a LazyTensor made by Vi, Vj or Pm, not a formula of them), received a formula with op '${v.op}'`);
    }
    if (!writtenVars([F]).some((u) => u.key === v.key)) {
        const kind = v.category === 'p' ? 'Pm' : `V${v.category}`;
        throw new ValueError(`${where}: v (a ${kind} variable of dimension ${v.dim}) is not a variable of this formula; differentiate with respect to a Vi, Vj or Pm used in it`);
    }
}
/** (dF/dv)^T g without checks; zeros where F does not depend on v. */
function vjpOf(F, v, g) {
    return gradFormulas(F, [v], g)[0];
}
/** sum_k dF_k/dv_k, one reverse pass per component (F and v of one dimension D). */
function divergenceExpansion(F, v) {
    const D = v.dim;
    let total = null;
    for (let k = 0; k < D; k++) {
        const g = vjpOf(F, v, embed(cst(1), k, D));
        // Component k of the cotangent (dF_k/dv); a repeated scalar (SumT) is that scalar.
        const term = D === 1 ? g : g.op === 'SumT' ? g.args[0] : unary('Elem', g, [k]);
        total = total ? add(total, term) : term;
    }
    return total;
}
/**
 * KeOps's Grad(F, v, e): for each pair (i, j), (dF_ij/dv)^T e_ij, a formula of v's dimension.
 * `e` has F's dimension; a constant (a number given by the user) is repeated up to it.
 */
export function gradOf(F, v, e, where = 'grad') {
    checkVariable(where, F, v);
    let g = e;
    if (e.dim !== F.dim) {
        if (e.op !== 'Const')
            throw new ShapeError(`${where}: e must have the formula's dimension ${F.dim} (or be a number), received dimension ${e.dim}`);
        g = repeat(e, F.dim);
    }
    return withDisplayForm(vjpOf(F, v, g), { op: 'Grad', args: [F, v, e] });
}
/** KeOps's Divergence(F, v): sum_k dF_k/dv_k, for F and v of the same dimension. */
export function divergenceOf(F, v, where = 'divergence') {
    checkVariable(where, F, v);
    if (F.dim !== v.dim)
        throw new ShapeError(`${where}: the formula (dimension ${F.dim}) and v (dimension ${v.dim}) must have the same dimension`);
    return withDisplayForm(divergenceExpansion(F, v), { op: 'Divergence', args: [F, v] });
}
/** KeOps's Laplacian(F, v): sum_k d^2F/dv_k^2, for a scalar F (the divergence of its gradient). */
export function laplacianOf(F, v, where = 'laplacian') {
    checkVariable(where, F, v);
    if (F.dim !== 1)
        throw new ShapeError(`${where}: the formula must be scalar (dimension 1), received dimension ${F.dim}`);
    return withDisplayForm(divergenceExpansion(vjpOf(F, v, cst(1)), v), { op: 'Laplacian', args: [F, v] });
}
