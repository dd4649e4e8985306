/**
 * Base class of every error lazykernel raises on purpose.
 *
 * @example
 * ```ts
 * import { tensor, LazyKernelError } from 'lazykernel';
 * let error;
 * try {
 *   tensor([1, 2, 3], [2, 2]);             // 3 numbers cannot fill a 2 x 2 tensor
 * } catch (e) {
 *   error = e;
 * }
 * console.log(error instanceof LazyKernelError); // => true
 * console.log((error as Error).name);            // => 'ShapeError'
 * ```
 */
export declare class LazyKernelError extends Error {
    /**
     * The name `e.name` reports, spelled out per class: minifiers rename classes ('ShapeError'
     * became 'F' in a minified app), and code that checks `e.name` must not change with them.
     * A subclass without its own errorName reports its class name.
     */
    static readonly errorName: string;
    constructor(message: string);
}
/**
 * Shapes or formula dimensions do not fit together.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, ShapeError } from 'lazykernel';
 * const x = Vi(tensor(new Float32Array(6), [2, 3]));
 * const y = Vj(tensor(new Float32Array(4), [2, 2]));
 * let error;
 * try {
 *   x.sqdist(y);                          // 3-D and 2-D points
 * } catch (e) {
 *   error = e;
 * }
 * console.log(error instanceof ShapeError); // => true
 * ```
 */
export declare class ShapeError extends LazyKernelError {
    static readonly errorName = "ShapeError";
}
/**
 * An array or tensor has the wrong element type, or operands mix float32 and float64.
 *
 * @example
 * ```ts
 * import { tensor, Vi, DTypeError } from 'lazykernel';
 * let error;
 * try {
 *   Vi(tensor(new Int32Array([1, 2]), [2, 1]));   // kernel variables are float32 or float64
 * } catch (e) {
 *   error = e;
 * }
 * console.log(error instanceof DTypeError); // => true
 * ```
 */
export declare class DTypeError extends LazyKernelError {
    static readonly errorName = "DTypeError";
}
/**
 * An argument has the right type and shape but a forbidden value (unknown option, axis out of range...).
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, ValueError } from 'lazykernel';
 * const X = tensor([0, 1], [2, 1]);
 * const error = await Vi(X).sqdist(Vj(X)).Kmin(0, 1).catch((e) => e);   // K must be a positive integer
 * console.log(error instanceof ValueError); // => true
 * ```
 */
export declare class ValueError extends LazyKernelError {
    static readonly errorName = "ValueError";
}
/**
 * A backend is missing, failed to start or failed during a call.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, webgpuInfo, BackendError } from 'lazykernel';
 * const X = tensor([0, 1], [2, 1]);
 * if (!(await webgpuInfo()).available) {          // Node without a WebGPU implementation
 *   const error = await Vi(X).sqdist(Vj(X)).sum(1, { backend: 'webgpu' }).catch((e) => e);
 *   console.log(error instanceof BackendError);   // => true
 * }
 * ```
 */
export declare class BackendError extends LazyKernelError {
    static readonly errorName: string;
}
/**
 * A request needs more memory than the engine or the runtime can hold (the wasm32 heap's
 * 4 GiB, the runtime's typed-array limit, int32 indices); raised before any work starts.
 *
 * @example
 * ```ts
 * import { zeros, MemoryLimitError } from 'lazykernel';
 * let error;
 * try {
 *   zeros([1e6, 1e6]);                    // 10^12 elements: refused before allocating
 * } catch (e) {
 *   error = e;
 * }
 * console.log(error instanceof MemoryLimitError); // => true
 * ```
 */
export declare class MemoryLimitError extends LazyKernelError {
    static readonly errorName = "MemoryLimitError";
}
/**
 * The caller's AbortSignal fired before the work finished.
 *
 * @example
 * ```ts
 * import { tensor, Vi, Vj, AbortError } from 'lazykernel';
 * const X = tensor([0, 1], [2, 1]);
 * const controller = new AbortController();
 * controller.abort();
 * const error = await Vi(X).sqdist(Vj(X)).sum(1, { signal: controller.signal }).catch((e) => e);
 * console.log(error instanceof AbortError); // => true
 * ```
 */
export declare class AbortError extends LazyKernelError {
    static readonly errorName = "AbortError";
}
/** Describes a value briefly for error messages: its type, and its shape when it has one. */
export declare function describe(value: unknown): string;
/** Throws a ValueError when an options object carries a key outside `allowed`. */
export declare function checkOptions(where: string, options: unknown, allowed: readonly string[]): void;
/**
 * A source text (a formula, an expression) quoted for an error message: control characters
 * shown as spaces, long ones shortened (a message quoting megabytes is no help). With `at` (an
 * index in the source), the excerpt is the part around it, and a second line puts a caret
 * under that character; both lines are indented by `indent` spaces.
 */
export declare function quoteSource(source: string, at?: number, indent?: number): string;
/** The excerpt of `source` around index `at` on one line, without the caret (for one-line messages). */
export declare function quoteSourceLine(source: string, at: number): string;
