/**
 * Eigenvalues of small dense non-symmetric matrices in float64: balancing, reduction to upper
 * Hessenberg form by stabilised elementary similarity transforms, then the Francis
 * double-shift QR algorithm, which keeps complex conjugate shifts in real arithmetic (the
 * classic EISPACK balanc / elmhes / hqr sequence). eigs uses it on its projected matrices,
 * which have a few dozen rows; complex eigenvalues come out as conjugate pairs.
 */
import { ConvergenceError } from './errors.js';
const RADIX = 2;
const EPS = 2 ** -52;
/** QR sweeps allowed per eigenvalue; exceptional shifts are tried every 10. */
const MAX_SWEEPS = 60;
/**
 * All n eigenvalues of the row-major n x n matrix `a` (not modified), in no particular order
 * beyond pairs being adjacent. Throws ConvergenceError if the QR iteration stalls (it does not
 * for finite input in practice).
 */
export function generalEigenvalues(a, n) {
    // 1-based (n + 1) x (n + 1) storage: the algorithms read most clearly in their classic indexing.
    const w = n + 1;
    const h = new Float64Array(w * w);
    for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
            h[(i + 1) * w + j + 1] = a[i * n + j];
    balance(h, n);
    reduceToHessenberg(h, n);
    return hessenbergEigenvalues(h, n);
}
/** Scales rows and columns by powers of 2 so their norms are comparable (a diagonal similarity: the eigenvalues are unchanged). */
function balance(a, n) {
    const w = n + 1;
    const sqrdx = RADIX * RADIX;
    let last = 0;
    while (last === 0) {
        last = 1;
        for (let i = 1; i <= n; i++) {
            let r = 0;
            let c = 0;
            for (let j = 1; j <= n; j++) {
                if (j !== i) {
                    c += Math.abs(a[j * w + i]);
                    r += Math.abs(a[i * w + j]);
                }
            }
            if (c !== 0 && r !== 0) {
                let g = r / RADIX;
                let f = 1;
                const s = c + r;
                while (c < g) {
                    f *= RADIX;
                    c *= sqrdx;
                }
                g = r * RADIX;
                while (c > g) {
                    f /= RADIX;
                    c /= sqrdx;
                }
                if ((c + r) / f < 0.95 * s) {
                    last = 0;
                    g = 1 / f;
                    for (let j = 1; j <= n; j++)
                        a[i * w + j] *= g;
                    for (let j = 1; j <= n; j++)
                        a[j * w + i] *= f;
                }
            }
        }
    }
}
/** Reduction to upper Hessenberg form by Gaussian elimination with pivoting (similarity transforms). */
function reduceToHessenberg(a, n) {
    const w = n + 1;
    for (let m = 2; m < n; m++) {
        let x = 0;
        let i = m;
        for (let j = m; j <= n; j++) {
            if (Math.abs(a[j * w + m - 1]) > Math.abs(x)) {
                x = a[j * w + m - 1];
                i = j;
            }
        }
        if (i !== m) {
            for (let j = m - 1; j <= n; j++)
                [a[i * w + j], a[m * w + j]] = [a[m * w + j], a[i * w + j]];
            for (let j = 1; j <= n; j++)
                [a[j * w + i], a[j * w + m]] = [a[j * w + m], a[j * w + i]];
        }
        if (x !== 0) {
            for (i = m + 1; i <= n; i++) {
                let y = a[i * w + m - 1];
                if (y !== 0) {
                    y /= x;
                    a[i * w + m - 1] = y;
                    for (let j = m; j <= n; j++)
                        a[i * w + j] -= y * a[m * w + j];
                    for (let j = 1; j <= n; j++)
                        a[j * w + m] += y * a[j * w + i];
                }
            }
        }
    }
    // The multipliers left below the subdiagonal are not part of H.
    for (let i = 3; i <= n; i++)
        for (let j = 1; j < i - 1; j++)
            a[i * w + j] = 0;
}
/**
 * Eigenvalues of the upper Hessenberg matrix in 1-based storage `a` (destroyed), by Francis
 * double-shift QR sweeps with deflation at negligible subdiagonal entries.
 */
function hessenbergEigenvalues(a, n) {
    const w = n + 1;
    const A = (i, j) => a[i * w + j];
    const wr = new Float64Array(n + 1);
    const wi = new Float64Array(n + 1);
    let anorm = 0;
    for (let i = 1; i <= n; i++)
        for (let j = Math.max(i - 1, 1); j <= n; j++)
            anorm += Math.abs(A(i, j));
    let nn = n;
    let t = 0;
    let p = 0, q = 0, r = 0, s = 0, x = 0, y = 0, z = 0, ww = 0;
    while (nn >= 1) {
        let its = 0;
        let l;
        do {
            // Look for a single small subdiagonal element.
            for (l = nn; l >= 2; l--) {
                s = Math.abs(A(l - 1, l - 1)) + Math.abs(A(l, l));
                if (s === 0)
                    s = anorm;
                // Small next to its neighbours, or next to ||H|| (what a backward-stable step may
                // neglect; needed where the diagonal itself is tiny, e.g. a numerically singular kernel).
                // The sum of |h_ij| (up to n times ||H||_F) is deliberate: eps ||H||_F alone left the
                // cluster of near-zero eigenvalues of a 2000-point kernel unconverged after 60 sweeps.
                if (Math.abs(A(l, l - 1)) + s === s || Math.abs(A(l, l - 1)) <= EPS * anorm) {
                    a[l * w + l - 1] = 0;
                    break;
                }
            }
            x = A(nn, nn);
            if (l === nn) {
                // One root found.
                wr[nn] = x + t;
                wi[nn--] = 0;
            }
            else {
                y = A(nn - 1, nn - 1);
                ww = A(nn, nn - 1) * A(nn - 1, nn);
                if (l === nn - 1) {
                    // Two roots found: the trailing 2 x 2 block.
                    p = 0.5 * (y - x);
                    q = p * p + ww;
                    z = Math.sqrt(Math.abs(q));
                    x += t;
                    if (q >= 0) {
                        z = p + (p >= 0 ? Math.abs(z) : -Math.abs(z));
                        wr[nn - 1] = wr[nn] = x + z;
                        if (z !== 0)
                            wr[nn] = x - ww / z;
                        wi[nn - 1] = wi[nn] = 0;
                    }
                    else {
                        wr[nn - 1] = wr[nn] = x + p;
                        wi[nn - 1] = z;
                        wi[nn] = -z;
                    }
                    nn -= 2;
                }
                else {
                    if (its === MAX_SWEEPS) {
                        throw new ConvergenceError(`generalEigenvalues: the Francis QR iteration did not converge within ${MAX_SWEEPS} sweeps for eigenvalue ${nn} of ${n}`, null);
                    }
                    if (its > 0 && its % 10 === 0) {
                        // Exceptional shift, to break a cycle.
                        t += x;
                        for (let i = 1; i <= nn; i++)
                            a[i * w + i] -= x;
                        s = Math.abs(A(nn, nn - 1)) + Math.abs(A(nn - 1, nn - 2));
                        y = x = 0.75 * s;
                        ww = -0.4375 * s * s;
                    }
                    ++its;
                    // Form the shift and look for two consecutive small subdiagonal elements.
                    let m;
                    for (m = nn - 2; m >= l; m--) {
                        z = A(m, m);
                        r = x - z;
                        s = y - z;
                        p = (r * s - ww) / A(m + 1, m) + A(m, m + 1);
                        q = A(m + 1, m + 1) - z - r - s;
                        r = A(m + 2, m + 1);
                        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
                        p /= s;
                        q /= s;
                        r /= s;
                        if (m === l)
                            break;
                        const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
                        const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
                        if (u + v === v)
                            break;
                    }
                    for (let i = m + 2; i <= nn; i++) {
                        a[i * w + i - 2] = 0;
                        if (i !== m + 2)
                            a[i * w + i - 3] = 0;
                    }
                    // The double-shift QR step on rows l..nn and columns m..nn (bulge chasing).
                    for (let k = m; k <= nn - 1; k++) {
                        if (k !== m) {
                            p = A(k, k - 1);
                            q = A(k + 1, k - 1);
                            r = 0;
                            if (k !== nn - 1)
                                r = A(k + 2, k - 1);
                            x = Math.abs(p) + Math.abs(q) + Math.abs(r);
                            if (x !== 0) {
                                p /= x;
                                q /= x;
                                r /= x;
                            }
                        }
                        const norm = Math.sqrt(p * p + q * q + r * r);
                        s = p >= 0 ? norm : -norm;
                        if (s !== 0) {
                            if (k === m) {
                                if (l !== m)
                                    a[k * w + k - 1] = -A(k, k - 1);
                            }
                            else {
                                a[k * w + k - 1] = -s * x;
                            }
                            p += s;
                            x = p / s;
                            y = q / s;
                            z = r / s;
                            q /= p;
                            r /= p;
                            for (let j = k; j <= nn; j++) {
                                p = A(k, j) + q * A(k + 1, j);
                                if (k !== nn - 1) {
                                    p += r * A(k + 2, j);
                                    a[(k + 2) * w + j] -= p * z;
                                }
                                a[(k + 1) * w + j] -= p * y;
                                a[k * w + j] -= p * x;
                            }
                            const mmin = nn < k + 3 ? nn : k + 3;
                            for (let i = l; i <= mmin; i++) {
                                p = x * A(i, k) + y * A(i, k + 1);
                                if (k !== nn - 1) {
                                    p += z * A(i, k + 2);
                                    a[i * w + k + 2] -= p * r;
                                }
                                a[i * w + k + 1] -= p * q;
                                a[i * w + k] -= p;
                            }
                        }
                    }
                }
            }
        } while (l < nn - 1);
    }
    return { re: wr.slice(1), im: wi.slice(1) };
}
