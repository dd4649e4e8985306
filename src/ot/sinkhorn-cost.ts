/**
 * GeomLoss's `sinkhorn_cost`: the Sinkhorn divergence (or the raw entropic OT cost, or the dual
 * potentials) from the potentials of the last Sinkhorn step.
 *
 * Two corrections to GeomLoss, both invisible for probability measures in the balanced case:
 * - Unbalanced transport: GeomLoss scales the exponentiated potentials by rho + eps/2 in the
 *   forward pass and means to scale the gradient by rho + eps (Sejourne et al. 2019, Prop. 12)
 *   through `UnbalancedWeight.backward`, which torch never calls (it is not an
 *   autograd.Function). Here the value uses rho + eps/2 and the gradient rho + eps, so that the
 *   gradients with respect to weights and positions are those of the converged divergence.
 * - Raw (debias: false) costs: the dual objective at the optimum also holds
 *   eps (<a,1><b,1> - mass of the plan), which GeomLoss drops (its comment asks to re-check);
 *   it vanishes for measures of mass 1 and is added here, with its gradient.
 */
import type { Tensor } from '../tensor/tensor.js';
import { withValue } from './grad-helpers.js';
import type { Potentials } from './sinkhorn-loop.js';

/** <a, f> over the last axis: a scalar for [N], a [B] vector for [B, N]. */
export function scal(a: Tensor, f: Tensor): Tensor {
  return a.mul(f).sum(-1);
}

/** exp(-f / rho). */
const expNeg = (f: Tensor, rho: number): Tensor => f.div(-rho).exp();

/**
 * The loss from the potentials (`potentials: false`) or the pair [F, G] of potentials
 * (`potentials: true`), for weights a [.., N], b [.., M].
 */
export function sinkhornCost(eps: number, rho: number | null, a: Tensor, b: Tensor, pots: Potentials, debias: boolean, potentials: boolean): Tensor | [Tensor, Tensor] {
  const { fAA, gBB, gAB, fBA } = pots;
  if (potentials) return debias ? [fBA.sub(fAA!), gAB.sub(gBB!)] : [fBA, gAB];
  if (debias) {
    if (rho === null) return scal(a, fBA.sub(fAA!)).add(scal(b, gAB.sub(gBB!)));
    const u = scal(a, expNeg(fAA!, rho).sub(expNeg(fBA, rho))).add(scal(b, expNeg(gBB!, rho).sub(expNeg(gAB, rho))));
    return withValue(u.mul(rho + eps), u.mul(rho + eps / 2));
  }
  // Raw OT_eps: the dual objective at the optimum, whose gradient in a_i is the envelope's.
  const ma = a.sum(-1);
  const mb = b.sum(-1);
  const value = (base: Tensor): Tensor => base.add(ma.mul(mb).sub(ma.add(mb).mul(0.5)).mul(eps).detach());
  const graph = (base: Tensor): Tensor => base.add(ma.mul(mb).sub(ma).sub(mb).mul(eps));
  if (rho === null) {
    const base = scal(a, fBA).add(scal(b, gAB));
    return withValue(graph(base), value(base));
  }
  const u = scal(a, expNeg(fBA, rho).neg().add(1)).add(scal(b, expNeg(gAB, rho).neg().add(1)));
  return withValue(graph(u.mul(rho + eps)), value(u.mul(rho + eps / 2)));
}
