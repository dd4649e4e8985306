// Measured lower bounds of a forward pass of the debiased Sinkhorn divergence (p = 2, blur
// 0.05, scaling 0.5) on the 'online' and 'tensorized' backends, for sizes where running them
// takes tens of minutes (bench/ot-backends.mjs --bound). Both routines make R = 4 (len(epsList)
// + 2) softmins of N x M pairs in the forward pass (init, one per temperature, the last step;
// four problems with debias); a bound counts those alone, at their least measured time, and
// no backward.
import { tensor, Vi, Vj, Pm } from '../build/src/index.js';
import { scalingParameters } from '../build/src/ot/epsilon-schedule.js';
import { pairwiseCost } from '../build/src/ot/pairwise-cost.js';
import { softminTensorized } from '../build/src/ot/softmin-tensorized.js';
import { Yielder } from '../build/src/abort.js';

const P = 2, BLUR = 0.05, SCALING = 0.5;

/** The forward pass's softmin count on these clouds. */
function softmins(X, Y) {
  const { epsList } = scalingParameters(X, Y, P, BLUR, null, null, SCALING);
  return { R: 4 * (epsList.length + 2), eps: epsList[epsList.length - 1] };
}

/**
 * 'online': R full-size reductions of the routine's formula (|x - y|^2 / 2 / eps - h, log-sum-exp
 * over j), each at least the least of 2 timed ones (the engine's cost per pair does not depend on eps).
 */
export async function onlineLowerBound(X, Y) {
  const { R, eps } = softmins(X, Y);
  const M = Y.shape[0];
  const h = tensor(new Float32Array(M).fill(-Math.log(M)), [M, 1]);
  let best = Infinity;
  for (let k = 0; k < 2; k++) {
    const t0 = performance.now();
    await Vi(X).sqdist(Vj(Y)).mul(Pm(-1 / (2 * eps))).add(Vj(h)).logsumexp(1);
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return { seconds: R * best, method: `${R} softmins x ${(best).toFixed(2)} s, the least of 2 full reductions; backward not counted` };
}

/**
 * 'tensorized': R host softmin passes and 4 cost-matrix builds, timed on the first 1000 rows
 * against all of Y and scaled by N / 1000 (rows are independent; the full matrix, larger than
 * the block, is no faster per pair). The pass is timed at a temperature where it skips every
 * exponential but the row's largest, its cheapest.
 */
export async function tensorizedLowerBound(X, Y) {
  const { R } = softmins(X, Y);
  const [N, D] = X.shape, M = Y.shape[0];
  const rows = Math.min(1000, N);
  const yielder = new Yielder('lower bound', undefined, Infinity);
  const x = tensor(X.data.slice(0, rows * D), [1, rows, D]);
  const y = Y.reshape([1, M, D]);
  const h = tensor(new Float32Array(M).fill(-Math.log(M)), [1, M]);
  let build = Infinity, pass = Infinity, C;
  for (let k = 0; k < 2; k++) {
    let t0 = performance.now();
    C = pairwiseCost(x, y, 'halfsqdist');
    build = Math.min(build, (performance.now() - t0) / 1000);
    t0 = performance.now();
    await softminTensorized(1e-9, C, h, yielder);
    pass = Math.min(pass, (performance.now() - t0) / 1000);
  }
  const scale = N / rows;
  return { seconds: scale * (R * pass + 4 * build), method: `${R} host passes x ${(scale * pass).toFixed(2)} s + 4 builds x ${(scale * build).toFixed(2)} s, timed on ${rows} rows and scaled by N / ${rows}; backward not counted` };
}
