import type { OpSpec } from '../op-spec.js';
/** Element-wise ops of two operands, each of dimension 1 or D. */
export declare const binaryOps: OpSpec[];
