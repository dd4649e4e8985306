// Dense float64 kernel matrices for the models' tests: the contract's kernels as functions of
// r = |x - y|, and K(A, B) for row-major point sets.

/** The kernels of the contract as functions of r = |x - y|, in float64. */
export const KERNELS = {
  gaussian: (r, s) => Math.exp(-(r * r) / (2 * s * s)),
  laplacian: (r, s) => Math.exp(-r / s),
  matern32: (r, s) => { const t = (Math.sqrt(3) * r) / s; return (1 + t) * Math.exp(-t); },
  matern52: (r, s) => { const t = (Math.sqrt(5) * r) / s; return (1 + t + (t * t) / 3) * Math.exp(-t); },
};

/** The dense kernel matrix [na, nb] of row-major point sets A [na, d] and B [nb, d]. */
export function kernelMatrix(kernel, sigma, A, na, B, nb, d) {
  const K = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) r2 += (A[i * d + k] - B[j * d + k]) ** 2;
      K[i * nb + j] = KERNELS[kernel](Math.sqrt(r2), sigma);
    }
  }
  return K;
}
