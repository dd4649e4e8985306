// Dense float64 references for the eigen- and singular-value tests, written independently of
// the library: matrices with a known spectrum (an orthogonal Q made of Householder reflectors,
// Q T Q^T), and cyclic Jacobi for symmetric matrices.

/** A random orthogonal n x n matrix: the product of `count` Householder reflectors, row-major. */
export function randomOrthogonal(n, rng, count = 6) {
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  for (let h = 0; h < count; h++) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    let vv = 0;
    for (const x of v) vv += x * x;
    // Q <- Q (I - 2 v v^T / v^T v)
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += Q[i * n + j] * v[j];
      const f = (2 * s) / vv;
      for (let j = 0; j < n; j++) Q[i * n + j] -= f * v[j];
    }
  }
  return Q;
}

/** Row-major (a [n, m]) (b [m, p]). */
export function matmul(a, b, n, m, p) {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let l = 0; l < m; l++) {
    const x = a[i * m + l];
    if (x === 0) continue;
    for (let j = 0; j < p; j++) out[i * p + j] += x * b[l * p + j];
  }
  return out;
}

export function transpose(a, n, m) {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

/** Q T Q^T for an n x n T. */
export function similar(Q, T, n) {
  return matmul(matmul(Q, T, n, n, n), transpose(Q, n, n), n, n, n);
}

/** Eigenvalues (ascending) of a symmetric row-major n x n matrix by cyclic Jacobi rotations. */
export function jacobiEigenvalues(a, n) {
  const A = Float64Array.from(a);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const x = A[i * n + j] ** 2;
      total += x;
      if (i !== j) off += x;
    }
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) {
      const apq = A[p * n + q];
      if (Math.abs(apq) < 1e-300) continue;
      const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < n; k++) {
        const akp = A[k * n + p];
        const akq = A[k * n + q];
        A[k * n + p] = c * akp - s * akq;
        A[k * n + q] = s * akp + c * akq;
      }
      for (let k = 0; k < n; k++) {
        const apk = A[p * n + k];
        const aqk = A[q * n + k];
        A[p * n + k] = c * apk - s * aqk;
        A[q * n + k] = s * apk + c * aqk;
      }
    }
  }
  return Float64Array.from({ length: n }, (_, i) => A[i * n + i]).sort();
}

/** Largest |a_i - b_i| / |b_i| over matching entries. */
export function maxRelError(a, b) {
  let e = 0;
  for (let i = 0; i < b.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  return e;
}
