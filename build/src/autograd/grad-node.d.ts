import type { Tensor } from '../tensor/tensor.js';
/**
 * One recorded operation of the backward graph: the tensors it consumed and the rule that
 * turns the gradient of its output into gradients of those inputs (a vector-Jacobian product).
 *
 * `backward` returns one entry per input, in order: a Tensor of that input's shape, or null
 * when the input needs no gradient. It may be async (kernel reductions are); it starts with
 * grad mode off (unless backward records the graph: createGraph), though an async rule may
 * resume with it on (what it records then is detached from the gradients it returns), and it
 * must not modify `gradOutput` in place (it may return it as is).
 */
export interface GradNode {
    readonly name: string;
    readonly inputs: readonly Tensor[];
    backward(gradOutput: Tensor): Promise<(Tensor | null)[]> | (Tensor | null)[];
}
/**
 * Makes `node` the origin of `out` when grad mode is on and some input requires grad;
 * otherwise leaves `out` a plain tensor. Returns `out`.
 */
export declare function attachGrad(out: Tensor, node: GradNode): Tensor;
/**
 * A GradNode whose backward first checks that none of `saved` was written in place since
 * the forward pass (their `version` moved), then calls `rule`. The check is PyTorch's:
 * a gradient computed from overwritten values would be silently wrong.
 */
export declare function gradNode(name: string, inputs: readonly Tensor[], rule: (gradOutput: Tensor) => Promise<(Tensor | null)[]> | (Tensor | null)[], saved?: readonly Tensor[]): GradNode;
