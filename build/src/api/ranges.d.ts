export { blockSparsity, type RangesTuple } from '../plan/block-sparsity.js';
