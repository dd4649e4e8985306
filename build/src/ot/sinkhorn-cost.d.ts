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
import type { Potentials } from './sinkhorn-loop.js';
/** <a, f> over the last axis: a scalar for [N], a [B] vector for [B, N]. */
export declare function scal(a: Tensor, f: Tensor): Tensor;
/**
 * The loss from the potentials (`potentials: false`) or the pair [F, G] of potentials
 * (`potentials: true`), for weights a [.., N], b [.., M].
 */
export declare function sinkhornCost(eps: number, rho: number | null, a: Tensor, b: Tensor, pots: Potentials, debias: boolean, potentials: boolean): Tensor | [Tensor, Tensor];
