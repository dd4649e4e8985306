import type { DenseSoftmin } from '../engine/dense-softmin.js';
export type { DenseSoftmin } from '../engine/dense-softmin.js';
/**
 * The shared engine's dense softmin (started on first use), or null where it is unavailable:
 * the engine does not start here, or its module predates the kernel (a custom `source`).
 */
export declare function denseSoftminKernel(): Promise<DenseSoftmin | null>;
