import type { LinearOperator } from './linear-operator.js';
import { type FloatDType } from './arrays.js';
/**
 * Largest relative asymmetry |<A u, v> - <u, A v>| / (||A u|| ||v||) accepted. A random v
 * averages rounding down by sqrt(N): symmetric float32 kernels and Laplacians measure 1e-10 to
 * 7e-9 (N = 300 to 3000), and so do float64 compositions with float32 parts (a float64 diags
 * minus a float32 kernel), hence float64's 1e-6 rather than its own rounding. A wrong operator
 * (K(x_i, y_j) with x != y, D^-1 K, a random matrix) measures 1e-2 to 1.
 */
export declare const SYMMETRY_TOLERANCE: Readonly<Record<FloatDType, number>>;
/** What the probe measured. */
export interface SymmetryProbe {
    /** |<A u, v> - <u, A v>| / max(||A u|| ||v||, ||u|| ||A v||). */
    readonly asymmetry: number;
    /** max(||A u|| / ||u||, ||A v|| / ||v||): a lower estimate of ||A||. */
    readonly normEstimate: number;
    /** Vectors the operator was applied to (2). */
    readonly matvecs: number;
}
/**
 * Throws a ValueError naming `where` when the square operator A is not symmetric (to
 * SYMMETRY_TOLERANCE for its dtype), or when it returns NaN or an infinity. `advice` is the
 * solver's sentence on what to do instead.
 */
export declare function probeSymmetry(where: string, A: LinearOperator, signal: AbortSignal | undefined, advice: string): Promise<SymmetryProbe>;
