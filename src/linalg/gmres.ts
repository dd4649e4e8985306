/**
 * Restarted GMRES for general (non-symmetric) square operators, like scipy.sparse.linalg.gmres,
 * with right preconditioning: it minimises ||b - A M y|| over a Krylov space and returns
 * x = M y, so the residual it watches is the true one of A x = b, not a preconditioned one.
 * The preconditioned directions z = M v are kept (flexible GMRES), so a preconditioner that is
 * itself an iterative solve works too. A block b [N, k] runs k Arnoldi processes side by side,
 * with one operator application for all still-active columns per step.
 */
import { checkOptions } from '../errors.js';
import { Yielder } from '../abort.js';
import { dot, positiveInt, type VectorLike } from './arrays.js';
import type { LinearOperator } from './linear-operator.js';
import {
  applyColumns, initialGuess, krylovProblem, preconditioner, solutionDType, solutionTensor,
  type Preconditioner, type SolveReason, type SolveResult, type SolverProgress,
} from './columns.js';
import { assertFiniteOutput } from './finite-output.js';

/** Options of `gmres`. */
export interface GmresOptions {
  /** Relative tolerance: a column stops when ||b - A x|| <= max(tol ||b||, atol). Default 1e-5 (scipy's rtol). */
  tol?: number;
  /** Absolute tolerance, default 0. */
  atol?: number;
  /** Krylov dimension between restarts, default 20 (scipy's); capped at N. */
  restart?: number;
  /** Limit on restart cycles (scipy's maxiter), default 10 N. */
  maxiter?: number;
  /** Initial guess, shaped like b. */
  x0?: VectorLike;
  /** Right preconditioner approximating A^-1: the solver works with A M and returns x = M y. */
  M?: Preconditioner;
  signal?: AbortSignal;
  /** Called after every Arnoldi step with the residual estimate of the least-squares problem. */
  onProgress?: (progress: SolverProgress) => void;
}

const GMRES_OPTIONS = ['tol', 'atol', 'restart', 'maxiter', 'x0', 'M', 'signal', 'onProgress'];

/** One column's Arnoldi cycle. */
interface Cycle {
  /** Orthonormal basis of the Krylov space. */
  V: Float64Array[];
  /** M V, the directions x moves along. */
  Z: Float64Array[];
  /** Columns of the Hessenberg matrix, rotated to upper triangular as they come: R[j] has j + 1 entries. */
  R: Float64Array[];
  /** The rotated right-hand side beta e_1. */
  g: number[];
  cs: number[];
  sn: number[];
  /** No more steps in this cycle: estimate met, breakdown, or the cycle is full. */
  closed: boolean;
}

/**
 * Solves A x = b for a square operator A (symmetric or not) and b of shape [N] or [N, k], by
 * GMRES restarted every `restart` steps. Resolves to `{ x, iterations, converged, residual,
 * residuals, reason, message }` like `cg`: `iterations` counts Arnoldi steps (operator
 * applications) of the slowest column, `residual` is the true relative residual
 * ||b - A x|| / ||b|| computed at the last restart. Not converging is reported
 * (`converged: false`, `reason: 'maxiter'`), not thrown; NaN or Inf from A is a ValueError.
 *
 * @example
 * ```ts
 * import { tensor, aslinearoperator, gmres } from 'lazykernel';
 * const A = aslinearoperator(tensor([4, 1, 0, -2, 3, 1, 0, 1, 2], [3, 3], { dtype: 'float64' }));   // not symmetric
 * const { x, converged } = await gmres(A, [1, 2, 3], { tol: 1e-10 });
 * console.log(converged); // => true
 * const r = (await A.matvec(x)).sub(tensor([1, 2, 3], [3], { dtype: 'float64' })).abs().max().item();
 * console.log(r < 1e-9);  // => true
 * ```
 */
export async function gmres(op: LinearOperator, b: VectorLike, options?: GmresOptions): Promise<SolveResult> {
  const where = 'gmres';
  checkOptions(where, options, GMRES_OPTIONS);
  const { A, n, B, shape, dtype, tol, atol, maxiter, signal, onProgress } = krylovProblem(where, op, b, options);
  const restart = Math.min(n, positiveInt(where, 'restart', options?.restart, 20));
  const outDType = solutionDType(A, dtype);
  const Mcols = preconditioner(where, options?.M, n, outDType);
  const k = B.length;
  const X = initialGuess(where, options?.x0, n, k) ?? B.map(() => new Float64Array(n));
  const yielder = new Yielder(where, signal);

  const applyA = async (cols: Float64Array[], when: string) => {
    const out = await applyColumns(A, cols, signal);
    assertFiniteOutput(where, 'the operator', out, when);
    return out;
  };
  const applyM = async (cols: Float64Array[], when: string) => {
    if (!Mcols) return cols.map((c) => Float64Array.from(c));
    const out = await Mcols(cols, signal);
    assertFiniteOutput(where, 'the preconditioner options.M', out, when);
    return out;
  };

  const bnorm = B.map((col) => Math.sqrt(dot(col, col)));
  const threshold = bnorm.map((bn) => Math.max(tol * bn, atol));
  const relative = (c: number, r: number) => (bnorm[c]! > 0 ? r / bnorm[c]! : r);
  const rnorm = new Float64Array(k);
  const done = new Array<boolean>(k).fill(false);
  const iterations = new Array<number>(k).fill(0);
  let started = options?.x0 !== undefined;
  let cycles = 0;

  for (;;) {
    // The true residual b - A x of every unfinished column, which opens the next cycle.
    const open = Array.from({ length: k }, (_, c) => c).filter((c) => !done[c]);
    const R0 = open.map((c) => Float64Array.from(B[c]!));
    if (started) {
      const AX = await applyA(open.map((c) => X[c]!), cycles === 0 ? 'applied to options.x0' : `at restart ${cycles}`);
      open.forEach((c, a) => { for (let i = 0; i < n; i++) R0[a]![i]! -= AX[a]![i]!; });
    }
    started = true;
    open.forEach((c, a) => {
      rnorm[c] = Math.sqrt(dot(R0[a]!, R0[a]!));
      if (rnorm[c]! <= threshold[c]!) done[c] = true;
    });
    if (done.every(Boolean) || cycles >= maxiter) break;
    cycles++;

    const cycle = new Map<number, Cycle>();
    open.forEach((c, a) => {
      if (done[c]) return;
      const r = R0[a]!;
      const beta = rnorm[c]!;
      for (let i = 0; i < n; i++) r[i]! /= beta;
      cycle.set(c, { V: [r], Z: [], R: [], g: [beta], cs: [], sn: [], closed: false });
    });

    for (let j = 0; j < restart; j++) {
      const active = [...cycle.entries()].filter(([, s]) => !s.closed);
      if (active.length === 0) break;
      await yielder.tick();
      const when = `at restart ${cycles}, step ${j + 1}`;
      const Zj = await applyM(active.map(([, s]) => s.V[j]!), when);
      const W = await applyA(Zj, when);
      active.forEach(([c, s], a) => {
        iterations[c]!++;
        s.Z.push(Zj[a]!);
        const w = W[a]!;
        // Modified Gram-Schmidt, twice: the basis must stay orthogonal for the estimate to be the residual.
        const h = new Float64Array(j + 2);
        for (let pass = 0; pass < 2; pass++) {
          for (let i = 0; i <= j; i++) {
            const v = s.V[i]!;
            const coef = dot(v, w);
            h[i]! += coef;
            for (let r = 0; r < n; r++) w[r]! -= coef * v[r]!;
          }
        }
        const hnext = Math.sqrt(dot(w, w));
        h[j + 1] = hnext;
        // The earlier rotations, then a new one that zeroes h[j + 1].
        for (let i = 0; i < j; i++) {
          const t = s.cs[i]! * h[i]! + s.sn[i]! * h[i + 1]!;
          h[i + 1] = -s.sn[i]! * h[i]! + s.cs[i]! * h[i + 1]!;
          h[i] = t;
        }
        const rho = Math.hypot(h[j]!, hnext);
        const cj = rho === 0 ? 1 : h[j]! / rho;
        const sj = rho === 0 ? 0 : hnext / rho;
        h[j] = rho;
        s.cs.push(cj);
        s.sn.push(sj);
        const gj = s.g[j]!;
        s.g[j] = cj * gj;
        s.g.push(-sj * gj);
        s.R.push(h.subarray(0, j + 1));
        const estimate = Math.abs(s.g[j + 1]!);
        rnorm[c] = estimate;
        // Breakdown (hnext ~ 0): the Krylov space is invariant and holds the solution.
        const breakdown = !(hnext > 1e-14 * rho);
        if (estimate <= threshold[c]! || breakdown || j + 1 === restart) s.closed = true;
        else {
          for (let r = 0; r < n; r++) w[r]! /= hnext;
          s.V.push(w);
        }
      });
      if (onProgress) {
        const pending = Array.from({ length: k }, (_, c) => c).filter((c) => !done[c]);
        onProgress({ iteration: Math.max(...iterations), residual: Math.max(0, ...pending.map((c) => relative(c, rnorm[c]!))), converged: k - pending.length, columns: k });
      }
    }
    // x += Z y with R y = g (back substitution on the rotated Hessenberg matrix).
    for (const [c, s] of cycle) {
      const m = s.R.length;
      const y = new Float64Array(m);
      for (let i = m - 1; i >= 0; i--) {
        let t = s.g[i]!;
        for (let l = i + 1; l < m; l++) t -= s.R[l]![i]! * y[l]!;
        const d = s.R[i]![i]!;
        y[i] = d === 0 ? 0 : t / d;
      }
      const x = X[c]!;
      for (let l = 0; l < m; l++) {
        const z = s.Z[l]!;
        const yl = y[l]!;
        for (let r = 0; r < n; r++) x[r]! += yl * z[r]!;
      }
    }
  }

  const residuals = Float64Array.from({ length: k }, (_, c) => relative(c, rnorm[c]!));
  const residual = Math.max(...residuals);
  const iterationCount = Math.max(0, ...iterations);
  const failed = done.filter((d) => !d).length;
  const reason: SolveReason = failed === 0 ? 'converged' : 'maxiter';
  const res = residual.toExponential(2);
  const message = reason === 'converged'
    ? `converged in ${iterationCount} iterations (${cycles} restart cycles, relative residual ${res})`
    : `${k > 1 ? `${failed} of ${k} columns` : 'the solve'} did not meet the tolerance within maxiter = ${maxiter} restart cycles of ${restart} steps (relative residual ${res}); `
      + 'raise options.maxiter or options.restart, relax options.tol, or pass a preconditioner options.M';
  return { x: solutionTensor(X, shape, outDType), iterations: iterationCount, converged: failed === 0, residual, residuals, reason, message };
}
