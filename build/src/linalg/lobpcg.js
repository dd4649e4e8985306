/**
 * lobpcg: Locally Optimal Block Preconditioned Conjugate Gradient, like
 * scipy.sparse.linalg.lobpcg, for a few extreme eigenpairs of a symmetric operator. Each
 * iteration applies the operator once to a block (the preconditioned residuals W of the
 * unconverged columns: one reduction for a kernel operator), then does Rayleigh-Ritz on the
 * span of [X, W, P], P being the previous step's directions. The images A X and A P are
 * carried along as linear combinations, so that one application per iteration suffices; the
 * returned pairs are checked by one more application of A (their true residuals).
 * Everything is float64 on the host, whatever the operator's dtype.
 */
import { Tensor } from '../tensor/tensor.js';
import { ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { Yielder } from '../abort.js';
import { booleanOption, checkCallback, checkFinite, checkSignal, dot, nonNegative, packColumns, positiveInt, tensorOf, toBlock, unpackColumns } from './arrays.js';
import { applyColumns, preconditioner, squareOperator } from './columns.js';
import { symmetricEigen } from './dense-eigh.js';
import { assertFiniteOutput } from './finite-output.js';
import { NormalRng } from './orthogonalize.js';
import { roundToDType, trueResiduals } from './true-residuals.js';
const LOBPCG_OPTIONS = ['largest', 'tol', 'maxiter', 'M', 'Y', 'signal', 'onProgress'];
const DROP = 1e-10;
/**
 * Orthonormalises `block` against `basis` (orthonormal) and itself, twice, dropping the
 * columns that lose almost all their norm; the same combinations are applied to `images`
 * (the block's images under A) when given, using the basis images.
 */
function orthonormalizeMirrored(basis, block, images) {
    const V = [];
    const AV = [];
    const baseV = basis?.V ?? [];
    const baseA = basis?.AV ?? [];
    block.forEach((w, c) => {
        const aw = images?.[c];
        const before = Math.sqrt(dot(w, w));
        const against = [...baseV, ...V];
        const againstA = [...baseA, ...AV];
        for (let pass = 0; pass < 2; pass++) {
            against.forEach((q, i) => {
                const coef = dot(q, w);
                for (let r = 0; r < w.length; r++)
                    w[r] -= coef * q[r];
                if (aw) {
                    const aq = againstA[i];
                    for (let r = 0; r < aw.length; r++)
                        aw[r] -= coef * aq[r];
                }
            });
        }
        const after = Math.sqrt(dot(w, w));
        if (!(after > DROP * before) || after === 0)
            return;
        for (let r = 0; r < w.length; r++)
            w[r] /= after;
        if (aw)
            for (let r = 0; r < aw.length; r++)
                aw[r] /= after;
        V.push(w);
        if (aw)
            AV.push(aw);
    });
    return { V, AV };
}
/** sum_j S_j C[j, c] for each column c of `cols`. */
function combine(S, C, size, cols, from = 0) {
    const n = S[0].length;
    return cols.map((c) => {
        const out = new Float64Array(n);
        for (let j = from; j < S.length; j++) {
            const y = C[j * size + c];
            if (y === 0)
                continue;
            const s = S[j];
            for (let r = 0; r < n; r++)
                out[r] += y * s[r];
        }
        return out;
    });
}
/**
 * The k = X0.shape[1] largest (or smallest, `largest: false`) eigenvalues of a symmetric
 * operator A, ascending, with eigenvectors, by LOBPCG from the starting block X0 [N, k].
 * Like scipy, not converging within `maxiter` is not an error: `converged` is then false.
 * Throws a ValueError when A or M returns NaN or Inf.
 *
 * @example
 * ```ts
 * import { tensor, diags, lobpcg } from 'lazykernel';
 * const A = diags(Array.from({ length: 100 }, (_, i) => i + 1));     // eigenvalues 1..100
 * const X0 = tensor(Float64Array.from({ length: 200 }, (_, i) => Math.sin(i + 1)), [100, 2]);
 * const { values, converged } = await lobpcg(A, X0, { largest: false, tol: 1e-6, maxiter: 200 });
 * console.log(converged);                           // => true
 * console.log(Array.from(values, Math.round));      // => [1, 2]
 * ```
 */
export async function lobpcg(op, X0, options) {
    const where = 'lobpcg';
    checkOptions(where, options, LOBPCG_OPTIONS);
    const A = squareOperator(where, op);
    const n = A.shape[0];
    if (!(X0 instanceof Tensor) || X0.shape.length !== 2 || X0.shape[0] !== n) {
        throw new ShapeError(`${where}: X0 must be a Tensor [${n}, k] (the starting block), received ${X0 instanceof Tensor ? `shape [${X0.shape.join(', ')}]` : describe(X0)}`);
    }
    const k = X0.shape[1];
    const x0 = toBlock(where, 'X0', X0, n);
    checkFinite(where, 'X0', x0.data);
    const largest = booleanOption(where, 'largest', options?.largest, true);
    const tol = nonNegative(where, 'tol', options?.tol, Math.sqrt(1e-15) * n);
    const maxiter = positiveInt(where, 'maxiter', options?.maxiter, 20);
    const signal = checkSignal(where, options?.signal);
    const onProgress = checkCallback(where, 'onProgress', options?.onProgress);
    const Mcols = preconditioner(where, options?.M, n, A.dtype);
    let Y = [];
    if (options?.Y !== undefined) {
        const y = options.Y;
        if (!(y instanceof Tensor) || y.shape.length !== 2 || y.shape[0] !== n) {
            throw new ShapeError(`${where}: options.Y must be a Tensor [${n}, c] (constraints), received ${y instanceof Tensor ? `shape [${y.shape.join(', ')}]` : describe(y)}`);
        }
        const yb = toBlock(where, 'options.Y', y, n);
        checkFinite(where, 'options.Y', yb.data);
        Y = orthonormalizeMirrored(null, unpackColumns(yb.data, n, yb.cols), null).V;
    }
    if (k + Y.length >= n)
        throw new ValueError(`${where}: X0's ${k} columns plus ${Y.length} constraints must be fewer than N = ${n}; for all eigenpairs use a dense solver`);
    const yielder = new Yielder(where, signal);
    const applyA = async (cols, when) => {
        const out = await applyColumns(A, cols, signal);
        assertFiniteOutput(where, 'the operator', out, when);
        return out;
    };
    const projectY = (cols) => {
        for (const w of cols)
            for (let pass = 0; pass < 2; pass++)
                for (const q of Y) {
                    const c = dot(q, w);
                    for (let r = 0; r < n; r++)
                        w[r] -= c * q[r];
                }
    };
    // The starting block: orthogonal to Y, orthonormal, topped up with random columns where X0 is rank deficient.
    let startCols = unpackColumns(x0.data, n, k);
    projectY(startCols);
    let X = orthonormalizeMirrored(null, startCols, null).V;
    const rng = new NormalRng(k);
    while (X.length < k) {
        startCols = [rng.vector(n)];
        projectY(startCols);
        X = [...X, ...orthonormalizeMirrored({ V: X, AV: [] }, startCols, null).V];
    }
    let AX = await applyA(X, 'applied to X0');
    let P = null;
    let lambda = new Float64Array(k);
    let res = new Float64Array(k);
    let iterations = 0;
    // Rayleigh-Ritz on the span of S (orthonormal, with images AS); keeps k pairs.
    const rayleighRitz = (S, AS) => {
        const size = S.length;
        const G = new Float64Array(size * size);
        for (let i = 0; i < size; i++)
            for (let j = 0; j <= i; j++)
                G[i * size + j] = G[j * size + i] = 0.5 * (dot(S[i], AS[j]) + dot(S[j], AS[i]));
        const { values, vectors } = symmetricEigen(G, size);
        const picked = Array.from({ length: k }, (_, c) => (largest ? size - k + c : c));
        return { values: Float64Array.from(picked, (i) => values[i]), C: vectors, size, picked };
    };
    {
        const rr = rayleighRitz(X, AX);
        const nextX = combine(X, rr.C, rr.size, rr.picked);
        AX = combine(AX, rr.C, rr.size, rr.picked);
        X = nextX;
        lambda = rr.values;
    }
    const residualsOf = () => {
        const R = X.map((x, c) => {
            const r = Float64Array.from(AX[c]);
            for (let i = 0; i < n; i++)
                r[i] -= lambda[c] * x[i];
            return r;
        });
        return { R, norms: Float64Array.from(R, (r) => Math.sqrt(dot(r, r))) };
    };
    for (let it = 1; it <= maxiter; it++) {
        await yielder.tick();
        const { R, norms } = residualsOf();
        res = norms;
        const active = Array.from({ length: k }, (_, c) => c).filter((c) => norms[c] > tol);
        onProgress?.({ iteration: it - 1, converged: k - active.length, values: Float64Array.from(lambda), residuals: Float64Array.from(norms) });
        if (active.length === 0)
            break;
        iterations = it;
        let W = active.map((c) => R[c]);
        if (Mcols) {
            W = await Mcols(W, signal);
            assertFiniteOutput(where, 'the preconditioner options.M', W, `at iteration ${it}`);
        }
        projectY(W);
        const Wo = orthonormalizeMirrored({ V: X, AV: AX }, W, null).V;
        if (Wo.length === 0)
            break;
        const AW = await applyA(Wo, `at iteration ${it}`);
        const base = { V: [...X, ...Wo], AV: [...AX, ...AW] };
        const Po = P ? orthonormalizeMirrored(base, P.V, P.AV) : { V: [], AV: [] };
        const S = [...base.V, ...Po.V];
        const AS = [...base.AV, ...Po.AV];
        const rr = rayleighRitz(S, AS);
        lambda = rr.values;
        // P: the part of the new X made of W and P (not of the old X), for the columns still iterating.
        const pCols = active.map((c) => rr.picked[c]);
        P = { V: combine(S, rr.C, rr.size, pCols, k), AV: combine(AS, rr.C, rr.size, pCols, k) };
        X = combine(S, rr.C, rr.size, rr.picked);
        AX = combine(AS, rr.C, rr.size, rr.picked);
    }
    if (iterations === maxiter)
        res = residualsOf().norms;
    const returned = roundToDType(X, A.dtype);
    const residuals = await trueResiduals(where, A, returned, lambda, signal);
    // Ascending already (Rayleigh-Ritz values are sorted); the tolerance is judged on the carried
    // residuals, with room for the float32 rounding of the returned vectors.
    const converged = Array.from(res).every((r) => r <= tol);
    return { values: Float64Array.from(lambda), vectors: tensorOf(packColumns(returned, n), [n, k], A.dtype), residuals, iterations, converged };
}
