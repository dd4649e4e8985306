/**
 * BiCGSTAB for general square operators, like scipy.sparse.linalg.bicgstab: short recurrences
 * (constant memory, two operator applications per iteration) where GMRES keeps a basis. The
 * preconditioner is applied on the right (x = M y), as scipy does, so the residual watched is
 * the true one. A block b [N, k] runs k recurrences, each operator application serving all
 * still-active columns at once.
 */
import { checkOptions } from '../errors.js';
import { Yielder } from '../abort.js';
import { dot } from './arrays.js';
import { applyColumns, initialGuess, krylovProblem, preconditioner, solutionDType, solutionTensor, } from './columns.js';
import { assertFiniteOutput } from './finite-output.js';
const BICGSTAB_OPTIONS = ['tol', 'atol', 'maxiter', 'x0', 'M', 'signal', 'onProgress'];
/**
 * Solves A x = b for a square operator A (symmetric or not) and b of shape [N] or [N, k].
 * Resolves to `{ x, iterations, converged, residual, residuals, reason, message }` like `cg`;
 * `reason` is 'converged', 'maxiter' or 'breakdown' (a recurrence coefficient vanished: rerun
 * with another x0, or use gmres). Not converging is reported, not thrown; NaN or Inf from A is
 * a ValueError.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, bicgstab } from 'lazykernel';
 * const A = aslinearoperator(tensor([4, 1, 0, -2, 3, 1, 0, 1, 2], [3, 3], { dtype: 'float64' }));   // not symmetric
 * const { x, converged } = await bicgstab(A, [1, 2, 3], { tol: 1e-10 });
 * console.log(converged); // => true
 * const r = (await A.matvec(x)).sub(tensor([1, 2, 3], [3], { dtype: 'float64' })).abs().max().item();
 * console.log(r < 1e-9);  // => true
 * ```
 */
export async function bicgstab(op, b, options) {
    const where = 'bicgstab';
    checkOptions(where, options, BICGSTAB_OPTIONS);
    const { A, n, B, shape, dtype, tol, atol, maxiter, signal, onProgress } = krylovProblem(where, op, b, options);
    const outDType = solutionDType(A, dtype);
    const Mcols = preconditioner(where, options?.M, n, outDType);
    const k = B.length;
    const X = initialGuess(where, options?.x0, n, k) ?? B.map(() => new Float64Array(n));
    const yielder = new Yielder(where, signal);
    const applyA = async (cols, when) => {
        const out = await applyColumns(A, cols, signal);
        assertFiniteOutput(where, 'the operator', out, when);
        return out;
    };
    const applyM = async (cols, when) => {
        if (!Mcols)
            return cols.map((c) => Float64Array.from(c));
        const out = await Mcols(cols, signal);
        assertFiniteOutput(where, 'the preconditioner options.M', out, when);
        return out;
    };
    const R = B.map((col) => Float64Array.from(col));
    if (options?.x0 !== undefined) {
        const AX = await applyA(X, 'applied to options.x0');
        for (let c = 0; c < k; c++)
            for (let i = 0; i < n; i++)
                R[c][i] -= AX[c][i];
    }
    const bnorm = B.map((col) => Math.sqrt(dot(col, col)));
    const threshold = bnorm.map((bn) => Math.max(tol * bn, atol));
    const rnorm = R.map((r) => Math.sqrt(dot(r, r)));
    const relative = (c) => (bnorm[c] > 0 ? rnorm[c] / bnorm[c] : rnorm[c]);
    const done = rnorm.map((r, c) => r <= threshold[c]);
    const broken = new Array(k).fill(false);
    const iterations = new Array(k).fill(0);
    const state = R.map((r) => ({ r, rhat: Float64Array.from(r), p: new Float64Array(n), v: new Float64Array(n), rho: 1, alpha: 1, omega: 1 }));
    const activeColumns = () => Array.from({ length: k }, (_, c) => c).filter((c) => !done[c] && !broken[c]);
    for (let it = 1; it <= maxiter; it++) {
        let active = activeColumns();
        if (active.length === 0)
            break;
        await yielder.tick();
        for (const c of active) {
            const s = state[c];
            const rho = dot(s.rhat, s.r);
            iterations[c] = it;
            if (rho === 0 || s.omega === 0) {
                broken[c] = true;
                continue;
            }
            const beta = (rho / s.rho) * (s.alpha / s.omega);
            s.rho = rho;
            for (let i = 0; i < n; i++)
                s.p[i] = s.r[i] + beta * (s.p[i] - s.omega * s.v[i]);
        }
        active = active.filter((c) => !broken[c]);
        if (active.length === 0)
            break;
        const when = `at iteration ${it}`;
        const Phat = await applyM(active.map((c) => state[c].p), when);
        const V = await applyA(Phat, when);
        const half = [];
        const S = [];
        active.forEach((c, a) => {
            const s = state[c];
            s.v = V[a];
            const rv = dot(s.rhat, s.v);
            if (rv === 0) {
                broken[c] = true;
                return;
            }
            s.alpha = s.rho / rv;
            const x = X[c];
            const ph = Phat[a];
            for (let i = 0; i < n; i++) {
                x[i] += s.alpha * ph[i];
                s.r[i] -= s.alpha * s.v[i];
            }
            rnorm[c] = Math.sqrt(dot(s.r, s.r));
            // Converged half-way: x = x + alpha phat already, no stabilising step needed.
            if (rnorm[c] <= threshold[c])
                done[c] = true;
            else {
                half.push(c);
                S.push(s.r);
            }
        });
        if (half.length > 0) {
            const Shat = await applyM(S, when);
            const T = await applyA(Shat, when);
            half.forEach((c, a) => {
                const s = state[c];
                const t = T[a];
                const tt = dot(t, t);
                s.omega = tt > 0 ? dot(t, s.r) / tt : 0;
                const x = X[c];
                const sh = Shat[a];
                for (let i = 0; i < n; i++) {
                    x[i] += s.omega * sh[i];
                    s.r[i] -= s.omega * t[i];
                }
                rnorm[c] = Math.sqrt(dot(s.r, s.r));
                if (rnorm[c] <= threshold[c])
                    done[c] = true;
            });
        }
        const pending = activeColumns();
        onProgress?.({ iteration: it, residual: Math.max(0, ...pending.map(relative)), converged: done.filter(Boolean).length, columns: k });
    }
    const residuals = Float64Array.from({ length: k }, (_, c) => relative(c));
    const residual = Math.max(...residuals);
    const iterationCount = Math.max(0, ...iterations);
    const failed = done.filter((d) => !d).length;
    const reason = failed === 0 ? 'converged' : broken.some(Boolean) ? 'breakdown' : 'maxiter';
    const res = residual.toExponential(2);
    const columns = k > 1 ? `${failed} of ${k} columns` : 'the solve';
    const message = reason === 'converged'
        ? `converged in ${iterationCount} iterations (relative residual ${res})`
        : reason === 'breakdown'
            ? `${columns} broke down (a BiCGSTAB coefficient rho, r^T v or omega vanished) at relative residual ${res}; try another options.x0, or gmres`
            : `${columns} did not meet the tolerance within maxiter = ${maxiter} iterations (relative residual ${res}); raise options.maxiter, relax options.tol, or pass a preconditioner options.M`;
    return { x: solutionTensor(X, shape, outDType), iterations: iterationCount, converged: failed === 0, residual, residuals, reason, message };
}
