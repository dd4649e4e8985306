/**
 * The Sinkhorn divergence between sampled measures on the 'tensorized' and 'online' backends
 * (GeomLoss's `sinkhorn_tensorized` and `sinkhorn_online`). The multiscale one lives in
 * sinkhorn-multiscale.ts.
 */
import type { Yielder } from '../abort.js';
import type { Backend } from '../api/reduce.js';
import type { Tensor } from '../tensor/tensor.js';
import type { ScalingParameters } from './epsilon-schedule.js';
import type { ResolvedOptions } from './options.js';
import type { SelfPotentials } from './potential-cache.js';
/** What a routine returns: the loss, or the potentials [F, G]. */
export type RoutineResult = Tensor | [Tensor, Tensor];
/** Shared context of one call: the epsilon schedule (pooled over the batch) and the batch index. */
export interface RoutineContext {
    scaling: ScalingParameters;
    batch: number;
    /** Cache of the OT(a, a), OT(b, b) loop potentials, when the measures are the user's tensors. */
    selfPotentials?: SelfPotentials;
    backend?: string;
    /** Where the lazy routines run their reductions: 'webgpu' for the 'webgpu' backend, else the engine's choice. */
    reductionBackend?: Backend;
    /** One per call of the loss: gives the event loop a turn every 20 ms and checks opts.signal. */
    yielder: Yielder;
}
/** a [B, N], x [B, N, D], b [B, M], y [B, M, D] -> [B] (or potentials [B, N], [B, M]). */
export declare function sinkhornTensorized(a: Tensor, x: Tensor, b: Tensor, y: Tensor, opts: ResolvedOptions, ctx: RoutineContext): Promise<RoutineResult>;
/** a [N], x [N, D], b [M], y [M, D] -> scalar (or potentials [N], [M]), with lazy reductions. */
export declare function sinkhornOnline(a: Tensor, x: Tensor, b: Tensor, y: Tensor, opts: ResolvedOptions, ctx: RoutineContext): Promise<RoutineResult>;
