import { fromMatrix } from '../cluster/block-ranges.js';
import { Tensor } from '../tensor/tensor.js';
import { type MeasuredCosts } from './backend-choice.js';
import type { LossName, ResolvedOptions } from './options.js';
type Dtype = 'float32' | 'float64';
/** The lazy reduction one step of the loss makes on the engine: (x [n, D], y [n, D], h [n]) -> [n]. */
export type EnginePrimitive = (x: Tensor, y: Tensor, h: Tensor, ranges?: ReturnType<typeof fromMatrix>) => Promise<Tensor>;
/** Forgets every measurement (tests; a process whose machine changed load for good). */
export declare function clearCalibration(): void;
/**
 * Uses `costs` instead of measuring (null: measure again), so that a test makes 'auto'
 * deterministic; returns the previous injection.
 */
export declare function injectCalibration(costs: MeasuredCosts | null): MeasuredCosts | null;
/** What the calibration needs to know of one call. */
export interface CalibrationRequest {
    name: LossName;
    opts: ResolvedOptions;
    dtype: Dtype;
    N: number;
    M: number;
    D: number;
    /**
     * Multiscale's costs (when it would win without them): true, the block-sparse ratios and the
     * fixed cost of a call; 'fixed', the fixed cost only (enough where the estimate does not use
     * the ratios: multiscaleUsesSparseRatio); false, neither.
     */
    sparse: boolean | 'fixed';
    /** The points of the call (only their sizes and dtype are used, to ask the dispatcher where the reductions would run). */
    x: Tensor;
    y: Tensor;
}
/**
 * The measured timings for one call, measuring what is missing first: the engine up to the
 * first measured size at least as large as the call's clouds, the block-sparse ratio when
 * asked.
 */
export declare function measuredCosts(req: CalibrationRequest): Promise<MeasuredCosts>;
export {};
