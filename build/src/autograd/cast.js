import { Tensor, allocateData } from '../tensor/tensor.js';
import { attachGrad, gradNode } from './grad-node.js';
/**
 * `t` itself when it already has `dtype`, else a converted copy. The copy is differentiable
 * (its gradient is converted back to `t`'s dtype), so that a gradient computed with
 * backward({ createGraph: true }) keeps its graph across a change of dtype (the oracle
 * backend returns float64 values for float32 inputs).
 */
export function castTo(t, dtype) {
    if (t.dtype === dtype)
        return t;
    const data = allocateData(dtype, t.size);
    data.set(t.data);
    const from = t.dtype;
    return attachGrad(new Tensor(data, t.shape), gradNode('CastBackward', [t], (g) => [castTo(g, from)], []));
}
