// The coefficients of the f32 exp's polynomial (assembly/math/exp.ts EXPF_P0..P4, and the
// compiled tier's copy in src/compile/simd-math.ts): a weighted minimax fit of
// g(r) = (exp(r) - 1 - r) / r^2 on the reduced range |r| <= ln2 / 2 (+ the rounding of n), by
// Lawson's iteratively reweighted least squares, the weight r^2 / exp(r) making the error that
// of exp(r) = 1 + r + r^2 P(r) itself; then the f32 pipeline of expF32x4 replayed with
// Math.fround on 8 * 10^6 inputs against Math.exp, for these and for Cephes's six coefficients,
// with exp.ts's last step 1 + (r + r^2 P) and the compensated 1 + (hi - (lo - r^2 P)).
//
//   node tools/fit-expf.mjs [--degree 4]
const f = Math.fround;
const degreeArg = process.argv.indexOf('--degree');
const degree = degreeArg >= 0 ? Number(process.argv[degreeArg + 1]) : 4;

// ---- the fit ---------------------------------------------------------------------------------
const R = 0.3466 + 2e-4; // ln2 / 2 and a margin for n's rounding
/** (exp(r) - 1 - r) / r^2, by its series near 0 where the subtraction cancels. */
const g = (r) => (Math.abs(r) < 1e-3 ? 0.5 + r / 6 + (r * r) / 24 + (r * r * r) / 120 + r ** 4 / 720 + r ** 5 / 5040 : (Math.expm1(r) - r) / (r * r));
/** An error of P against g is this times as large in exp(r) = 1 + r + r^2 P(r), relatively. */
const weightOf = (r) => (r * r) / Math.exp(r);
const polyAt = (c, r) => c.reduceRight((p, ck) => p * r + ck, 0);

/** Solves A x = b (small, dense) by Gaussian elimination with partial pivoting. */
function solve(A, b) {
  const n = b.length;
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let k = i + 1; k < n; k++) if (Math.abs(A[k][i]) > Math.abs(A[p][i])) p = k;
    [A[i], A[p]] = [A[p], A[i]];
    [b[i], b[p]] = [b[p], b[i]];
    for (let k = i + 1; k < n; k++) {
      const m = A[k][i] / A[i][i];
      for (let j = i; j < n; j++) A[k][j] -= m * A[i][j];
      b[k] -= m * b[i];
    }
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= A[i][j] * x[j];
    x[i] = s / A[i][i];
  }
  return x;
}

const points = Array.from({ length: 4001 }, (_, k) => -R + (2 * R * k) / 4000);
let lawson = points.map(() => 1);
let coeffs = [];
let maxError = 0;
for (let it = 0; it < 200; it++) {
  // Weighted least squares in the scaled basis (r / R)^j, then Lawson's update of the weights.
  const n = degree + 1;
  const A = Array.from({ length: n }, () => new Array(n).fill(0));
  const b = new Array(n).fill(0);
  points.forEach((r, k) => {
    const W = lawson[k] * weightOf(r) ** 2;
    const phi = Array.from({ length: n }, (_, j) => (r / R) ** j);
    for (let i = 0; i < n; i++) {
      b[i] += W * phi[i] * g(r);
      for (let j = 0; j < n; j++) A[i][j] += W * phi[i] * phi[j];
    }
  });
  coeffs = solve(A, b).map((v, j) => v / R ** j);
  const errors = points.map((r) => Math.abs(weightOf(r) * (g(r) - polyAt(coeffs, r))));
  const total = errors.reduce((a, e, k) => a + lawson[k] * e, 0);
  lawson = lawson.map((l, k) => ((l * errors[k]) / total) * points.length);
  maxError = Math.max(...errors);
}
const FIT = coeffs.map(f);
console.log(`degree ${degree}: max relative error of exp(r) before rounding ${maxError.toExponential(3)}`);
console.log(`coefficients P0..P${degree} (f32): ${JSON.stringify(FIT)}`);

// ---- the f32 pipeline, replayed ----------------------------------------------------------------
const CEPHES = [5.0000001201e-1, 1.6666665459e-1, 4.1665795894e-2, 8.3334519073e-3, 1.3981999507e-3, 1.9875691500e-4].map(f);
const LOG2E = f(1.44269504088896341), SHIFTER = f(12582912.0), LN2_HI = f(0.693359375), LN2_LO = f(-2.12194440e-4), FLUSH = f(-87.33654);

/** expF32x4's steps on one lane, each rounded to f32. */
function expf(x, P, compensated) {
  x = f(x);
  const xc = Math.max(x, FLUSH);
  const t = f(f(xc * LOG2E) + SHIFTER);
  const n = f(t - SHIFTER);
  const hi = f(xc - f(n * LN2_HI));
  const lo = f(n * LN2_LO);
  const r = f(hi - lo);
  let p = P[P.length - 1];
  for (let j = P.length - 2; j >= 0; j--) p = f(f(p * r) + P[j]);
  p = f(p * f(r * r));
  const y = compensated ? f(1 + f(hi - f(lo - p))) : f(1 + f(p + r));
  return x < FLUSH ? 0 : f(y * 2 ** n);
}

function ulpOf(v) {
  const a = new Float32Array([v]);
  const next = new Float32Array(1);
  new Int32Array(next.buffer)[0] = new Int32Array(a.buffer)[0] + 1;
  return next[0] - a[0];
}

const CASES = [['Cephes (6 terms), 1 + (hi - (lo - p))', CEPHES, true], ['fit, 1 + (hi - (lo - p))', FIT, true], ['fit, 1 + (r + p) (exp.ts)', FIT, false]];
for (const [name, P, compensated] of CASES) {
  let maxUlp = 0, sumUlp = 0, count = 0, at = 0;
  let seed = 12345;
  const uniform = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const check = (x) => {
    const ref = Math.exp(x);
    const u = Math.abs(expf(x, P, compensated) - ref) / ulpOf(f(ref));
    if (u > maxUlp) { maxUlp = u; at = x; }
    return u;
  };
  for (let k = 0; k < 4e6; k++) { sumUlp += check(f(-87.3 + uniform() * 176)); count++; }
  for (let k = 0; k < 4e6; k++) check(f(-1 + (2 * k) / 4e6)); // dense near 0
  console.log(`${name}: max ${maxUlp.toFixed(3)} ulp at ${at}, mean ${(sumUlp / count).toFixed(4)}`);
}
