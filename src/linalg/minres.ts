/**
 * MINRES (Paige and Saunders) for symmetric, possibly indefinite operators, like
 * scipy.sparse.linalg.minres: what shift-invert eigsh uses to apply (A - sigma I)^-1 when
 * sigma lies inside the spectrum. Columns of a block b iterate together, one operator call
 * per iteration for all of them.
 */
import { checkOptions, ValueError, describe } from '../errors.js';
import { checkCallback, checkSignal, dot, nonNegative, positiveInt, throwIfAborted, type VectorLike } from './arrays.js';
import type { LinearOperator } from './linear-operator.js';
import {
  applyColumns, initialGuess, preconditioner, rightHandSide, solutionDType, solutionTensor, squareOperator,
  type Preconditioner, type SolveResult, type SolverProgress,
} from './columns.js';

/** Options of `minres`. */
export interface MinresOptions {
  /** Solves (A - shift I) x = b. Default 0. */
  shift?: number;
  /** Relative tolerance on the (preconditioned) residual norm, default 1e-5. */
  tol?: number;
  /** Iteration limit, default 5 N (scipy's). */
  maxiter?: number;
  x0?: VectorLike;
  /** Symmetric positive definite preconditioner approximating (A - shift I)^-1 in magnitude. */
  M?: Preconditioner;
  signal?: AbortSignal;
  onProgress?: (progress: SolverProgress) => void;
}

const MINRES_OPTIONS = ['shift', 'tol', 'maxiter', 'x0', 'M', 'signal', 'onProgress'];
const EPS = 2 ** -52;

/** The recurrence of one column. */
interface ColumnState {
  x: Float64Array;
  r1: Float64Array;
  r2: Float64Array;
  y: Float64Array;
  w: Float64Array;
  w2: Float64Array;
  v: Float64Array;
  beta1: number;
  alfa: number;
  beta: number;
  oldb: number;
  dbar: number;
  epsln: number;
  phibar: number;
  cs: number;
  sn: number;
  done: boolean;
  stalled: boolean;
  iterations: number;
}

/**
 * Solves (A - shift I) x = b for a symmetric operator A, b of shape [N] or [N, k]. Resolves to
 * `{ x, iterations, converged, residual, residuals }` like `cg`.
 */
export async function minres(op: LinearOperator, b: VectorLike, options?: MinresOptions): Promise<SolveResult> {
  const where = 'minres';
  checkOptions(where, options, MINRES_OPTIONS);
  const A = squareOperator(where, op);
  const n = A.shape[0];
  const { columns: B, shape, dtype } = rightHandSide(where, b, n);
  const shift = options?.shift ?? 0;
  if (typeof shift !== 'number' || !Number.isFinite(shift)) throw new ValueError(`${where}: options.shift must be a finite number, received ${describe(shift)}`);
  const tol = nonNegative(where, 'tol', options?.tol, 1e-5);
  const maxiter = positiveInt(where, 'maxiter', options?.maxiter, 5 * n);
  const signal = checkSignal(where, options?.signal);
  const onProgress = checkCallback<(p: SolverProgress) => void>(where, 'onProgress', options?.onProgress);
  const outDType = solutionDType(A, dtype);
  const M = preconditioner(where, options?.M, n, outDType);
  const k = B.length;
  const precondition = (cols: Float64Array[]) => (M ? M(cols, signal) : Promise.resolve(cols));
  const shifted = async (cols: Float64Array[]) => {
    const out = await applyColumns(A, cols, signal);
    if (shift !== 0) out.forEach((o, c) => { for (let i = 0; i < n; i++) o[i]! -= shift * cols[c]![i]!; });
    return out;
  };

  const X0 = initialGuess(where, options?.x0, n, k);
  const R1 = B.map((col) => Float64Array.from(col));
  if (X0) {
    const AX = await shifted(X0);
    R1.forEach((r, c) => { for (let i = 0; i < n; i++) r[i]! -= AX[c]![i]!; });
  }
  const Y = await precondition(R1);
  const states: ColumnState[] = R1.map((r1, c) => {
    const y = Float64Array.from(Y[c]!);
    const ry = dot(r1, y);
    if (ry < 0) throw new ValueError(`${where}: the preconditioner options.M is not positive definite (r . M r = ${ry} < 0)`);
    const beta1 = Math.sqrt(ry);
    return {
      x: X0 ? X0[c]! : new Float64Array(n), r1, r2: r1, y, w: new Float64Array(n), w2: new Float64Array(n), v: new Float64Array(n),
      beta1, alfa: 0, beta: beta1, oldb: 0, dbar: 0, epsln: 0, phibar: beta1, cs: -1, sn: 0,
      done: beta1 === 0, stalled: false, iterations: 0,
    };
  });
  // Relative residuals against the initial residual norm (that of b when x0 is absent).
  const relative = (s: ColumnState) => (s.beta1 > 0 ? Math.abs(s.phibar) / s.beta1 : 0);

  for (let it = 1; it <= maxiter; it++) {
    const active = states.filter((s) => !s.done && !s.stalled);
    if (active.length === 0) break;
    throwIfAborted(where, signal);
    for (const s of active) {
      const inv = 1 / s.beta;
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = s.y[i]! * inv;
      s.v = v;
    }
    const AV = await shifted(active.map((s) => s.v));
    active.forEach((s, a) => {
      const y = AV[a]!;
      if (it >= 2) {
        const f = s.beta / s.oldb;
        for (let i = 0; i < n; i++) y[i]! -= f * s.r1[i]!;
      }
      const alfa = dot(s.v, y);
      const g = alfa / s.beta;
      for (let i = 0; i < n; i++) y[i]! -= g * s.r2[i]!;
      s.r1 = s.r2;
      s.r2 = y;
      s.alfa = alfa;
    });
    const PY = await precondition(active.map((s) => s.r2));
    active.forEach((s, a) => {
      const alfa = s.alfa;
      s.y = PY[a]!;
      s.oldb = s.beta;
      const ry = dot(s.r2, s.y);
      s.iterations = it;
      if (!(ry >= 0)) {
        s.stalled = true; // preconditioner not positive definite, or a NaN
        return;
      }
      s.beta = Math.sqrt(ry);
      const oldeps = s.epsln;
      const delta = s.cs * s.dbar + s.sn * alfa;
      const gbar = s.sn * s.dbar - s.cs * alfa;
      s.epsln = s.sn * s.beta;
      s.dbar = -s.cs * s.beta;
      const gamma = Math.max(Math.hypot(gbar, s.beta), EPS);
      s.cs = gbar / gamma;
      s.sn = s.beta / gamma;
      const phi = s.cs * s.phibar;
      s.phibar = s.sn * s.phibar;
      const w1 = s.w2;
      s.w2 = s.w;
      const w = new Float64Array(n);
      const inv = 1 / gamma;
      for (let i = 0; i < n; i++) {
        w[i] = (s.v[i]! - oldeps * w1[i]! - delta * s.w2[i]!) * inv;
        s.x[i]! += phi * w[i]!;
      }
      s.w = w;
      if (relative(s) <= tol || s.beta === 0) s.done = true;
    });
    const still = states.filter((s) => !s.done && !s.stalled);
    onProgress?.({ iteration: it, residual: Math.max(0, ...still.map(relative)), converged: states.filter((s) => s.done).length, columns: k });
  }
  const residuals = Float64Array.from(states, relative);
  return {
    x: solutionTensor(states.map((s) => s.x), shape, outDType),
    iterations: Math.max(0, ...states.map((s) => s.iterations)),
    converged: states.every((s) => s.done),
    residual: Math.max(...residuals),
    residuals,
  };
}
