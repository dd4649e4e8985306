/**
 * Dense Cholesky factorisation A = L L^T of a small symmetric positive definite matrix on the
 * host, in float64, and the triangular solves that use it: what the Nystrom preconditioner of
 * KernelRidge inverts (an m x m matrix, m the number of centres).
 */
import { ValueError } from '../errors.js';
/**
 * Factors the symmetric positive definite row-major [n, n] matrix `a` (only its lower triangle
 * is read). Throws a ValueError naming the pivot when `a` is not numerically positive definite.
 */
export function cholesky(where, a, n) {
    const L = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
        const rowJ = j * n;
        let d = a[rowJ + j];
        for (let k = 0; k < j; k++)
            d -= L[rowJ + k] * L[rowJ + k];
        if (!(d > 0)) {
            throw new ValueError(`${where}: the matrix is not positive definite (pivot ${j} of ${n} is ${d.toExponential(3)})`);
        }
        const ljj = Math.sqrt(d);
        L[rowJ + j] = ljj;
        for (let i = j + 1; i < n; i++) {
            const rowI = i * n;
            let s = a[rowI + j];
            for (let k = 0; k < j; k++)
                s -= L[rowI + k] * L[rowJ + k];
            L[rowI + j] = s / ljj;
        }
    }
    return { n, L };
}
/** Solves L Y = B in place for a row-major block B [n, cols]. */
export function solveLower(f, B, cols) {
    const { n, L } = f;
    for (let i = 0; i < n; i++) {
        const row = i * n;
        for (let k = 0; k < i; k++) {
            const lik = L[row + k];
            if (lik === 0)
                continue;
            for (let c = 0; c < cols; c++)
                B[i * cols + c] -= lik * B[k * cols + c];
        }
        const lii = L[row + i];
        for (let c = 0; c < cols; c++)
            B[i * cols + c] /= lii;
    }
    return B;
}
/** Solves L^T Y = B in place for a row-major block B [n, cols]. */
export function solveUpper(f, B, cols) {
    const { n, L } = f;
    for (let i = n - 1; i >= 0; i--) {
        const lii = L[i * n + i];
        for (let c = 0; c < cols; c++)
            B[i * cols + c] /= lii;
        // Row i of the solution is final: remove it from the rows above (column i of L^T is row i of L).
        const row = i * n;
        for (let k = 0; k < i; k++) {
            const lik = L[row + k];
            if (lik === 0)
                continue;
            for (let c = 0; c < cols; c++)
                B[k * cols + c] -= lik * B[i * cols + c];
        }
    }
    return B;
}
/** A^-1 B for A = L L^T: a copy of the row-major block B [n, cols], solved. */
export function choleskySolve(f, B, cols) {
    return solveUpper(f, solveLower(f, Float64Array.from(B), cols), cols);
}
