/**
 * Which eigenvalues of a symmetric problem eigsh looks for, and the order that puts the
 * wanted Ritz values first (shared by the standard and the generalised Lanczos).
 */

/** Largest / smallest magnitude, largest / smallest algebraic, or both ends ('BE': half from each, one more from the top when k is odd). */
export type Which = 'LM' | 'SM' | 'LA' | 'SA' | 'BE';

export const WHICH: readonly Which[] = ['LM', 'SM', 'LA', 'SA', 'BE'];

/** Indices of the Ritz values `theta`, wanted first. */
export function wantedOrder(theta: Float64Array, which: Which): number[] {
  const idx = Array.from(theta, (_, i) => i);
  if (which === 'BE') {
    // Alternately the largest and the smallest remaining, starting from the top.
    const ascending = idx.sort((p, q) => theta[p]! - theta[q]!);
    const out: number[] = [];
    for (let lo = 0, hi = ascending.length - 1, top = true; lo <= hi; top = !top) out.push(top ? ascending[hi--]! : ascending[lo++]!);
    return out;
  }
  const key: Record<Exclude<Which, 'BE'>, (i: number) => number> = {
    LM: (i) => -Math.abs(theta[i]!),
    SM: (i) => Math.abs(theta[i]!),
    LA: (i) => -theta[i]!,
    SA: (i) => theta[i]!,
  };
  return idx.sort((p, q) => key[which](p) - key[which](q));
}
