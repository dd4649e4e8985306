import { FormulaNode } from './node.js';
/**
 * Small constructors for writing formulas in code (derivative rules, losses): each is one
 * `apply` of the op table, with numbers promoted to constants and trivial cases folded.
 */
type F = FormulaNode;
type Arg = F | number;
export declare const cst: (value: number) => F;
export declare const add: (a: Arg, b: Arg) => F;
export declare const sub: (a: Arg, b: Arg) => F;
export declare const mul: (a: Arg, b: Arg) => F;
export declare const div: (a: Arg, b: Arg) => F;
export declare const neg: (a: Arg) => F;
export declare const unary: (op: string, a: Arg, attrs?: number[]) => F;
export declare const binary: (op: string, a: Arg, b: Arg) => F;
/** Sum of the components (dimension 1). */
export declare const sumv: (a: F) => F;
/** A dimension-1 formula repeated over `dim` components (the transpose of sumv). */
export declare const repeat: (a: Arg, dim: number) => F;
/** Zeros of dimension `dim`. */
export declare const zeros: (dim: number) => F;
/** Reduces a cotangent of dimension `outDim` to an argument of dimension `argDim` (1 when it broadcast). */
export declare const unbroadcast: (g: F, argDim: number) => F;
export declare const dot: (a: F, b: F) => F;
export declare const step: (a: Arg) => F;
export declare const concat: (a: F, b: F) => F;
export declare const extract: (a: F, start: number, len: number) => F;
export declare const matvec: (A: F, v: F) => F;
export declare const vecmat: (v: F, A: F) => F;
export declare const tensorprod: (a: F, b: F) => F;
/** g placed at components [start, start + g.dim) of a zero vector of dimension `dim`. */
export declare function embed(g: F, start: number, dim: number): F;
export {};
