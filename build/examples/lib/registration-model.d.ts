import { type Tensor, type TransportPlan } from '../../src/index.js';
/** n points drawn uniformly inside the heart, rescaled to about [0.1, 0.9]^2, as rows [x, y]. */
export declare function heartPoints(n: number, seed?: number): number[][];
/**
 * The deformation: a stretch and shear (a symmetric positive definite matrix), a cubic bend of
 * each coordinate and a shift. It is the gradient of a convex function, so it is the optimal
 * transport map of the squared distance (Brenier): the plan at a small blur recovers it.
 */
export declare function deform([x, y]: number[]): number[];
export interface RegistrationData {
    /** The shape, Tensor [N, 2]. */
    X: Tensor;
    /** The deformed copy, in a shuffled order (the correspondence is not given), Tensor [N, 2]. */
    Y: Tensor;
    /** Where each point of X truly goes: deform(x_i), Tensor [N, 2]. */
    truth: Tensor;
}
/** The shape, its deformed copy (shuffled) and the ground truth, float32. */
export declare function registrationData(n: number, seed?: number): RegistrationData;
export interface Registration {
    ot: TransportPlan;
    /** T(x_i), Tensor [N, 2]. */
    mapped: Tensor;
    /** Mean of |T(x_i) - deform(x_i)| over the points. */
    meanError: number;
    seconds: number;
}
/** The transport plan between the shape and its copy, its map, and how far the map is from the truth. */
export declare function register(data: RegistrationData, blur: number, options?: {
    scaling?: number;
    tol?: number;
    maxIter?: number;
}): Promise<Registration>;
