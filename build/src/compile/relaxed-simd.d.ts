export type RelaxedSimdMode = 'auto' | 'never';
export declare const RELAXED_SIMD_MODES: readonly RelaxedSimdMode[];
/** Null when this runtime compiles relaxed SIMD instructions, else why not (checked once). */
export declare function relaxedSimdUnsupported(): string | null;
