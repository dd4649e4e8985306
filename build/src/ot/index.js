/** Optimal transport and kernel losses between sampled measures (GeomLoss in TypeScript). */
export { samplesLoss, chooseBackend } from './samples-loss.js';
export { epsilonSchedule, maxDiameter, dampening } from './epsilon-schedule.js';
