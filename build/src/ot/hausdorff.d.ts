import { Tensor } from '../tensor/tensor.js';
import type { ResolvedOptions } from './options.js';
import type { RoutineContext, RoutineResult } from './sinkhorn-samples.js';
/** 'hausdorff' on dense tensors: a [B, N], x [B, N, D], b [B, M], y [B, M, D]. */
export declare function hausdorffTensorized(a: Tensor, x: Tensor, b: Tensor, y: Tensor, opts: ResolvedOptions, ctx: RoutineContext): Promise<RoutineResult>;
/** 'hausdorff' with lazy reductions: a [N], x [N, D], b [M], y [M, D]. */
export declare function hausdorffOnline(a: Tensor, x: Tensor, b: Tensor, y: Tensor, opts: ResolvedOptions, ctx: RoutineContext): Promise<RoutineResult>;
