/**
 * Options of `imagesLoss` and `imagesBarycenter`, and the checks on the images they take:
 * validated before any work, with typed errors naming the argument.
 */
import { checkSignal } from '../abort.js';
import { DTypeError, ShapeError, ValueError, checkOptions, describe } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { checkScheduleLength } from './epsilon-schedule.js';
import { positive, bool } from './options.js';
const BACKENDS = ['auto', 'wasm', 'webgpu', 'oracle'];
const LOSS_KEYS = ['p', 'blur', 'reach', 'diameter', 'scaling', 'debias', 'potentials', 'backend', 'signal', 'onProgress'];
const BARYCENTER_KEYS = ['blur', 'p', 'scaling', 'iterations', 'backend', 'signal', 'onProgress'];
function exponent(where, value) {
    if (value !== 1 && value !== 2)
        throw new ValueError(`${where}: options.p must be 1 or 2 (costs that separate over the grid's axes), received ${describe(value)}`);
    return value;
}
function scalingOf(where, value) {
    if (typeof value !== 'number' || !(value > 0 && value < 1)) {
        throw new ValueError(`${where}: options.scaling must be a number strictly between 0 and 1, received ${describe(value)}`);
    }
    return value;
}
function backendOf(where, value) {
    const b = value ?? 'auto';
    if (!BACKENDS.includes(b))
        throw new ValueError(`${where}: options.backend must be one of ${BACKENDS.map((x) => `'${x}'`).join(', ')}, received ${describe(value)}`);
    return b;
}
function progressOf(where, value) {
    if (value !== undefined && typeof value !== 'function')
        throw new ValueError(`${where}: options.onProgress must be a function, received ${describe(value)}`);
    return value;
}
/** Checks `imagesLoss`'s name and options; returns them with the defaults filled in. */
export function resolveImagesLossOptions(name, options) {
    const where = 'imagesLoss';
    if (name !== 'sinkhorn')
        throw new ValueError(`${where}: the loss name must be 'sinkhorn', received ${describe(name)}`);
    checkOptions(where, options, LOSS_KEYS);
    const o = (options ?? {});
    const p = exponent(where, o.p ?? 2);
    const blur = positive(where, 'blur', o.blur ?? 0.05, false);
    const reach = positive(where, 'reach', o.reach === undefined ? null : o.reach, true);
    const diameter = positive(where, 'diameter', o.diameter === undefined ? null : o.diameter, true);
    const scaling = scalingOf(where, o.scaling ?? 0.5);
    if (diameter !== null)
        checkScheduleLength(where, diameter, blur, scaling);
    return {
        p, blur, reach, diameter, scaling,
        debias: bool(where, 'debias', o.debias ?? true),
        potentials: bool(where, 'potentials', o.potentials ?? false),
        backend: backendOf(where, o.backend),
        signal: checkSignal(where, o.signal),
        onProgress: progressOf(where, o.onProgress),
    };
}
/** Checks `imagesBarycenter`'s options (blur null: one pixel, decided once the images are known). */
export function resolveBarycenterOptions(options) {
    const where = 'imagesBarycenter';
    checkOptions(where, options, BARYCENTER_KEYS);
    const o = (options ?? {});
    const iterations = o.iterations ?? 10;
    if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 1 || iterations > 10_000) {
        throw new ValueError(`${where}: options.iterations must be an integer from 1 to 10000, received ${describe(iterations)}`);
    }
    const scaling = scalingOf(where, o.scaling ?? 2 ** (-1 / 10));
    const blur = positive(where, 'blur', o.blur === undefined ? null : o.blur, true);
    if (blur !== null)
        checkScheduleLength(where, 1, blur, scaling);
    return {
        blur, p: exponent(where, o.p ?? 2), scaling, iterations,
        backend: backendOf(where, o.backend),
        signal: checkSignal(where, o.signal),
        onProgress: progressOf(where, o.onProgress),
    };
}
/**
 * Checks one image: a float32 or float64 Tensor [H, W] or [D, H, W] of finite, non-negative
 * pixels with a positive total mass. Returns that mass.
 */
export function checkImage(where, what, img) {
    if (!(img instanceof Tensor))
        throw new DTypeError(`${where}: ${what} must be a Tensor, received ${describe(img)}`);
    if (img.dtype === 'int32')
        throw new DTypeError(`${where}: ${what} must be a float32 or float64 Tensor, received int32`);
    if (img.ndim !== 2 && img.ndim !== 3)
        throw new ShapeError(`${where}: ${what} must be an image [H, W] or a volume [D, H, W], received shape [${img.shape.join(', ')}]`);
    if (img.size === 0)
        throw new ShapeError(`${where}: ${what} is empty (shape [${img.shape.join(', ')}])`);
    const d = img.data;
    let mass = 0;
    for (let k = 0; k < d.length; k++) {
        const v = d[k];
        if (!(v >= 0) || v === Infinity)
            throw new ValueError(`${where}: ${what} must have finite, non-negative pixels, found ${v} at flat index ${k}`);
        mass += v;
    }
    if (!(mass > 0))
        throw new ValueError(`${where}: ${what} has a total mass of 0; a density needs a positive mass`);
    return mass;
}
/** ShapeError unless `b` has the shape of `a`. */
export function checkSameShape(where, whatA, a, whatB, b) {
    if (a.ndim !== b.ndim || a.shape.some((n, k) => n !== b.shape[k])) {
        throw new ShapeError(`${where}: ${whatA} [${a.shape.join(', ')}] and ${whatB} [${b.shape.join(', ')}] must have the same shape`);
    }
}
