/**
 * Orthogonalisation of blocks of vectors against an orthonormal basis, in float64: classical
 * Gram-Schmidt applied twice ("twice is enough"), which keeps a Lanczos basis orthogonal to
 * working precision, with rank-deficient columns replaced by fresh random directions.
 */
import { dot, norm } from './arrays.js';
/** A seeded generator of standard normal numbers (mulberry32 + Box-Muller). */
export class NormalRng {
    state;
    spare = null;
    constructor(seed) {
        this.state = seed >>> 0;
    }
    uniform() {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    /** One standard normal sample. */
    next() {
        if (this.spare !== null) {
            const s = this.spare;
            this.spare = null;
            return s;
        }
        const u = 1 - this.uniform();
        const v = this.uniform();
        const r = Math.sqrt(-2 * Math.log(u));
        this.spare = r * Math.sin(2 * Math.PI * v);
        return r * Math.cos(2 * Math.PI * v);
    }
    /** A vector of n standard normal samples. */
    vector(n) {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++)
            out[i] = this.next();
        return out;
    }
}
const noPause = () => Promise.resolve();
/** Elements a projection processes between two pauses (a few milliseconds of work). */
const ELEMENTS_PER_PAUSE = 1 << 20;
/**
 * DGKS's test (Daniel, Gragg, Kaufman & Stewart 1976, as ARPACK uses it): a pass that kept more
 * than this share of w's norm left it orthogonal to the basis to working precision, and a second
 * pass would change nothing; a pass that cancelled more is repeated ("twice is enough").
 */
const DGKS_ETA = Math.SQRT1_2;
/**
 * Projects `w` onto the orthogonal complement of `basis` (orthonormal columns) in place, by
 * modified Gram-Schmidt, a second time when the first cancelled most of w (DGKS); resolves to the
 * coefficients basis^T w_original (the passes summed).
 */
export async function projectOut(basis, w, pause = noPause) {
    const coeffs = new Float64Array(basis.length);
    const perPause = Math.max(1, Math.floor(ELEMENTS_PER_PAUSE / Math.max(1, w.length)));
    let before = norm(w);
    for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < basis.length; i++) {
            if (i % perPause === 0)
                await pause();
            const q = basis[i];
            const c = dot(q, w);
            coeffs[i] += c;
            for (let r = 0; r < w.length; r++)
                w[r] -= c * q[r];
        }
        const after = norm(w);
        if (!(after <= DGKS_ETA * before))
            break;
        before = after;
    }
    return coeffs;
}
/**
 * Orthonormal columns spanning `block` (modified in place) orthogonally to `basis`. A column
 * that loses more than `dropTol` of its norm to the projections is dependent: it is replaced
 * by a random direction orthogonal to everything so far, so the result always has
 * block.length columns (the caller must keep basis.length + block.length <= dimension).
 */
export async function orthonormalizeBlock(basis, block, rng, pause = noPause, dropTol = 1e-10) {
    const out = [];
    for (const w of block) {
        const before = norm(w);
        const all = [...basis, ...out];
        await projectOut(all, w, pause);
        let after = norm(w);
        let fresh = w;
        if (!(after > dropTol * before) || after === 0) {
            for (let attempt = 0; attempt < 5; attempt++) {
                fresh = rng.vector(w.length);
                const n0 = norm(fresh);
                await projectOut(all, fresh, pause);
                after = norm(fresh);
                if (after > 1e-8 * n0)
                    break;
            }
        }
        const s = 1 / after;
        for (let r = 0; r < fresh.length; r++)
            fresh[r] *= s;
        out.push(fresh);
    }
    return out;
}
