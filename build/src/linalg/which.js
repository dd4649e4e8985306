/**
 * Which eigenvalues of a symmetric problem eigsh looks for, and the order that puts the
 * wanted Ritz values first (shared by the standard and the generalised Lanczos).
 */
export const WHICH = ['LM', 'SM', 'LA', 'SA', 'BE'];
/** Indices of the Ritz values `theta`, wanted first. */
export function wantedOrder(theta, which) {
    const idx = Array.from(theta, (_, i) => i);
    if (which === 'BE') {
        // Alternately the largest and the smallest remaining, starting from the top.
        const ascending = idx.sort((p, q) => theta[p] - theta[q]);
        const out = [];
        for (let lo = 0, hi = ascending.length - 1, top = true; lo <= hi; top = !top)
            out.push(top ? ascending[hi--] : ascending[lo++]);
        return out;
    }
    const key = {
        LM: (i) => -Math.abs(theta[i]),
        SM: (i) => Math.abs(theta[i]),
        LA: (i) => -theta[i],
        SA: (i) => theta[i],
    };
    return idx.sort((p, q) => key[which](p) - key[which](q));
}
