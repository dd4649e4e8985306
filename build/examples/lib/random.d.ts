export interface Generator {
    /** Uniform in [0, 1). */
    uniform(): number;
    /** Standard normal (Box-Muller). */
    normal(): number;
}
/** mulberry32 for the uniforms, Box-Muller for the normals. */
export declare function generator(seed: number): Generator;
