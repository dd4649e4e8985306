import { type VarCategory } from '../formula/node.js';
import { type ReductionKind } from '../tape/opcodes.js';
import type { FloatDType, SumAccumulation } from '../tape/request.js';
import { type PlanBackend, type ReductionPlan } from './reduction-plan.js';
declare const FORMAT = "lazykernel.reduction-plan";
/** A number JSON can carry exactly: finite numbers as they are, NaN, +-Infinity and -0 as strings. */
type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';
/** One formula node: a leaf ('Var' with its input slot, 'Const') or an op over earlier nodes. */
interface NodeJson {
    readonly op: string;
    readonly args: readonly number[];
    readonly attrs: readonly JsonNumber[];
    readonly dim: number;
    /** Input slot of a 'Var' leaf. */
    readonly slot?: number;
}
interface InputJson {
    readonly category: VarCategory;
    readonly shape: readonly number[];
    readonly batchShape: readonly number[];
    readonly dtype: FloatDType;
    /** A parameter given as numbers, which adopts the formula's dtype (Pm(0.5)). */
    readonly flexible: boolean;
    /** Index of its data in the buffers. */
    readonly buffer: number;
}
/** The JSON half of an encoded plan. */
export interface PlanJson {
    readonly format: typeof FORMAT;
    readonly version: number;
    /** Nodes in topological order (arguments before their op). */
    readonly nodes: readonly NodeJson[];
    readonly formula: number;
    readonly aux: number | null;
    readonly kind: ReductionKind;
    readonly axis: 0 | 1;
    readonly k: number;
    readonly inputs: readonly InputJson[];
    readonly nI: number;
    readonly nJ: number;
    readonly dtype: FloatDType;
    readonly backend: PlanBackend;
    /** Buffer indices of the six int32 arrays of the block-sparse ranges, or null. */
    readonly ranges: readonly number[] | null;
    /** Batch axes of the plan (the broadcast of its inputs'; absent in plans written before batches: none). */
    readonly batchShape?: readonly number[];
    /** Per-batch ranges: six buffer indices per batch index, or null (absent: null). */
    readonly batchRanges?: readonly (readonly number[])[] | null;
    /** SUM's accumulation when not the default 'block' (absent otherwise). */
    readonly sumScheme?: SumAccumulation;
}
/** A plan encoded: JSON text and the typed arrays it refers to by index. */
export interface EncodedPlan {
    readonly json: string;
    readonly buffers: readonly (Float32Array | Float64Array | Int32Array)[];
}
/** Encodes a plan: its formula as a node list, its inputs' data and ranges as buffers (not copied). */
export declare function encodePlan(plan: ReductionPlan): EncodedPlan;
/**
 * Rebuilds a plan from encodePlan's JSON and buffers, validating everything (ValueError naming
 * the field): format and version, each node against the op table and its dimension rule, each
 * input's buffer against its dtype and shape, the ranges. The new plan's tensors view the
 * given buffers (no copy).
 */
export declare function decodePlan(encoded: EncodedPlan): ReductionPlan;
export {};
