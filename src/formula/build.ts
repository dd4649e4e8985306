import { FormulaNode, constNode } from './node.js';
import { registeredOpSpec } from './op-registry.js';

/**
 * Makes the node `op(args; attrs)`: checks dimensions (ShapeError naming the op) and folds
 * constants, so that formulas built from numbers alone become one Const.
 */
export function apply(op: string, args: readonly FormulaNode[], attrs: readonly number[] = []): FormulaNode {
  const spec = registeredOpSpec(op);
  const dim = spec.dim(args.map((a) => a.dim), attrs);
  if (dim === 1 && args.every((a) => a.op === 'Const')) {
    const out = new Float64Array(1);
    spec.ref(out, args.map((a) => Float64Array.of(a.attrs[0]!)), attrs);
    return constNode(out[0]!);
  }
  return new FormulaNode(op, args, attrs, dim);
}
