/**
 * Conjugate gradients for symmetric positive definite operators, like scipy.sparse.linalg.cg.
 * A block b [N, k] solves k systems at once: each column keeps its own recurrence, and every
 * iteration applies the operator to all still-active columns in one call (one reduction).
 * A direction with p^T A p <= 0 proves A is not positive definite: that column stops there
 * with its best iterate, and the result says so (`reason`, `message`).
 */
import { checkOptions } from '../errors.js';
import { Yielder } from '../abort.js';
import { booleanOption, dot, type VectorLike } from './arrays.js';
import type { LinearOperator } from './linear-operator.js';
import {
  applyColumns, initialGuess, krylovProblem, preconditioner, solutionDType, solutionTensor,
  type Preconditioner, type SolveReason, type SolveResult, type SolverProgress,
} from './columns.js';
import { assertFiniteOutput } from './finite-output.js';
import { probeSymmetry } from './symmetry.js';

/** Options of `cg`. */
export interface CgOptions {
  /** Relative tolerance: a column stops when ||b - A x|| <= max(tol ||b||, atol). Default 1e-5 (scipy's rtol). */
  tol?: number;
  /** Absolute tolerance, default 0. */
  atol?: number;
  /** Iteration limit, default 10 N (scipy's). */
  maxiter?: number;
  /** Initial guess, shaped like b. */
  x0?: VectorLike;
  /** Preconditioner approximating A^-1 (symmetric positive definite). */
  M?: Preconditioner;
  /**
   * Probe A for symmetry before iterating (one application of A to 2 vectors) and throw a
   * ValueError when it is not symmetric. Default true; false skips the probe.
   */
  checkSymmetric?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: SolverProgress) => void;
}

const CG_OPTIONS = ['tol', 'atol', 'maxiter', 'x0', 'M', 'checkSymmetric', 'signal', 'onProgress'];
const ADVICE = 'cg needs a symmetric positive definite A; for a general A use gmres or bicgstab.';

/** Where a column met p^T A p <= 0. */
interface Curvature {
  readonly column: number;
  readonly iteration: number;
  readonly value: number;
}

/**
 * Solves A x = b for a symmetric positive definite operator A and b of shape [N] or [N, k].
 * Resolves to `{ x, iterations, converged, residual, residuals, reason, message }`: `x` has
 * b's shape; not converging is reported through `converged` and `reason` ('maxiter', or
 * 'non-positive curvature' when A is not positive definite), as scipy's `info`, not thrown.
 * Throws a ValueError when A is not symmetric (see `checkSymmetric`) or returns NaN or Inf.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, aslinearoperator, identity, cg } from 'lazykernel';
 * const X = tensor(Float64Array.from({ length: 20 }, (_, k) => k / 4), [20, 1]);
 * const A = aslinearoperator(Vi(X).sqdist(Vj(X)).neg().exp()).add(identity(20));   // K + I: positive definite
 * const b = new Float64Array(20).fill(1);
 * const { x, converged, iterations } = await cg(A, b, { tol: 1e-8 });
 * console.log(converged);                                       // => true
 * const r = (await A.matvec(x)).sub(tensor(b)).abs().max().item();
 * console.log(r < 1e-6);                                        // => true
 * ```
 */
export async function cg(op: LinearOperator, b: VectorLike, options?: CgOptions): Promise<SolveResult> {
  const where = 'cg';
  checkOptions(where, options, CG_OPTIONS);
  const { A, n, B, shape, dtype, tol, atol, maxiter, signal, onProgress } = krylovProblem(where, op, b, options);
  const checkSymmetric = booleanOption(where, 'checkSymmetric', options?.checkSymmetric, true);
  const outDType = solutionDType(A, dtype);
  const Mcols = preconditioner(where, options?.M, n, outDType);
  const M = Mcols && (async (cols: Float64Array[], when: string) => {
    const Z = await Mcols(cols, signal);
    assertFiniteOutput(where, 'the preconditioner options.M', Z, when);
    return Z;
  });
  const k = B.length;
  const X = initialGuess(where, options?.x0, n, k) ?? B.map(() => new Float64Array(n));
  // The arguments are checked: now the operator, before any iteration trusts it.
  const yielder = new Yielder(where, signal);
  if (checkSymmetric) await probeSymmetry(where, A, signal, ADVICE);

  const R = B.map((col) => Float64Array.from(col));
  if (options?.x0 !== undefined) {
    const AX = await applyColumns(A, X, signal);
    assertFiniteOutput(where, 'the operator', AX, 'applied to options.x0');
    for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) R[c]![i]! -= AX[c]![i]!;
  }
  const bnorm = B.map((col) => Math.sqrt(dot(col, col)));
  const threshold = bnorm.map((bn) => Math.max(tol * bn, atol));
  const rnorm = R.map((r) => Math.sqrt(dot(r, r)));
  const relative = (c: number) => (bnorm[c]! > 0 ? rnorm[c]! / bnorm[c]! : rnorm[c]!);
  const done = rnorm.map((r, c) => r <= threshold[c]!);
  const stalled = new Array<boolean>(k).fill(false);
  const iterations = new Array<number>(k).fill(0);
  // The iterate of least residual, returned by a column that meets non-positive curvature.
  const best = X.map((x) => Float64Array.from(x));
  const bestRnorm = rnorm.slice();
  let curvature: Curvature | null = null;

  let active = activeColumns(done, stalled);
  let Z = M ? await M(active.map((c) => R[c]!), 'before the first iteration') : active.map((c) => R[c]!);
  const P: Float64Array[] = new Array(k);
  const rz = new Float64Array(k);
  active.forEach((c, a) => {
    P[c] = Float64Array.from(Z[a]!);
    rz[c] = dot(R[c]!, Z[a]!);
  });

  for (let it = 1; it <= maxiter && active.length > 0; it++) {
    // A synchronous callback operator would otherwise hold the event loop (and timers' aborts) until the end.
    await yielder.tick();
    const AP = await applyColumns(A, active.map((c) => P[c]!), signal);
    assertFiniteOutput(where, 'the operator', AP, `at iteration ${it}`);
    active.forEach((c, a) => {
      const p = P[c]!;
      const ap = AP[a]!;
      const pAp = dot(p, ap);
      iterations[c] = it;
      if (!(pAp > 0)) {
        // A is not positive definite along p: CG's step is meaningless, so this column stops with its best iterate.
        stalled[c] = true;
        curvature ??= { column: c, iteration: it, value: pAp };
        X[c] = best[c]!;
        rnorm[c] = bestRnorm[c]!;
        return;
      }
      const alpha = rz[c]! / pAp;
      const x = X[c]!;
      const r = R[c]!;
      for (let i = 0; i < n; i++) {
        x[i]! += alpha * p[i]!;
        r[i]! -= alpha * ap[i]!;
      }
      rnorm[c] = Math.sqrt(dot(r, r));
      if (rnorm[c]! < bestRnorm[c]!) {
        best[c]!.set(x);
        bestRnorm[c] = rnorm[c]!;
      }
      if (rnorm[c]! <= threshold[c]!) done[c] = true;
    });
    const stillActive = activeColumns(done, stalled);
    onProgress?.({ iteration: it, residual: Math.max(0, ...stillActive.map(relative)), converged: done.filter(Boolean).length, columns: k });
    if (stillActive.length === 0) break;
    Z = M ? await M(stillActive.map((c) => R[c]!), `at iteration ${it}`) : stillActive.map((c) => R[c]!);
    stillActive.forEach((c, a) => {
      const z = Z[a]!;
      const rzNew = dot(R[c]!, z);
      const beta = rzNew / rz[c]!;
      rz[c] = rzNew;
      const p = P[c]!;
      for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
    });
    active = stillActive;
  }
  const residuals = Float64Array.from({ length: k }, (_, c) => relative(c));
  const residual = Math.max(...residuals);
  const iterationCount = Math.max(0, ...iterations);
  const failed = done.filter((d) => !d).length;
  const reason: SolveReason = failed === 0 ? 'converged' : curvature ? 'non-positive curvature' : 'maxiter';
  return {
    x: solutionTensor(X, shape, outDType),
    iterations: iterationCount,
    converged: failed === 0,
    residual,
    residuals,
    reason,
    message: stopMessage(reason, { k, failed, iterations: iterationCount, maxiter, residual, curvature }),
  };
}

/** The sentence behind `reason`. */
function stopMessage(reason: SolveReason, s: { k: number; failed: number; iterations: number; maxiter: number; residual: number; curvature: Curvature | null }): string {
  const res = s.residual.toExponential(2);
  const columns = s.k > 1 ? `${s.failed} of ${s.k} columns` : 'the solve';
  if (reason === 'converged') return `converged in ${s.iterations} iterations (relative residual ${res})`;
  if (reason === 'non-positive curvature' && s.curvature) {
    const { column, iteration, value } = s.curvature;
    return `stopped at iteration ${iteration}${s.k > 1 ? ` (column ${column})` : ''}: p^T A p = ${value.toExponential(2)} <= 0 along a search direction, `
      + `so the operator is not positive definite and CG cannot continue; x is the best iterate so far (relative residual ${res}). `
      + 'For a symmetric indefinite operator use minres';
  }
  return `${columns} did not meet the tolerance within maxiter = ${s.maxiter} iterations (relative residual ${res}); `
    + 'raise options.maxiter, relax options.tol, or pass a preconditioner options.M';
}

function activeColumns(done: readonly boolean[], stalled: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let c = 0; c < done.length; c++) if (!done[c] && !stalled[c]) out.push(c);
  return out;
}
