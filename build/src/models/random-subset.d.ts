/**
 * A seeded uniform random subset of row indices: Falkon's default choice of Nystrom centres.
 */
/** m distinct indices out of 0..n-1, uniformly at random (partial Fisher-Yates, mulberry32), sorted. */
export declare function randomSubset(n: number, m: number, seed: number): Int32Array;
