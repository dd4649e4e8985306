/**
 * The Nystrom preconditioner of the full kernel ridge system (K + mu I) alpha = y, mu = lambda N.
 *
 * With m centres C (rows of X), K ~ K_nm K_mm^-1 K_mn, and P = K_nm K_mm^-1 K_mn + mu I is
 * inverted by Woodbury:
 *
 *     P^-1 = (I - K_nm H^-1 K_mn) / mu,    H = mu K_mm + K_mn K_nm    (m x m, Cholesky H = L L^T).
 *
 * Only H is factored, never K_mm alone (which is numerically singular for smooth kernels): H is
 * mu K_mm plus a Gram matrix and stays positive definite. Since K - K_nm K_mm^-1 K_mn is positive
 * semi-definite, the eigenvalues of P^-1 (K + mu I) lie in [1, 1 + ||K - K_nystrom|| / mu].
 *
 * Falkon (Rudi, Carratino, Rosasco 2017, Algorithm 1) replaces K_mn K_nm by (N / m) K_mm^2,
 * so that H / N = T^T (T T^T / m + lambda I) T with T = chol(K_mm): two m x m Cholesky factors
 * and no pass over the data. That is right for Falkon's own problem (alpha restricted to the
 * centres), but here it would make P^-1 indefinite wherever (N / m) K_mm^2 underestimates
 * K_mn K_nm (CG then breaks down), so the exact K_mn K_nm is formed once: N m^2 / 2
 * multiply-adds, its lower triangle only. On the wasm engine (the default backend) that is a
 * dense float64 SYRK over blocks of rows of X on the pool's threads (src/engine/kernel-gram.ts,
 * 4-6 times the rate of the same products as reductions); with another backend, or where that
 * path is unavailable, it is formed in blocks of 64 centres through kernel reductions. At
 * N = 10^5, m = 1000 the set-up costs less than one N x N float32 product (bench/RESULTS.md).
 *
 * Everything here runs in float64 (the data converted once): with lambda = 1e-6 the Woodbury
 * difference I - K_nm H^-1 K_mn cancels most of r, and float32 products would leave errors of
 * eps32 ||K|| / mu in P^-1 r. Each application costs two reductions of N x m pairs.
 */
import { Tensor } from '../tensor/tensor.js';
import { LinearOperator, aslinearoperator } from '../linalg/linear-operator.js';
import { cholesky, choleskySolve } from '../linalg/cholesky.js';
import { ValueError } from '../errors.js';
import { throwIfAborted } from '../abort.js';
import { kernelFormula } from './kernel-functions.js';
import { wasmKernelGram } from '../dispatch/kernel-gram.js';
/** How the centres' block of K_nm is formed: this many centres per reduction. */
const CENTRE_BLOCK = 64;
/** Builds P^-1 = (I - K_nm H^-1 K_mn) / mu; see the file's header. */
export async function nystromPreconditioner(where, spec, signal) {
    const { kernel, sigma, X, centres, mu, backend } = spec;
    const [n, d] = X.shape;
    const m = centres.length;
    const x = X.data;
    const C = new Tensor(rowsOf(x, d, centres), [m, d]);
    const opOptions = backend !== undefined ? { backend } : {};
    const Knm = aslinearoperator(kernelFormula(kernel, sigma, X, C), opOptions);
    const Kmn = aslinearoperator(kernelFormula(kernel, sigma, C, X), opOptions);
    const H = await nystromMatrix(where, spec, signal);
    const { factor, jitter } = factorWithJitter(where, H, m);
    const forward = async (R, cols, sig) => {
        const U = await Kmn.apply(R, cols, sig);
        const W = choleskySolve(factor, U, cols);
        const KW = await Knm.apply(W, cols, sig);
        const Z = new Float64Array(n * cols);
        for (let k = 0; k < Z.length; k++)
            Z[k] = (R[k] - KW[k]) / mu;
        return Z;
    };
    const operator = new LinearOperator({ shape: [n, n], dtype: 'float64', forward, adjoint: forward, name: `NystromPreconditioner[${n}, m = ${m}]` });
    return { operator, jitter };
}
/**
 * H = mu K_mm + K_mn K_nm, float64 row-major [m, m]: by the wasm engine's dense kernels when the
 * backend allows wasm and that path is available, otherwise by kernel reductions.
 */
export async function nystromMatrix(where, spec, signal) {
    const { kernel, sigma, X, centres, mu, backend } = spec;
    const d = X.shape[1];
    const x = X.data;
    if (backend === undefined || backend === 'auto' || backend === 'wasm') {
        throwIfAborted(where, signal);
        const dense = await wasmKernelGram(where, { kernel, sigma, x, centres: rowsOf(x, d, centres), d }, signal);
        if (dense) {
            const { gram, kmm } = dense;
            for (let k = 0; k < gram.length; k++)
                gram[k] += mu * kmm[k];
            return gram;
        }
    }
    return nystromMatrixByReductions(where, spec, signal);
}
/**
 * H by reductions: per block of 64 centres, F = K(X, C_block) [N, 64] (the kernel times an
 * identity), then the block's column of K_mn K_nm from the block's diagonal down as
 * K(C_tail, X) F. Exported for the tests and bench/kernel-ridge-setup.mjs (the two paths side by side).
 */
export async function nystromMatrixByReductions(where, spec, signal) {
    const { kernel, sigma, X, centres, mu, backend } = spec;
    const d = X.shape[1];
    const m = centres.length;
    const x = X.data;
    const opOptions = backend !== undefined ? { backend } : {};
    const H = new Float64Array(m * m);
    for (let start = 0; start < m; start += CENTRE_BLOCK) {
        throwIfAborted(where, signal);
        const b = Math.min(CENTRE_BLOCK, m - start);
        // F = K(X, C_block) [N, b]: the kernel against b centres times the b x b identity.
        const CB = new Tensor(rowsOf(x, d, centres.subarray(start, start + b)), [b, d]);
        const eye = new Float64Array(b * b);
        for (let c = 0; c < b; c++)
            eye[c * b + c] = 1;
        const F = await aslinearoperator(kernelFormula(kernel, sigma, X, CB), opOptions).apply(eye, b, signal);
        // H is symmetric: only the rows from this block on (the block's column below the diagonal), then mirrored.
        const tail = centres.subarray(start);
        const Ctail = new Tensor(rowsOf(x, d, tail), [tail.length, d]);
        const G = await aslinearoperator(kernelFormula(kernel, sigma, Ctail, X), opOptions).apply(F, b, signal); // (K_mn K_nm)[start:, block]
        for (let t = 0; t < tail.length; t++) {
            const a = start + t;
            const kRow = tail[t] * b; // K_mm[a, block] is F's row at centre a
            for (let c = 0; c < b; c++) {
                const h = G[t * b + c] + mu * F[kRow + c];
                H[a * m + start + c] = h;
                H[(start + c) * m + a] = h;
            }
        }
    }
    return H;
}
/**
 * Cholesky of the symmetrised H, adding jitter * I when rounding left it not quite positive
 * definite (duplicated centres, float64 rounding): starts at 1e-14 of the mean diagonal and
 * grows tenfold, as Falkon adds eps m I to K_mm. Jitter only adds mu-weighted ridge to K_mm in
 * the Nystrom approximation, so P^-1 stays positive definite.
 */
function factorWithJitter(where, H, m) {
    let trace = 0;
    for (let a = 0; a < m; a++) {
        trace += H[a * m + a];
        for (let c = 0; c < a; c++) {
            const s = 0.5 * (H[a * m + c] + H[c * m + a]);
            H[a * m + c] = s;
            H[c * m + a] = s;
        }
    }
    const scale = trace / m;
    let jitter = 0;
    for (let attempt = 0; attempt < 12; attempt++) {
        try {
            if (jitter > 0) {
                const shifted = Float64Array.from(H);
                for (let a = 0; a < m; a++)
                    shifted[a * m + a] += jitter;
                return { factor: cholesky(where, shifted, m), jitter };
            }
            return { factor: cholesky(where, H, m), jitter };
        }
        catch (e) {
            if (!(e instanceof ValueError))
                throw e;
            jitter = jitter === 0 ? 1e-14 * scale : jitter * 10;
        }
    }
    throw new ValueError(`${where}: the Nystrom preconditioner's m x m matrix mu K_mm + K_mn K_nm is not positive definite even with ${jitter.toExponential(2)} on its diagonal; check X for NaN or use fewer centres`);
}
/** The rows `rows` of a row-major [*, d] array. */
function rowsOf(x, d, rows) {
    const out = new Float64Array(rows.length * d);
    for (let r = 0; r < rows.length; r++)
        out.set(x.subarray(rows[r] * d, rows[r] * d + d), r * d);
    return out;
}
