import type { Tensor } from '../tensor/tensor.js';
import type { LossName, ResolvedOptions } from './options.js';
import type { RoutineContext, RoutineResult } from './sinkhorn-samples.js';
/** Whether block-sparse reductions are available in this build. */
export declare function multiscaleAvailable(): boolean;
/** The multiscale routine for a loss (with optional explicit cluster labels). */
export declare function multiscaleRoutine(name: LossName, _labelsX: Tensor | null, _labelsY: Tensor | null): (_a: Tensor, _x: Tensor, _b: Tensor, _y: Tensor, _opts: ResolvedOptions, _ctx: RoutineContext) => Promise<RoutineResult>;
