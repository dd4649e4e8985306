import { ValueError, checkOptions, describe } from '../errors.js';
import { Yielder } from '../abort.js';
import { checkCallback, checkSignal, dot, nonNegative, packColumns, positiveInt, tensorOf, toBlock, unpackColumns } from './arrays.js';
import { squareOperator } from './columns.js';
import { assertFiniteOutput } from './finite-output.js';
import { NormalRng, orthonormalizeBlock, projectOut } from './orthogonalize.js';
import { ConvergenceError } from './errors.js';
import { generalEigenvalues } from './francis-qr.js';
import { complexEigenvector } from './complex-eigenvector.js';
import { roundToDType } from './true-residuals.js';
const EIGS_OPTIONS = ['k', 'which', 'ncv', 'tol', 'maxiter', 'v0', 'seed', 'returnEigenvectors', 'signal', 'onProgress'];
const WHICH = ['LM', 'SM', 'LR', 'SR', 'LI', 'SI'];
const EPS = 2 ** -52;
const EPS32 = 2 ** -23;
/** Orders Ritz values so that the wanted ones come first; a conjugate pair stays adjacent, positive imaginary part first. */
function wantedOrder(re, im, which) {
    const key = {
        LM: (i) => -Math.hypot(re[i], im[i]),
        SM: (i) => Math.hypot(re[i], im[i]),
        LR: (i) => -re[i],
        SR: (i) => re[i],
        LI: (i) => -Math.abs(im[i]),
        SI: (i) => Math.abs(im[i]),
    };
    const f = key[which];
    // Ties (conjugates, or equal keys) broken by real part then imaginary part, descending.
    return Array.from(re, (_, i) => i).sort((p, q) => f(p) - f(q) || re[q] - re[p] || im[q] - im[p]);
}
/** True when i and j are a complex conjugate pair. */
function conjugates(re, im, i, j) {
    return im[i] !== 0 && re[i] === re[j] && im[i] === -im[j];
}
/**
 * The k eigenvalues of a square operator selected by `which` (in that order) and their
 * eigenvectors, by restarted Arnoldi. A need not be symmetric; for a symmetric one eigsh is
 * cheaper. Throws ConvergenceError (with `partial`) when `maxiter` restarts are not enough or
 * when the true residuals disagree with the Arnoldi ones; a ValueError when A returns NaN or Inf.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, eigs } from 'lazykernel';
 * // A rotation by 90 degrees scaled by 2 in the first plane, and 1, 0.5 on the diagonal: eigenvalues +-2i, 1, 0.5
 * const A = aslinearoperator(tensor([0, -2, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0.5], [4, 4], { dtype: 'float64' }));
 * const { values, vectors } = await eigs(A, { k: 2, which: 'LM' });
 * console.log(values.re);           // => [0, 0]
 * console.log(values.im);           // => [2, -2]
 * console.log(vectors?.re.shape);   // => [4, 2]
 * ```
 */
export async function eigs(op, options) {
    const where = 'eigs';
    checkOptions(where, options, EIGS_OPTIONS);
    const A = squareOperator(where, op);
    const n = A.shape[0];
    const k = positiveInt(where, 'k', options?.k, 6);
    if (k >= n - 1)
        throw new ValueError(`${where}: options.k must be smaller than N - 1 = ${n - 1} (as scipy's), received ${k}; for all eigenvalues use a dense solver`);
    const which = options?.which ?? 'LM';
    if (!WHICH.includes(which))
        throw new ValueError(`${where}: options.which must be one of ${WHICH.map((w) => `'${w}'`).join(', ')}, received ${describe(which)}`);
    const tol = nonNegative(where, 'tol', options?.tol, A.dtype === 'float32' ? 1e-6 : 1e-8);
    const maxiter = positiveInt(where, 'maxiter', options?.maxiter, 10 * n);
    const ncv = positiveInt(where, 'ncv', options?.ncv, Math.min(n, Math.max(2 * k + 1, 20)));
    if (ncv < k + 2 || ncv > n)
        throw new ValueError(`${where}: options.ncv must satisfy k + 2 = ${k + 2} <= ncv <= N = ${n}, received ${ncv}`);
    const signal = checkSignal(where, options?.signal);
    const onProgress = checkCallback(where, 'onProgress', options?.onProgress);
    const returnVectors = options?.returnEigenvectors ?? true;
    if (typeof returnVectors !== 'boolean')
        throw new ValueError(`${where}: options.returnEigenvectors must be a boolean, received ${describe(returnVectors)}`);
    const seed = options?.seed ?? 0;
    if (typeof seed !== 'number' || !Number.isInteger(seed))
        throw new ValueError(`${where}: options.seed must be an integer, received ${describe(seed)}`);
    const rng = new NormalRng(seed);
    let start;
    if (options?.v0 !== undefined) {
        start = toBlock(where, 'options.v0', options.v0, n, 1).data;
        if (start.some((x) => !Number.isFinite(x)))
            throw new ValueError(`${where}: options.v0 must be finite`);
    }
    else {
        start = rng.vector(n);
    }
    const yielder = new Yielder(where, signal);
    const pause = () => yielder.tick();
    let matvecs = 0;
    const applyOp = async (cols, when) => {
        matvecs += cols.length;
        const out = unpackColumns(await A.apply(packColumns(cols, n), cols.length, signal), n, cols.length);
        assertFiniteOutput(where, 'the operator', out, when);
        return out;
    };
    // Arnoldi state: A V[0..m-1] = V H + f e_m^T, and V[m] = f / ||f|| once the basis continues.
    const H = new Float64Array(ncv * ncv);
    const V = await orthonormalizeBlock([], [start], rng, pause);
    let f = new Float64Array(n);
    let fnorm = 0;
    let restarts = 0;
    let hnorm = 0;
    for (;;) {
        // Fill the basis up to ncv columns.
        for (let j = V.length - 1; j < ncv; j++) {
            await yielder.tick();
            const [w] = await applyOp([V[j]], `at Arnoldi step ${j + 1} (restart ${restarts})`);
            const coeffs = await projectOut(V, w, pause);
            for (let i = 0; i < V.length; i++)
                H[i * ncv + j] = coeffs[i];
            const beta = Math.sqrt(dot(w, w));
            if (j + 1 === ncv) {
                f = w;
                fnorm = beta;
            }
            else {
                let before = 0;
                for (let i = 0; i < V.length; i++)
                    before += coeffs[i] * coeffs[i];
                // An invariant subspace: H[j + 1, j] = 0, and the basis goes on from a fresh direction.
                if (!(beta > 1e-12 * Math.sqrt(before + beta * beta))) {
                    H[(j + 1) * ncv + j] = 0;
                    V.push(...(await orthonormalizeBlock(V, [rng.vector(n)], rng, pause)));
                }
                else {
                    H[(j + 1) * ncv + j] = beta;
                    for (let r = 0; r < n; r++)
                        w[r] /= beta;
                    V.push(w);
                }
            }
        }
        // Ritz values and the residual estimates of the wanted ones.
        const m = ncv;
        const Hm = H.slice(0, m * m);
        for (let i = 0; i < m; i++)
            for (let j = 0; j < m; j++)
                Hm[i * m + j] = H[i * ncv + j];
        let hf = 0;
        for (let q = 0; q < m * m; q++)
            hf += Hm[q] * Hm[q];
        hnorm = Math.max(hnorm, Math.sqrt(hf));
        const theta = generalEigenvalues(Hm, m);
        const order = wantedOrder(theta.re, theta.im, which);
        const wanted = order.slice(0, k);
        const Y = new Map();
        const ritzVector = (idx) => {
            let y = Y.get(idx);
            if (!y) {
                y = complexEigenvector(Hm, m, theta.re[idx], theta.im[idx]);
                Y.set(idx, y);
            }
            return y;
        };
        const res = wanted.map((idx) => {
            const y = ritzVector(idx);
            return fnorm * Math.hypot(y.re[m - 1], y.im[m - 1]);
        });
        const floor = Math.max(1e3 * EPS, A.dtype === 'float32' ? EPS32 : 0) * hnorm;
        const met = wanted.map((idx, i) => res[i] <= tol * Math.hypot(theta.re[idx], theta.im[idx]) + floor);
        const nconv = met.filter(Boolean).length;
        onProgress?.({
            restarts, matvecs, converged: nconv,
            values: { re: Float64Array.from(wanted, (i) => theta.re[i]), im: Float64Array.from(wanted, (i) => theta.im[i]) },
            residuals: Float64Array.from(res),
        });
        const finish = async () => {
            const xr = wanted.map(() => new Float64Array(n));
            const xi = wanted.map(() => new Float64Array(n));
            for (let j = 0; j < m; j++) {
                await yielder.tick();
                const v = V[j];
                wanted.forEach((idx, c) => {
                    const y = ritzVector(idx);
                    const a = y.re[j];
                    const b = y.im[j];
                    const outR = xr[c];
                    const outI = xi[c];
                    for (let r = 0; r < n; r++) {
                        outR[r] += a * v[r];
                        outI[r] += b * v[r];
                    }
                });
            }
            const re = roundToDType(xr, A.dtype);
            const im = roundToDType(xi, A.dtype);
            const lre = Float64Array.from(wanted, (i) => theta.re[i]);
            const lim = Float64Array.from(wanted, (i) => theta.im[i]);
            // One application for the real parts and the non-zero imaginary parts together.
            const complexCols = wanted.map((_, c) => c).filter((c) => lim[c] !== 0);
            const images = await applyOp([...re, ...complexCols.map((c) => im[c])], 'in the check of the final residuals');
            const AIm = new Map(complexCols.map((c, t) => [c, images[k + t]]));
            const residuals = Float64Array.from(wanted, (_, c) => {
                const ar = images[c];
                const ai = AIm.get(c);
                const vr = re[c];
                const vi = im[c];
                let s = 0;
                for (let r = 0; r < n; r++) {
                    // (A - lambda)(vr + i vi): real part A vr - lre vr + lim vi, imaginary part A vi - lre vi - lim vr.
                    const pr = ar[r] - lre[c] * vr[r] + lim[c] * vi[r];
                    const pi = (ai ? ai[r] : 0) - lre[c] * vi[r] - lim[c] * vr[r];
                    s += pr * pr + pi * pi;
                }
                return Math.sqrt(s);
            });
            const rounding = 16 * EPS32 * hnorm;
            const accepted = wanted.map((idx, c) => residuals[c] <= 2 * (tol * Math.hypot(lre[c], lim[c]) + floor) + (A.dtype === 'float32' ? rounding : 0) + 1e3 * EPS * hnorm);
            const partial = {
                values: { re: lre, im: lim },
                vectors: returnVectors ? { re: tensorOf(packColumns(re, n), [n, k], A.dtype), im: tensorOf(packColumns(im, n), [n, k], A.dtype) } : null,
                residuals, iterations: restarts, matvecs, converged: met.filter((ok, c) => ok && accepted[c]).length,
            };
            return { partial, accepted };
        };
        if (nconv >= k) {
            const { partial, accepted } = await finish();
            if (accepted.every(Boolean)) {
                const { converged: _c, ...result } = partial;
                return result;
            }
            const worst = Math.max(...partial.residuals);
            throw new ConvergenceError(`${where}: the Arnoldi residuals met the tolerance, but the true residuals ||A v - lambda v|| of ${accepted.filter((a) => !a).length} of ${k} pairs do not (up to ${worst.toExponential(2)}): `
                + 'the operator is probably not linear and deterministic (the same vector must give the same result), or its eigenvalues are too ill-conditioned for this tolerance; partial results in error.partial', partial);
        }
        if (restarts >= maxiter) {
            const { partial } = await finish();
            throw new ConvergenceError(`${where}: ${partial.converged} of ${k} eigenpairs converged after ${restarts} restarts (${partial.matvecs} matvecs); raise options.maxiter or options.ncv, or relax options.tol (partial results in error.partial)`, partial);
        }
        restarts++;
        // Keep the wanted Ritz values and about half the rest (never splitting a conjugate pair, and
        // leaving room for at least one new vector), as the real basis of their invariant subspace of H.
        let p = Math.min(m - 2, Math.max(k + Math.floor((m - k) / 2), k + nconv));
        if (p < m && conjugates(theta.re, theta.im, order[p - 1], order[p]))
            p = p + 1 <= m - 1 ? p + 1 : p - 1;
        const cols = [];
        for (const idx of order.slice(0, p)) {
            const y = ritzVector(idx);
            if (theta.im[idx] === 0)
                cols.push(Float64Array.from(y.re));
            else if (theta.im[idx] > 0 || !order.slice(0, p).some((o) => conjugates(theta.re, theta.im, o, idx))) {
                cols.push(Float64Array.from(y.re), Float64Array.from(y.im));
            }
        }
        // Orthonormal columns Z (m x p') spanning them.
        const Z = [];
        for (const c of cols) {
            const before = Math.sqrt(dot(c, c));
            for (let pass = 0; pass < 2; pass++)
                for (const z of Z) {
                    const t = dot(z, c);
                    for (let r = 0; r < m; r++)
                        c[r] -= t * z[r];
                }
            const after = Math.sqrt(dot(c, c));
            if (!(after > 1e-10 * before) || Z.length >= m - 1)
                continue;
            for (let r = 0; r < m; r++)
                c[r] /= after;
            Z.push(c);
        }
        const pk = Z.length;
        // T = Z^T H Z; the new relation A (V Z) = (V Z) T + f (Z^T e_m)^T.
        const HZ = Z.map((z) => {
            const out = new Float64Array(m);
            for (let i = 0; i < m; i++) {
                let s = 0;
                for (let j = 0; j < m; j++)
                    s += Hm[i * m + j] * z[j];
                out[i] = s;
            }
            return out;
        });
        const newV = Z.map(() => new Float64Array(n));
        for (let j = 0; j < m; j++) {
            await yielder.tick();
            const v = V[j];
            Z.forEach((z, c) => {
                const y = z[j];
                if (y === 0)
                    return;
                const out = newV[c];
                for (let r = 0; r < n; r++)
                    out[r] += y * v[r];
            });
        }
        H.fill(0);
        for (let i = 0; i < pk; i++)
            for (let j = 0; j < pk; j++)
                H[i * ncv + j] = dot(Z[i], HZ[j]);
        V.length = 0;
        V.push(...newV);
        if (fnorm > 0) {
            for (let j = 0; j < pk; j++)
                H[pk * ncv + j] = fnorm * Z[j][m - 1];
            const next = Float64Array.from(f, (x) => x / fnorm);
            // f is orthogonal to the old basis, hence to the new one; once more for rounding.
            V.push(...(await orthonormalizeBlock(V, [next], rng, pause)));
        }
        else {
            V.push(...(await orthonormalizeBlock(V, [rng.vector(n)], rng, pause)));
        }
    }
}
