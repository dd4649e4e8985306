import { MemoryLimitError } from '../errors.js';
/**
 * The most elements one array (a tensor's data, a reduction's output) may hold: 2^31 - 1.
 * Measured in Node 20.20 (V8 11.3, 64-bit): `new Uint8Array(2 ** 32 + 1)` and
 * `new Float64Array(2 ** 32 + 1)` throw "Invalid typed array length" before allocating
 * anything, while `new Float64Array(2 ** 31)` is accepted (V8's kMaxLength is 2^32 on 64-bit
 * builds; its source gives 32-bit builds 2^30 - 1, and newer versions allow more). 2^31 - 1
 * sits below the 64-bit limits, and is also the range of the int32 indices that argmin /
 * argKmin return and that the engine uses for offsets, so one constant serves both. Memory
 * the machine cannot give is another matter: allocationError() reports that.
 */
export declare const MAX_ARRAY_ELEMENTS: number;
/** The MemoryLimitError for `what` ("a tensor of shape [..]") of `elements` elements; `advice` says what to do instead. */
export declare function tooManyElements(where: string, what: string, elements: number, advice: string): MemoryLimitError;
/**
 * The error to throw for an allocation that failed with `e`: the runtime's RangeError (an
 * array longer than it allows, or more bytes than it can reserve: "Array buffer allocation
 * failed") becomes a MemoryLimitError naming the size; anything else is returned as it is.
 */
export declare function allocationError(e: unknown, where: string, what: string, bytes: number, advice: string): unknown;
