/**
 * MINRES (Paige and Saunders) for symmetric, possibly indefinite operators, like
 * scipy.sparse.linalg.minres: what shift-invert eigsh uses to apply (A - sigma I)^-1 when
 * sigma lies inside the spectrum. Columns of a block b iterate together, one operator call
 * per iteration for all of them.
 */
import { checkOptions, ValueError, describe } from '../errors.js';
import { Yielder } from '../abort.js';
import { booleanOption, checkCallback, checkSignal, dot, nonNegative, positiveInt } from './arrays.js';
import { applyColumns, initialGuess, preconditioner, rightHandSide, solutionDType, solutionTensor, squareOperator, } from './columns.js';
import { assertFiniteOutput } from './finite-output.js';
import { probeSymmetry } from './symmetry.js';
const MINRES_OPTIONS = ['shift', 'tol', 'maxiter', 'x0', 'M', 'checkSymmetric', 'signal', 'onProgress'];
const ADVICE = 'minres needs a symmetric A; for a general A use gmres or bicgstab.';
const EPS = 2 ** -52;
/**
 * Solves (A - shift I) x = b for a symmetric operator A, b of shape [N] or [N, k]. Resolves to
 * `{ x, iterations, converged, residual, residuals, reason, message }` like `cg`; `reason` is
 * 'converged', 'maxiter' or 'indefinite preconditioner'. Throws a ValueError when A is not
 * symmetric (see `checkSymmetric`) or returns NaN or Inf.
 *
 * @example
 * ```ts
 * import { diags, minres } from 'lazykernel';
 * const A = diags([1, -2, 4]);                        // symmetric, indefinite: cg would not do
 * const { x, converged } = await minres(A, [1, 1, 1], { tol: 1e-10 });
 * console.log(converged); // => true
 * console.log(x);         // => [1.000, -0.500, 0.250]
 * ```
 */
export async function minres(op, b, options) {
    const where = 'minres';
    checkOptions(where, options, MINRES_OPTIONS);
    const A = squareOperator(where, op);
    const n = A.shape[0];
    const { columns: B, shape, dtype } = rightHandSide(where, b, n);
    const shift = options?.shift ?? 0;
    if (typeof shift !== 'number' || !Number.isFinite(shift))
        throw new ValueError(`${where}: options.shift must be a finite number, received ${describe(shift)}`);
    const tol = nonNegative(where, 'tol', options?.tol, 1e-5);
    const maxiter = positiveInt(where, 'maxiter', options?.maxiter, 5 * n);
    const signal = checkSignal(where, options?.signal);
    const onProgress = checkCallback(where, 'onProgress', options?.onProgress);
    const checkSymmetric = booleanOption(where, 'checkSymmetric', options?.checkSymmetric, true);
    const outDType = solutionDType(A, dtype);
    const M = preconditioner(where, options?.M, n, outDType);
    const k = B.length;
    const precondition = async (cols, when) => {
        if (!M)
            return cols;
        const out = await M(cols, signal);
        assertFiniteOutput(where, 'the preconditioner options.M', out, when);
        return out;
    };
    const shifted = async (cols, when) => {
        const out = await applyColumns(A, cols, signal);
        assertFiniteOutput(where, 'the operator', out, when);
        if (shift !== 0)
            out.forEach((o, c) => { for (let i = 0; i < n; i++)
                o[i] -= shift * cols[c][i]; });
        return out;
    };
    const X0 = initialGuess(where, options?.x0, n, k);
    // The arguments are checked: now the operator, before any iteration trusts it.
    const yielder = new Yielder(where, signal);
    if (checkSymmetric)
        await probeSymmetry(where, A, signal, ADVICE);
    const R1 = B.map((col) => Float64Array.from(col));
    if (X0) {
        const AX = await shifted(X0, 'applied to options.x0');
        R1.forEach((r, c) => { for (let i = 0; i < n; i++)
            r[i] -= AX[c][i]; });
    }
    const Y = await precondition(R1, 'before the first iteration');
    const states = R1.map((r1, c) => {
        const y = Float64Array.from(Y[c]);
        const ry = dot(r1, y);
        if (ry < 0)
            throw new ValueError(`${where}: the preconditioner options.M is not positive definite (r . M r = ${ry} < 0)`);
        const beta1 = Math.sqrt(ry);
        return {
            x: X0 ? X0[c] : new Float64Array(n), r1, r2: r1, y, w: new Float64Array(n), w2: new Float64Array(n), v: new Float64Array(n),
            beta1, alfa: 0, beta: beta1, oldb: 0, dbar: 0, epsln: 0, phibar: beta1, cs: -1, sn: 0,
            done: beta1 === 0, stalled: null, iterations: 0,
        };
    });
    // Relative residuals against the initial residual norm (that of b when x0 is absent).
    const relative = (s) => (s.beta1 > 0 ? Math.abs(s.phibar) / s.beta1 : 0);
    for (let it = 1; it <= maxiter; it++) {
        const active = states.filter((s) => !s.done && !s.stalled);
        if (active.length === 0)
            break;
        // A synchronous callback operator would otherwise hold the event loop (and timers' aborts) until the end.
        await yielder.tick();
        for (const s of active) {
            const inv = 1 / s.beta;
            const v = new Float64Array(n);
            for (let i = 0; i < n; i++)
                v[i] = s.y[i] * inv;
            s.v = v;
        }
        const AV = await shifted(active.map((s) => s.v), `at iteration ${it}`);
        active.forEach((s, a) => {
            const y = AV[a];
            if (it >= 2) {
                const f = s.beta / s.oldb;
                for (let i = 0; i < n; i++)
                    y[i] -= f * s.r1[i];
            }
            const alfa = dot(s.v, y);
            const g = alfa / s.beta;
            for (let i = 0; i < n; i++)
                y[i] -= g * s.r2[i];
            s.r1 = s.r2;
            s.r2 = y;
            s.alfa = alfa;
        });
        const PY = await precondition(active.map((s) => s.r2), `at iteration ${it}`);
        active.forEach((s, a) => {
            const alfa = s.alfa;
            s.y = PY[a];
            s.oldb = s.beta;
            const ry = dot(s.r2, s.y);
            s.iterations = it;
            if (!(ry >= 0)) {
                s.stalled = { iteration: it, value: ry }; // the preconditioner is not positive definite
                return;
            }
            s.beta = Math.sqrt(ry);
            const oldeps = s.epsln;
            const delta = s.cs * s.dbar + s.sn * alfa;
            const gbar = s.sn * s.dbar - s.cs * alfa;
            s.epsln = s.sn * s.beta;
            s.dbar = -s.cs * s.beta;
            const gamma = Math.max(Math.hypot(gbar, s.beta), EPS);
            s.cs = gbar / gamma;
            s.sn = s.beta / gamma;
            const phi = s.cs * s.phibar;
            s.phibar = s.sn * s.phibar;
            const w1 = s.w2;
            s.w2 = s.w;
            const w = new Float64Array(n);
            const inv = 1 / gamma;
            for (let i = 0; i < n; i++) {
                w[i] = (s.v[i] - oldeps * w1[i] - delta * s.w2[i]) * inv;
                s.x[i] += phi * w[i];
            }
            s.w = w;
            if (relative(s) <= tol || s.beta === 0)
                s.done = true;
        });
        const still = states.filter((s) => !s.done && !s.stalled);
        onProgress?.({ iteration: it, residual: Math.max(0, ...still.map(relative)), converged: states.filter((s) => s.done).length, columns: k });
    }
    const residuals = Float64Array.from(states, relative);
    const residual = Math.max(...residuals);
    const iterations = Math.max(0, ...states.map((s) => s.iterations));
    const failed = states.filter((s) => !s.done);
    const stalled = states.findIndex((s) => s.stalled !== null);
    const reason = failed.length === 0 ? 'converged' : stalled >= 0 ? 'indefinite preconditioner' : 'maxiter';
    const res = residual.toExponential(2);
    let message;
    if (reason === 'converged') {
        message = `converged in ${iterations} iterations (relative residual ${res})`;
    }
    else if (reason === 'indefinite preconditioner') {
        const { iteration, value } = states[stalled].stalled;
        message = `stopped at iteration ${iteration}${k > 1 ? ` (column ${stalled})` : ''}: r^T M r = ${value.toExponential(2)} < 0, `
            + `so the preconditioner options.M is not positive definite, which MINRES needs (relative residual ${res})`;
    }
    else {
        message = `${k > 1 ? `${failed.length} of ${k} columns` : 'the solve'} did not meet the tolerance within maxiter = ${maxiter} iterations `
            + `(relative residual ${res}); raise options.maxiter, relax options.tol, or pass a preconditioner options.M`;
    }
    return {
        x: solutionTensor(states.map((s) => s.x), shape, outDType),
        iterations,
        converged: failed.length === 0,
        residual,
        residuals,
        reason,
        message,
    };
}
