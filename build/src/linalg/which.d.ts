/**
 * Which eigenvalues of a symmetric problem eigsh looks for, and the order that puts the
 * wanted Ritz values first (shared by the standard and the generalised Lanczos).
 */
/** Largest / smallest magnitude, largest / smallest algebraic, or both ends ('BE': half from each, one more from the top when k is odd). */
export type Which = 'LM' | 'SM' | 'LA' | 'SA' | 'BE';
export declare const WHICH: readonly Which[];
/** Indices of the Ritz values `theta`, wanted first. */
export declare function wantedOrder(theta: Float64Array, which: Which): number[];
