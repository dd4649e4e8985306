/**
 * The check that stops a solver the moment an operator (or preconditioner) returns NaN or an
 * infinity: a Krylov method fed one NaN keeps iterating on NaNs until its iteration limit
 * (eigsh ran 500 restarts), and then blames convergence instead of the operator.
 */
import { ValueError } from '../errors.js';
/**
 * Throws a ValueError when a column of `columns` holds NaN or an infinity. The message names
 * the solver (`where`), what returned it (`source`, e.g. 'the operator') and when (`when`,
 * e.g. 'at iteration 3').
 */
export function assertFiniteOutput(where, source, columns, when) {
    for (let c = 0; c < columns.length; c++) {
        const col = columns[c];
        for (let i = 0; i < col.length; i++) {
            const x = col[i];
            // x - x is NaN exactly for NaN and the infinities: one subtraction, no call.
            if (x - x !== 0) {
                throw new ValueError(`${where}: ${source} returned ${x} (entry ${i} of ${columns.length > 1 ? `column ${c} of ` : ''}its output) ${when}; it must return finite values for finite input, so the solve stopped there`);
            }
        }
    }
}
