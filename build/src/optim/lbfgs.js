/**
 * L-BFGS driven by an async closure, with the strong-Wolfe line search of PyTorch's LBFGS and
 * the stopping rules (and messages) of scipy's L-BFGS-B without bounds, so that code ported
 * from `scipy.optimize.minimize(method='L-BFGS-B')` stops where it used to.
 */
import { AbortError, ValueError, checkOptions, describe } from '../errors.js';
import { Yielder, checkSignal } from '../abort.js';
import { Tensor } from '../tensor/tensor.js';
import { checkNumber, checkParams } from './optimizer.js';
import { strongWolfe } from './line-search.js';
const EPS = 2.220446049250313e-16;
const DEFAULT_FTOL = 1e7 * EPS;
const MESSAGES = {
    gtol: 'CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL',
    ftol: 'CONVERGENCE: REL_REDUCTION_OF_F <= FACTR*EPSMCH',
    maxIter: 'STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT',
    maxEval: 'STOP: TOTAL NO. OF F,G EVALUATIONS EXCEEDS LIMIT',
    lineSearch: 'ABNORMAL_TERMINATION_IN_LNSRCH',
};
function dot(a, b) {
    let s = 0;
    for (let k = 0; k < a.length; k++)
        s += a[k] * b[k];
    return s;
}
function infNorm(a) {
    let m = 0;
    for (let k = 0; k < a.length; k++) {
        const v = Math.abs(a[k]);
        if (v > m || v !== v)
            m = v;
    }
    return m;
}
/** The flat vector of all parameters, and the way back. */
class FlatParams {
    params;
    size;
    constructor(params) {
        this.params = params;
        this.size = params.reduce((n, p) => n + p.size, 0);
    }
    read() {
        const x = new Float64Array(this.size);
        let o = 0;
        for (const p of this.params) {
            x.set(p.data, o);
            o += p.size;
        }
        return x;
    }
    write(x) {
        let o = 0;
        for (const p of this.params) {
            p.data.set(x.subarray(o, o + p.size));
            p.markChanged();
            o += p.size;
        }
    }
    gradient() {
        const g = new Float64Array(this.size);
        let o = 0;
        for (const p of this.params) {
            if (p.grad !== null)
                g.set(p.grad.data, o);
            o += p.size;
        }
        return g;
    }
    setGradient(g) {
        let o = 0;
        for (const p of this.params) {
            const grad = new Tensor(p.data.slice(), p.shape);
            grad.data.set(g.subarray(o, o + p.size));
            p.grad = grad;
            o += p.size;
        }
    }
}
function checkInteger(name, value, min) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
        throw new ValueError(`lbfgs: ${name} must be an integer >= ${min}, received ${describe(value)}`);
    }
    return value;
}
function abortError(signal, iterations) {
    const reason = signal.reason instanceof Error ? `: ${signal.reason.message}` : signal.reason !== undefined ? `: ${String(signal.reason)}` : '';
    return new AbortError(`lbfgs: aborted after ${iterations} iterations${reason}; the parameters hold the last accepted iterate`);
}
/**
 * Minimises the scalar returned by `closure` over `params` with L-BFGS. Each evaluation
 * zeroes the gradients, awaits the closure, then awaits `backward()` on its result; the
 * parameters are updated in place and, on return, hold the best iterate with `.grad` set to
 * the gradient there. On abort or error they are restored to the last accepted iterate.
 *
 * @example
 * ```ts
 * import { tensor, lbfgs } from 'lazykernel';
 * // Rosenbrock's function, minimum at (1, 1).
 * const z = tensor([-1, 1], [2], { dtype: 'float64', requiresGrad: true });
 * const closure = () => {
 *   const [x, y] = [z.select(0, 0), z.select(0, 1)];
 *   return x.sub(1).square().add(y.sub(x.square()).square().mul(100));
 * };
 * const result = await lbfgs(closure, [z], { maxIter: 200 });
 * console.log(result.converged); // => true
 * console.log(z.data);           // => [1.000, 1.000]
 * ```
 */
export async function lbfgs(closure, params, options = {}) {
    checkOptions('lbfgs', options, ['maxIter', 'maxEval', 'tol', 'gtol', 'ftol', 'historySize', 'maxLineSearch', 'signal', 'onProgress']);
    if (typeof closure !== 'function')
        throw new ValueError(`lbfgs: closure must be a function returning a scalar Tensor, received ${describe(closure)}`);
    const flat = new FlatParams(checkParams('lbfgs', params));
    const maxIter = checkInteger('options.maxIter', options.maxIter ?? 15000, 0);
    const maxEval = checkInteger('options.maxEval', options.maxEval ?? 15000, 1);
    const tol = options.tol === undefined ? undefined : checkNumber('lbfgs', 'options.tol', options.tol, 0);
    const gtol = checkNumber('lbfgs', 'options.gtol', options.gtol ?? tol ?? 1e-5, 0);
    const ftol = checkNumber('lbfgs', 'options.ftol', options.ftol ?? tol ?? DEFAULT_FTOL, 0);
    const historySize = checkInteger('options.historySize', options.historySize ?? 10, 1);
    const maxLineSearch = checkInteger('options.maxLineSearch', options.maxLineSearch ?? 25, 1);
    const signal = checkSignal('lbfgs', options.signal);
    const { onProgress } = options;
    if (onProgress !== undefined && typeof onProgress !== 'function')
        throw new ValueError(`lbfgs: options.onProgress must be a function, received ${describe(onProgress)}`);
    let iterations = 0;
    let evaluations = 0;
    let x = flat.read();
    const throwIfAborted = () => {
        if (signal?.aborted)
            throw abortError(signal, iterations);
    };
    // A closure that computes on the calling thread resolves as microtasks: without a turn of the
    // event loop now and then, a timer's abort() (or a page's events) would wait for the end.
    // No signal here: the check below keeps lbfgs's own message (iterations, restored iterate).
    const yielder = new Yielder('lbfgs', undefined);
    /** f and its gradient at `point` (written into the parameters). */
    const evaluate = async (point) => {
        await yielder.tick();
        throwIfAborted();
        flat.write(point);
        for (const p of flat.params)
            p.grad = null;
        const loss = await closure();
        if (!(loss instanceof Tensor) || loss.size !== 1)
            throw new ValueError(`lbfgs: the closure must return a scalar Tensor, received ${describe(loss)}`);
        if (!loss.requiresGrad)
            throw new ValueError('lbfgs: the closure returned a Tensor that does not depend on the parameters (or was computed inside noGrad)');
        await loss.backward();
        evaluations++;
        throwIfAborted();
        return [loss.item(), flat.gradient()];
    };
    try {
        let [f, g] = await evaluate(x);
        if (!Number.isFinite(f))
            throw new ValueError(`lbfgs: the objective is ${f} at the starting point`);
        let gradNorm = infNorm(g);
        const finish = (converged, message) => {
            flat.write(x);
            flat.setGradient(g);
            return { loss: f, iterations, evaluations, converged, message, gradNorm };
        };
        if (gradNorm <= gtol)
            return finish(true, MESSAGES.gtol);
        const S = [];
        const Y = [];
        const rho = [];
        let hDiag = 1;
        for (;;) {
            if (iterations >= maxIter)
                return finish(false, MESSAGES.maxIter);
            if (evaluations >= maxEval)
                return finish(false, MESSAGES.maxEval);
            // Direction: two-loop recursion over the stored pairs (steepest descent without any).
            const d = new Float64Array(g.length);
            for (let k = 0; k < d.length; k++)
                d[k] = -g[k];
            const alpha = new Array(S.length);
            for (let i = S.length - 1; i >= 0; i--) {
                alpha[i] = dot(S[i], d) * rho[i];
                const y = Y[i];
                for (let k = 0; k < d.length; k++)
                    d[k] -= alpha[i] * y[k];
            }
            for (let k = 0; k < d.length; k++)
                d[k] *= hDiag;
            for (let i = 0; i < S.length; i++) {
                const beta = dot(Y[i], d) * rho[i];
                const s = S[i];
                for (let k = 0; k < d.length; k++)
                    d[k] += (alpha[i] - beta) * s[k];
            }
            const gtd = dot(g, d);
            const restart = () => {
                if (S.length === 0)
                    return false;
                S.length = 0;
                Y.length = 0;
                rho.length = 0;
                hDiag = 1;
                return true;
            };
            if (!(gtd < 0)) {
                if (restart())
                    continue;
                return finish(false, MESSAGES.lineSearch);
            }
            // First step of a fresh memory: PyTorch's min(1, 1/|g|_1); afterwards the unit step.
            let t0 = 1;
            if (S.length === 0) {
                let l1 = 0;
                for (let k = 0; k < g.length; k++)
                    l1 += Math.abs(g[k]);
                t0 = Math.min(1, 1 / l1);
            }
            const base = x;
            const searched = await strongWolfe((t) => {
                const point = new Float64Array(base.length);
                for (let k = 0; k < point.length; k++)
                    point[k] = base[k] + t * d[k];
                return evaluate(point);
            }, t0, d, f, g, gtd, { maxLineSearch: Math.max(0, Math.min(maxLineSearch, maxEval - evaluations - 1)) });
            if (!(searched.t > 0 && searched.f < f)) {
                // No decrease along d: drop the memory and retry along -g once, as L-BFGS-B does.
                if (restart())
                    continue;
                return finish(false, MESSAGES.lineSearch);
            }
            const s = new Float64Array(x.length);
            const y = new Float64Array(x.length);
            const xNew = new Float64Array(x.length);
            for (let k = 0; k < x.length; k++) {
                s[k] = searched.t * d[k];
                xNew[k] = x[k] + s[k];
                y[k] = searched.g[k] - g[k];
            }
            const ys = dot(y, s);
            const yy = dot(y, y);
            if (ys > EPS * yy) {
                // Curvature condition holds: keep the pair (the oldest goes when memory is full).
                if (S.length === historySize) {
                    S.shift();
                    Y.shift();
                    rho.shift();
                }
                S.push(s);
                Y.push(y);
                rho.push(1 / ys);
                hDiag = ys / yy;
            }
            const fPrev = f;
            x = xNew;
            f = searched.f;
            g = searched.g;
            gradNorm = infNorm(g);
            iterations++;
            flat.write(x);
            if (onProgress)
                await onProgress({ iteration: iterations, loss: f, gradNorm });
            throwIfAborted();
            if (gradNorm <= gtol)
                return finish(true, MESSAGES.gtol);
            if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol)
                return finish(true, MESSAGES.ftol);
        }
    }
    catch (error) {
        flat.write(x);
        throw error;
    }
}
