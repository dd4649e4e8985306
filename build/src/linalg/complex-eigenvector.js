/**
 * An eigenvector of a small dense real matrix for a known (possibly complex) eigenvalue, by
 * inverse iteration in complex arithmetic: two solves with H - lambda I (Gaussian elimination
 * with partial pivoting), lambda nudged off the spectrum by a rounding-sized amount so the
 * factorisation exists. eigs uses it for the Ritz vectors of its projected matrix.
 */
const EPS = 2 ** -52;
/**
 * A unit-norm eigenvector of the row-major m x m real matrix `h` for the eigenvalue
 * (lre, lim). Its phase makes the largest entry real and positive; for a real eigenvalue the
 * imaginary part is exactly zero.
 */
export function complexEigenvector(h, m, lre, lim) {
    let hnorm = 0;
    for (let k = 0; k < m * m; k++)
        hnorm = Math.max(hnorm, Math.abs(h[k]));
    const shift = Math.max(hnorm, Math.hypot(lre, lim), Number.MIN_VALUE) * EPS * 8;
    const real = lim === 0;
    // LU of (H - lambda I) with row pivoting, complex.
    const ar = new Float64Array(m * m);
    const ai = new Float64Array(m * m);
    for (let i = 0; i < m; i++)
        for (let j = 0; j < m; j++) {
            ar[i * m + j] = h[i * m + j] - (i === j ? lre + shift : 0);
            ai[i * m + j] = i === j ? -lim : 0;
        }
    const perm = Int32Array.from({ length: m }, (_, i) => i);
    for (let c = 0; c < m; c++) {
        let p = c;
        let best = -1;
        for (let r = c; r < m; r++) {
            const mag = Math.hypot(ar[r * m + c], ai[r * m + c]);
            if (mag > best) {
                best = mag;
                p = r;
            }
        }
        if (p !== c) {
            for (let j = 0; j < m; j++) {
                [ar[c * m + j], ar[p * m + j]] = [ar[p * m + j], ar[c * m + j]];
                [ai[c * m + j], ai[p * m + j]] = [ai[p * m + j], ai[c * m + j]];
            }
            [perm[c], perm[p]] = [perm[p], perm[c]];
        }
        // An exactly singular pivot: replace it by a rounding-sized one (the eigenvector direction is what is wanted).
        if (ar[c * m + c] === 0 && ai[c * m + c] === 0)
            ar[c * m + c] = shift;
        const dr = ar[c * m + c];
        const di = ai[c * m + c];
        const dd = dr * dr + di * di;
        for (let r = c + 1; r < m; r++) {
            const xr = ar[r * m + c];
            const xi = ai[r * m + c];
            if (xr === 0 && xi === 0)
                continue;
            // f = x / d
            const fr = (xr * dr + xi * di) / dd;
            const fi = (xi * dr - xr * di) / dd;
            ar[r * m + c] = fr;
            ai[r * m + c] = fi;
            for (let j = c + 1; j < m; j++) {
                const ur = ar[c * m + j];
                const ui = ai[c * m + j];
                ar[r * m + j] -= fr * ur - fi * ui;
                ai[r * m + j] -= fr * ui + fi * ur;
            }
        }
    }
    // Start from a vector with no special structure, then two rounds of x <- (H - lambda I)^-1 x.
    let xr = Float64Array.from({ length: m }, (_, i) => 1 + ((i * 7919) % 13) / 17);
    let xi = new Float64Array(m);
    for (let round = 0; round < 2; round++) {
        const br = new Float64Array(m);
        const bi = new Float64Array(m);
        for (let i = 0; i < m; i++) {
            br[i] = xr[perm[i]];
            bi[i] = xi[perm[i]];
        }
        // Forward substitution (unit lower), then back substitution.
        for (let i = 0; i < m; i++)
            for (let j = 0; j < i; j++) {
                const lr = ar[i * m + j];
                const li = ai[i * m + j];
                br[i] -= lr * br[j] - li * bi[j];
                bi[i] -= lr * bi[j] + li * br[j];
            }
        for (let i = m - 1; i >= 0; i--) {
            let sr = br[i];
            let si = bi[i];
            for (let j = i + 1; j < m; j++) {
                const ur = ar[i * m + j];
                const ui = ai[i * m + j];
                sr -= ur * br[j] - ui * bi[j];
                si -= ur * bi[j] + ui * br[j];
            }
            const dr = ar[i * m + i];
            const di = ai[i * m + i];
            const dd = dr * dr + di * di;
            br[i] = (sr * dr + si * di) / dd;
            bi[i] = (si * dr - sr * di) / dd;
        }
        // Normalise (the growth is huge near an eigenvalue), keeping the iterate finite.
        let big = 0;
        for (let i = 0; i < m; i++)
            big = Math.max(big, Math.abs(br[i]), Math.abs(bi[i]));
        if (!(big > 0) || !Number.isFinite(big))
            break;
        for (let i = 0; i < m; i++) {
            br[i] /= big;
            bi[i] /= big;
        }
        xr = br;
        xi = bi;
    }
    // Phase: the entry of largest modulus becomes real positive; then unit norm.
    let at = 0;
    let best = -1;
    for (let i = 0; i < m; i++) {
        const mag = Math.hypot(xr[i], xi[i]);
        if (mag > best) {
            best = mag;
            at = i;
        }
    }
    const pr = xr[at] / best;
    const pi = -xi[at] / best;
    let norm = 0;
    for (let i = 0; i < m; i++) {
        const r = xr[i] * pr - xi[i] * pi;
        const im = xr[i] * pi + xi[i] * pr;
        xr[i] = r;
        xi[i] = real ? 0 : im;
        norm += r * r + (real ? 0 : im * im);
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) {
        xr[i] /= norm;
        xi[i] /= norm;
    }
    return { re: xr, im: xi };
}
