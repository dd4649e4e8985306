/**
 * The choice of `backend: 'auto'` for samplesLoss and transportPlan: the backend whose estimated
 * time is least, from timings measured on this process's engines (backend-calibration.ts)
 * and the number of reductions each routine makes. A pure function of those timings, so that
 * a test can inject them; nothing here is a size threshold.
 *
 * GeomLoss picks 'tensorized' up to 5000^2 pairs because its dense path runs on the GPU; ours
 * is host JavaScript, slower per pair than the wasm engine's lazy reductions by 5-20x, so it
 * only wins where the engine's fixed cost per reduction dominates: a few thousand pairs.
 */
import type { LossName } from './options.js';
/** A backend 'auto' can pick. */
export type ConcreteBackend = 'tensorized' | 'online' | 'multiscale';
/**
 * Seconds one call takes against its number of pairs, measured at a few sizes (ascending):
 * linear between them, the fixed cost of the smallest below it, and the slope of the last
 * two beyond the largest.
 */
export interface TimingCurve {
    pairs: readonly number[];
    seconds: readonly number[];
}
/** Measured timings of the primitives each backend is made of. */
export interface MeasuredCosts {
    /** One lazy reduction of the loss's formula on the engine (softmin or kernel product), and its backward. */
    engine: {
        forward: TimingCurve;
        backward: TimingCurve;
    };
    /**
     * A block-sparse reduction against the dense one at the same pairs, by mean cluster size
     * (ascending sizes; ratios >= 1): partly filled tiles. Absent where not measured yet
     * (measured when multiscale would win without it); empty sizes with a fixed cost where only
     * that was measured (the estimate did not need the ratios: multiscaleUsesSparseRatio).
     */
    sparse?: {
        clusterSize: readonly number[];
        ratio: readonly number[];
        /**
         * Seconds of a multiscale call beyond what the model counts (clustering, ranges, the
         * routine's set-up): a call on 64 points, measured, less its estimate.
         */
        fixed: number;
    };
    /**
     * The host (JavaScript) dense loops: a softmin pass over a cost matrix, building one cost
     * matrix, and the backward of both.
     */
    host: {
        softmin: TimingCurve;
        cost: TimingCurve;
        backward: TimingCurve;
        /**
         * The softmin pass at a temperature so small that it skips every exponential but the row's
         * largest (terms below e^-60 of it cannot change the sum): the cold end of a schedule.
         * Absent: as `softmin`.
         */
        softminCold?: TimingCurve;
    };
    /** The dispatcher runs the online reductions of this problem on WebGPU. */
    gpu: boolean;
}
/** What the choice needs to know of one call. */
export interface OTProblem {
    loss: LossName;
    /** Measures in the batch (1 without a batch axis). */
    B: number;
    N: number;
    M: number;
    D: number;
    p: number;
    debias: boolean;
    potentials: boolean;
    /** A backward pass will follow (some input requires grad). */
    grad: boolean;
    /** The epsilon schedule (empty for the kernel losses). */
    epsList: readonly number[];
    diameter: number;
    blur: number;
    truncate: number | null;
    clusterScale: number | null;
    /** Which backends can run the cost or kernel option ('tensorized' needs dense Tensors, the others LazyTensors). */
    feasible: Readonly<Record<ConcreteBackend, boolean>>;
    /**
     * The clusters multiscale would make of x and y (counted on the points); absent: as many as
     * the points occupy when spread evenly over the cells.
     */
    clusters?: {
        x: number;
        y: number;
    };
}
/** The backend 'auto' picked, why, and the estimated seconds of each (Infinity: not feasible). */
export interface BackendChoice {
    /** 'webgpu' only when asked for explicitly (it is the online routine with its reductions on WebGPU). */
    backend: ConcreteBackend | 'webgpu';
    reason: string;
    estimates: Readonly<Record<ConcreteBackend, number>>;
}
/** Seconds of one call of `pairs` pairs on `curve`. */
export declare function secondsAt(curve: TimingCurve, pairs: number): number;
/**
 * Block-sparse slowdown at a mean cluster size (1 when not measured: the optimistic bound, so
 * that the caller measures it when multiscale would win without it). Below the smallest
 * measured size, the per-block cost of the smallest measurement grows as 1 / size (clusters
 * of one point pay a block per pair); beyond the largest, the largest's ratio. Between two
 * measured sizes the excess (ratio - 1) follows the power law through them: it falls by
 * some 5x per 4x of cluster size (per-block work and partly filled tiles), so a straight line
 * between sizes 4 and 16 would put clusters of 9 points at twice their slowdown.
 */
export declare function sparseRatio(costs: MeasuredCosts, clusterSize: number): number;
/**
 * Whether multiscale's estimate for `q` depends on the block-sparse slowdown: only when fine
 * iterations run on truncated cluster pairs. When the jump comes after the last temperature
 * (2-D at GeomLoss's cluster scale with blur^p above the cells), the whole loop runs on the
 * centroids and only the call's fixed cost is missing from the estimate.
 */
export declare function multiscaleUsesSparseRatio(q: OTProblem): boolean;
/** Estimated seconds of each backend for `q` (Infinity where it cannot run it). */
export declare function estimateBackends(q: OTProblem, costs: MeasuredCosts): Record<ConcreteBackend, number>;
/**
 * The backend of least estimated time for `q` on the measured `costs` (multiscale by a
 * margin: MULTISCALE_MARGIN); when the dispatcher
 * sends the problem's reductions to WebGPU, 'online' (its reductions run there, the dense
 * loops would stay on the host).
 */
export declare function chooseOTBackend(q: OTProblem, costs: MeasuredCosts): BackendChoice;
