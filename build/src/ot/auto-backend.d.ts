import type { Tensor } from '../tensor/tensor.js';
import { type BackendChoice, type MeasuredCosts } from './backend-choice.js';
import type { ScalingParameters } from './epsilon-schedule.js';
import type { LossName, ResolvedOptions } from './options.js';
/** The sizes and tensors of one call (as samples-loss.ts checks them). */
export interface CallShape {
    /** 0 without a batch axis. */
    B: number;
    N: number;
    M: number;
    D: number;
}
/** The tensors of one call, as given. */
export interface CallTensors {
    a: Tensor;
    x: Tensor;
    b: Tensor;
    y: Tensor;
    labels: boolean;
}
/**
 * The backend of one call. `where` names the caller in errors; `costs`, when given, replaces
 * the measurement (tests inject timings to make the choice deterministic).
 */
export declare function selectBackend(where: string, name: LossName, opts: ResolvedOptions, s: CallShape, t: CallTensors, scaling: ScalingParameters, costs?: MeasuredCosts): Promise<BackendChoice>;
