/** Where a text comes from, for messages: the caller (`Genred`) and what the text is (`the formula`). */
export interface TextOrigin {
    /** The function and argument, as `Genred` or `samplesLoss: options.cost`. */
    readonly where: string;
    /** What the text is, as `the formula` or `aliases[2]`. */
    readonly label: string;
    readonly source: string;
}
/** `where: at column C of <label>: what`, then the source quoted with a caret under column C. */
export declare function messageAt(origin: TextOrigin, at: number, what: string): string;
/** A ValueError pointing at index `at` of the text. */
export declare function failAt(origin: TextOrigin, at: number, what: string): never;
/**
 * Runs `f` (which builds formula nodes); a ShapeError, DTypeError or ValueError it throws comes
 * out as the same class, its message placed at index `at` of the text, the original as its cause.
 */
export declare function attemptAt<T>(origin: TextOrigin, at: number, f: () => T): T;
