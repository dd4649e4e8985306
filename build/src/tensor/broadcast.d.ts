import { Tensor, type DataArray, type DType } from './tensor.js';
/** Number of elements of a shape. */
export declare function sizeOf(shape: readonly number[]): number;
/** `[a, b, c]` for error messages. */
export declare function formatShape(shape: readonly number[]): string;
/** The shape two operands broadcast to, or a ShapeError naming `op` and both shapes. */
export declare function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[];
/** Row-major strides of a contiguous array of `shape`. */
export declare function contiguousStrides(shape: readonly number[]): number[];
/** Strides that read a contiguous array of `shape` as if it had `outShape` (0 on broadcast axes). */
export declare function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[];
/** out[i] = f(a[i], b[i]) over `outShape`, reading `a` and `b` with broadcasting. */
export declare function mapBinary(a: Tensor, b: Tensor, outShape: readonly number[], dtype: DType, f: (x: number, y: number) => number): DataArray;
/** out[i] = f(x[i]) element-wise. */
export declare function mapUnary(x: Tensor, dtype: DType, f: (v: number) => number): DataArray;
/**
 * Copies the strided view (`offset`, `strides`, `shape`) of `src` into a new contiguous array:
 * transposes, slices and broadcasts are all this one loop.
 */
export declare function stridedCopy(src: DataArray, offset: number, strides: readonly number[], shape: readonly number[], dtype: DType): DataArray;
/** Writes the contiguous `src` into the strided view (`offset`, `strides`, `shape`) of `dst`. */
export declare function stridedAssign(dst: DataArray, offset: number, strides: readonly number[], shape: readonly number[], src: DataArray): void;
/** How `reduceToShape` combines the elements that land on one output. */
export type Combine = 'sum' | 'max' | 'min';
/**
 * Reduces `x` onto `keepShape` (same rank, 1 on every reduced axis), accumulating in float64
 * and rounding once into `dtype`. Max and min propagate NaN like numpy.
 */
export declare function reduceToShape(x: Tensor, keepShape: readonly number[], combine: Combine, dtype?: DType): DataArray;
/** `shape` left-padded with ones to `ndim` axes. */
export declare function padShape(shape: readonly number[], ndim: number): number[];
/**
 * The gradient of a broadcast: sums `grad` (of the broadcast shape) over the axes that
 * broadcasting added or stretched, giving a tensor of `shape`. Returns `grad` when nothing
 * was broadcast.
 */
export declare function sumToShape(grad: Tensor, shape: readonly number[]): Tensor;
/** A contiguous copy of `x` broadcast to `shape` (numpy's broadcast_to, materialised). */
export declare function broadcastTo(x: Tensor, shape: readonly number[]): Tensor;
