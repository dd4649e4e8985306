import { Tensor, tensor } from '../tensor/tensor.js';
import { DTypeError, ShapeError, describe } from '../errors.js';
import { varNode } from '../formula/node.js';
import { flexibleTensors } from '../plan/formula-dtype.js';
import { LazyTensor } from './lazy-tensor.js';
function variable(X, category, where) {
    if (!(X instanceof Tensor))
        throw new DTypeError(`${where}: expected a Tensor of shape [N, D], received ${describe(X)}`);
    if (X.dtype === 'int32')
        throw new DTypeError(`${where}: kernel variables must be float32 or float64, received an int32 Tensor`);
    if (X.shape.length !== 1 && X.shape.length !== 2) {
        throw new ShapeError(`${where}: expected a Tensor of shape [N, D] or [N], received shape [${X.shape.join(', ')}]`);
    }
    const dim = X.shape.length === 2 ? X.shape[1] : 1;
    if (dim < 1)
        throw new ShapeError(`${where}: the vector dimension D must be at least 1, received shape [${X.shape.join(', ')}]`);
    return new LazyTensor(varNode(X, category, dim));
}
/** An i-indexed variable: row i of X, a [N, D] Tensor. */
export function Vi(X) {
    return variable(X, 'i', 'Vi');
}
/** A j-indexed variable: row j of Y, a [M, D] Tensor. */
export function Vj(Y) {
    return variable(Y, 'j', 'Vj');
}
/**
 * A parameter: the same vector for every (i, j). A number or number array adopts the dtype of
 * the formula; a Tensor of shape [D] keeps its own (and must match the formula's).
 */
export function Pm(value) {
    let t;
    if (value instanceof Tensor) {
        if (value.dtype === 'int32')
            throw new DTypeError('Pm: parameters must be float32 or float64, received an int32 Tensor');
        if (value.shape.length > 1 && !(value.shape.length === 2 && value.shape[0] === 1)) {
            throw new ShapeError(`Pm: expected a Tensor of shape [D], received shape [${value.shape.join(', ')}]`);
        }
        t = value;
    }
    else if (typeof value === 'number') {
        t = tensor(Float64Array.of(value), [1]);
        flexibleTensors.add(t);
    }
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')) {
        t = tensor(Float64Array.from(value), [value.length]);
        flexibleTensors.add(t);
    }
    else {
        throw new DTypeError(`Pm: expected a number, a non-empty number array or a Tensor, received ${describe(value)}`);
    }
    if (t.size < 1)
        throw new ShapeError('Pm: a parameter needs at least one component');
    return new LazyTensor(varNode(t, 'p', t.size));
}
