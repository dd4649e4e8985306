import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../errors.js';
import { isGradEnabled } from './grad-mode.js';

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
export function attachGrad(out: Tensor, node: GradNode): Tensor {
  if (isGradEnabled() && node.inputs.some((t) => t.requiresGrad)) {
    out.gradFn = node;
    out.requiresGrad = true;
  }
  return out;
}

/**
 * A GradNode whose backward first checks that none of `saved` was written in place since
 * the forward pass (their `version` moved), then calls `rule`. The check is PyTorch's:
 * a gradient computed from overwritten values would be silently wrong.
 */
export function gradNode(
  name: string,
  inputs: readonly Tensor[],
  rule: (gradOutput: Tensor) => Promise<(Tensor | null)[]> | (Tensor | null)[],
  saved: readonly Tensor[] = inputs,
): GradNode {
  const versions = saved.map((t) => t.version);
  return {
    name,
    inputs,
    backward(gradOutput: Tensor) {
      for (let k = 0; k < saved.length; k++) {
        const t = saved[k]!;
        if (t.version !== versions[k]) {
          throw new ValueError(
            `backward: a tensor ${name} saved for the gradient (${t.toString()}) was modified in place: ` +
              `it is at version ${t.version}, expected version ${versions[k]}; compute it anew or clone() it before writing`,
          );
        }
      }
      return rule(gradOutput);
    },
  };
}
