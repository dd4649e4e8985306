/**
 * GeomLoss's `sinkhorn_loop`: the symmetric Sinkhorn iterations with epsilon-scaling, the
 * optional coarse-to-fine jumps of the multiscale scheme, and a last "extrapolation" step
 * whose result carries the gradient (envelope theorem: no backpropagation through the
 * iterations, which only ever see detached tensors).
 */
import { Yielder } from '../abort.js';
import { Tensor, allocateData } from '../tensor/tensor.js';
import { dampening } from './epsilon-schedule.js';
import type { SinkhornProgress } from './options.js';

/**
 * The soft C-transform: f_i = -eps log sum_j exp(h_j - C(x_i, y_j) / eps), where `C` encodes
 * the cost between the points of f (rows) and of h (columns). It records a graph only when
 * `C` holds tensors that require grad.
 */
export type Softmin<C> = (eps: number, C: C, h: Tensor) => Promise<Tensor>;

/** Everything the loop needs, as GeomLoss's arguments (lists hold one entry per scale). */
export interface SinkhornLoopArgs<C> {
  softmin: Softmin<C>;
  /** The same cost with every tensor detached: what the iterations use. */
  detach: (C: C) => C;
  aLogs: Tensor[];
  bLogs: Tensor[];
  Cxxs: C[] | null;
  Cyys: C[] | null;
  Cxys: C[];
  Cyxs: C[];
  epsList: readonly number[];
  rho: number | null;
  /** Iterations after which the loop moves to the next (finer) scale. */
  jumps?: readonly number[];
  /** Prunes the fine cost from the coarse potentials (multiscale kernel truncation). */
  kernelTruncation?: (Cxy: C, Cyx: C, CxyFine: C, CyxFine: C, f: Tensor, g: Tensor, eps: number) => Promise<[C, C]>;
  /** Extrapolates a coarse potential to the fine points: (f, g, eps, damping, Cxy, bLog, CxyFine) -> fine f. */
  extrapolate?: (f: Tensor, g: Tensor, eps: number, damping: number, Cxy: C, bLog: Tensor, CxyFine: C) => Promise<Tensor>;
  debias: boolean;
  /**
   * The loop potentials of OT(a, a) and OT(b, b) from an earlier loop on the same measure, cost
   * and schedule (single-scale only): those problems do not depend on the other measure, so
   * their iterations are skipped. The loop returns its own in `loopAA`, `loopBB`.
   */
  cachedAA?: Tensor | null;
  cachedBB?: Tensor | null;
  signal?: AbortSignal;
  /**
   * Gives the event loop a turn every 20 ms and checks the signal: shared with the softmins of
   * the same call, so that one clock spans the whole call (a new one per loop otherwise).
   */
  yielder?: Yielder;
  onProgress?: (progress: SinkhornProgress) => void | Promise<void>;
  p: number;
  batch?: number;
}

/** The four dual potentials: f_aa, g_bb (null without debias), g_ab on y and f_ba on x. */
export interface Potentials {
  fAA: Tensor | null;
  gBB: Tensor | null;
  gAB: Tensor;
  fBA: Tensor;
  /** The potentials of OT(a, a) and OT(b, b) before the last step (for `cachedAA` / `cachedBB`). */
  loopAA?: Tensor | null;
  loopBB?: Tensor | null;
}

/** a + b / d for detached tensors of one shape (the loop's arithmetic, without broadcasting machinery). */
function addDiv(a: Tensor, b: Tensor, d: number): Tensor {
  if (a.size !== b.size) return a.add(b.div(d));
  const dtype = a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'float32';
  const out = allocateData(dtype, a.size);
  const ad = a.data, bd = b.data;
  for (let k = 0; k < out.length; k++) out[k] = ad[k]! + bd[k]! / d;
  return new Tensor(out, b.shape);
}

/** s a, in place: `a` is a fresh softmin result owned by the loop. */
function scale(a: Tensor, s: number): Tensor {
  if (s === 1) return a;
  const ad = a.data;
  for (let k = 0; k < ad.length; k++) ad[k] = ad[k]! * s;
  return a;
}

/** (a + b) / 2, written into b (a fresh softmin result owned by the loop). */
function half(a: Tensor, b: Tensor): Tensor {
  const ad = a.data, bd = b.data;
  if (ad.length !== bd.length || (a.dtype === 'float64' && b.dtype !== 'float64')) return a.add(b).mul(0.5).detach();
  for (let k = 0; k < bd.length; k++) bd[k] = (ad[k]! + bd[k]!) * 0.5;
  return b;
}

/** Runs the loop and returns the potentials of the last (differentiable) step. */
export async function sinkhornLoop<C>(args: SinkhornLoopArgs<C>): Promise<Potentials> {
  const { softmin, detach, aLogs, bLogs, Cxxs, Cyys, Cxys, Cyxs, epsList, rho, debias, signal, onProgress } = args;
  const jumps = args.jumps ?? [];
  let lastExtrapolation = true;
  const yielder = args.yielder ?? new Yielder('samplesLoss', signal);
  // Every softmin is a reduction: give the event loop its turn (and the signal its check) between them.
  const sm = async (eps: number, C: C, h: Tensor): Promise<Tensor> => {
    await yielder.tick();
    return softmin(eps, detach(C), h.detach());
  };

  let k = 0;
  let eps = epsList[0]!;
  let damping = dampening(eps, rho);
  let aLog = aLogs[k]!;
  let bLog = bLogs[k]!;
  let Cxy: C = Cxys[k] as C;
  let Cyx: C = Cyxs[k] as C;
  let Cxx: C | null = debias ? (Cxxs![k] as C) : null;
  let Cyy: C | null = debias ? (Cyys![k] as C) : null;

  // The softmins of one step are independent: they are started together, so that their
  // reductions queue on the engine back to back, and on WebGPU their read-backs wait together
  // (Deno completes a read-back only every 10 ms: one wait per step instead of four).
  const step = (damp: number, ...calls: (Promise<Tensor> | null)[]): Promise<(Tensor | null)[]> =>
    Promise.all(calls.map((c) => (c === null ? null : c.then((t) => scale(t, damp)))));

  await yielder.tick();
  // A decent initialisation: at a large temperature the softmin is almost a convolution.
  const skipAA = debias && jumps.length === 0 && !!args.cachedAA;
  const skipBB = debias && jumps.length === 0 && !!args.cachedBB;
  const init = await step(damping,
    sm(eps, Cyx, aLog),
    sm(eps, Cxy, bLog),
    debias && !skipAA ? sm(eps, Cxx as C, aLog) : null,
    debias && !skipBB ? sm(eps, Cyy as C, bLog) : null);
  let gAB = init[0]!;
  let fBA = init[1]!;
  let fAA = debias ? (skipAA ? args.cachedAA! : init[2]!) : null;
  let gBB = debias ? (skipBB ? args.cachedBB! : init[3]!) : null;

  for (let i = 0; i < epsList.length; i++) {
    eps = epsList[i]!;
    await yielder.tick();
    damping = dampening(eps, rho);
    // Symmetric ("averaged") updates of the four problems.
    const [ftBA, gtAB, ftAA, gtBB] = await step(damping,
      sm(eps, Cxy, addDiv(bLog, gAB, eps)),
      sm(eps, Cyx, addDiv(aLog, fBA, eps)),
      debias && !skipAA ? sm(eps, Cxx as C, addDiv(aLog, fAA!, eps)) : null,
      debias && !skipBB ? sm(eps, Cyy as C, addDiv(bLog, gBB!, eps)) : null);
    fBA = half(fBA, ftBA!);
    gAB = half(gAB, gtAB!);
    if (ftAA) fAA = half(fAA!, ftAA);
    if (gtBB) gBB = half(gBB!, gtBB);

    if (jumps.includes(i)) {
      let CxyFine: C, CyxFine: C;
      let CxxFine: C | null = null, CyyFine: C | null = null;
      if (i === epsList.length - 1) {
        // Last iteration: the extrapolation to the fine scale is the differentiable last step.
        CxyFine = Cxys[k + 1] as C;
        CyxFine = Cyxs[k + 1] as C;
        if (debias) {
          CxxFine = Cxxs![k + 1] as C;
          CyyFine = Cyys![k + 1] as C;
        }
        lastExtrapolation = false;
      } else {
        [CxyFine, CyxFine] = await args.kernelTruncation!(Cxy, Cyx, Cxys[k + 1] as C, Cyxs[k + 1] as C, fBA, gAB, eps);
        if (debias) {
          [CxxFine] = await args.kernelTruncation!(Cxx as C, Cxx as C, Cxxs![k + 1] as C, Cxxs![k + 1] as C, fAA!, fAA!, eps);
          [CyyFine] = await args.kernelTruncation!(Cyy as C, Cyy as C, Cyys![k + 1] as C, Cyys![k + 1] as C, gBB!, gBB!, eps);
        }
      }
      // Before the last iteration the extrapolation is part of the loop (detached); after it,
      // it is the differentiable last step.
      const fine = (C: C): C => (lastExtrapolation ? detach(C) : C);
      const extrapolate = args.extrapolate!;
      // The cross updates use the coarse potentials of both sides: compute them in parallel.
      const fFine = await extrapolate(fBA, gAB, eps, damping, detach(Cxy), bLog, fine(CxyFine));
      const gFine = await extrapolate(gAB, fBA, eps, damping, detach(Cyx), aLog, fine(CyxFine));
      fBA = fFine;
      gAB = gFine;
      if (debias) {
        fAA = await extrapolate(fAA!, fAA!, eps, damping, detach(Cxx as C), aLog, fine(CxxFine as C));
        gBB = await extrapolate(gBB!, gBB!, eps, damping, detach(Cyy as C), bLog, fine(CyyFine as C));
      }
      k++;
      aLog = aLogs[k]!;
      bLog = bLogs[k]!;
      Cxy = CxyFine;
      Cyx = CyxFine;
      if (debias) {
        Cxx = CxxFine;
        Cyy = CyyFine;
      }
    }
    if (onProgress) await onProgress({ iteration: i + 1, iterations: epsList.length, epsilon: eps, blur: eps ** (1 / args.p), batch: args.batch ?? 0 });
  }
  await yielder.tick();
  const loopAA = fAA;
  const loopBB = gBB;

  if (lastExtrapolation) {
    // One more (non-averaged) Sinkhorn step on the un-detached costs, with detached inputs:
    // its gradient with respect to the points is the gradient of the converged OT cost.
    const [f, g, fa, gb] = await Promise.all([
      softmin(eps, Cxy, addDiv(bLog, gAB, eps)),
      softmin(eps, Cyx, addDiv(aLog, fBA, eps)),
      debias ? softmin(eps, Cxx as C, addDiv(aLog, fAA!, eps)) : null,
      debias ? softmin(eps, Cyy as C, addDiv(bLog, gBB!, eps)) : null,
    ]);
    fBA = f.mul(damping);
    gAB = g.mul(damping);
    if (debias) {
      fAA = fa!.mul(damping);
      gBB = gb!.mul(damping);
    }
  }
  return { fAA, gBB, gAB, fBA, loopAA, loopBB };
}
