/**
 * lazykernel: KeOps-style lazy kernel tensors for JavaScript.
 * Build formulas with Vi, Vj and Pm, reduce them over i or j without materialising the matrix.
 */
// Tensor's methods are registered before anything else runs (tensor/methods.ts).
import './tensor/methods.js';
export { Tensor, tensor, zeros } from './tensor/tensor.js';
export { LazyTensor } from './api/lazy-tensor.js';
export { Vi, Vj, Pm } from './api/variables.js';
export { parseExpression, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_DEPTH } from './api/expression.js';
export { Genred } from './api/genred.js';
export { MAX_FORMULA_DEPTH } from './formula/text/keops-parser.js';
export { configure, engineInfo, shutdown } from './api/engine.js';
export { LazyKernelError, ShapeError, DTypeError, ValueError, BackendError, AbortError, MemoryLimitError } from './errors.js';
export { ones } from './tensor/tensor.js';
export { noGrad, isGradEnabled } from './autograd/grad-mode.js';
export { SGD } from './optim/sgd.js';
export { Adam } from './optim/adam.js';
export { lbfgs } from './optim/lbfgs.js';
export { configureGpu, webgpuInfo, shutdownGpu } from './api/gpu-choice.js';
export { transportPlan } from './ot/index.js';
export { samplesLoss } from './ot/index.js';
export { imagesLoss, imagesBarycenter } from './ot/index.js';
export { LinearOperator, aslinearoperator, diags, identity } from './linalg/linear-operator.js';
export { bmat } from './linalg/block-operator.js';
export { eigsh } from './linalg/eigsh.js';
export { cg } from './linalg/cg.js';
export { minres } from './linalg/minres.js';
export { gmres } from './linalg/gmres.js';
export { bicgstab } from './linalg/bicgstab.js';
export { lobpcg } from './linalg/lobpcg.js';
export { svds } from './linalg/svds.js';
export { eigs } from './linalg/eigs.js';
export { kernelSolve } from './linalg/solve.js';
export { ConvergenceError } from './linalg/errors.js';
export { KernelRidge } from './models/kernel-ridge.js';
export { kernelRidgeValidationLoss } from './models/validation-loss.js';
export { gridCluster } from './cluster/grid-cluster.js';
export { clusterRanges, clusterRangesCentroids } from './cluster/cluster-ranges.js';
export { sortClusters } from './cluster/sort-clusters.js';
export { fromMatrix, swapAxes, validateRanges } from './cluster/block-ranges.js';
export { kmeans } from './cluster/kmeans.js';
