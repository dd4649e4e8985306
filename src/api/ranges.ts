// Block-sparse ranges as the API takes them (KeOps's 6-tuple); validated and converted for the
// engines by the plan layer.
export { blockSparsity, type RangesTuple } from '../plan/block-sparsity.js';
