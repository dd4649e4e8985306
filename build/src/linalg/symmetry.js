/**
 * The symmetry probe run before eigsh, cg and minres iterate: they assume A = A^T, and on a
 * non-symmetric operator they return plausible numbers (eigsh reported residuals of 5e-9
 * where ||A v - theta v|| was 3.1). For seeded random u and v, <A u, v> = <u, A v> when A is
 * symmetric; one application of A to the block [u, v] measures the difference.
 *
 * It probes the forward map only, even where an rmatvec exists: that is the map the solvers
 * apply, and an rmatvec that disagrees with matvec cannot fool it.
 */
import { ValueError } from '../errors.js';
import { dot, norm } from './arrays.js';
import { NormalRng } from './orthogonalize.js';
import { assertFiniteOutput } from './finite-output.js';
/**
 * Largest relative asymmetry |<A u, v> - <u, A v>| / (||A u|| ||v||) accepted. A random v
 * averages rounding down by sqrt(N): symmetric float32 kernels and Laplacians measure 1e-10 to
 * 7e-9 (N = 300 to 3000), and so do float64 compositions with float32 parts (a float64 diags
 * minus a float32 kernel), hence float64's 1e-6 rather than its own rounding. A wrong operator
 * (K(x_i, y_j) with x != y, D^-1 K, a random matrix) measures 1e-2 to 1.
 */
export const SYMMETRY_TOLERANCE = { float32: 1e-4, float64: 1e-6 };
const PROBE_SEED = 0x5eed;
/**
 * Throws a ValueError naming `where` when the square operator A is not symmetric (to
 * SYMMETRY_TOLERANCE for its dtype), or when it returns NaN or an infinity. `advice` is the
 * solver's sentence on what to do instead.
 */
export async function probeSymmetry(where, A, signal, advice) {
    const n = A.shape[0];
    const rng = new NormalRng(PROBE_SEED);
    const u = rng.vector(n);
    const v = rng.vector(n);
    const block = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
        block[2 * i] = u[i];
        block[2 * i + 1] = v[i];
    }
    const out = await A.apply(block, 2, signal);
    const Au = new Float64Array(n);
    const Av = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        Au[i] = out[2 * i];
        Av[i] = out[2 * i + 1];
    }
    assertFiniteOutput(where, 'the operator', [Au, Av], 'in the symmetry probe, before the first iteration');
    const scale = Math.max(norm(Au) * norm(v), norm(u) * norm(Av));
    const difference = dot(Au, v) - dot(u, Av);
    const asymmetry = scale > 0 ? Math.abs(difference) / scale : 0;
    const tolerance = SYMMETRY_TOLERANCE[A.dtype];
    if (asymmetry > tolerance) {
        throw new ValueError(`${where}: the operator is not symmetric: <A u, v> - <u, A v> = ${difference.toExponential(2)} for seeded random u, v, `
            + `a relative asymmetry of ${asymmetry.toExponential(2)} (|<A u, v> - <u, A v>| / (||A u|| ||v||); a ${A.dtype} operator passes up to ${tolerance}). `
            + `${advice} If A is symmetric and this is rounding (float32 parts in a float64 composition), pass options.checkSymmetric: false`);
    }
    return { asymmetry, normEstimate: Math.max(norm(Au) / norm(u), norm(Av) / norm(v)), matvecs: 2 };
}
