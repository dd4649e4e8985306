/**
 * The 'multiscale' backend (GeomLoss's `sinkhorn_multiscale` / `kernel_multiscale`): cluster,
 * run the coarse iterations on centroids, truncate the kernel and finish with block-sparse
 * reductions. It needs block-sparse reductions (the `ranges` option) and the clustering helpers.
 */
import { ValueError } from '../errors.js';
/** Whether block-sparse reductions are available in this build. */
export function multiscaleAvailable() {
    return false;
}
/** The multiscale routine for a loss (with optional explicit cluster labels). */
export function multiscaleRoutine(name, _labelsX, _labelsY) {
    return async (_a, _x, _b, _y, _opts, _ctx) => {
        throw new ValueError(`samplesLoss: the 'multiscale' backend is not available for '${name}' in this build`);
    };
}
