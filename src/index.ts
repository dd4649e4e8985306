/**
 * lazykernel: KeOps-style lazy kernel tensors for JavaScript.
 * Build formulas with Vi, Vj and Pm, reduce them over i or j without materialising the matrix.
 */
// Tensor's methods are registered before anything else runs (tensor/methods.ts).
import './tensor/methods.js';
export { Tensor, tensor, zeros, type DType, type TensorOptions } from './tensor/tensor.js';
export { LazyTensor, type LazyOperand } from './api/lazy-tensor.js';
export { Vi, Vj, Pm } from './api/variables.js';
export { parseExpression, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_DEPTH, type LazyExpression, type ExpressionReduction, type ExpressionReductionMethod, type ExpressionVariables } from './api/expression.js';
export { Genred, type GenredRoutine, type GenredOptions, type GenredReduction, type GenredResult, type GenredArgument } from './api/genred.js';
export { MAX_FORMULA_DEPTH } from './formula/text/keops-parser.js';
export type { ReduceOptions, LogSumExpOptions, SumOptions, SumScheme, Backend } from './api/reduce.js';
export type { ReductionCluster } from './api/cluster-option.js';
export { configure, engineInfo, shutdown, type ConfigureOptions, type EngineInfo, type WorkerMemoryMode } from './api/engine.js';
export type { RowLanesMode } from './engine/wasm-engine.js';
export type { CompileMode, CompilerReport, EngineTier } from './engine/compiled-tier.js';
export type { RelaxedSimdMode } from './compile/relaxed-simd.js';
export { LazyKernelError, ShapeError, DTypeError, ValueError, BackendError, AbortError, MemoryLimitError } from './errors.js';
export { ones, type NestedNumbers, type Operand } from './tensor/tensor.js';
export type { Axis, TensorReduceOptions } from './tensor/ops/reduce.js';
export { noGrad, isGradEnabled } from './autograd/grad-mode.js';
export type { GradNode } from './autograd/grad-node.js';
export type { BackwardOptions, Seed } from './autograd/backward.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export { lbfgs, type LbfgsOptions, type LbfgsResult, type LbfgsProgress } from './optim/lbfgs.js';
export { configureGpu, webgpuInfo, shutdownGpu, type ConfigureGpuOptions, type WebGpuInfo } from './api/gpu-choice.js';
// The structural WebGPU types configureGpu({ gpu }) accepts (navigator.gpu or a stand-in).
export type * from '../gpu/webgpu-types.js';
export { transportPlan, type TransportPlan, type TransportPlanOptions } from './ot/index.js';
export { samplesLoss, type SamplesLossFunction, type SamplesPotentialsFunction, type SamplesLossOptions, type SinkhornProgress, type LossName, type ResolvedOptions as SamplesLossResolvedOptions, type OTBackend, type CostOption, type KernelOption, type BackendChoice, type ConcreteBackend } from './ot/index.js';
export { imagesLoss, imagesBarycenter, type ImagesLossFunction, type ImagesPotentialsFunction, type ImagesLossOptions, type ImagesBarycenterOptions, type ImagesBarycenterProgress, type ImagesBackend } from './ot/index.js';
export { LinearOperator, type LinearOperatorSpec, type BlockApply, aslinearoperator, diags, identity, type AsLinearOperatorOptions, type MatvecObject, type ApplyOptions, type DiagonalOptions } from './linalg/linear-operator.js';
export { bmat } from './linalg/block-operator.js';
export { eigsh, type EigshOptions, type EigshResult, type EigshProgress, type EigshPartial, type Which, type InnerSolverOptions } from './linalg/eigsh.js';
export { cg, type CgOptions } from './linalg/cg.js';
export { minres, type MinresOptions } from './linalg/minres.js';
export { gmres, type GmresOptions } from './linalg/gmres.js';
export { bicgstab, type BicgstabOptions } from './linalg/bicgstab.js';
export { lobpcg, type LobpcgOptions, type LobpcgResult, type LobpcgProgress } from './linalg/lobpcg.js';
export { svds, type SvdsOptions, type SvdsResult } from './linalg/svds.js';
export { eigs, type EigsOptions, type EigsResult, type EigsProgress, type EigsPartial, type EigsWhich, type ComplexArray } from './linalg/eigs.js';
export { kernelSolve, type KernelSolveOptions } from './linalg/solve.js';
export type { SolveResult, SolveReason, SolverProgress, Preconditioner } from './linalg/columns.js';
export { ConvergenceError } from './linalg/errors.js';
export { KernelRidge, type KernelRidgeOptions, type KernelRidgeFitOptions, type KernelRidgePredictOptions } from './models/kernel-ridge.js';
export type { KernelName } from './models/kernel-functions.js';
export { kernelRidgeValidationLoss, type ValidationLossOptions } from './models/validation-loss.js';
export { gridCluster } from './cluster/grid-cluster.js';
export { clusterRanges, clusterRangesCentroids, type ClusterRangesCentroids, type ClusterRangesCentroidsOptions } from './cluster/cluster-ranges.js';
export { sortClusters, type SortedClusters } from './cluster/sort-clusters.js';
export { fromMatrix, swapAxes, validateRanges, type BlockRanges, type KeepMask } from './cluster/block-ranges.js';
export { kmeans, type KmeansOptions, type KmeansResult, type KmeansProgress } from './cluster/kmeans.js';
export type { DataArray } from './tensor/tensor.js';
export type { WasmSource } from './engine/wasm-engine.js';
export type { RangesTuple } from './api/ranges.js';
export type { FloatDType } from './tape/request.js';
export type { VectorLike } from './linalg/arrays.js';
