import { DTypeError, ShapeError, ValueError, quoteSource } from '../../errors.js';
/** `where: at column C of <label>: what`, then the source quoted with a caret under column C. */
export function messageAt(origin, at, what) {
    return `${origin.where}: at column ${at + 1} of ${origin.label}: ${what}\n${quoteSource(origin.source, at)}`;
}
/** Errors that already point into a text, so that an enclosing call does not wrap them again. */
const placed = new WeakSet();
/** A ValueError pointing at index `at` of the text. */
export function failAt(origin, at, what) {
    const e = new ValueError(messageAt(origin, at, what));
    placed.add(e);
    throw e;
}
/**
 * Runs `f` (which builds formula nodes); a ShapeError, DTypeError or ValueError it throws comes
 * out as the same class, its message placed at index `at` of the text, the original as its cause.
 */
export function attemptAt(origin, at, f) {
    try {
        return f();
    }
    catch (e) {
        let wrapped = null;
        if (!(e instanceof Error) || placed.has(e))
            throw e;
        if (e instanceof ShapeError)
            wrapped = new ShapeError(messageAt(origin, at, e.message));
        else if (e instanceof DTypeError)
            wrapped = new DTypeError(messageAt(origin, at, e.message));
        else if (e instanceof ValueError)
            wrapped = new ValueError(messageAt(origin, at, e.message));
        if (wrapped === null)
            throw e;
        wrapped.cause = e;
        placed.add(wrapped);
        throw wrapped;
    }
}
