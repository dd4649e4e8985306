import { packColumns, unpackColumns } from './arrays.js';
import { assertFiniteOutput } from './finite-output.js';
/**
 * The vectors as they will be returned: rounded to `dtype`, since a float32 operator hands back
 * float32 eigenvectors and their residuals are the ones that count.
 */
export function roundToDType(columns, dtype) {
    return dtype === 'float32' ? columns.map((c) => Float64Array.from(Float32Array.from(c))) : columns.slice();
}
/**
 * ||A v_c - lambda_c v_c|| for each column v_c of `vectors`, with A applied once to the block.
 * Throws a ValueError naming `where` when A returns NaN or an infinity.
 */
export async function trueResiduals(where, A, vectors, values, signal) {
    const n = A.shape[0];
    const cols = vectors.length;
    const AV = unpackColumns(await A.apply(packColumns(vectors, n), cols, signal), n, cols);
    assertFiniteOutput(where, 'the operator', AV, 'in the check of the final residuals');
    return Float64Array.from(AV, (av, c) => {
        const v = vectors[c];
        const lambda = values[c];
        let s = 0;
        for (let i = 0; i < n; i++) {
            const r = av[i] - lambda * v[i];
            s += r * r;
        }
        return Math.sqrt(s);
    });
}
