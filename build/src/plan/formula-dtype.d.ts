import type { Tensor } from '../tensor/tensor.js';
import type { FormulaNode } from '../formula/node.js';
import type { FloatDType } from '../tape/request.js';
/** Parameters made from plain numbers (Pm(0.5)) take the dtype of the formula they end up in. */
export declare const flexibleTensors: WeakSet<Tensor>;
/** The formula's dtype: that of its tensors (parameters given as numbers adapt); float64 when all adapt. */
export declare function formulaDType(vars: readonly FormulaNode[], where: string): FloatDType;
