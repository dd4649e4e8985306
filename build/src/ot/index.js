/** Optimal transport and kernel losses between sampled measures (GeomLoss in TypeScript). */
export { samplesLoss } from './samples-loss.js';
export { epsilonSchedule, maxDiameter, dampening } from './epsilon-schedule.js';
export { imagesLoss } from './images-loss.js';
export { imagesBarycenter } from './images-barycenter.js';
export { transportPlan } from './transport-plan.js';
export { chooseOTBackend } from './backend-choice.js';
