/**
 * The 'multiscale' backend (GeomLoss's `sinkhorn_multiscale` / `kernel_multiscale`): cluster,
 * run the coarse iterations on centroids, truncate the kernel and finish with block-sparse
 * reductions. It needs block-sparse reductions (the `ranges` option) and the clustering helpers.
 */
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import type { LossName, ResolvedOptions } from './options.js';
import type { RoutineContext, RoutineResult } from './sinkhorn-samples.js';

/** Whether block-sparse reductions are available in this build. */
export function multiscaleAvailable(): boolean {
  return false;
}

/** The multiscale routine for a loss (with optional explicit cluster labels). */
export function multiscaleRoutine(name: LossName, _labelsX: Tensor | null, _labelsY: Tensor | null) {
  return async (_a: Tensor, _x: Tensor, _b: Tensor, _y: Tensor, _opts: ResolvedOptions, _ctx: RoutineContext): Promise<RoutineResult> => {
    throw new ValueError(`samplesLoss: the 'multiscale' backend is not available for '${name}' in this build`);
  };
}
