import type { OpSpec } from './op-spec.js';
/** Every formula operation, by IR name. Leaves ('Var', 'Const') are not ops. */
export declare const OP_TABLE: ReadonlyMap<string, OpSpec>;
/** The spec of an op, or a ValueError for an unknown name. */
export declare function opSpec(name: string): OpSpec;
