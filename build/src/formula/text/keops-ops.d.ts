import type { OpSpec } from '../op-spec.js';
/** The op a unary minus stands for (KeOps's `__neg__`). */
export declare const NEGATION_OP = "Minus";
/**
 * Infix symbol -> op name, from the printer: every two-argument op whose print function writes
 * `(a SYMBOL b)`.
 */
export declare function infixOps(): ReadonlyMap<string, string>;
/** The op a call `name(...)` stands for, or undefined. */
export declare function opNamed(name: string): OpSpec | undefined;
/** Every op name a formula may call. */
export declare function opNames(): string[];
/** How an op is called, for messages: `Pow(formula, integer)`. */
export declare function opUsage(spec: OpSpec): string;
