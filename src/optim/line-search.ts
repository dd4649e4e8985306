/**
 * Strong-Wolfe line search, ported from PyTorch's `_strong_wolfe` and `_cubic_interpolate`
 * (torch/optim/lbfgs.py, itself from torch7's lswolfe.lua / polyinterp.lua): bracket a step
 * satisfying the Wolfe conditions, then zoom in with safeguarded cubic interpolation.
 */

/** f and its gradient at x + t d. */
export type DirectionalObjective = (t: number) => Promise<[number, Float64Array]>;

/** What the line search settled on: the step, f and gradient there, and evaluations used. */
export interface LineSearchResult {
  t: number;
  f: number;
  g: Float64Array;
  evaluations: number;
}

/** Parameters of the search; defaults are PyTorch's. */
export interface StrongWolfeOptions {
  c1?: number;
  c2?: number;
  toleranceChange?: number;
  maxLineSearch?: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/**
 * Minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped into
 * `bounds` (default [min(x1, x2), max(x1, x2)]); the midpoint when the cubic has no minimum.
 */
export function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: readonly [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

/**
 * Strong-Wolfe search along `d` from the point where f = `f`, gradient `g` and slope
 * `gtd` = g.d (< 0), starting at step `t`. Returns the lowest point found, which satisfies
 * the conditions unless the evaluation budget or the bracket width ran out first.
 */
export async function strongWolfe(
  obj: DirectionalObjective,
  t0: number,
  d: Float64Array,
  f: number,
  g: Float64Array,
  gtd: number,
  options: StrongWolfeOptions = {},
): Promise<LineSearchResult> {
  const { c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLineSearch = 25 } = options;
  let dNorm = 0;
  for (let k = 0; k < d.length; k++) dNorm = Math.max(dNorm, Math.abs(d[k]!));
  let t = t0;
  let [fNew, gNew] = await obj(t);
  let evaluations = 1;
  let gtdNew = dot(gNew, d);

  // Bracket an interval containing a point satisfying the Wolfe criteria.
  let tPrev = 0;
  let fPrev = f;
  let gPrev = g;
  let gtdPrev = gtd;
  let done = false;
  let lsIter = 0;
  let bracket: number[] = [];
  let bracketF: number[] = [];
  let bracketG: Float64Array[] = [];
  let bracketGtd: number[] = [];
  while (lsIter < maxLineSearch) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    // Extrapolate: a cubic step in [t + 0.01 (t - tPrev), 10 t].
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = gNew;
    gtdPrev = gtdNew;
    [fNew, gNew] = await obj(t);
    evaluations++;
    gtdNew = dot(gNew, d);
    lsIter++;
  }
  if (lsIter === maxLineSearch) {
    [bracket, bracketF, bracketG] = [[0, t], [f, fNew], [g, gNew]];
  }

  // Zoom: shrink the bracket until a point satisfies the criteria.
  let insufficientProgress = false;
  let [low, high] = bracketF[0]! <= bracketF[bracketF.length - 1]! ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLineSearch) {
    if (Math.abs(bracket[1]! - bracket[0]!) * dNorm < toleranceChange) break;
    t = cubicInterpolate(bracket[0]!, bracketF[0]!, bracketGtd[0]!, bracket[1]!, bracketF[1]!, bracketGtd[1]!);
    // Keep t at least 10% of the bracket away from its ends when progress stalls.
    const bMax = Math.max(bracket[0]!, bracket[1]!);
    const bMin = Math.min(bracket[0]!, bracket[1]!);
    const eps = 0.1 * (bMax - bMin);
    if (Math.min(bMax - t, t - bMin) < eps) {
      if (insufficientProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }
    [fNew, gNew] = await obj(t);
    evaluations++;
    gtdNew = dot(gNew, d);
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bracketF[low]!) {
      // Armijo fails or not below the lowest point: t becomes the high end.
      bracket[high] = t;
      bracketF[high] = fNew;
      bracketG[high] = gNew;
      bracketGtd[high] = gtdNew;
      [low, high] = bracketF[0]! <= bracketF[1]! ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        done = true;
      } else if (gtdNew * (bracket[high]! - bracket[low]!) >= 0) {
        // The old high end becomes the new low end.
        bracket[high] = bracket[low]!;
        bracketF[high] = bracketF[low]!;
        bracketG[high] = bracketG[low]!;
        bracketGtd[high] = bracketGtd[low]!;
      }
      bracket[low] = t;
      bracketF[low] = fNew;
      bracketG[low] = gNew;
      bracketGtd[low] = gtdNew;
    }
  }
  return { t: bracket[low]!, f: bracketF[low]!, g: bracketG[low]!, evaluations };
}
