/**
 * Conjugate gradients for symmetric positive definite operators, like scipy.sparse.linalg.cg.
 * A block b [N, k] solves k systems at once: each column keeps its own recurrence, and every
 * iteration applies the operator to all still-active columns in one call (one reduction).
 */
import { checkOptions } from '../errors.js';
import { checkCallback, checkSignal, dot, nonNegative, positiveInt, throwIfAborted } from './arrays.js';
import { applyColumns, initialGuess, preconditioner, rightHandSide, solutionDType, solutionTensor, squareOperator, } from './columns.js';
const CG_OPTIONS = ['tol', 'atol', 'maxiter', 'x0', 'M', 'signal', 'onProgress'];
/**
 * Solves A x = b for a symmetric positive definite operator A and b of shape [N] or [N, k].
 * Resolves to `{ x, iterations, converged, residual, residuals }`: `x` has b's shape;
 * not converging is reported through `converged`, as scipy's `info`, not thrown.
 */
export async function cg(op, b, options) {
    const where = 'cg';
    checkOptions(where, options, CG_OPTIONS);
    const A = squareOperator(where, op);
    const n = A.shape[0];
    const { columns: B, shape, dtype } = rightHandSide(where, b, n);
    const tol = nonNegative(where, 'tol', options?.tol, 1e-5);
    const atol = nonNegative(where, 'atol', options?.atol, 0);
    const maxiter = positiveInt(where, 'maxiter', options?.maxiter, 10 * n);
    const signal = checkSignal(where, options?.signal);
    const onProgress = checkCallback(where, 'onProgress', options?.onProgress);
    const outDType = solutionDType(A, dtype);
    const M = preconditioner(where, options?.M, n, outDType);
    const k = B.length;
    const X = initialGuess(where, options?.x0, n, k) ?? B.map(() => new Float64Array(n));
    const R = B.map((col) => Float64Array.from(col));
    if (options?.x0 !== undefined) {
        const AX = await applyColumns(A, X, signal);
        for (let c = 0; c < k; c++)
            for (let i = 0; i < n; i++)
                R[c][i] -= AX[c][i];
    }
    const bnorm = B.map((col) => Math.sqrt(dot(col, col)));
    const threshold = bnorm.map((bn) => Math.max(tol * bn, atol));
    const rnorm = R.map((r) => Math.sqrt(dot(r, r)));
    const relative = (c) => (bnorm[c] > 0 ? rnorm[c] / bnorm[c] : rnorm[c]);
    const done = rnorm.map((r, c) => r <= threshold[c]);
    const stalled = new Array(k).fill(false);
    const iterations = new Array(k).fill(0);
    let active = activeColumns(done, stalled);
    let Z = M ? await M(active.map((c) => R[c]), signal) : active.map((c) => R[c]);
    const P = new Array(k);
    const rz = new Float64Array(k);
    active.forEach((c, a) => {
        P[c] = Float64Array.from(Z[a]);
        rz[c] = dot(R[c], Z[a]);
    });
    for (let it = 1; it <= maxiter && active.length > 0; it++) {
        throwIfAborted(where, signal);
        const AP = await applyColumns(A, active.map((c) => P[c]), signal);
        active.forEach((c, a) => {
            const p = P[c];
            const ap = AP[a];
            const pAp = dot(p, ap);
            iterations[c] = it;
            if (!(pAp > 0)) {
                stalled[c] = true; // not positive definite along p (or a NaN): this column stops
                return;
            }
            const alpha = rz[c] / pAp;
            const x = X[c];
            const r = R[c];
            for (let i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            rnorm[c] = Math.sqrt(dot(r, r));
            if (rnorm[c] <= threshold[c])
                done[c] = true;
        });
        const stillActive = activeColumns(done, stalled);
        onProgress?.({ iteration: it, residual: Math.max(0, ...stillActive.map(relative)), converged: done.filter(Boolean).length, columns: k });
        if (stillActive.length === 0)
            break;
        Z = M ? await M(stillActive.map((c) => R[c]), signal) : stillActive.map((c) => R[c]);
        stillActive.forEach((c, a) => {
            const z = Z[a];
            const rzNew = dot(R[c], z);
            const beta = rzNew / rz[c];
            rz[c] = rzNew;
            const p = P[c];
            for (let i = 0; i < n; i++)
                p[i] = z[i] + beta * p[i];
        });
        active = stillActive;
    }
    const residuals = Float64Array.from({ length: k }, (_, c) => relative(c));
    return {
        x: solutionTensor(X, shape, outDType),
        iterations: Math.max(0, ...iterations),
        converged: done.every(Boolean),
        residual: Math.max(...residuals),
        residuals,
    };
}
function activeColumns(done, stalled) {
    const out = [];
    for (let c = 0; c < done.length; c++)
        if (!done[c] && !stalled[c])
            out.push(c);
    return out;
}
