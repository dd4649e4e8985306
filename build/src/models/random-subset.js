/**
 * A seeded uniform random subset of row indices: Falkon's default choice of Nystrom centres.
 */
/** m distinct indices out of 0..n-1, uniformly at random (partial Fisher-Yates, mulberry32), sorted. */
export function randomSubset(n, m, seed) {
    let state = seed >>> 0;
    const uniform = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const perm = Int32Array.from({ length: n }, (_, k) => k);
    for (let k = 0; k < m; k++) {
        const pick = k + Math.floor(uniform() * (n - k));
        const tmp = perm[k];
        perm[k] = perm[pick];
        perm[pick] = tmp;
    }
    return perm.subarray(0, m).sort();
}
