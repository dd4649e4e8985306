import { unaryOps } from './ops/unary.js';
import { binaryOps } from './ops/binary.js';
import { ternaryOps } from './ops/ternary.js';
import { vectorOps } from './ops/vector.js';
import { tensorDotOp } from './ops/tensordot.js';
import { ValueError } from '../errors.js';
import { registerOpTable } from './op-registry.js';
/** Every formula operation, by IR name. Leaves ('Var', 'Const') are not ops. */
export const OP_TABLE = new Map([...unaryOps, ...binaryOps, ...ternaryOps, ...vectorOps, tensorDotOp].map((spec) => [spec.name, spec]));
/** The spec of an op, or a ValueError for an unknown name. */
export function opSpec(name) {
    const spec = OP_TABLE.get(name);
    if (!spec)
        throw new ValueError(`unknown formula op '${name}'`);
    return spec;
}
registerOpTable(opSpec);
