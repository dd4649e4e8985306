import { ShapeError } from '../../errors.js';
/** KeOps broadcasting: every operand has dimension 1 or the common dimension D. */
export function broadcastDim(op, dims) {
    let d = 1;
    for (const k of dims) {
        if (k === 1 || k === d)
            continue;
        if (d === 1) {
            d = k;
            continue;
        }
        throw new ShapeError(`${op}: operand dimensions ${dims.join(' and ')} do not match (each must be 1 or the same D)`);
    }
    return d;
}
/** Both operands must have the same dimension. */
export function sameDim(op, a, b) {
    if (a !== b)
        throw new ShapeError(`${op}: operand dimensions ${a} and ${b} must be equal`);
    return a;
}
/** Component k of an operand that may broadcast (dimension 1). */
export function at(v, k) {
    return v.length === 1 ? v[0] : v[k];
}
