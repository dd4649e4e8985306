/**
 * `transportPlan(x, y, options)`: the entropic transport plan between two sampled measures,
 * and the barycentric map it defines, from the dual potentials of OT_eps(a, b) (GeomLoss's
 * `potentials: true, debias: false`), as a LazyTensor that is never formed as an N x M array.
 *
 * The potentials of samplesLoss come from the epsilon-scaling loop and its last extrapolation
 * step: good enough for the loss and its gradient, but at scaling 0.5 the plan they define
 * misses its marginals by a few percent to tens of percent. So the loop is followed by full
 * (alternating, over-relaxed) Sinkhorn updates at the target temperature (sinkhorn-refine.ts)
 * until the row marginal of the plan is within `tol` of its target; the column marginal is then
 * exact up to rounding, because G is computed from F last.
 */
import { Yielder } from '../abort.js';
import { ShapeError, ValueError, describe } from '../errors.js';
import type { LazyTensor } from '../api/lazy-tensor.js';
import { Vi, Vj } from '../api/variables.js';
import type { ReduceOptions } from '../api/reduce.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { lazyCost } from './cost.js';
import { dampening, scalingParameters } from './epsilon-schedule.js';
import { castTo } from './grad-helpers.js';
import { resolveOptions, type ResolvedOptions, type SamplesLossOptions } from './options.js';
import { checkCall, checkBackendDType, reductionBackendOf } from './samples-loss.js';
import { selectBackend } from './auto-backend.js';
import type { BackendChoice } from './backend-choice.js';
import { sinkhornOnline, sinkhornTensorized, type RoutineResult } from './sinkhorn-samples.js';
import { multiscaleRoutine } from './sinkhorn-multiscale.js';
import { asDType, softminOnline } from './softmin-online.js';
import { logWeights } from './weights.js';
import { refinePotentials } from './sinkhorn-refine.js';

/** Options of `transportPlan`: those of samplesLoss('sinkhorn'), and the stopping rule of the last updates. */
export interface TransportPlanOptions extends Omit<SamplesLossOptions, 'potentials' | 'kernel' | 'debias'> {
  /**
   * The plan is that of OT_eps(a, b), GeomLoss's `debias: false`; only `false` (or leaving it
   * out) is accepted.
   */
  debias?: false;
  /**
   * Stops the final Sinkhorn updates when sum_i |sum_j pi_ij - target_i| <= tol * sum_i a_i,
   * target_i = a_i (balanced) or a_i exp(-F_i / rho) (unbalanced), measured from the softmins in
   * the points' dtype. Default 1e-6 in float64, 1e-4 in float32: in float32 the plan's
   * exponents (F_i + G_j - C_ij) / eps round at about 1e-7 |F| / eps (1e-5 to 1e-4 at blurs
   * 0.05 to 0.01 on the unit square), which a smaller tol cannot remove; pass float64 points
   * for tighter marginals. The updates are
   * over-relaxed (sinkhorn-refine.ts); still, blur 0.02 on clouds of diameter 1 takes a hundred
   * or two of them for 1e-6. `converged` says whether the tolerance was reached.
   */
  tol?: number;
  /**
   * At most this many final updates (each is two reductions); default 1000. With 0, F is the
   * loop's (GeomLoss's) and G is still recomputed from it (one reduction).
   */
  maxIter?: number;
}

/** What `transportPlan` returns. */
export interface TransportPlan {
  /**
   * pi_ij = a_i b_j exp((F_i + G_j - C(x_i, y_j)) / eps), a LazyTensor [N, M]: reduce it like
   * any other (`sum(1)` for its row marginal, `argmax(1)` for a matching, `argKmin`, ...).
   */
  readonly plan: LazyTensor;
  /** The dual potential on x, Tensor [N]. */
  readonly F: Tensor;
  /** The dual potential on y, Tensor [M]. */
  readonly G: Tensor;
  /** The temperature blur^p. */
  readonly eps: number;
  /** Final Sinkhorn updates done after the epsilon-scaling loop. */
  readonly iterations: number;
  /** The last row-marginal error, relative to the mass of a (see `tol`). */
  readonly marginalError: number;
  /**
   * Whether marginalError <= tol: false when maxIter updates did not get there, or when the
   * error stopped decreasing above tol (rounding: a tol too small for float32 at that blur).
   */
  readonly converged: boolean;
  /**
   * The barycentric map T(x_i) = sum_j pi_ij y_j / sum_j pi_ij, a Tensor [N, D], by one
   * reduction (a softmax-weighted sum over j; the N x M plan is never formed).
   */
  map(options?: ReduceOptions): Promise<Tensor>;
  /** The backend the potentials were computed on ('auto' resolved), why, and the estimates of each. */
  readonly backend: BackendChoice;
}

const EXTRA_KEYS = ['tol', 'maxIter'];

function isOptions(value: unknown): boolean {
  return value === undefined || (value !== null && typeof value === 'object' && !(value instanceof Tensor));
}

function checkTol(value: unknown): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new ValueError(`transportPlan: options.tol must be a positive finite number, received ${describe(value)}`);
  }
  return value;
}

function checkMaxIter(value: unknown): number {
  if (value === undefined) return 1000;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ValueError(`transportPlan: options.maxIter must be a non-negative integer, received ${describe(value)}`);
  }
  return value;
}

/** Splits `(x, y[, options])` / `(a, x, b, y[, options])` and validates the options. */
function parseArgs(args: unknown[]): { tensors: unknown[]; opts: ResolvedOptions; tol: number | null; maxIter: number } {
  const last = args[args.length - 1];
  const hasOptions = (args.length === 3 || args.length === 5) && isOptions(last);
  const tensors = hasOptions ? args.slice(0, -1) : args;
  if (tensors.length !== 2 && tensors.length !== 4) {
    throw new ValueError(`transportPlan: takes (x, y) or (a, x, b, y), each optionally followed by an options object; received ${args.length} arguments`);
  }
  const raw = (hasOptions ? last : undefined) as Record<string, unknown> | undefined;
  if (raw !== undefined && 'potentials' in raw) throw new ValueError('transportPlan: options.potentials does not apply: the result always holds the potentials F and G');
  if (raw !== undefined && 'kernel' in raw) throw new ValueError("transportPlan: options.kernel does not apply: the plan is Sinkhorn's, with a ground cost through options.cost");
  if (raw !== undefined && raw.debias !== undefined && raw.debias !== false) {
    throw new ValueError(`transportPlan: the plan is built from the potentials of OT_eps(a, b) (GeomLoss's debias: false); options.debias must be false or left out, received ${describe(raw.debias)}`);
  }
  const { opts } = resolveOptions('sinkhorn', { ...raw, debias: false, potentials: true }, 'transportPlan', EXTRA_KEYS);
  return { tensors, opts, tol: checkTol(raw?.tol), maxIter: checkMaxIter(raw?.maxIter) };
}

/** `t` as a fresh float tensor of `shape` with no graph (potentials are constants of the plan). */
function constant(t: Tensor, dtype: 'float32' | 'float64', shape: number[]): Tensor {
  const data = allocateData(dtype, t.size);
  data.set(t.data);
  return new Tensor(data, shape);
}

/**
 * The entropic optimal transport plan between two point clouds, and its barycentric map:
 * pi_ij = a_i b_j exp((F_i + G_j - C(x_i, y_j)) / eps), eps = blur^p, C = |x - y|^p / p (or
 * `options.cost`), from the dual potentials of OT_eps(a, b). Called as `(x, y)` (uniform
 * weights) or `(a, x, b, y)`, with the options of samplesLoss('sinkhorn') after them.
 *
 * After GeomLoss's epsilon-scaling loop, full Sinkhorn updates at the target temperature run
 * until the plan's marginals are within `tol` (relative, L1) of their targets: a and b when
 * balanced (`ot.plan.sum(1)` ~ a, `ot.plan.sum(0)` ~ b); a_i exp(-F_i / rho) and
 * b_j exp(-G_j / rho) with rho = reach^p when unbalanced (`reach` set). The plan reads x and y
 * when it is reduced (do not write them in place in between); gradients flow through the cost
 * only, with F and G held fixed. Point clouds are [N, D] and [M, D] (no batch axis); a cost
 * function must return a LazyTensor when called with (Vi(x), Vj(y)), as the plan is lazy.
 *
 * @example
 * ```ts
 * import { tensor, transportPlan } from 'lazykernel';
 * const X = tensor([0, 0, 1, 0, 0, 1], [3, 2]);
 * const Y = tensor([3, 0, 4, 0, 3, 1], [3, 2]);   // X shifted by (3, 0)
 * const ot = await transportPlan(X, Y, { p: 2, blur: 0.05, scaling: 0.5 });
 * // Row sums: the weights a = 1/3; argmax: x_i goes to y_i; the map moves X onto Y.
 * console.log(await ot.plan.sum(1));      // => [[0.3333], [0.3333], [0.3333]]
 * console.log(await ot.plan.argmax(1));   // => [[0], [1], [2]]
 * console.log(await ot.map());            // => [[3, 0], [4, 0], [3, 1]]
 * console.log(ot.F.shape);                // => [3]
 * console.log(ot.converged);              // => true
 * ```
 */
export function transportPlan(x: Tensor, y: Tensor, options?: TransportPlanOptions): Promise<TransportPlan>;
export function transportPlan(a: Tensor, x: Tensor, b: Tensor, y: Tensor, options?: TransportPlanOptions): Promise<TransportPlan>;
export async function transportPlan(...args: unknown[]): Promise<TransportPlan> {
  const { tensors, opts, tol: tolOption, maxIter } = parseArgs(args);
  const { inp, s } = checkCall('transportPlan', 'sinkhorn', opts, tensors);
  if (s.B > 0) throw new ShapeError(`transportPlan: the points must be [N, D] Tensors (no batch axis), received x of shape [${inp.x.shape.join(', ')}]`);
  // The plan is lazy: a cost function is called with (Vi(x), Vj(y)), which the dense backend does not do.
  if (typeof opts.cost === 'function' && opts.backend === 'tensorized') {
    throw new ValueError("transportPlan: a cost function is called with (Vi(x), Vj(y)) to build the lazy plan; the 'tensorized' backend calls it with dense Tensors: use 'online' (or 'auto'), or a formula string");
  }
  const scaling = scalingParameters(inp.x, inp.y, opts.p, opts.blur, opts.reach, opts.diameter, opts.scaling);
  const yielder = new Yielder('transportPlan', opts.signal);
  await yielder.tick();
  const choice = await selectBackend('transportPlan', 'sinkhorn', opts, s, { ...inp, labels: false }, scaling);
  const backend = choice.backend;
  const dtype = inp.x.dtype === 'float64' || inp.y.dtype === 'float64' ? 'float64' : 'float32';
  checkBackendDType('transportPlan', backend, dtype);
  const tol = tolOption ?? (dtype === 'float64' ? 1e-6 : 1e-4);
  const { N, M, D } = s;
  const a = castTo(inp.a, dtype).reshape([N]).detach();
  const b = castTo(inp.b, dtype).reshape([M]).detach();
  const x = castTo(inp.x, dtype).reshape([N, D]);
  const y = castTo(inp.y, dtype).reshape([M, D]);
  await yielder.tick();

  // 1. GeomLoss's loop (no self problems: debias is false, so no potential cache is involved).
  const reductionBackend = reductionBackendOf(backend);
  const ctx = { scaling, batch: 0, backend, reductionBackend, yielder };
  let result: RoutineResult;
  if (backend === 'tensorized') {
    result = await sinkhornTensorized(a.reshape([1, N]), x.detach().reshape([1, N, D]), b.reshape([1, M]), y.detach().reshape([1, M, D]), opts, ctx);
  } else {
    const routine = backend === 'multiscale' ? multiscaleRoutine('sinkhorn', null, null) : sinkhornOnline;
    result = await routine(a, x.detach(), b, y.detach(), opts, ctx);
  }
  // Only F is kept: G is recomputed from it below, which makes the column marginal exact.
  const [F0] = result as [Tensor, Tensor];

  // 2. Full Sinkhorn updates at the target temperature until the marginals hold.
  const { eps, rho } = scaling;
  const damping = dampening(eps, rho);
  const cost = lazyCost(opts.p, opts.cost);
  const softmin = softminOnline(cost, opts.signal, yielder, reductionBackend, opts.cluster);
  const xd = x.detach(), yd = y.detach();
  const aLog = logWeights(a), bLog = logWeights(b);
  const Tb = async (g: Tensor): Promise<Tensor> => (await softmin(eps, { x: xd, y: yd }, bLog.add(g.div(eps)))).mul(damping);
  const Ta = async (f: Tensor): Promise<Tensor> => (await softmin(eps, { x: yd, y: xd }, aLog.add(f.div(eps)))).mul(damping);
  const { f, g, iterations, marginalError } = await refinePotentials({ Ta, Tb, a, f: constant(F0, dtype, [N]), eps, rho, damping, tol, maxIter });
  const F = constant(f, dtype, [N]);
  const G = constant(g, dtype, [M]);

  // 3. The plan: exp(u_i + v_j - C_ij / eps) with u = log a + F / eps, v = log b + G / eps.
  const u = asDType(aLog.add(F.div(eps)), dtype).reshape([N, 1]);
  const v = asDType(bLog.add(G.div(eps)), dtype).reshape([M, 1]);
  const logits = (): LazyTensor => cost(x, y, -1 / eps).add(Vj(v));
  const plan = logits().add(Vi(u)).exp();
  return {
    plan,
    F,
    G,
    eps,
    iterations,
    marginalError,
    converged: marginalError <= tol,
    // u_i cancels in the ratio: the map is the softmax over j of v_j - C_ij / eps, weighting y_j.
    map: (options?: ReduceOptions) => logits().sumsoftmaxweight(Vj(y), 1, options),
    backend: choice,
  };
}
