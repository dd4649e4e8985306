/** Eigenvalues (ascending) and eigenvectors (column j of the row-major n x n `vectors`). */
export interface SymmetricEigen {
    readonly values: Float64Array;
    readonly vectors: Float64Array;
}
/**
 * Eigenvalues ascending and orthonormal eigenvectors of the symmetric row-major n x n matrix
 * `a` (only its lower triangle is read; `a` is not modified).
 */
export declare function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen;
