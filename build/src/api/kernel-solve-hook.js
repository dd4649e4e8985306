import { BackendError } from '../errors.js';
let solver = null;
/** Called once by linalg/solve.ts as it loads. */
export function registerKernelSolve(solve) {
    solver = solve;
}
/** The registered kernelSolve (a BackendError if the linear algebra module was never loaded). */
export function kernelSolver() {
    if (!solver) {
        throw new BackendError("LazyTensor.solve: the linear algebra module (linalg/solve) was not loaded; import the package ('lazykernel'), which loads it, rather than its internal files");
    }
    return solver;
}
