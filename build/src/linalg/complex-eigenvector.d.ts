/**
 * An eigenvector of a small dense real matrix for a known (possibly complex) eigenvalue, by
 * inverse iteration in complex arithmetic: two solves with H - lambda I (Gaussian elimination
 * with partial pivoting), lambda nudged off the spectrum by a rounding-sized amount so the
 * factorisation exists. eigs uses it for the Ritz vectors of its projected matrix.
 */
/** A complex vector as real and imaginary parts. */
export interface ComplexVector {
    readonly re: Float64Array;
    readonly im: Float64Array;
}
/**
 * A unit-norm eigenvector of the row-major m x m real matrix `h` for the eigenvalue
 * (lre, lim). Its phase makes the largest entry real and positive; for a real eigenvalue the
 * imaginary part is exactly zero.
 */
export declare function complexEigenvector(h: ArrayLike<number>, m: number, lre: number, lim: number): ComplexVector;
