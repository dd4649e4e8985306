import { Tensor, tensor } from '../tensor/tensor.js';
import { DTypeError, ShapeError, describe } from '../errors.js';
import { varNode } from '../formula/node.js';
import { flexibleTensors } from '../plan/formula-dtype.js';
import { varLayout } from '../plan/batch-shape.js';
import { LazyTensor } from './lazy-tensor.js';
function variable(X, category, where) {
    if (!(X instanceof Tensor))
        throw new DTypeError(`${where}: expected a Tensor of shape [N, D], received ${describe(X)}`);
    if (X.dtype === 'int32')
        throw new DTypeError(`${where}: kernel variables must be float32 or float64, received an int32 Tensor`);
    if (X.shape.length < 1) {
        throw new ShapeError(`${where}: expected a Tensor of shape [N, D], [N] or [...batch, N, D] (leading batch axes), received shape [${X.shape.join(', ')}]`);
    }
    const { dim } = varLayout(X.shape, category);
    if (dim < 1)
        throw new ShapeError(`${where}: the vector dimension D must be at least 1, received shape [${X.shape.join(', ')}]`);
    return new LazyTensor(varNode(X, category, dim));
}
/**
 * An i-indexed variable: row i of X, a [N, D] Tensor ([...batch, N, D]: one point cloud per batch index).
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj } from 'lazykernel';
 * const X = tensor(new Float32Array([0, 0, 1, 0, 0, 1]), [3, 2]);   // N = 3 points in 2-D
 * const x = Vi(X);                        // pykeops: LazyTensor(X[:, None, :])
 * console.log(x.dim);                     // => 2
 * console.log(await x.sqdist(Vj(X)).min(1)); // => [[0], [0], [0]]
 * ```
 */
export function Vi(X) {
    return variable(X, 'i', 'Vi');
}
/**
 * A j-indexed variable: row j of Y, a [M, D] Tensor ([...batch, M, D]: one point cloud per batch index).
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj } from 'lazykernel';
 * const X = tensor([0, 1, 2], [3, 1]);
 * const Y = tensor([0, 2], [2, 1]);       // M = 2
 * const y = Vj(Y);                        // pykeops: LazyTensor(Y[None, :, :])
 * console.log(await Vi(X).sqdist(y).argmin(1)); // => [[0], [0], [1]]
 * ```
 */
export function Vj(Y) {
    return variable(Y, 'j', 'Vj');
}
/**
 * A parameter: the same vector for every (i, j). A number or number array adopts the dtype of
 * the formula; a Tensor of shape [D] keeps its own (and must match the formula's). A Tensor
 * [...batch, D] holds one parameter vector per batch index ([1, D] is read as [D]).
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, Pm } from 'lazykernel';
 * const X = tensor([0, 1, 2], [3, 1]);
 * const sigma = 0.5;
 * const gamma = Pm(1 / (2 * sigma ** 2));                  // one scalar for every (i, j)
 * const K = Vi(X).sqdist(Vj(X)).mul(gamma).neg().exp();    // exp(-|x_i - x_j|^2 / (2 sigma^2))
 * console.log(await K.sum(1)); // => [[1.13567], [1.27067], [1.13567]]
 * ```
 */
export function Pm(value) {
    let t;
    if (value instanceof Tensor) {
        if (value.dtype === 'int32')
            throw new DTypeError('Pm: parameters must be float32 or float64, received an int32 Tensor');
        if (value.shape.length < 1)
            throw new ShapeError(`Pm: expected a Tensor of shape [D] or [...batch, D], received shape [${value.shape.join(', ')}]`);
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
    const { dim } = varLayout(t.shape, 'p');
    if (dim < 1)
        throw new ShapeError(`Pm: a parameter needs at least one component, received shape [${t.shape.join(', ')}]`);
    return new LazyTensor(varNode(t, 'p', dim));
}
