import type { OpSpec } from '../op-spec.js';
/** Ops that mix the components of vectors. */
export declare const vectorOps: OpSpec[];
