import { ValueError } from '../errors.js';
import { isGradEnabled } from './grad-mode.js';
/**
 * Makes `node` the origin of `out` when grad mode is on and some input requires grad;
 * otherwise leaves `out` a plain tensor. Returns `out`.
 */
export function attachGrad(out, node) {
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
export function gradNode(name, inputs, rule, saved = inputs) {
    const versions = saved.map((t) => t.version);
    return {
        name,
        inputs,
        backward(gradOutput) {
            for (let k = 0; k < saved.length; k++) {
                const t = saved[k];
                if (t.version !== versions[k]) {
                    throw new ValueError(`backward: a tensor ${name} saved for the gradient (${t.toString()}) was modified in place: ` +
                        `it is at version ${t.version}, expected version ${versions[k]}; compute it anew or clone() it before writing`);
                }
            }
            return rule(gradOutput);
        },
    };
}
