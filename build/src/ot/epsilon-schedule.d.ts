import type { Tensor } from '../tensor/tensor.js';
/**
 * Euclidean norm of the extent of the bounding box of both point clouds (any leading batch
 * axes are pooled, as GeomLoss's `max_diameter(x.view(-1, D), y.view(-1, D))`).
 * Throws a ValueError on NaN or infinite coordinates.
 */
export declare function maxDiameter(x: Tensor, y: Tensor): number;
/** numpy's `arange(start, stop, step)` for floats: ceil((stop - start) / step) values start + k * delta. */
export declare function arange(start: number, stop: number, step: number): number[];
/**
 * The most iterations an epsilon schedule may have. GeomLoss's schedules have tens of steps
 * (scaling 0.5 to 0.9); a scaling a hair below 1 would otherwise build a list of millions of
 * temperatures (minutes, gigabytes) before the first iteration.
 */
export declare const MAX_SCHEDULE_STEPS = 10000;
/**
 * Throws a ValueError (naming options.scaling, the blur, the diameter and the number of steps)
 * when the schedule from `diameter` down to `blur` would exceed MAX_SCHEDULE_STEPS. Cheap: it
 * counts the steps without building them.
 */
export declare function checkScheduleLength(where: string, diameter: number, blur: number, scaling: number): void;
/**
 * The temperatures of the loop, exactly as GeomLoss: [diameter^p] (so the first temperature
 * is used twice), then exp(e) for e in arange(p log diameter, p log blur, p log scaling), then
 * blur^p (the last iteration, at the target temperature). A ValueError, before any work, when
 * that takes more than MAX_SCHEDULE_STEPS steps; `where` prefixes the messages.
 */
export declare function epsilonSchedule(p: number, diameter: number, blur: number, scaling: number, where?: string): number[];
/** What the Sinkhorn loop needs from the high-level options. */
export interface ScalingParameters {
    diameter: number;
    /** Target temperature blur^p. */
    eps: number;
    epsList: number[];
    /** reach^p, or null for balanced transport. */
    rho: number | null;
}
/**
 * GeomLoss's `scaling_parameters`. Where GeomLoss would take log(0) (every point of both clouds
 * at one location), the diameter falls back to blur: every cost is 0 and the schedule is
 * [blur^p, blur^p]. `schedule: false` (the kernel losses, which have no loop) leaves epsList empty.
 */
export declare function scalingParameters(x: Tensor, y: Tensor, p: number, blur: number, reach: number | null, diameter: number | null, scaling: number, schedule?: boolean): ScalingParameters;
/** The damping factor 1 / (1 + eps / rho) of unbalanced Sinkhorn updates (1 when balanced). */
export declare function dampening(eps: number, rho: number | null): number;
