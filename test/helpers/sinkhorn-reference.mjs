// Float64 brute-force references for the optimal transport tests, on plain arrays of points
// (rows of numbers): GeomLoss's sinkhorn_loop / sinkhorn_cost for any p >= 1 (cost
// |x - y|^p / p, or a given one) with the envelope-theorem gradients of its result, and a plain
// alternating Sinkhorn run to convergence at one temperature (the reference transport plan).

export const sqdist = (u, v) => u.reduce((s, uk, k) => s + (uk - v[k]) ** 2, 0);

/** |u - v|^p / p. */
export const powCost = (p) => (u, v) => Math.sqrt(sqdist(u, v)) ** p / p;

/** Gradient of |u - v|^p / p in u: |u - v|^(p - 2) (u - v), 0 at u = v. */
export const powCostGrad = (p) => (u, v) => {
  const n = Math.sqrt(sqdist(u, v));
  return u.map((uk, k) => (n > 0 ? n ** (p - 2) * (uk - v[k]) : 0));
};

/** GeomLoss's epsilon schedule (numpy's arange in log space), written out. */
export function refSchedule(p, d, blur, scaling) {
  const out = [d ** p];
  const start = p * Math.log(d), stop = p * Math.log(blur), step = p * Math.log(scaling);
  const n = Math.ceil((stop - start) / step);
  for (let k = 0; k < n; k++) out.push(Math.exp(start + k * step));
  out.push(blur ** p);
  return out;
}

/** f_i = -eps log sum_j exp(h_j - C(z_i, s_j) / eps), and the softmax weights w_ij. */
export function refSoftmin(C, eps, Z, S, h) {
  const f = [], W = [];
  for (const z of Z) {
    const v = S.map((s, j) => h[j] - C(z, s) / eps);
    const m = Math.max(...v);
    const e = v.map((t) => Math.exp(t - m));
    const tot = e.reduce((p, q) => p + q, 0);
    f.push(-eps * (m + Math.log(tot)));
    W.push(e.map((t) => t / tot));
  }
  return { f, W };
}

export function bboxDiameter(x, y) {
  const D = x[0].length;
  let s = 0;
  for (let k = 0; k < D; k++) {
    const all = [...x, ...y].map((u) => u[k]);
    s += (Math.max(...all) - Math.min(...all)) ** 2;
  }
  return Math.sqrt(s);
}

const logWeights = (w) => w.map((v) => (v > 0 ? Math.log(v) : -100000));
const add = (u, v, s = 1) => u.map((t, k) => t + s * v[k]);
const scale = (u, s) => u.map((t) => t * s);
const dot = (u, v) => u.reduce((s, t, k) => s + t * v[k], 0);

/**
 * GeomLoss's algorithm (debiased or raw, balanced or not) and the gradients of its result in
 * a, b, x, y. `cost`, `costGrad` default to |x - y|^p / p and its gradient.
 */
export function refSinkhorn({ a, x, b, y, p = 2, blur = 0.05, reach = null, scaling = 0.5, debias = true, diameter = null, cost = null, costGrad = null }) {
  const C = cost ?? powCost(p), dC = costGrad ?? powCostGrad(p);
  const eps = blur ** p;
  const rho = reach === null ? null : reach ** p;
  const epsList = refSchedule(p, diameter ?? bboxDiameter(x, y), blur, scaling);
  const damp = (e) => (rho === null ? 1 : 1 / (1 + e / rho));
  const aL = logWeights(a), bL = logWeights(b);
  const sm = (e, Z, S, h) => refSoftmin(C, e, Z, S, h).f;
  let e = epsList[0], l = damp(e);
  let gAB = scale(sm(e, y, x, aL), l), fBA = scale(sm(e, x, y, bL), l);
  let fAA = scale(sm(e, x, x, aL), l), gBB = scale(sm(e, y, y, bL), l);
  for (e of epsList) {
    l = damp(e);
    const ft = scale(sm(e, x, y, add(bL, gAB, 1 / e)), l);
    const gt = scale(sm(e, y, x, add(aL, fBA, 1 / e)), l);
    const fa = scale(sm(e, x, x, add(aL, fAA, 1 / e)), l);
    const gb = scale(sm(e, y, y, add(bL, gBB, 1 / e)), l);
    fBA = scale(add(fBA, ft), 0.5); gAB = scale(add(gAB, gt), 0.5);
    fAA = scale(add(fAA, fa), 0.5); gBB = scale(add(gBB, gb), 0.5);
  }
  const last = (Z, S, h) => refSoftmin(C, e, Z, S, h);
  const lBA = last(x, y, add(bL, gAB, 1 / e)), lAB = last(y, x, add(aL, fBA, 1 / e));
  const lAA = last(x, x, add(aL, fAA, 1 / e)), lBB = last(y, y, add(bL, gBB, 1 / e));
  fBA = scale(lBA.f, l); gAB = scale(lAB.f, l); fAA = scale(lAA.f, l); gBB = scale(lBB.f, l);
  const ma = a.reduce((s, t) => s + t, 0), mb = b.reduce((s, t) => s + t, 0);
  const E = (f) => f.map((t) => Math.exp(-t / rho));
  const dF = (Z, S, W) => Z.map((z, i) => S.reduce((acc, s, j) => add(acc, dC(z, s), l * W[i][j]), z.map(() => 0)));
  const dBA = dF(x, y, lBA.W), dAB = dF(y, x, lAB.W), dAA = dF(x, x, lAA.W), dBB = dF(y, y, lBB.W);
  let value, gA, gB, gX, gY;
  if (debias && rho === null) {
    value = dot(a, add(fBA, fAA, -1)) + dot(b, add(gAB, gBB, -1));
    gA = add(fBA, fAA, -1); gB = add(gAB, gBB, -1);
    gX = x.map((_, i) => add(dBA[i], dAA[i], -1).map((t) => a[i] * t));
    gY = y.map((_, j) => add(dAB[j], dBB[j], -1).map((t) => b[j] * t));
  } else if (debias) {
    const hA = add(E(fAA), E(fBA), -1), hB = add(E(gBB), E(gAB), -1);
    value = (rho + eps / 2) * (dot(a, hA) + dot(b, hB));
    gA = scale(hA, rho + eps); gB = scale(hB, rho + eps);
    gX = x.map((_, i) => add(scale(dBA[i], E(fBA)[i]), scale(dAA[i], E(fAA)[i]), -1).map((t) => (a[i] * (rho + eps) * t) / rho));
    gY = y.map((_, j) => add(scale(dAB[j], E(gAB)[j]), scale(dBB[j], E(gBB)[j]), -1).map((t) => (b[j] * (rho + eps) * t) / rho));
  } else if (rho === null) {
    value = dot(a, fBA) + dot(b, gAB) + eps * (ma * mb - (ma + mb) / 2);
    gA = fBA.map((t) => t + eps * (mb - 1)); gB = gAB.map((t) => t + eps * (ma - 1));
    gX = x.map((_, i) => dBA[i].map((t) => a[i] * t));
    gY = y.map((_, j) => dAB[j].map((t) => b[j] * t));
  } else {
    value = (rho + eps / 2) * (dot(a, E(fBA).map((t) => 1 - t)) + dot(b, E(gAB).map((t) => 1 - t))) + eps * (ma * mb - (ma + mb) / 2);
    gA = E(fBA).map((t) => (rho + eps) * (1 - t) + eps * (mb - 1));
    gB = E(gAB).map((t) => (rho + eps) * (1 - t) + eps * (ma - 1));
    gX = x.map((_, i) => dBA[i].map((t) => (a[i] * (rho + eps) * E(fBA)[i] * t) / rho));
    gY = y.map((_, j) => dAB[j].map((t) => (b[j] * (rho + eps) * E(gAB)[j] * t) / rho));
  }
  const F = debias ? add(fBA, fAA, -1) : fBA, G = debias ? add(gAB, gBB, -1) : gAB;
  return { value, gA, gB, gX, gY, F, G, epsList };
}

/**
 * Alternating Sinkhorn at the temperature eps = blur^p from zero potentials, run until the
 * potentials stop moving (max change below 1e-13 of eps): the reference plan
 * pi_ij = a_i b_j exp((F_i + G_j - C_ij) / eps) as a dense array of rows, and F, G.
 */
export function refPlan({ a, x, b, y, p = 2, blur, reach = null, cost = null, maxIter = 200000 }) {
  const C = cost ?? powCost(p);
  const eps = blur ** p;
  const rho = reach === null ? null : reach ** p;
  const l = rho === null ? 1 : 1 / (1 + eps / rho);
  const aL = logWeights(a), bL = logWeights(b);
  let F = a.map(() => 0), G = b.map(() => 0);
  for (let it = 0; it < maxIter; it++) {
    const F1 = scale(refSoftmin(C, eps, x, y, add(bL, G, 1 / eps)).f, l);
    const G1 = scale(refSoftmin(C, eps, y, x, add(aL, F1, 1 / eps)).f, l);
    const moved = Math.max(...F1.map((t, i) => Math.abs(t - F[i])), ...G1.map((t, j) => Math.abs(t - G[j])));
    F = F1; G = G1;
    if (moved < 1e-13 * eps) break;
  }
  const plan = x.map((u, i) => y.map((v, j) => a[i] * b[j] * Math.exp((F[i] + G[j] - C(u, v)) / eps)));
  return { plan, F, G, eps };
}
