/**
 * eigsh with options.M: the generalised symmetric problem A v = lambda M v, M symmetric
 * positive definite, as scipy's eigsh (ARPACK modes 2 and 3). Lanczos runs in the M inner
 * product <x, y>_M = x^T M y, in which these operators are self-adjoint:
 *   without sigma, OP = M^-1 A (M^-1 by options.Minv, or by inner CG solves with M);
 *   with sigma,    OP = (A - sigma M)^-1 M (inner MINRES / CG solves), lambda = sigma + 1 / nu.
 * The basis V is M-orthonormal; M V is carried beside it (without sigma, M W = A q comes free),
 * with thick restarts as the standard eigsh. The returned vectors are M-orthonormal (scipy's
 * convention), and their true residuals ||A v - lambda M v|| are checked by one more
 * application of A and M.
 */
import { Tensor } from '../tensor/tensor.js';
import { ValueError, describe } from '../errors.js';
import { Yielder } from '../abort.js';
import { LinearOperator } from './linear-operator.js';
import { checkCallback, checkSignal, dot, nonNegative, packColumns, positiveInt, tensorOf, toBlock, unpackColumns } from './arrays.js';
import { symmetricEigen } from './dense-eigh.js';
import { NormalRng } from './orthogonalize.js';
import { ConvergenceError } from './errors.js';
import { cg } from './cg.js';
import { applyColumns, preconditioner } from './columns.js';
import { assertFiniteOutput } from './finite-output.js';
import { probeSymmetry } from './symmetry.js';
import { roundToDType } from './true-residuals.js';
import { innerSolverOptions, shiftInvert } from './shift-invert.js';
import { WHICH, wantedOrder } from './which.js';
const EPS = 2 ** -52;
const EPS32 = 2 ** -23;
const ADVICE = 'eigsh with options.M needs a symmetric A; for a general operator use eigs.';
/**
 * Makes w (with mw = M w) M-orthogonal to the basis, twice; returns the summed coefficients
 * <v_i, w>_M. mw is updated by the same combination, so it stays M w without applying M.
 */
function projectOutM(basis, w, mw) {
    const coeffs = new Float64Array(basis.V.length);
    for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < basis.V.length; i++) {
            const c = dot(basis.MV[i], w);
            coeffs[i] += c;
            const v = basis.V[i];
            const mv = basis.MV[i];
            for (let r = 0; r < w.length; r++) {
                w[r] -= c * v[r];
                mw[r] -= c * mv[r];
            }
        }
    }
    return coeffs;
}
/** The generalised eigsh; `M` is options.M, checked by the caller to be a LinearOperator. */
export async function generalizedEigsh(A, options) {
    const where = 'eigsh';
    const n = A.shape[0];
    const M = options.M;
    if (!(M instanceof LinearOperator))
        throw new ValueError(`${where}: options.M must be a LinearOperator [${n}, ${n}] (symmetric positive definite), received ${describe(M)}`);
    if (M.shape[0] !== n || M.shape[1] !== n)
        throw new ValueError(`${where}: options.M must have shape [${n}, ${n}], received [${M.shape.join(', ')}]`);
    const k = positiveInt(where, 'k', options.k, 6);
    if (k >= n)
        throw new ValueError(`${where}: options.k must be smaller than the operator's size N = ${n}, received ${k}`);
    const which = options.which ?? 'LM';
    if (!WHICH.includes(which))
        throw new ValueError(`${where}: options.which must be one of ${WHICH.map((w) => `'${w}'`).join(', ')}, received ${describe(which)}`);
    const sigma = options.sigma;
    if (sigma !== undefined && (typeof sigma !== 'number' || !Number.isFinite(sigma)))
        throw new ValueError(`${where}: options.sigma must be a finite number, received ${describe(sigma)}`);
    const dtype = A.dtype === 'float64' || M.dtype === 'float64' ? 'float64' : 'float32';
    const tol = nonNegative(where, 'tol', options.tol, dtype === 'float32' ? 1e-6 : 1e-8);
    const solver = innerSolverOptions(where, options.solver, A, tol);
    const maxiter = positiveInt(where, 'maxiter', options.maxiter, 10 * n);
    const signal = checkSignal(where, options.signal);
    const onProgress = checkCallback(where, 'onProgress', options.onProgress);
    const returnVectors = options.returnEigenvectors ?? true;
    if (typeof returnVectors !== 'boolean')
        throw new ValueError(`${where}: options.returnEigenvectors must be a boolean, received ${describe(returnVectors)}`);
    const seed = options.seed ?? 0;
    if (typeof seed !== 'number' || !Number.isInteger(seed))
        throw new ValueError(`${where}: options.seed must be an integer, received ${describe(seed)}`);
    if ((options.blockSize ?? 1) !== 1)
        throw new ValueError(`${where}: options.blockSize must be 1 with options.M (the generalised problem runs single-vector Lanczos), received ${describe(options.blockSize)}`);
    if (options.Minv !== undefined && sigma !== undefined)
        throw new ValueError(`${where}: options.Minv is used without sigma only (with sigma, (A - sigma M)^-1 is applied instead)`);
    const Minv = preconditioner(where, options.Minv, n, dtype, 'options.Minv');
    const ncv = Math.min(n, positiveInt(where, 'ncv', options.ncv, Math.max(2 * k + 1, 30)));
    if (ncv <= k)
        throw new ValueError(`${where}: options.ncv must be larger than k = ${k} (and at most N = ${n}), received ${options.ncv}`);
    const rng = new NormalRng(seed);
    let start;
    if (options.v0 !== undefined) {
        start = toBlock(where, 'options.v0', options.v0, n, 1).data;
        if (start.some((x) => !Number.isFinite(x)))
            throw new ValueError(`${where}: options.v0 must be finite`);
    }
    else {
        start = rng.vector(n);
    }
    const checkSymmetric = options.checkSymmetric ?? true;
    if (typeof checkSymmetric !== 'boolean')
        throw new ValueError(`${where}: options.checkSymmetric must be a boolean, received ${describe(checkSymmetric)}`);
    const yielder = new Yielder(where, signal);
    let matvecs = 0;
    if (checkSymmetric) {
        matvecs += (await probeSymmetry(where, A, signal, ADVICE)).matvecs;
        await probeSymmetry(`${where} (options.M)`, M, signal, 'M must be symmetric positive definite.');
    }
    const applyM = async (cols, when) => {
        const out = await applyColumns(M, cols, signal);
        assertFiniteOutput(where, 'options.M', out, when);
        return out;
    };
    const applyA = async (cols, when) => {
        matvecs += cols.length;
        const out = await applyColumns(A, cols, signal);
        assertFiniteOutput(where, 'the operator', out, when);
        return out;
    };
    // M^-1 Z: the user's Minv, or CG on M (symmetric positive definite) to the inner tolerance.
    const solveM = async (Z, when) => {
        if (Minv) {
            const out = await Minv(Z, signal);
            assertFiniteOutput(where, 'options.Minv', out, when);
            return out;
        }
        const sol = await cg(M, new Tensor(packColumns(Z, n), [n, Z.length]), {
            tol: solver.tol, maxiter: solver.maxiter, checkSymmetric: false, ...(solver.M && { M: solver.M }), ...(signal && { signal }),
        });
        if (!sol.converged) {
            throw new ConvergenceError(`${where}: the inner cg solve with options.M did not converge (${sol.message}); M must be symmetric positive definite (or pass options.Minv, or raise options.solver.maxiter)`, sol);
        }
        return unpackColumns(Float64Array.from(sol.x.data), n, Z.length);
    };
    const inverse = sigma === undefined ? null : shiftInvert(where, A, sigma, solver, M);
    // OP q, and M (OP q) (free without sigma: M M^-1 A q = A q).
    const applyOp = async (q, mq, when) => {
        if (inverse) {
            const { result, inner } = await inverse([mq], signal);
            matvecs += 1 + inner;
            assertFiniteOutput(where, 'the shift-inverted operator', result, when);
            const [mw] = await applyM(result, when);
            return { w: result[0], mw: mw };
        }
        const [aq] = await applyA([q], when);
        const [w] = await solveM([aq], when);
        return { w: w, mw: Float64Array.from(aq) };
    };
    const normalize = (w, mw, what) => {
        const m2 = dot(w, mw);
        if (!(m2 >= 0))
            throw new ValueError(`${where}: x^T M x = ${m2.toExponential(2)} < 0 for ${what}: options.M must be positive definite`);
        return Math.sqrt(m2);
    };
    // A fresh M-unit vector M-orthogonal to the basis.
    const fresh = async (basis, v, when) => {
        const [mv] = await applyM([v], when);
        projectOutM(basis, v, mv);
        const s = normalize(v, mv, 'a starting vector');
        if (!(s > 0))
            throw new ValueError(`${where}: options.M maps a non-zero vector to a vector orthogonal to it: M must be positive definite`);
        for (let r = 0; r < n; r++) {
            v[r] /= s;
            mv[r] /= s;
        }
        return { v, mv: mv };
    };
    const basis = { V: [], MV: [] };
    const H = new Float64Array(ncv * ncv);
    let next = await fresh(basis, start, 'applied to the starting vector');
    let F = new Float64Array(n);
    let MF = new Float64Array(n);
    let beta = 0;
    let anorm = 0;
    let steps = 0;
    let restarts = 0;
    for (;;) {
        await yielder.tick();
        const j = basis.V.length;
        basis.V.push(next.v);
        basis.MV.push(next.mv);
        const { w, mw } = await applyOp(next.v, next.mv, `at Lanczos step ${steps + 1} (restart ${restarts})`);
        steps++;
        const coeffs = projectOutM(basis, w, mw);
        for (let i = 0; i <= j; i++)
            H[i * ncv + j] = H[j * ncv + i] = coeffs[i];
        F = w;
        MF = mw;
        beta = normalize(F, MF, 'the Lanczos residual');
        const m = j + 1;
        const Hm = new Float64Array(m * m);
        for (let a = 0; a < m; a++)
            for (let b = 0; b < m; b++)
                Hm[a * m + b] = H[a * ncv + b];
        const { values: theta, vectors: Y } = symmetricEigen(Hm, m);
        for (const t of theta)
            anorm = Math.max(anorm, Math.abs(t));
        const order = wantedOrder(theta, which);
        const wanted = order.slice(0, Math.min(k, m));
        const res = wanted.map((idx) => beta * Math.abs(Y[(m - 1) * m + idx]));
        const floor = Math.max(1e3 * EPS, dtype === 'float32' ? EPS32 : 0) * anorm;
        const met = wanted.map((idx, i) => res[i] <= tol * Math.abs(theta[idx]) + floor);
        const nconv = wanted.length < k ? 0 : met.filter(Boolean).length;
        const lambdaOf = (t) => (sigma === undefined ? t : sigma + 1 / t);
        if (onProgress) {
            const current = wanted.map((idx, i) => ({ lambda: lambdaOf(theta[idx]), res: res[i] })).sort((p, q) => p.lambda - q.lambda);
            onProgress({ iteration: steps, restarts, matvecs, converged: nconv, values: Float64Array.from(current, (c) => c.lambda), residuals: Float64Array.from(current, (c) => c.res) });
        }
        const finish = async () => {
            const pairs = wanted.map((idx, i) => ({ idx, met: met[i], lambda: lambdaOf(theta[idx]) })).sort((p, q) => p.lambda - q.lambda);
            const X = pairs.map(() => new Float64Array(n));
            for (let b = 0; b < m; b++) {
                const v = basis.V[b];
                pairs.forEach((p, c) => {
                    const y = Y[b * m + p.idx];
                    const x = X[c];
                    for (let r = 0; r < n; r++)
                        x[r] += y * v[r];
                });
            }
            const returned = roundToDType(X, dtype);
            const values = Float64Array.from(pairs, (p) => p.lambda);
            const AX = await applyA(returned, 'in the check of the final residuals');
            const MX = await applyM(returned, 'in the check of the final residuals');
            const residuals = Float64Array.from(pairs, (p, c) => {
                let s = 0;
                for (let r = 0; r < n; r++)
                    s += (AX[c][r] - p.lambda * MX[c][r]) ** 2;
                return Math.sqrt(s);
            });
            // Relative to ||A x|| + |lambda| ||M x||: the residual of OP bounds this only up to the
            // conditioning of M (and of A - sigma M), so the check allows 100 tol and rounding.
            const accepted = pairs.map((p, c) => {
                const scale = Math.sqrt(dot(AX[c], AX[c])) + Math.abs(p.lambda) * Math.sqrt(dot(MX[c], MX[c]));
                return residuals[c] <= (100 * tol + (dtype === 'float32' ? 64 * EPS32 : 1e4 * EPS)) * scale;
            });
            const partial = {
                values, vectors: returnVectors ? tensorOf(packColumns(returned, n), [n, pairs.length], dtype) : null, residuals,
                iterations: restarts, matvecs, converged: pairs.filter((p, c) => p.met && accepted[c]).length,
            };
            return { partial, accepted };
        };
        if (nconv >= k) {
            const { partial, accepted } = await finish();
            if (accepted.every(Boolean)) {
                const { converged: _c, ...result } = partial;
                return result;
            }
            throw new ConvergenceError(`${where}: the Lanczos residuals met the tolerance, but the true residuals ||A v - lambda M v|| of ${accepted.filter((a) => !a).length} of ${k} pairs do not (up to ${Math.max(...partial.residuals).toExponential(2)}): `
                + 'A or M is probably not symmetric, or M not positive definite, or the inner solves too loose (options.solver.tol); partial results in error.partial', partial);
        }
        const invariant = !(beta > 1e-12 * Math.max(anorm, Number.MIN_VALUE));
        if (m === ncv || (invariant && m === n)) {
            if (restarts >= maxiter) {
                const { partial } = await finish();
                throw new ConvergenceError(`${where}: ${partial.converged} of ${k} eigenpairs converged after ${restarts} restarts (${partial.matvecs} matvecs); raise options.maxiter or options.ncv, or relax options.tol (partial results in error.partial)`, partial);
            }
            restarts++;
            const kept = order.slice(0, Math.min(ncv - 1, Math.max(k + Math.floor((m - k) / 2), k + nconv)));
            const V2 = kept.map(() => new Float64Array(n));
            const MV2 = kept.map(() => new Float64Array(n));
            for (let b = 0; b < m; b++) {
                await yielder.tick();
                const v = basis.V[b];
                const mv = basis.MV[b];
                kept.forEach((idx, c) => {
                    const y = Y[b * m + idx];
                    const out = V2[c];
                    const mout = MV2[c];
                    for (let r = 0; r < n; r++) {
                        out[r] += y * v[r];
                        mout[r] += y * mv[r];
                    }
                });
            }
            basis.V = V2;
            basis.MV = MV2;
            H.fill(0);
            kept.forEach((idx, c) => { H[c * ncv + c] = theta[idx]; });
        }
        if (invariant) {
            next = await fresh(basis, rng.vector(n), `at Lanczos step ${steps}`);
        }
        else {
            // The residual continues the basis: M-orthogonal to it already, once more for rounding.
            projectOutM(basis, F, MF);
            const s = normalize(F, MF, 'the Lanczos residual');
            for (let r = 0; r < n; r++) {
                F[r] /= s;
                MF[r] /= s;
            }
            next = { v: F, mv: MF };
        }
    }
}
