/** Optimal transport and kernel losses between sampled measures (GeomLoss in TypeScript). */
export { samplesLoss, type SamplesLossFunction, type SamplesPotentialsFunction } from './samples-loss.js';
export type { SamplesLossOptions, ResolvedOptions, SinkhornProgress, LossName, OTBackend, CostOption, KernelOption } from './options.js';
export { epsilonSchedule, maxDiameter, dampening } from './epsilon-schedule.js';
export { imagesLoss, type ImagesLossFunction, type ImagesPotentialsFunction } from './images-loss.js';
export { imagesBarycenter } from './images-barycenter.js';
export type { ImagesLossOptions, ImagesBarycenterOptions, ImagesBarycenterProgress, ImagesBackend } from './images-options.js';
export { transportPlan, type TransportPlan, type TransportPlanOptions } from './transport-plan.js';
export { chooseOTBackend, type BackendChoice, type ConcreteBackend, type MeasuredCosts, type OTProblem, type TimingCurve } from './backend-choice.js';
