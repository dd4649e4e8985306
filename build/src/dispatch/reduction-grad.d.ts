import { Tensor } from '../tensor/tensor.js';
import { type FormulaNode } from '../formula/node.js';
import { type ReductionPlan } from '../plan/reduction-plan.js';
type F = FormulaNode;
/** Whether gradient sums leave their row-constant factors to the host (tests compare both); returns the previous setting. */
export declare function setHoistRowFactors(on: boolean): boolean;
/**
 * Makes the output of a reduction differentiable with respect to every tensor of its formula
 * that requires grad. The gradient of a reduction is itself a reduction (KeOps-style): over the
 * same axis for the variables that index the output rows, over the other axis for the reduced
 * variables, and over both for parameters. logsumexp reuses its own output; min, max and K-min
 * differentiate through their arguments, evaluated at the chosen (i, j) pairs.
 */
export declare function attachReductionGrad(r: ReductionPlan, out: Tensor, indices: Tensor | null, signal?: AbortSignal): void;
/** Whether a reduction of these formulas will carry a gradient (grad mode on, a leaf requiring grad). */
export declare function reductionNeedsGrad(result: F, aux: F | null): boolean;
export {};
