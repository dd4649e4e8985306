import type { TopLevelSpec } from 'vega-lite';
import type { Tensor } from '../../src/index.js';
/**
 * Two panels: before (the shape x_i and the shuffled deformed copy y_j) and after (T(x_i) over
 * y_j), with one displacement x_i -> T(x_i) in `every` drawn as a grey segment.
 */
export declare function registrationFigureSpec(X: Tensor, Y: Tensor, mapped: Tensor, caption: {
    blur: number;
    meanError: number;
}, every?: number): TopLevelSpec;
