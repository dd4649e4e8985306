/**
 * GeomLoss's epsilon-scaling heuristic: the temperatures of the Sinkhorn loop, from
 * diameter^p down to blur^p, and the damping factor of unbalanced transport.
 */
import { ValueError } from '../errors.js';
/**
 * Euclidean norm of the extent of the bounding box of both point clouds (any leading batch
 * axes are pooled, as GeomLoss's `max_diameter(x.view(-1, D), y.view(-1, D))`).
 * Throws a ValueError on NaN or infinite coordinates.
 */
export function maxDiameter(x, y) {
    const D = x.shape[x.shape.length - 1];
    const mins = new Float64Array(D).fill(Infinity);
    const maxs = new Float64Array(D).fill(-Infinity);
    for (const t of [x, y]) {
        const d = t.data;
        for (let k = 0; k < d.length; k++) {
            const v = d[k];
            if (!Number.isFinite(v))
                throw new ValueError(`samplesLoss: the point clouds must have finite coordinates, found ${v}`);
            const c = k % D;
            if (v < mins[c])
                mins[c] = v;
            if (v > maxs[c])
                maxs[c] = v;
        }
    }
    let s = 0;
    for (let c = 0; c < D; c++)
        s += (maxs[c] - mins[c]) ** 2;
    return Math.sqrt(s);
}
/** numpy's `arange(start, stop, step)` for floats: ceil((stop - start) / step) values start + k * delta. */
export function arange(start, stop, step) {
    const n = Math.ceil((stop - start) / step);
    if (!(n > 0))
        return [];
    const delta = start + step - start; // numpy fills with the difference of its first two values
    const out = new Array(n);
    for (let k = 0; k < n; k++)
        out[k] = start + k * delta;
    return out;
}
/**
 * The most iterations an epsilon schedule may have. GeomLoss's schedules have tens of steps
 * (scaling 0.5 to 0.9); a scaling a hair below 1 would otherwise build a list of millions of
 * temperatures (minutes, gigabytes) before the first iteration.
 */
export const MAX_SCHEDULE_STEPS = 10_000;
/**
 * Throws a ValueError (naming options.scaling, the blur, the diameter and the number of steps)
 * when the schedule from `diameter` down to `blur` would exceed MAX_SCHEDULE_STEPS. Cheap: it
 * counts the steps without building them.
 */
export function checkScheduleLength(where, diameter, blur, scaling) {
    const n = Math.ceil((Math.log(blur) - Math.log(diameter)) / Math.log(scaling));
    const total = (n > 0 ? n : 0) + 2; // arange's steps, the first temperature again and blur^p
    if (total <= MAX_SCHEDULE_STEPS)
        return;
    const steps = Number.isFinite(total) ? `${total} steps` : 'an unbounded number of steps';
    throw new ValueError(`${where}: options.scaling = ${scaling} would take an epsilon schedule of ${steps} from diameter = ${diameter} down to blur = ${blur} `
        + `(each step multiplies the blur radius by scaling), more than the ${MAX_SCHEDULE_STEPS} allowed; use a smaller scaling, e.g. 0.5 to 0.9 (GeomLoss's default is 0.5), or a larger blur`);
}
/**
 * The temperatures of the loop, exactly as GeomLoss: [diameter^p] (so the first temperature
 * is used twice), then exp(e) for e in arange(p log diameter, p log blur, p log scaling), then
 * blur^p (the last iteration, at the target temperature). A ValueError, before any work, when
 * that takes more than MAX_SCHEDULE_STEPS steps; `where` prefixes the messages.
 */
export function epsilonSchedule(p, diameter, blur, scaling, where = 'epsilonSchedule') {
    if (!(diameter > 0) || !Number.isFinite(diameter))
        throw new ValueError(`${where}: the diameter must be a positive finite number, received ${diameter}`);
    checkScheduleLength(where, diameter, blur, scaling);
    const steps = arange(p * Math.log(diameter), p * Math.log(blur), p * Math.log(scaling)).map(Math.exp);
    return [diameter ** p, ...steps, blur ** p];
}
/**
 * GeomLoss's `scaling_parameters`. Where GeomLoss would take log(0) (every point of both clouds
 * at one location), the diameter falls back to blur: every cost is 0 and the schedule is
 * [blur^p, blur^p]. `schedule: false` (the kernel losses, which have no loop) leaves epsList empty.
 */
export function scalingParameters(x, y, p, blur, reach, diameter, scaling, schedule = true) {
    let d = diameter ?? maxDiameter(x, y);
    if (d === 0)
        d = blur;
    const epsList = schedule ? epsilonSchedule(p, d, blur, scaling, 'samplesLoss') : [];
    return { diameter: d, eps: blur ** p, epsList, rho: reach === null ? null : reach ** p };
}
/** The damping factor 1 / (1 + eps / rho) of unbalanced Sinkhorn updates (1 when balanced). */
export function dampening(eps, rho) {
    return rho === null ? 1 : 1 / (1 + eps / rho);
}
