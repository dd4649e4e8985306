/**
 * Throws a ValueError when a column of `columns` holds NaN or an infinity. The message names
 * the solver (`where`), what returned it (`source`, e.g. 'the operator') and when (`when`,
 * e.g. 'at iteration 3').
 */
export declare function assertFiniteOutput(where: string, source: string, columns: readonly Float64Array[], when: string): void;
