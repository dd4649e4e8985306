/** A seeded generator of standard normal numbers (mulberry32 + Box-Muller). */
export declare class NormalRng {
    private state;
    private spare;
    constructor(seed: number);
    private uniform;
    /** One standard normal sample. */
    next(): number;
    /** A vector of n standard normal samples. */
    vector(n: number): Float64Array;
}
/**
 * Awaited before each basis vector of a projection: a long one (N in the millions) then lets
 * the caller give the event loop a turn (see Yielder in src/abort.ts).
 */
export type Pause = () => Promise<void>;
/**
 * Projects `w` onto the orthogonal complement of `basis` (orthonormal columns) in place, by
 * modified Gram-Schmidt, a second time when the first cancelled most of w (DGKS); resolves to the
 * coefficients basis^T w_original (the passes summed).
 */
export declare function projectOut(basis: readonly Float64Array[], w: Float64Array, pause?: Pause): Promise<Float64Array>;
/**
 * Orthonormal columns spanning `block` (modified in place) orthogonally to `basis`. A column
 * that loses more than `dropTol` of its norm to the projections is dependent: it is replaced
 * by a random direction orthogonal to everything so far, so the result always has
 * block.length columns (the caller must keep basis.length + block.length <= dimension).
 */
export declare function orthonormalizeBlock(basis: readonly Float64Array[], block: Float64Array[], rng: NormalRng, pause?: Pause, dropTol?: number): Promise<Float64Array[]>;
