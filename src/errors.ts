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
export class LazyKernelError extends Error {
  /**
   * The name `e.name` reports, spelled out per class: minifiers rename classes ('ShapeError'
   * became 'F' in a minified app), and code that checks `e.name` must not change with them.
   * A subclass without its own errorName reports its class name.
   */
  static readonly errorName: string = 'LazyKernelError';

  constructor(message: string) {
    super(message);
    const ctor = new.target as typeof LazyKernelError;
    this.name = Object.prototype.hasOwnProperty.call(ctor, 'errorName') ? ctor.errorName : ctor.name;
  }
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
export class ShapeError extends LazyKernelError {
  static override readonly errorName = 'ShapeError';
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
export class DTypeError extends LazyKernelError {
  static override readonly errorName = 'DTypeError';
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
export class ValueError extends LazyKernelError {
  static override readonly errorName = 'ValueError';
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
export class BackendError extends LazyKernelError {
  static override readonly errorName: string = 'BackendError';
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
export class MemoryLimitError extends LazyKernelError {
  static override readonly errorName = 'MemoryLimitError';
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
export class AbortError extends LazyKernelError {
  static override readonly errorName = 'AbortError';
}

/** Describes a value briefly for error messages: its type, and its shape when it has one. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') return `the string '${value}'`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  const shape = (value as { shape?: unknown }).shape;
  if (Array.isArray(shape)) return `a ${(value as object).constructor.name} of shape [${shape.join(', ')}]`;
  return typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'object'}` : typeof value;
}

/** Throws a ValueError when an options object carries a key outside `allowed`. */
export function checkOptions(where: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${where}: options must be an object, received ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new ValueError(`${where}: unknown option '${key}'; expected one of ${allowed.map((k) => `'${k}'`).join(', ')}`);
    }
  }
}

/** Control characters shown as spaces, so that a quoted excerpt keeps its columns on one line. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

/** The window of a long source shown around index `at`: 100 characters, or all of a short one. */
function excerpt(source: string, at: number): { text: string; caret: number } {
  if (source.length <= 120) return { text: `'${printable(source)}'`, caret: 1 + at };
  const start = Math.max(0, Math.min(at - 50, source.length - 100));
  const end = Math.min(source.length, start + 100);
  const lead = start > 0 ? '...' : '';
  return {
    text: `'${lead}${printable(source.slice(start, end))}${end < source.length ? '...' : ''}' (characters ${start + 1}-${end} of ${source.length})`,
    caret: 1 + lead.length + at - start,
  };
}

/**
 * A source text (a formula, an expression) quoted for an error message: control characters
 * shown as spaces, long ones shortened (a message quoting megabytes is no help). With `at` (an
 * index in the source), the excerpt is the part around it, and a second line puts a caret
 * under that character; both lines are indented by `indent` spaces.
 */
export function quoteSource(source: string, at?: number, indent = 4): string {
  if (at === undefined) {
    return source.length <= 120 ? `'${printable(source)}'` : `'${printable(source.slice(0, 100))}...' (${source.length} characters)`;
  }
  const { text, caret } = excerpt(source, at);
  const pad = ' '.repeat(indent);
  return `${pad}${text}\n${pad}${' '.repeat(caret)}^`;
}

/** The excerpt of `source` around index `at` on one line, without the caret (for one-line messages). */
export function quoteSourceLine(source: string, at: number): string {
  return excerpt(source, at).text;
}
