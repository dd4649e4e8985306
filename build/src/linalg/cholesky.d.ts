/** The lower factor L of A = L L^T, row-major [n, n] (zeros above the diagonal). */
export interface CholeskyFactor {
    readonly n: number;
    readonly L: Float64Array;
}
/**
 * Factors the symmetric positive definite row-major [n, n] matrix `a` (only its lower triangle
 * is read). Throws a ValueError naming the pivot when `a` is not numerically positive definite.
 */
export declare function cholesky(where: string, a: ArrayLike<number>, n: number): CholeskyFactor;
/** Solves L Y = B in place for a row-major block B [n, cols]. */
export declare function solveLower(f: CholeskyFactor, B: Float64Array, cols: number): Float64Array;
/** Solves L^T Y = B in place for a row-major block B [n, cols]. */
export declare function solveUpper(f: CholeskyFactor, B: Float64Array, cols: number): Float64Array;
/** A^-1 B for A = L L^T: a copy of the row-major block B [n, cols], solved. */
export declare function choleskySolve(f: CholeskyFactor, B: ArrayLike<number>, cols: number): Float64Array;
