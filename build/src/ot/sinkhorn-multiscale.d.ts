import { Tensor } from '../tensor/tensor.js';
import type { LossName, ResolvedOptions } from './options.js';
import type { RoutineContext, RoutineResult } from './sinkhorn-samples.js';
/** Whether block-sparse reductions are available in this build. */
export declare function multiscaleAvailable(): boolean;
type Routine = (a: Tensor, x: Tensor, b: Tensor, y: Tensor, opts: ResolvedOptions, ctx: RoutineContext) => Promise<RoutineResult>;
/** The multiscale routine of a loss (with optional explicit cluster labels of x and y). */
export declare function multiscaleRoutine(name: LossName, labelsX: Tensor | null, labelsY: Tensor | null): Routine;
export {};
