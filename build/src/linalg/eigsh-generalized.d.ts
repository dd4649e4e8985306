import { LinearOperator } from './linear-operator.js';
import type { EigshOptions, EigshResult } from './eigsh.js';
/** The generalised eigsh; `M` is options.M, checked by the caller to be a LinearOperator. */
export declare function generalizedEigsh(A: LinearOperator, options: EigshOptions): Promise<EigshResult>;
