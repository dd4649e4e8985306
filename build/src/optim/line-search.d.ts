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
/**
 * Minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped into
 * `bounds` (default [min(x1, x2), max(x1, x2)]); the midpoint when the cubic has no minimum.
 */
export declare function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: readonly [number, number]): number;
/**
 * Strong-Wolfe search along `d` from the point where f = `f`, gradient `g` and slope
 * `gtd` = g.d (< 0), starting at step `t`. Returns the lowest point found, which satisfies
 * the conditions unless the evaluation budget or the bracket width ran out first.
 */
export declare function strongWolfe(obj: DirectionalObjective, t0: number, d: Float64Array, f: number, g: Float64Array, gtd: number, options?: StrongWolfeOptions): Promise<LineSearchResult>;
