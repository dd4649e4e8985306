import { ValueError, checkOptions, describe } from '../errors.js';
import { Yielder } from '../abort.js';
import { booleanOption, checkCallback, checkSignal, dot, nonNegative, positiveInt, tensorOf, toBlock, unpackColumns, packColumns } from './arrays.js';
import { symmetricEigen } from './dense-eigh.js';
import { WHICH, wantedOrder } from './which.js';
import { generalizedEigsh } from './eigsh-generalized.js';
import { NormalRng, orthonormalizeBlock, projectOut } from './orthogonalize.js';
import { ConvergenceError } from './errors.js';
import { innerSolverOptions, shiftInvert } from './shift-invert.js';
import { squareOperator } from './columns.js';
import { assertFiniteOutput } from './finite-output.js';
import { probeSymmetry } from './symmetry.js';
import { roundToDType, trueResiduals } from './true-residuals.js';
const EIGSH_OPTIONS = ['k', 'which', 'ncv', 'tol', 'maxiter', 'v0', 'seed', 'returnEigenvectors', 'sigma', 'solver', 'blockSize', 'checkSymmetric', 'M', 'Minv', 'signal', 'onProgress'];
const ADVICE = 'eigsh needs A = A^T; for a general operator use eigs; '
    + 'if a symmetric problem is meant, symmetrise A ((A + A^T) / 2, or D^-1/2 K D^-1/2 rather than D^-1 K).';
const EPS = 2 ** -52;
const EPS32 = 2 ** -23;
/**
 * The k eigenvalues (ascending) and eigenvectors of a symmetric operator selected by `which`,
 * by Lanczos with thick restarts. Throws ConvergenceError (with `partial`) when `maxiter`
 * restarts are not enough or when the true residuals of the converged pairs disagree with
 * the Lanczos ones; a ValueError when A is not symmetric (see `checkSymmetric`) or returns
 * NaN or Inf.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, aslinearoperator, eigsh } from 'lazykernel';
 * const X = tensor(Float64Array.from({ length: 40 }, (_, k) => k / 8), [40, 1]);
 * const K = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp());
 * const { values, vectors } = await eigsh(K, { k: 3, which: 'LM' });   // values ascending, like scipy
 * console.log(values.length);     // => 3
 * console.log(vectors?.shape);    // => [40, 3]
 * console.log(values[2] > values[1] && values[1] > values[0]); // => true
 * ```
 */
export async function eigsh(op, options) {
    const where = 'eigsh';
    checkOptions(where, options, EIGSH_OPTIONS);
    const A = squareOperator(where, op);
    if (options?.M !== undefined)
        return generalizedEigsh(A, options);
    if (options?.Minv !== undefined)
        throw new ValueError(`${where}: options.Minv needs options.M (it is M^-1 for the generalised problem)`);
    const n = A.shape[0];
    const k = positiveInt(where, 'k', options?.k, 6);
    if (k >= n)
        throw new ValueError(`${where}: options.k must be smaller than the operator's size N = ${n}, received ${k}; for all eigenpairs use a dense solver`);
    const which = options?.which ?? 'LM';
    if (!WHICH.includes(which))
        throw new ValueError(`${where}: options.which must be one of ${WHICH.map((w) => `'${w}'`).join(', ')}, received ${describe(which)}`);
    const sigma = options?.sigma;
    if (sigma !== undefined && (typeof sigma !== 'number' || !Number.isFinite(sigma))) {
        throw new ValueError(`${where}: options.sigma must be a finite number, received ${describe(sigma)}`);
    }
    const tol = nonNegative(where, 'tol', options?.tol, A.dtype === 'float32' ? 1e-6 : 1e-8);
    // Checked with or without sigma (without, it is unused): a typo must not pass silently.
    const solver = innerSolverOptions(where, options?.solver, A, tol);
    const maxiter = positiveInt(where, 'maxiter', options?.maxiter, 10 * n);
    const signal = checkSignal(where, options?.signal);
    const onProgress = checkCallback(where, 'onProgress', options?.onProgress);
    const returnVectors = options?.returnEigenvectors ?? true;
    if (typeof returnVectors !== 'boolean')
        throw new ValueError(`${where}: options.returnEigenvectors must be a boolean, received ${describe(returnVectors)}`);
    const seed = options?.seed ?? 0;
    if (typeof seed !== 'number' || !Number.isInteger(seed))
        throw new ValueError(`${where}: options.seed must be an integer, received ${describe(seed)}`);
    const checkSymmetric = booleanOption(where, 'checkSymmetric', options?.checkSymmetric, true);
    // Block size and basis size. Blocks pay off for clustered or multiple eigenvalues; for a
    // well-separated few, single vectors need fewer reductions in all (bench/RESULTS.md).
    let b = positiveInt(where, 'blockSize', options?.blockSize, 1);
    // scipy's default is max(2k + 1, 20); 30 saves a sixth of the matvecs on the tutorial's Laplacians.
    const defaultNcv = b === 1 ? Math.max(2 * k + 1, 30) : Math.max(2 * k, k + 3 * b);
    const ncv = Math.min(n, positiveInt(where, 'ncv', options?.ncv, defaultNcv));
    if (ncv <= k)
        throw new ValueError(`${where}: options.ncv must be larger than k = ${k} (and at most N = ${n}), received ${options?.ncv}`);
    b = Math.max(1, Math.min(b, ncv - k));
    const rng = new NormalRng(seed);
    let start;
    if (options?.v0 !== undefined) {
        const v0 = toBlock(where, 'options.v0', options.v0, n, b);
        start = unpackColumns(v0.data, n, v0.cols);
        if (start.some((c) => c.some((x) => !Number.isFinite(x))))
            throw new ValueError(`${where}: options.v0 must be finite`);
        while (start.length < b)
            start.push(rng.vector(n));
    }
    else {
        start = Array.from({ length: b }, () => rng.vector(n));
    }
    const inner = sigma === undefined ? null : shiftInvert(where, A, sigma, solver);
    // Gives the event loop a turn every few ms: a synchronous callback operator would hold it (and a timer's abort) until the end.
    const yielder = new Yielder(where, signal);
    let matvecs = 0;
    // A lower estimate of ||A|| from the probe, for the final check in shift-invert mode (where the Ritz values are of the inverse).
    let normEstimate = 0;
    if (checkSymmetric) {
        const probe = await probeSymmetry(where, A, signal, ADVICE);
        matvecs += probe.matvecs;
        normEstimate = probe.normEstimate;
    }
    const applyOp = async (cols, when) => {
        matvecs += cols.length;
        let out;
        if (inner) {
            const { result, inner: count } = await inner(cols, signal);
            matvecs += count;
            out = result;
        }
        else {
            out = unpackColumns(await A.apply(packColumns(cols, n), cols.length, signal), n, cols.length);
        }
        assertFiniteOutput(where, inner ? 'the shift-inverted operator' : 'the operator', out, when);
        return out;
    };
    // Krylov-Schur state: A V = V H + F E^T, E^T selecting the last block of V.
    const V = [];
    const H = new Float64Array(ncv * ncv);
    let F = [];
    const pause = () => yielder.tick();
    let Q = await orthonormalizeBlock([], start, rng, pause);
    let anorm = 0;
    let steps = 0;
    let restarts = 0;
    for (;;) {
        // Expand the basis by one block.
        await yielder.tick();
        const W = await applyOp(Q, `at Lanczos step ${steps + 1} (restart ${restarts})`);
        steps++;
        const m0 = V.length;
        V.push(...Q);
        const m = V.length;
        for (let c = 0; c < W.length; c++) {
            const coeffs = await projectOut(V, W[c], pause);
            for (let i = 0; i < m; i++)
                H[i * ncv + m0 + c] = coeffs[i];
        }
        // Symmetrise: the part above the new block mirrors below it, and the new diagonal block is averaged.
        for (let c = 0; c < W.length; c++) {
            for (let i = 0; i < m0; i++)
                H[(m0 + c) * ncv + i] = H[i * ncv + m0 + c];
            for (let d = 0; d < c; d++) {
                const avg = 0.5 * (H[(m0 + d) * ncv + m0 + c] + H[(m0 + c) * ncv + m0 + d]);
                H[(m0 + d) * ncv + m0 + c] = avg;
                H[(m0 + c) * ncv + m0 + d] = avg;
            }
        }
        F = W;
        // Rayleigh-Ritz on H (cheap next to an operator application: H has at most ncv rows).
        const Hm = new Float64Array(m * m);
        for (let i = 0; i < m; i++)
            for (let j = 0; j < m; j++)
                Hm[i * m + j] = H[i * ncv + j];
        const { values: theta, vectors: Y } = symmetricEigen(Hm, m);
        for (const t of theta)
            anorm = Math.max(anorm, Math.abs(t));
        // Residual of Ritz pair i: ||F (last-block rows of y_i)||, through the Gram matrix of F.
        const bF = F.length;
        const G = new Float64Array(bF * bF);
        for (let p = 0; p < bF; p++)
            for (let q = 0; q <= p; q++)
                G[p * bF + q] = G[q * bF + p] = dot(F[p], F[q]);
        const residual = (i) => {
            let s = 0;
            for (let p = 0; p < bF; p++) {
                const yp = Y[(m - bF + p) * m + i];
                for (let q = 0; q < bF; q++)
                    s += yp * G[p * bF + q] * Y[(m - bF + q) * m + i];
            }
            return Math.sqrt(Math.max(0, s));
        };
        const order = wantedOrder(theta, which);
        const wanted = order.slice(0, Math.min(k, m));
        const res = wanted.map(residual);
        // Eigenvalues near zero are judged against ||A||: the operator's own rounding (float32 kernels) bounds what is attainable.
        const floor = Math.max(1e3 * EPS, A.dtype === 'float32' ? EPS32 : 0) * anorm;
        const nconv = wanted.filter((idx, i) => res[i] <= tol * Math.abs(theta[idx]) + floor).length;
        // The wanted pairs, ascending, with their vectors as returned and their true residuals.
        const finish = async () => {
            const pairs = wanted.map((idx, i) => ({ idx, theta: theta[idx], met: res[i] <= tol * Math.abs(theta[idx]) + floor, lambda: inner ? sigma + 1 / theta[idx] : theta[idx] }))
                .sort((p, q) => p.lambda - q.lambda);
            const X = pairs.map(() => new Float64Array(n));
            for (let j = 0; j < m; j++) {
                await yielder.tick();
                const v = V[j];
                pairs.forEach((p, c) => {
                    const y = Y[j * m + p.idx];
                    if (y === 0)
                        return;
                    const x = X[c];
                    for (let r = 0; r < n; r++)
                        x[r] += y * v[r];
                });
            }
            const returned = roundToDType(X, A.dtype);
            const values = Float64Array.from(pairs, (p) => p.lambda);
            const residuals = await trueResiduals(where, A, returned, values, signal);
            matvecs += returned.length;
            // What the true residual may be once the Lanczos one met the tolerance: the same bound,
            // twice, plus float32 rounding (of float32 vectors and operators, and of float32 parts
            // in a float64 composition, which no dtype reveals). With sigma the Lanczos residual is
            // of (A - sigma I)^-1, which bounds A's by tol ||A - sigma I||; only a lower estimate of
            // that norm is at hand, hence the factor 10. A non-symmetric A misses by far more.
            const anormA = inner ? Math.max(normEstimate, ...Array.from(values, Math.abs)) + Math.abs(sigma) : anorm;
            const rounding = 16 * EPS32 * anormA;
            const floorA = Math.max(1e3 * EPS, A.dtype === 'float32' ? EPS32 : 0) * anormA;
            const accepted = pairs.map((p, c) => {
                const bound = inner ? 10 * tol * anormA + floorA : 2 * (tol * Math.abs(p.theta) + floor);
                return residuals[c] <= bound + rounding;
            });
            const partial = {
                values, vectors: returnVectors ? tensorOf(packColumns(returned, n), [n, pairs.length], A.dtype) : null, residuals,
                iterations: restarts, matvecs, converged: pairs.filter((p, c) => p.met && accepted[c]).length,
            };
            return { partial, accepted };
        };
        if (onProgress) {
            const current = wanted.map((idx, i) => ({ lambda: inner ? sigma + 1 / theta[idx] : theta[idx], res: res[i] })).sort((p, q) => p.lambda - q.lambda);
            onProgress({ iteration: steps, restarts, matvecs, converged: nconv, values: Float64Array.from(current, (c) => c.lambda), residuals: Float64Array.from(current, (c) => c.res) });
        }
        if (nconv >= k) {
            const { partial, accepted } = await finish();
            if (accepted.every(Boolean)) {
                const { converged: _c, ...result } = partial;
                return result;
            }
            // The Krylov relation says converged, A itself disagrees: no more iterations can fix that.
            const worst = Math.max(...partial.residuals);
            throw new ConvergenceError(`${where}: the Lanczos residuals met the tolerance, but the true residuals ||A v - lambda v|| of ${accepted.filter((a) => !a).length} of ${k} pairs do not (up to ${worst.toExponential(2)}): `
                + `the operator is probably not symmetric${checkSymmetric ? ' (beyond what the symmetry probe detects)' : ' (options.checkSymmetric is false)'}, or not linear and deterministic (the same vector must give the same result); partial results in error.partial`, partial);
        }
        if (V.length + b > ncv) {
            // The basis is full: thick restart, keeping the wanted Ritz vectors and about half the others.
            if (restarts >= maxiter) {
                const { partial } = await finish();
                throw new ConvergenceError(`${where}: ${partial.converged} of ${k} eigenpairs converged after ${restarts} restarts (${partial.matvecs} matvecs); raise options.maxiter or options.ncv, or relax options.tol (partial results in error.partial)`, partial);
            }
            restarts++;
            const kept = order.slice(0, Math.min(ncv - b, Math.max(k + Math.floor((m - k) / 2), k + nconv)));
            const newV = kept.map(() => new Float64Array(n));
            for (let j = 0; j < m; j++) {
                await yielder.tick();
                const v = V[j];
                kept.forEach((idx, c) => {
                    const y = Y[j * m + idx];
                    if (y === 0)
                        return;
                    const out = newV[c];
                    for (let r = 0; r < n; r++)
                        out[r] += y * v[r];
                });
            }
            V.length = 0;
            V.push(...newV);
            H.fill(0);
            kept.forEach((idx, c) => { H[c * ncv + c] = theta[idx]; });
        }
        // The next block continues from F, orthogonal to the basis.
        Q = await orthonormalizeBlock(V, F.map((f) => Float64Array.from(f)), rng, pause);
    }
}
