/** Optimal transport and kernel losses between sampled measures (GeomLoss in TypeScript). */
export { samplesLoss, chooseBackend, type SamplesLossFunction, type SamplesPotentialsFunction } from './samples-loss.js';
export type { SamplesLossOptions, ResolvedOptions, SinkhornProgress, LossName, OTBackend, CostOption, KernelOption } from './options.js';
export { epsilonSchedule, maxDiameter, dampening } from './epsilon-schedule.js';
export { transportPlan, type TransportPlan, type TransportPlanOptions } from './transport-plan.js';
