import type { OpSpec } from '../op-spec.js';
/** Element-wise ops of three operands, each of dimension 1 or D. */
export declare const ternaryOps: OpSpec[];
