import { Tensor } from '../tensor.js';
export type { Operand } from '../tensor.js';
/** The dtypes host arithmetic runs in. */
export type FloatDType = 'float32' | 'float64';
/** `x` as a float32/float64 Tensor, or a DTypeError naming `op` and `argName`. */
export declare function floatTensor(op: string, x: unknown, argName?: string): Tensor;
/** A 0-d tensor holding `value`. */
export declare function scalarTensor(value: number, dtype: FloatDType): Tensor;
/** Both operands as float tensors of one result dtype; numbers become 0-d tensors. */
export declare function binaryOperands(op: string, a: unknown, b: unknown): [Tensor, Tensor, FloatDType];
/** A possibly negative axis as an index in [0, ndim), or a ValueError naming `op`. */
export declare function normalizeAxis(op: string, axis: unknown, ndim: number, argName?: string): number;
/** Reduction axes, sorted and distinct; `undefined`/`null` means every axis. */
export declare function normalizeAxes(op: string, axis: unknown, ndim: number): number[];
