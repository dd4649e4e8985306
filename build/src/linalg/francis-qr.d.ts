/** Eigenvalues as real and imaginary parts; a complex pair is stored adjacently, positive imaginary part first. */
export interface ComplexValues {
    readonly re: Float64Array;
    readonly im: Float64Array;
}
/**
 * All n eigenvalues of the row-major n x n matrix `a` (not modified), in no particular order
 * beyond pairs being adjacent. Throws ConvergenceError if the QR iteration stalls (it does not
 * for finite input in practice).
 */
export declare function generalEigenvalues(a: ArrayLike<number>, n: number): ComplexValues;
