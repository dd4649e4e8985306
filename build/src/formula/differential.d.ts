import type { FormulaNode } from './node.js';
/**
 * KeOps's Grad(F, v, e): for each pair (i, j), (dF_ij/dv)^T e_ij, a formula of v's dimension.
 * `e` has F's dimension; a constant (a number given by the user) is repeated up to it.
 */
export declare function gradOf(F: FormulaNode, v: FormulaNode, e: FormulaNode, where?: string): FormulaNode;
/** KeOps's Divergence(F, v): sum_k dF_k/dv_k, for F and v of the same dimension. */
export declare function divergenceOf(F: FormulaNode, v: FormulaNode, where?: string): FormulaNode;
/** KeOps's Laplacian(F, v): sum_k d^2F/dv_k^2, for a scalar F (the divergence of its gradient). */
export declare function laplacianOf(F: FormulaNode, v: FormulaNode, where?: string): FormulaNode;
