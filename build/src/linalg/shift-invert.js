/**
 * Shift-invert for eigsh: X -> (A - sigma M)^-1 X by inner MINRES or CG solves (M the
 * identity, or the generalised problem's M), and the checks of options.solver.
 */
import { Tensor } from '../tensor/tensor.js';
import { DTypeError, ShapeError, ValueError, describe } from '../errors.js';
import { identity } from './linear-operator.js';
import { nonNegative, packColumns, positiveInt, unpackColumns } from './arrays.js';
import { ConvergenceError } from './errors.js';
import { cg } from './cg.js';
import { minres } from './minres.js';
import { preconditioner } from './columns.js';
/** options.solver checked, with its defaults filled in (tol: the outer tol / 100; maxiter: 10 N). */
export function innerSolverOptions(where, opts, A, outerTol) {
    const keys = ['method', 'tol', 'maxiter', 'M'];
    if (opts !== undefined && (opts === null || typeof opts !== 'object' || Array.isArray(opts))) {
        throw new ValueError(`${where}: options.solver must be an object { ${keys.join(', ')} }, received ${describe(opts)}`);
    }
    for (const key of Object.keys(opts ?? {})) {
        if (!keys.includes(key))
            throw new ValueError(`${where}: unknown option '${key}' in options.solver; expected one of ${keys.map((k) => `'${k}'`).join(', ')}`);
    }
    const o = (opts ?? {});
    const method = o.method ?? 'minres';
    if (method !== 'minres' && method !== 'cg')
        throw new ValueError(`${where}: options.solver.method must be 'minres' or 'cg', received ${describe(method)}`);
    const n = A.shape[0];
    const tol = nonNegative(where, 'solver.tol', o.tol, outerTol / 100);
    const maxiter = positiveInt(where, 'solver.maxiter', o.maxiter, 10 * n);
    preconditioner(where, o.M, n, A.dtype, 'options.solver.M');
    return { method, tol, maxiter, M: o.M };
}
/**
 * X -> (A - sigma I)^-1 X column by column (all columns in one solve call), with the number
 * of inner operator applications. A failed inner solve raises a ConvergenceError.
 */
export function shiftInvert(where, A, sigma, solver, B) {
    const { method, tol, maxiter, M } = solver;
    const n = A.shape[0];
    const shifted = sigma === 0 ? A : A.sub((B ?? identity(n)).mul(sigma));
    return async (cols, signal) => {
        const rhs = new Tensor(packColumns(cols, n), [n, cols.length]);
        // Inner applications: every column still iterating costs one.
        let inner = 0;
        let active = cols.length;
        const onProgress = (p) => {
            inner += active;
            active = p.columns - p.converged;
        };
        // A itself was probed for symmetry already; the inner solves need not probe A - sigma I again.
        const innerOptions = { tol, maxiter, checkSymmetric: false, ...(M && { M }), ...(signal && { signal }), onProgress };
        let sol;
        try {
            sol = method === 'cg' ? await cg(shifted, rhs, innerOptions) : await minres(shifted, rhs, innerOptions);
        }
        catch (error) {
            // A NaN met by the inner solver (or a preconditioner's bad result) is reported as eigsh's,
            // with where it happened; the preconditioner by the name the caller gave it.
            if ((error instanceof ValueError || error instanceof ShapeError || error instanceof DTypeError) && error.message.startsWith(`${method}: `)) {
                const message = `${where} (shift-invert, inner ${method}): ${error.message.slice(method.length + 2).replace(/\boptions\.M\b/g, 'options.solver.M')}`;
                throw new error.constructor(message);
            }
            throw error;
        }
        if (!sol.converged) {
            throw new ConvergenceError(`${where}: the inner ${method} solve with (A - ${sigma} I) did not converge (${sol.message}); raise options.solver.maxiter or pick a sigma further from the eigenvalues`, sol);
        }
        return { result: unpackColumns(Float64Array.from(sol.x.data), n, cols.length), inner };
    };
}
