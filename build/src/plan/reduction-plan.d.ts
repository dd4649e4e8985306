import type { Tensor } from '../tensor/tensor.js';
import { type FormulaNode, type VarCategory } from '../formula/node.js';
import type { ReductionKind } from '../tape/opcodes.js';
import type { BlockSparsity, FloatDType, SumAccumulation } from '../tape/request.js';
/** Version of the plan format (plan-codec.ts refuses other versions). */
export declare const PLAN_FORMAT_VERSION = 1;
/** Where a plan asks to run: 'auto' lets the dispatcher choose by cost; 'oracle' is the float64 reference. */
export type PlanBackend = 'auto' | 'wasm' | 'webgpu' | 'oracle';
/** One input of a plan: a variable leaf of its formula and the tensor holding its data. */
export interface PlanInput {
    /** The formula's leaf (op 'Var'): category, dimension and the tensor. */
    readonly node: FormulaNode;
    readonly category: VarCategory;
    /** Shape of the tensor: [...batch, rows, dim] or [rows] for i/j variables, [...batch, dim] for parameters. */
    readonly shape: readonly number[];
    /** Its leading batch axes (batch-shape.ts), empty for a single point cloud or parameter. */
    readonly batchShape: readonly number[];
    readonly dtype: FloatDType;
    /** The data (the tensor the leaf refers to). */
    readonly tensor: Tensor;
}
/** A validated reduction of a formula, ready for the dispatcher. */
export interface ReductionPlan {
    readonly version: typeof PLAN_FORMAT_VERSION;
    /** The reduced formula. */
    readonly formula: FormulaNode;
    /** Weight (LOGSUMEXP_WEIGHT) or value (SUMSOFTMAXWEIGHT) formula, else null. */
    readonly aux: FormulaNode | null;
    /** Structure of formula and aux with inputs numbered by slot: equal keys lower to the same tape. */
    readonly key: string;
    readonly kind: ReductionKind;
    /** 1 reduces over j (one output row per i), 0 over i. */
    readonly axis: 0 | 1;
    /** K of the K-min reductions, 0 otherwise. */
    readonly k: number;
    /** Every variable leaf of formula and aux, in slot order (collectVars' order). */
    readonly inputs: readonly PlanInput[];
    /**
     * Batch axes: the broadcast of the inputs' batch shapes (empty: not batched). The reduction
     * runs once per batch index; the output is [...batchShape, rows, ...].
     */
    readonly batchShape: readonly number[];
    /** Sizes of the i and j axes (of one batch). */
    readonly nI: number;
    readonly nJ: number;
    /** The dtype the reduction computes in (that of its tensors). */
    readonly dtype: FloatDType;
    /** Shape of the values / indices it produces. */
    readonly outputShape: readonly number[];
    /**
     * KeOps's block-sparsity 6-tuple as six int32 arrays (validated), or null for a dense
     * reduction; a batched plan shares it between its batches (indices within one batch).
     */
    readonly ranges: readonly Int32Array[] | null;
    /** The half of `ranges` this plan's axis uses, in the engines' form. */
    readonly sparsity: BlockSparsity | null;
    /** Per-batch ranges instead: one 6-tuple per batch index (row-major), or null. */
    readonly batchRanges: readonly (readonly Int32Array[])[] | null;
    /** Their halves for this plan's axis. */
    readonly batchSparsity: readonly BlockSparsity[] | null;
    readonly backend: PlanBackend;
    /** SUM only: how each tile's terms are added (ReductionRequest's sumScheme); absent: 'block'. */
    readonly sumScheme?: SumAccumulation;
}
/** What the layer above asks for; buildPlan validates it and derives the rest. */
export interface PlanSpec {
    readonly formula: FormulaNode;
    readonly aux?: FormulaNode | null;
    readonly kind: ReductionKind;
    readonly axis: 0 | 1;
    readonly k?: number;
    readonly backend: PlanBackend;
    /** Sizes of the i and j axes, for formulas (gradients, mostly) without a variable of that category. */
    readonly sizes?: {
        readonly i?: number;
        readonly j?: number;
    };
    /**
     * KeOps's 6-tuple (Tensors or Int32Arrays), shared by every batch; or, for a batched
     * reduction, an array of one 6-tuple per batch index. Checked here.
     */
    readonly ranges?: unknown;
    /** SUM only: how each tile's terms are added (absent: 'block'). */
    readonly sumScheme?: SumAccumulation;
    /**
     * The formula's variable leaves in collectVars order and its canonical key, when the caller
     * has them already (a gradient template bound to new tensors, dispatch/grad-template.ts): they
     * must be what collectVars and canonicalKey give. Computed here otherwise.
     */
    readonly known?: {
        readonly vars: readonly FormulaNode[];
        readonly key: string;
    };
}
/** Shape of a reduction's output (of one batch). */
export declare function outputShape(kind: ReductionKind, rows: number, dim: number, auxDim: number, k: number): number[];
/**
 * Validates a reduction and builds its plan: the axes' sizes (ShapeError when they disagree or
 * cannot be known), the dtype (DTypeError when float32 and float64 tensors mix), the output's
 * size and the block-sparse ranges, all before any engine is touched.
 */
export declare function buildPlan(spec: PlanSpec, where: string): ReductionPlan;
