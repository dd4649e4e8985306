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

/** Progress reported after every accepted iteration. */
export interface LbfgsProgress {
  iteration: number;
  loss: number;
  /** Infinity norm of the gradient (scipy's projected gradient, without bounds). */
  gradNorm: number;
}

/** Options of `lbfgs`. */
export interface LbfgsOptions {
  /** Maximum number of iterations (default 15000, scipy's maxiter). */
  maxIter?: number;
  /** Maximum number of closure evaluations (default 15000, scipy's maxfun). */
  maxEval?: number;
  /** Sets both `gtol` and `ftol`, like scipy.optimize.minimize's `tol`. */
  tol?: number;
  /** Stop when the gradient's infinity norm is <= gtol (default 1e-5). */
  gtol?: number;
  /** Stop when (f_prev - f) / max(|f_prev|, |f|, 1) <= ftol (default 2.220446049250313e-9 = factr 1e7 * eps). */
  ftol?: number;
  /** Number of correction pairs kept (default 10, scipy's maxcor). */
  historySize?: number;
  /** Closure evaluations allowed per line search, beyond the first (default 25). */
  maxLineSearch?: number;
  /**
   * Rejects with an AbortError when fired; parameters keep the last accepted iterate. Honoured
   * within a few tens of milliseconds (plus one closure evaluation), even when `abort()` is
   * called from a timer: the loop gives the event loop a turn every 20 ms. Must be a real
   * AbortSignal (a ValueError otherwise).
   */
  signal?: AbortSignal;
  /** Called (and awaited) after every accepted iteration. */
  onProgress?: (progress: LbfgsProgress) => void | Promise<void>;
}

/** How `lbfgs` ended. */
export interface LbfgsResult {
  /** The objective at the final parameters. */
  loss: number;
  iterations: number;
  /** Closure evaluations, line searches included. */
  evaluations: number;
  /** True when a tolerance was met (not when a limit or a failed line search stopped it). */
  converged: boolean;
  /** scipy's wording: 'CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL', ... */
  message: string;
  /** Infinity norm of the final gradient. */
  gradNorm: number;
}

const EPS = 2.220446049250313e-16;
const DEFAULT_FTOL = 1e7 * EPS;

const MESSAGES = {
  gtol: 'CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL',
  ftol: 'CONVERGENCE: REL_REDUCTION_OF_F <= FACTR*EPSMCH',
  maxIter: 'STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT',
  maxEval: 'STOP: TOTAL NO. OF F,G EVALUATIONS EXCEEDS LIMIT',
  lineSearch: 'ABNORMAL_TERMINATION_IN_LNSRCH',
} as const;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

function infNorm(a: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) {
    const v = Math.abs(a[k]!);
    if (v > m || v !== v) m = v;
  }
  return m;
}

/** The flat vector of all parameters, and the way back. */
class FlatParams {
  readonly size: number;

  constructor(readonly params: readonly Tensor[]) {
    this.size = params.reduce((n, p) => n + p.size, 0);
  }

  read(): Float64Array {
    const x = new Float64Array(this.size);
    let o = 0;
    for (const p of this.params) {
      x.set(p.data, o);
      o += p.size;
    }
    return x;
  }

  write(x: Float64Array): void {
    let o = 0;
    for (const p of this.params) {
      p.data.set(x.subarray(o, o + p.size));
      p.markChanged();
      o += p.size;
    }
  }

  gradient(): Float64Array {
    const g = new Float64Array(this.size);
    let o = 0;
    for (const p of this.params) {
      if (p.grad !== null) g.set(p.grad.data, o);
      o += p.size;
    }
    return g;
  }

  setGradient(g: Float64Array): void {
    let o = 0;
    for (const p of this.params) {
      const grad = new Tensor(p.data.slice(), p.shape);
      grad.data.set(g.subarray(o, o + p.size));
      p.grad = grad;
      o += p.size;
    }
  }
}

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ValueError(`lbfgs: ${name} must be an integer >= ${min}, received ${describe(value)}`);
  }
  return value;
}

function abortError(signal: AbortSignal, iterations: number): AbortError {
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
export async function lbfgs(closure: () => Promise<Tensor> | Tensor, params: readonly Tensor[], options: LbfgsOptions = {}): Promise<LbfgsResult> {
  checkOptions('lbfgs', options, ['maxIter', 'maxEval', 'tol', 'gtol', 'ftol', 'historySize', 'maxLineSearch', 'signal', 'onProgress']);
  if (typeof closure !== 'function') throw new ValueError(`lbfgs: closure must be a function returning a scalar Tensor, received ${describe(closure)}`);
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
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new ValueError(`lbfgs: options.onProgress must be a function, received ${describe(onProgress)}`);

  let iterations = 0;
  let evaluations = 0;
  let x = flat.read();
  const throwIfAborted = (): void => {
    if (signal?.aborted) throw abortError(signal, iterations);
  };
  // A closure that computes on the calling thread resolves as microtasks: without a turn of the
  // event loop now and then, a timer's abort() (or a page's events) would wait for the end.
  // No signal here: the check below keeps lbfgs's own message (iterations, restored iterate).
  const yielder = new Yielder('lbfgs', undefined);

  /** f and its gradient at `point` (written into the parameters). */
  const evaluate = async (point: Float64Array): Promise<[number, Float64Array]> => {
    await yielder.tick();
    throwIfAborted();
    flat.write(point);
    for (const p of flat.params) p.grad = null;
    const loss = await closure();
    if (!(loss instanceof Tensor) || loss.size !== 1) throw new ValueError(`lbfgs: the closure must return a scalar Tensor, received ${describe(loss)}`);
    if (!loss.requiresGrad) throw new ValueError('lbfgs: the closure returned a Tensor that does not depend on the parameters (or was computed inside noGrad)');
    await loss.backward();
    evaluations++;
    throwIfAborted();
    return [loss.item(), flat.gradient()];
  };

  try {
    let [f, g] = await evaluate(x);
    if (!Number.isFinite(f)) throw new ValueError(`lbfgs: the objective is ${f} at the starting point`);
    let gradNorm = infNorm(g);
    const finish = (converged: boolean, message: string): LbfgsResult => {
      flat.write(x);
      flat.setGradient(g);
      return { loss: f, iterations, evaluations, converged, message, gradNorm };
    };
    if (gradNorm <= gtol) return finish(true, MESSAGES.gtol);

    const S: Float64Array[] = [];
    const Y: Float64Array[] = [];
    const rho: number[] = [];
    let hDiag = 1;
    for (;;) {
      if (iterations >= maxIter) return finish(false, MESSAGES.maxIter);
      if (evaluations >= maxEval) return finish(false, MESSAGES.maxEval);
      // Direction: two-loop recursion over the stored pairs (steepest descent without any).
      const d = new Float64Array(g.length);
      for (let k = 0; k < d.length; k++) d[k] = -g[k]!;
      const alpha = new Array<number>(S.length);
      for (let i = S.length - 1; i >= 0; i--) {
        alpha[i] = dot(S[i]!, d) * rho[i]!;
        const y = Y[i]!;
        for (let k = 0; k < d.length; k++) d[k] -= alpha[i]! * y[k]!;
      }
      for (let k = 0; k < d.length; k++) d[k] *= hDiag;
      for (let i = 0; i < S.length; i++) {
        const beta = dot(Y[i]!, d) * rho[i]!;
        const s = S[i]!;
        for (let k = 0; k < d.length; k++) d[k] += (alpha[i]! - beta) * s[k]!;
      }
      const gtd = dot(g, d);
      const restart = (): boolean => {
        if (S.length === 0) return false;
        S.length = 0;
        Y.length = 0;
        rho.length = 0;
        hDiag = 1;
        return true;
      };
      if (!(gtd < 0)) {
        if (restart()) continue;
        return finish(false, MESSAGES.lineSearch);
      }
      // First step of a fresh memory: PyTorch's min(1, 1/|g|_1); afterwards the unit step.
      let t0 = 1;
      if (S.length === 0) {
        let l1 = 0;
        for (let k = 0; k < g.length; k++) l1 += Math.abs(g[k]!);
        t0 = Math.min(1, 1 / l1);
      }
      const base = x;
      const searched = await strongWolfe(
        (t) => {
          const point = new Float64Array(base.length);
          for (let k = 0; k < point.length; k++) point[k] = base[k]! + t * d[k]!;
          return evaluate(point);
        },
        t0, d, f, g, gtd,
        { maxLineSearch: Math.max(0, Math.min(maxLineSearch, maxEval - evaluations - 1)) },
      );
      if (!(searched.t > 0 && searched.f < f)) {
        // No decrease along d: drop the memory and retry along -g once, as L-BFGS-B does.
        if (restart()) continue;
        return finish(false, MESSAGES.lineSearch);
      }
      const s = new Float64Array(x.length);
      const y = new Float64Array(x.length);
      const xNew = new Float64Array(x.length);
      for (let k = 0; k < x.length; k++) {
        s[k] = searched.t * d[k]!;
        xNew[k] = x[k]! + s[k]!;
        y[k] = searched.g[k]! - g[k]!;
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
      if (onProgress) await onProgress({ iteration: iterations, loss: f, gradNorm });
      throwIfAborted();
      if (gradNorm <= gtol) return finish(true, MESSAGES.gtol);
      if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol) return finish(true, MESSAGES.ftol);
    }
  } catch (error) {
    flat.write(x);
    throw error;
  }
}
