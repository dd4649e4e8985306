import { Tensor } from '../tensor/tensor.js';
import { FormulaNode } from '../formula/node.js';
import type { ReductionPlan } from '../plan/reduction-plan.js';
import type { FloatDType } from '../tape/request.js';
type F = FormulaNode;
/** One gradient reduction: the leaves whose gradients reduce over `axis`, concatenated into one formula. */
export interface GradGroup {
    readonly axis: 0 | 1;
    readonly formula: F;
    /** The leaves, in the order their parts sit in the formula. */
    readonly leaves: readonly F[];
    /** Each leaf's part: its width in the formula, and the row-constant factor that multiplies the reduced part (or null). */
    readonly parts: readonly {
        readonly width: number;
        readonly factor: F | null;
    }[];
    /** From a template: the formula's variables (collectVars order) and canonical key, known without a walk (buildPlan's `known`). */
    readonly known?: {
        readonly vars: readonly F[];
        readonly key: string;
    };
}
/** The row variables the gradient formulas read besides the forward's inputs. */
export interface GradRows {
    /** The incoming gradient, one row per output row (or a parameter, when it is the same for every row). */
    readonly E: F;
    /** The reduction's output (log-sum-exps and soft-max weights read it). */
    readonly out: F;
    /** SUMSOFTMAXWEIGHT: the log-sum-exp of its formula; null for the other kinds. */
    readonly lse: F | null;
}
/**
 * The gradient groups of plan `r` for `leaves` (forward input nodes), derived now: KeOps's
 * rules, one pair (root, cotangent) per formula the reduction reads, summed over the pairs, then
 * concatenated per axis so that one pass computes every leaf that reduces over it (the
 * exponentials are shared): at most two reductions per backward.
 */
export declare function deriveGradGroups(r: ReductionPlan, formula: F, aux: F | null, leaves: readonly F[], rows: GradRows, hoist?: boolean): GradGroup[];
/**
 * g = factor * pairs, with `factor` the product of g's multiplicative factors that are the same
 * for every term of the gradient's sum over `axis` (variables of its output rows, parameters,
 * constants): sum_k c_r p_rk = c_r sum_k p_rk, so the factor multiplies the reduced rows on the
 * host instead of every pair in the engine. Only leaves and constants are taken out (the host
 * evaluates them as tensors and numbers); factor is null when nothing can be.
 */
export declare function hoistRowFactors(g: F, axis: 0 | 1): {
    pairs: F;
    factor: F | null;
};
/**
 * A hoisted factor (a product of leaves and constants, hoistRowFactors) as a host tensor
 * broadcasting against the reduced rows [rows, width]: row variables as [rows, dim], parameters
 * as [dim]. Differentiable, like the rest of the backward.
 */
export declare function rowFactorTensor(factor: F, rows: number, dtype: FloatDType): Tensor | number;
/** Turns the template cache on or off (off: every backward derives; tests compare both); returns the previous setting. */
export declare function setGradTemplateCache(on: boolean): boolean;
/** Hits, misses (a template derived) and bypasses (a binding that would merge two leaves) so far. */
export declare function gradTemplateStats(): {
    hits: number;
    misses: number;
    bypassed: number;
    size: number;
};
/** Empties the cache and its counters. */
export declare function clearGradTemplates(): void;
/**
 * The gradient groups of `r` for the leaves at `leafSlots` (indices into r.inputs), with
 * row-constant factors taken out of the sums when `hoist` (hoistRowFactors), from the
 * template of r's structure when there is one (derived and stored otherwise), bound to the
 * plan's inputs and to `rows`. Same formulas, node for node, as deriveGradGroups on the plan's
 * own leaves: the template's key holds everything the derivation reads (the reduction, its
 * axis, its formula and aux structure with every slot's category and dimension, the dtype, which
 * slots are differentiated, the extra rows' dimensions).
 */
export declare function gradGroups(r: ReductionPlan, leafSlots: readonly number[], rows: GradRows, hoist: boolean): GradGroup[];
export {};
