import { DTypeError } from '../errors.js';
/** Parameters made from plain numbers (Pm(0.5)) take the dtype of the formula they end up in. */
export const flexibleTensors = new WeakSet();
/** The formula's dtype: that of its tensors (parameters given as numbers adapt); float64 when all adapt. */
export function formulaDType(vars, where) {
    let dtype;
    for (const v of vars) {
        const t = v.tensor;
        if (flexibleTensors.has(t))
            continue;
        const d = t.dtype;
        if (dtype !== undefined && d !== dtype) {
            throw new DTypeError(`${where}: the formula mixes float32 and float64 tensors; convert them to one dtype`);
        }
        dtype = d;
    }
    return dtype ?? 'float64';
}
