/**
 * Ground costs C(x, y) = |x - y|^p / p (GeomLoss's defaults for p = 1, 2; any p >= 1 here) or a custom one, in the two forms
 * the backends need: a dense batched matrix and a lazy formula.
 */
import { DTypeError, ShapeError } from '../errors.js';
import { LazyTensor } from '../api/lazy-tensor.js';
import { Pm, Vi, Vj } from '../api/variables.js';
import { Tensor } from '../tensor/tensor.js';
import { pairwiseCost, pairwiseCostYielding } from './pairwise-cost.js';
import { formulaToDense, formulaToLazy, parseFormula } from './formula-string.js';
/** |x_i - y_j|^2 for x [B, N, D], y [B, M, D], as GeomLoss's `squared_distances` (differentiable). */
export function squaredDistances(x, y) {
    return pairwiseCost(x, y, 'sqdist');
}
/** |x_i - y_j| with a zero gradient at zero (GeomLoss's `distances`). */
export function distances(x, y) {
    return pairwiseCost(x, y, 'dist');
}
function parsed(cost) {
    return parseFormula(cost, 'samplesLoss: options.cost');
}
/**
 * Squared distances below this floor count as the floor in the lazy |x - y|^p / p of p other
 * than 1 and 2: Powf's derivative p/2 r^(p/2) / r is 0/0 at coincident points (every diagonal
 * pair of the debiasing problems), while Max's is 0 below the floor, so the gradient there is
 * 0 as GeomLoss's sqrt_0 makes it. The value moves by at most floor^(1/2) / p = 1e-18.
 */
export const POW_COST_FLOOR = 1e-36;
/** Which pairwise kernel computes the default cost |x - y|^p / p. */
function defaultKind(p) {
    return p === 1 ? 'dist' : p === 2 ? 'halfsqdist' : 'pow';
}
/** The dense form of the cost option (GeomLoss's `cost_routines` by default, |x - y|^p / p for other p). */
export function denseCost(p, cost) {
    if (cost === null)
        return (x, y) => pairwiseCost(x, y, defaultKind(p), p);
    if (typeof cost === 'string') {
        const f = parsed(cost);
        return (x, y) => formulaToDense(f, x, y, 'samplesLoss: options.cost');
    }
    return (x, y) => {
        const C = cost(x, y);
        if (!(C instanceof Tensor)) {
            throw new DTypeError(`samplesLoss: on the 'tensorized' backend, options.cost is called with dense Tensors x [B, N, D], y [B, M, D] and must return a Tensor [B, N, M]; it returned ${C instanceof LazyTensor ? 'a LazyTensor (a cost for the online backends: pass backend: \'online\')' : typeof C}`);
        }
        const want = [x.shape[0], x.shape[1], y.shape[1]];
        if (C.shape.length !== 3 || C.shape.some((d, k) => d !== want[k])) {
            throw new ShapeError(`samplesLoss: options.cost returned a Tensor of shape [${C.shape.join(', ')}], expected [${want.join(', ')}]`);
        }
        return C;
    };
}
/**
 * The dense form of the cost option for the loops: the default costs are built by row blocks
 * with a tick of `yielder` between them (one build at 5000^2 pairs is longer than a page can
 * wait); a custom cost is built in one go, after a tick.
 */
export function denseCostYielding(p, cost, yielder) {
    if (cost === null)
        return (x, y) => pairwiseCostYielding(x, y, defaultKind(p), yielder, p);
    const dense = denseCost(p, cost);
    return async (x, y) => {
        await yielder.tick();
        return dense(x, y);
    };
}
/**
 * The lazy form of the cost option (GeomLoss's `cost_formulas` by default: Norm2(X-Y) for
 * p = 1, SqDist(X,Y) / 2 for p = 2, and Powf(Max(SqDist(X,Y), floor), p/2) / p for other p).
 */
export function lazyCost(p, cost) {
    const scaled = (C, scale) => (scale === 1 ? C : C.mul(Pm(scale)));
    if (cost === null) {
        if (p === 1)
            return (x, y, scale = 1) => scaled(Vi(x).sub(Vj(y)).norm2(), scale);
        if (p === 2)
            return (x, y, scale = 1) => Vi(x).sqdist(Vj(y)).mul(Pm(scale / 2));
        return (x, y, scale = 1) => Vi(x).sqdist(Vj(y)).maximum(POW_COST_FLOOR).powf(p / 2).mul(Pm(scale / p));
    }
    if (typeof cost === 'string') {
        const f = parsed(cost);
        return (x, y, scale = 1) => scaled(formulaToLazy(f, x, y, 'samplesLoss: options.cost'), scale);
    }
    return (x, y, scale = 1) => {
        const C = cost(Vi(x), Vj(y));
        if (!(C instanceof LazyTensor)) {
            throw new DTypeError(`samplesLoss: on the 'online' and 'multiscale' backends, options.cost is called with (Vi(x), Vj(y)) and must return a LazyTensor; it returned ${C instanceof Tensor ? 'a Tensor (a cost for the tensorized backend: pass backend: \'tensorized\')' : typeof C}`);
        }
        if (C.dim !== 1)
            throw new ShapeError(`samplesLoss: options.cost must return a scalar formula, its dimension is ${C.dim}`);
        return scaled(C, scale);
    };
}
