import { Tensor } from '../tensor/tensor.js';
import { type FormulaNode } from '../formula/node.js';
import type { ReductionKind } from '../tape/opcodes.js';
import type { FloatDType } from '../tape/request.js';
import { type TapeEngine } from './gpu-choice.js';
import { type RangesTuple } from './ranges.js';
/** A validated reduction of formula IR, as the API and the gradient code hand it to a backend. */
export interface FormulaReduction {
    readonly result: FormulaNode;
    /** Weight (LOGSUMEXP_WEIGHT) or value (SUMSOFTMAXWEIGHT) formula. */
    readonly aux: FormulaNode | null;
    readonly kind: ReductionKind;
    /** 1 reduces over j (one output row per i), 0 over i. */
    readonly axis: 0 | 1;
    readonly k: number;
    readonly backend: 'auto' | 'wasm' | 'webgpu' | 'oracle';
    readonly signal?: AbortSignal;
    /** Sizes of the i and j axes, for formulas (gradients, mostly) without a variable of that category. */
    readonly sizes?: {
        readonly i?: number;
        readonly j?: number;
    };
    /** KeOps's block-sparsity 6-tuple, already validated in shape by the caller. */
    readonly ranges?: RangesTuple;
}
/** The formula's dtype: that of its tensors (parameters given as numbers adapt). */
export declare function formulaDType(vars: readonly FormulaNode[], where: string): FloatDType;
/** Shape of a reduction's output. */
export declare function outputShape(kind: ReductionKind, rows: number, dim: number, auxDim: number, k: number): number[];
/** The sizes of the i and j axes of a reduction (ShapeError when one cannot be known). */
export declare function axisSizes(r: FormulaReduction, where: string): {
    nI: number;
    nJ: number;
};
/**
 * Runs a reduction on the chosen backend; values and/or indices as Tensors (null when not
 * produced). `engine` overrides the choice (the engine's own warm-up runs on it before it is
 * handed out).
 */
export declare function runReduction(r: FormulaReduction, where: string, engine?: TapeEngine): Promise<{
    values: Tensor | null;
    indices: Tensor | null;
}>;
